"""A macro workbook written by XlsxWriter (chart, image, sparkline, x14 data bar, comment, form
button, VBA) as a `generate` template: every workbook keeps all of them, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from addin.api import generate
from tests.xlsxwriter_template import HEADERS, kept, macro_workbook

pytest.importorskip("xlsxwriter")


def test_every_workbook_generated_from_an_xlsxwriter_macro_template_keeps_its_artefacts(
    tmp_path: Path,
) -> None:
    template = macro_workbook(tmp_path / "macro.xlsm")
    rows = [
        ["C1", "Acme", "张伟", "North", "Wuhan", "customer", 900.0, "", "", "a"],
        ["C2", "Bolt", "张伟", "North", "Wuhan", "prospect", None, "Short term", "", "=1+1"],
        ["C3", "Crest", "Smith", "South", "Xi'an", "customer", 30.0, "", "", ""],
    ]
    source = tmp_path / "export.csv"
    pd.DataFrame(rows, columns=HEADERS).to_csv(source, index=False)

    outcomes, _ = generate(source, tmp_path / "out", template=template)

    assert [(o.file, o.ok) for o in outcomes] == [("Smith.xlsm", True), ("张伟.xlsm", True)]
    for outcome in outcomes:
        written = (tmp_path / "out" / outcome.file).read_bytes()
        assert kept(template.read_bytes(), written) == dict.fromkeys(
            ["chart", "image", "sparkline", "data bar", "comment", "button", "VBA"], True
        )
    sheet = CalamineWorkbook.from_path(tmp_path / "out" / "张伟.xlsm").get_sheet_by_name(
        "Customers"
    )
    body = sheet.to_python()
    assert [r[0] for r in body[1:3]] == ["C1", "C2"] and body[2][9] == "=1+1"  # text, not a formula
