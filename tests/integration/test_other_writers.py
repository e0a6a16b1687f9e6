"""Refresh on workbooks Excel saved, spelled as other writers spell the same XML: the class
column lands in SpreadsheetML (openpyxl and calamine read it), nothing of the file breaks."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine as calamine

from addin.adapters.package import PackageBook
from addin.api import refresh_file
from tests.libreoffice import Rendered, render
from tests.real_files import (
    MAIN,
    excel_customers,
    parts_of,
    pretty,
    respelled,
    single_quoted,
    x_prefixed,
    zipped,
)

CLASSES = ["A", "B", "C", "C", "A", "C", "B", "C", "C", "C"]
SPELLINGS = {
    "excel": None,
    "x_prefix": x_prefixed,
    "single_quotes": single_quoted,
    "pretty": pretty,
}


def spelled(tmp_path: Path, name: str) -> Path:
    data = excel_customers()
    spell = SPELLINGS[name]
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(data if spell is None else respelled(data, spell))
    return path


def classes_read_by_openpyxl(path: Path) -> list[object]:
    ws = openpyxl.load_workbook(path).active
    assert ws["G3"].value == "Class"
    return [ws.cell(r, 7).value for r in range(4, 14)]


def classes_read_by_calamine(path: Path) -> list[object]:
    rows = calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [row[6] for row in rows[3:13]]


@pytest.mark.parametrize("name", list(SPELLINGS))
def test_refresh_puts_the_classes_where_every_reader_sees_them_whatever_the_spelling(
    tmp_path, name
):
    path = spelled(tmp_path, name)

    refresh_file(path)

    assert classes_read_by_openpyxl(path) == CLASSES
    assert classes_read_by_calamine(path) == CLASSES


def test_an_x_prefixed_sheet_gets_its_new_cells_in_the_x_prefix(tmp_path):
    path = spelled(tmp_path, "x_prefix")

    refresh_file(path)

    sheet = parts_of(path.read_bytes())["xl/worksheets/sheet1.xml"]
    assert b'<x:c r="G4" s="' in sheet and b"<c " not in sheet and b"<row" not in sheet


def test_single_quoted_references_are_never_given_a_second_r(tmp_path):
    path = spelled(tmp_path, "single_quotes")

    refresh_file(path)

    sheet = parts_of(path.read_bytes())["xl/worksheets/sheet1.xml"].decode()
    assert "r='C4'" in sheet and sheet.count('r="C4"') == 0
    assert sheet.count(" r=") == sheet.count("<c ") + sheet.count("<row ")


def test_a_prefixed_styles_part_gets_the_class_colours(tmp_path):
    path = spelled(tmp_path, "x_prefix")
    assert parts_of(path.read_bytes())["xl/styles.xml"].count(b"<x:") > 3

    refresh_file(path)

    ws = openpyxl.load_workbook(path).active
    assert ws["G4"].fill.fgColor.rgb.endswith("2F75B5") and ws["G4"].font.color.rgb.endswith(
        "FFFFFF"
    )


@pytest.mark.parametrize("name", list(SPELLINGS))
def test_parts_refresh_has_no_reason_to_touch_stay_byte_for_byte(tmp_path, name):
    path = spelled(tmp_path, name)
    before = parts_of(path.read_bytes())

    refresh_file(path)

    after = parts_of(path.read_bytes())
    touched = {"xl/worksheets/sheet1.xml", "xl/tables/table1.xml", "xl/styles.xml"}
    assert {n for n in before if before[n] != after.get(n)} == touched
    assert set(after) == set(before)


def with_pieces_format(data: bytes) -> bytes:
    """The sales column formatted `0 "pcs"` (a custom format with quotes in it)."""
    parts = parts_of(data)
    styles = parts["xl/styles.xml"].decode()
    styles = styles.replace(
        "<fonts",
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0 &quot;pcs&quot;"/>'
        "</numFmts><fonts",
        1,
    )
    at = styles.index("</cellXfs>")
    styles = (
        styles[:at]
        + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        + styles[at:]
    )
    count = styles.count("<xf ") - styles[: styles.index("<cellXfs")].count("<xf ")
    parts["xl/styles.xml"] = styles.replace(
        styles[styles.index("<cellXfs") : styles.index(">", styles.index("<cellXfs")) + 1],
        f'<cellXfs count="{count}">',
    ).encode()
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for row in range(4, 14):
        sheet = sheet.replace(f'<c r="E{row}">', f'<c r="E{row}" s="{count - 1}">')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    return zipped(parts)


def test_a_number_format_with_quotes_is_neither_duplicated_nor_taken_for_a_date():
    import datetime as dt

    book = PackageBook.from_bytes(with_pieces_format(excel_customers()), "pcs.xlsx")
    book.write_column("Customers", "Annual sales", [dt.date(2024, 3, 5)] + [1.0] * 9)
    book.write_report("Pieces", report_with_format('0 "pcs"'))

    data = book.to_bytes()
    styles = parts_of(data)["xl/styles.xml"].decode()
    assert styles.count("formatCode=") == 1  # the report reuses the file's 0 "pcs"
    assert 'formatCode="0 &quot;pcs&quot;"' in styles
    rows = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    assert rows.to_python()[3][4] == dt.date(2024, 3, 5)  # a date, shown as one
    report = openpyxl.load_workbook(io.BytesIO(data))["Pieces"]
    assert report["A2"].number_format == '0 "pcs"'


def report_with_format(code: str):
    from addin.domain.report import Report

    return Report(rows=[["Count"], [3]], formats={0: code})


def test_a_sheet_whose_rows_live_under_two_prefixes_gets_cells_in_each_rows_own(tmp_path):
    data = excel_customers()
    parts = parts_of(data)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('<row r="4"', f'<y:row xmlns:y="{MAIN}" r="4"', 1)
    end = sheet.index("</row>", sheet.index("<y:row"))
    sheet = sheet[:end] + "</y:row>" + sheet[end + len("</row>") :]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    path = tmp_path / "mixed.xlsx"
    path.write_bytes(zipped(parts))

    refresh_file(path)

    assert classes_read_by_openpyxl(path) == CLASSES
    written = parts_of(path.read_bytes())["xl/worksheets/sheet1.xml"].decode()
    assert '<y:c r="G4"' in written


def test_the_excel_file_keeps_its_hyperlink_and_reads_in_libreoffice_like_in_openpyxl(tmp_path):
    path = spelled(tmp_path, "x_prefix")
    refresh_file(path)
    with zipfile.ZipFile(path) as archive:
        assert "xl/worksheets/_rels/sheet1.xml.rels" in archive.namelist()
    assert classes_read_by_openpyxl(path) == CLASSES


def spelled_and_refreshed(name: str, folder: Path) -> Path:
    path = spelled(folder, name)
    refresh_file(path)
    return path


for _name in ("x_prefix", "single_quotes"):
    render(f"respelled_{_name}", functools.partial(spelled_and_refreshed, _name), "xlsx")


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["x_prefix", "single_quotes"])
def test_libreoffice_sees_the_class_column_of_a_respelled_workbook(rendered: Rendered, name):
    resaved = rendered.xlsx(f"respelled_{name}")
    assert classes_read_by_calamine(resaved) == CLASSES
