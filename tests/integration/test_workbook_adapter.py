"""The openpyxl adapter on real workbooks: what it must never break in a user's file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from addin.domain.errors import InputFileError, SchemaError
from addin.services import classify_workbook
from addin.workbook.atomic import save_workbook
from tests.reference.openpyxl_book import OpenpyxlBook, cell_value
from tests.workbooks import customers_book


def test_a_note_beside_the_table_is_never_overwritten_by_the_class_column():
    wb = customers_book([["C1", "Acme", 10.0], ["C2", "Bolt", 5.0]])
    wb.active["D2"] = "keep me"
    with pytest.raises(SchemaError, match=r"D2 holds 'keep me'"):
        classify_workbook(OpenpyxlBook(wb, "rep.xlsx"))
    assert wb.active["D2"].value == "keep me"
    assert wb.active["D1"].value is None


def test_a_total_row_is_not_read_as_a_customer():
    wb = customers_book([["C1", "Acme", 10.0], ["C2", "Bolt", 5.0], ["Total", None, 15.0]], True)
    report = classify_workbook(OpenpyxlBook(wb, "rep.xlsx"))
    assert report.classified == 2


def test_control_characters_are_dropped_rather_than_breaking_the_save(tmp_path: Path):
    assert cell_value("Bell\x07Co") == "BellCo"
    wb = customers_book([["C1", "placeholder", 10.0]])
    wb.active["B2"] = cell_value("Bell\x07Co")
    assert openpyxl.load_workbook(save_workbook(wb, tmp_path / "x.xlsx")).active["B2"].value == (
        "BellCo"
    )


def test_an_existing_folder_is_not_taken_for_the_output_file(tmp_path: Path):
    with pytest.raises(InputFileError, match="is a folder"):
        save_workbook(customers_book([]), tmp_path)
