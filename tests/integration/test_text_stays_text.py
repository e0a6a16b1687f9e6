"""Text that custdev writes with openpyxl (the template, its Settings sheet) stays text, whatever it
starts with: a Settings value of '=cmd|...' must never become a formula or a DDE link."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from addin.domain.errors import SettingsError
from addin.domain.settings import Settings
from addin.workbook.atomic import save_workbook
from addin.workbook.template import build_template
from tests.formula_scan import PAYLOADS, links, unexpected_formulas
from tests.libreoffice import Rendered, render

PLAIN = Settings(stage_closed_en="Plain name", stage_potential_zh="Plain name")
"""The same settings with a harmless name: the formulas (their string literals emptied) the
template may hold; a payload's name only ever adds to the literals."""


@pytest.fixture(scope="module", params=["en", "zh"])
def plain_template(request: pytest.FixtureRequest, tmp_path_factory) -> tuple[str, Path]:
    lang = str(request.param)
    path = tmp_path_factory.mktemp("plain") / f"customers_{lang}.xlsx"
    return lang, save_workbook(build_template(lang, PLAIN), path, stamp=False)


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_a_settings_value_that_looks_like_a_formula_is_written_as_text(
    payload: str, plain_template: tuple[str, Path], tmp_path: Path
) -> None:
    lang, plain = plain_template
    if "," in payload or '"' in payload:  # they would break the drop-down list of stages
        with pytest.raises(SettingsError, match="stage name"):
            Settings(stage_closed_en=payload)
        return
    settings = Settings(stage_closed_en=payload, stage_potential_zh=payload)
    path = save_workbook(build_template(lang, settings), tmp_path / "t.xlsx", stamp=False)

    assert unexpected_formulas(path, plain) == []
    assert links(path) == []
    ws = openpyxl.load_workbook(path)["Settings" if lang == "en" else "设置"]
    values = {row[0].value: row[2] for row in ws.iter_rows(min_row=2)}
    for key in ("stage_closed_en", "stage_potential_zh"):
        assert values[key].value == payload and values[key].data_type == "s"


def test_text_that_openpyxl_would_take_for_an_error_value_stays_text(tmp_path: Path) -> None:
    settings = Settings(stage_closed_en="#N/A", stage_short_term_zh="#DIV/0!")

    path = save_workbook(build_template("en", settings), tmp_path / "t.xlsx", stamp=False)

    ws = openpyxl.load_workbook(path)["Settings"]
    values = {row[0].value: row[2] for row in ws.iter_rows(min_row=2)}
    assert values["stage_closed_en"].data_type == "s"
    assert values["stage_short_term_zh"].value == "#DIV/0!"


def test_the_scan_finds_a_data_born_formula_even_beside_the_templates_own(tmp_path: Path) -> None:
    """The injection tests mean something only if the scanner sees a formula where the clean
    twin has text, also on the Dashboard, next to the ABC formulas it must allow."""
    clean = save_workbook(build_template("en"), tmp_path / "clean.xlsx", stamp=False)
    wb = build_template("en")
    wb["Dashboard"]["B2"] = "=1+1"  # openpyxl's own rule: a str with '=' is a formula
    wb["Dashboard"]["B5"] = "=COUNTIF(Customers!$Y:$Y,A6)"  # a template cell, changed code
    dirty = save_workbook(wb, tmp_path / "dirty.xlsx", stamp=False)

    found = unexpected_formulas(dirty, clean)

    assert ("Dashboard", "cell B2", "1+1") in found
    assert ("Dashboard", "cell B5", "COUNTIF(Customers!$Y:$Y,A6)") in found
    assert unexpected_formulas(clean, clean) == []


def classified_with_formula_settings(folder: Path) -> Path:
    """A workbook whose Settings values look like formulas, classified by custdev."""
    from openpyxl.worksheet.table import Table

    from addin.api import classify_file
    from tests.workbooks import customers_book

    wb = customers_book([["C1", "Acme", 100], ["C2", "Bolt", 5]])
    ws = wb.create_sheet("Settings")
    for row in [["Key", "Value"], *FORMULA_SETTINGS.items()]:
        ws.append(row)
        ws.cell(ws.max_row, 2).data_type = "s"
    ws.add_table(Table(displayName="Settings", ref="A1:B3"))
    wb.save(folder / "in.xlsx")
    return classify_file(folder / "in.xlsx", folder / "out.xlsx")[1]


FORMULA_SETTINGS = {"stage_closed_en": "=1+1", "stage_potential_en": "=cmd|' /C calc'!A0"}
render("settings_formula_text", classified_with_formula_settings, "xlsx")


@pytest.mark.libreoffice
def test_libreoffice_shows_a_settings_formula_as_the_text_it_is(rendered: Rendered) -> None:
    """LibreOffice computes a formula when it opens a file ('=1+1' shows 2) and keeps text as
    text: re-saved by it, the Settings values of a classified workbook read as typed."""
    resaved = rendered.xlsx("settings_formula_text")

    settings = openpyxl.load_workbook(resaved, data_only=True)["Settings"]
    values = {row[0].value: row[2].value for row in settings.iter_rows(min_row=2)}
    assert {key: values[key] for key in FORMULA_SETTINGS} == FORMULA_SETTINGS
