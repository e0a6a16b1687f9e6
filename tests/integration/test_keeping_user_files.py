"""Refresh and generate on a user's own macro workbook: every artefact openpyxl would lose survives.

The fixture (tests/user_template.py) holds a chart, an image, a sparkline, an x14 data bar, a
cross-sheet list validation, a formatted comment, a form button bound to a macro, VBA, sheet
protection and a defined name. Parts we do not compute must come out byte for byte.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from addin.api import generate, read_customers, refresh_file
from addin.domain.abc_analysis import classify_abc
from tests.libreoffice import Rendered, render
from tests.user_template import ARTEFACTS, HEADERS, INJECTIONS, ROWS, user_template

COMPUTED = {"xl/worksheets/sheet1.xml", "xl/tables/table1.xml", "xl/styles.xml"}
"""The parts the add-in rewrites: the Customers sheet's rows, its table, appended cell formats."""


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def outside_rows(sheet: bytes) -> str:
    """A worksheet without its rows and its used range: what must never change."""
    xml = sheet.decode()
    xml = re.sub(r"<sheetData>.*</sheetData>|<sheetData\s*/>", "", xml, flags=re.S)
    return re.sub(r"<dimension [^>]*>", "", xml)


def customers_of(path: Path) -> pd.DataFrame:
    with warnings.catch_warnings():  # openpyxl warns that it cannot read the x14 extensions
        warnings.simplefilter("ignore")
        ws = load_workbook(path)["Customers"]
    header, *body = ws[ws.tables["Customers"].ref]
    return pd.DataFrame([[c.value for c in r] for r in body], columns=[c.value for c in header])


def expected_classes(frame: pd.DataFrame) -> list[object]:
    sales = frame.rename(columns={"Annual sales": "annual_sales"})
    classes = classify_abc(sales.assign(kind="customer")).classes
    return [None if pd.isna(c) else c for c in classes]


def assert_kept(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    assert set(after) == set(before)
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= COMPUTED
    sheet = "xl/worksheets/sheet1.xml"
    assert outside_rows(after[sheet]) == outside_rows(before[sheet])
    for part, proofs in ARTEFACTS.items():
        for proof in proofs:
            assert proof in after[part].decode(), (part, proof)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return user_template(tmp_path / "manager.xlsm")


# --- refresh ------------------------------------------------------------------------------


def test_refresh_keeps_every_part_it_does_not_compute_byte_for_byte(workbook):
    before = parts(workbook)

    refresh_file(workbook)

    assert_kept(before, parts(workbook))


def test_refresh_appends_the_class_column_with_the_right_classes(workbook):
    refresh_file(workbook)

    frame = customers_of(workbook)
    assert list(frame.columns) == [*HEADERS, "Class"]
    assert list(frame["Class"]) == expected_classes(frame)


def test_refresh_leaves_the_users_own_cells_alone(workbook):
    before = customers_of(workbook)

    refresh_file(workbook)

    assert customers_of(workbook)[HEADERS].equals(before)


def test_refreshing_twice_gives_the_same_file(workbook):
    refresh_file(workbook)
    once = workbook.read_bytes()
    refresh_file(workbook)
    assert workbook.read_bytes() == once


def refreshed(folder: Path) -> Path:
    workbook = user_template(folder / "manager.xlsm")
    refresh_file(workbook)
    return workbook


render("user_workbook_refreshed", refreshed, "xlsx")


@pytest.mark.libreoffice
def test_the_refreshed_workbook_opens_in_libreoffice_with_its_classes(rendered: Rendered):
    converted = rendered.xlsx("user_workbook_refreshed")

    frame = customers_of(converted)
    assert list(frame["Class"]) == expected_classes(frame)


# --- generate -----------------------------------------------------------------------------


def generate_from(source: Path, folder: Path) -> Path:
    """The workbooks generated from the manager's own workbook `source` (read, never written)
    with a user's template; the folder holding them."""
    template = user_template(folder / "template.xlsm", rows=[["T1", "sample", "", 1, ""]])
    outcomes, _ = generate(source, folder / "out", template=template)
    assert all(o.ok for o in outcomes), outcomes
    return folder / "out"


render(
    "user_workbook_generated",
    lambda folder: generate_from(user_template(folder / "manager.xlsm"), folder) / "张伟.xlsm",
    "xlsx",
)


@pytest.fixture
def generated(workbook: Path, tmp_path: Path) -> Path:
    return generate_from(workbook, tmp_path)


def test_each_generated_workbook_keeps_the_template_byte_for_byte_outside_the_table(
    generated, tmp_path
):
    template = parts(tmp_path / "template.xlsm")
    books = sorted(generated.glob("*.xlsm"))

    assert len(books) == 4
    for book in books:
        assert_kept(template, parts(book))


def test_a_generated_workbook_holds_its_reps_customers_classified(generated, tmp_path):
    frame = customers_of(generated / "李娜.xlsm")

    assert list(frame["Customer ID"]) == ["C3", "C4", "C7"]
    assert list(frame["Class"]) == expected_classes(frame)


def test_text_that_looks_like_a_formula_is_written_as_text(generated, workbook):
    for book in generated.glob("*.xlsm"):
        with zipfile.ZipFile(book) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet and "<f " not in sheet
    memos = [v for b in generated.glob("*.xlsm") for v in customers_of(b)["Memo"]]
    assert sorted(memos) == sorted(read_customers(workbook).frame["Memo"])
    assert len(memos) == len(INJECTIONS)


@pytest.mark.libreoffice
def test_a_generated_workbook_opens_in_libreoffice(rendered: Rendered):
    converted = rendered.xlsx("user_workbook_generated")

    frame = customers_of(converted)
    assert list(frame["Customer ID"]) == ["C1", "C2"]
    assert list(frame["Class"]) == expected_classes(frame)


def test_the_input_is_read_not_changed(workbook, tmp_path):
    before = workbook.read_bytes()
    template = user_template(tmp_path / "template.xlsm", rows=[["T1", "sample", "", 1, ""]])
    generate(workbook, tmp_path / "out", template=template)
    assert workbook.read_bytes() == before
    assert read_customers(workbook).frame["customer_id"].tolist() == [r[0] for r in ROWS]
