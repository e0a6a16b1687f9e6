"""Rows a save adds past a sheet's last row: rendered a column at a time and streamed, yet
written exactly as the one-cell writer writes them and checked before writing all the same."""

from __future__ import annotations

import io
import math
import re

import pandas as pd
import pytest
import python_calamine as calamine

from addin.adapters.package import PackageBook, appended, book_parts, verify
from addin.adapters.package.sheet import SheetEditor
from addin.domain.errors import WriteCheckError
from tests.real_files import excel_customers, parts_of, respelled, x_prefixed, zipped

SHEET = "xl/worksheets/sheet1.xml"
TRICKY = [
    "A & B",
    "<b>bold</b>",
    " leading",
    "trailing ",
    "_x0041_",
    "=1+1",
    '=HYPERLINK("http://example.com")',
    "@SUM(A1)",
    "-2",
    "+3",
    "\tTab",
    "CR\rhere",
    "Line\nbreak",
    "x\x01y",
    "中文客户",
    'say "hi"',
    "",
]


def customers(count: int, tricky: bool = True) -> pd.DataFrame:
    """`count` customers; with `tricky`, names to escape and values of every kind."""
    names = [f"Customer {i}" for i in range(count)]
    sales: list[object] = [float(i) * 1.5 for i in range(count)]
    kinds: list[object] = ["customer"] * count
    if tricky:  # in the first half: the blocks after it take the one-pass paths
        for i in range(0, count // 2, 3):
            names[i] = TRICKY[(i // 3) % len(TRICKY)]
        for i, value in zip(range(1, count, 5), [math.nan, math.inf, 7, True, None], strict=False):
            sales[i] = value
        for i in range(2, count // 2, 4):
            kinds[i] = [None, pd.NA, pd.Timestamp("2026-03-04"), "prospect"][(i // 4) % 4]
    return pd.DataFrame(
        {"Customer ID": [f"C{i}" for i in range(count)], "Name": names},
    ).assign(**{"Annual sales": sales, "Kind": kinds})


def written(data: bytes, frame: pd.DataFrame, classes: bool = False) -> bytes:
    """The workbook with `frame` in its Customers table (and, with `classes`, a class column
    with fills: a blank class without one in every seventh row)."""
    book = PackageBook.from_bytes(data, "book.xlsx")
    book.write_table("Customers", frame)
    if classes:
        values = [None if i % 7 == 0 else "ABC"[i % 3] for i in range(len(frame))]
        fills = [
            None if v is None else {"A": "FF0000", "B": "00FF00", "C": None}[v] for v in values
        ]
        book.write_column("Customers", "Class", values)
        book.set_fills("Customers", "Class", fills)
    return book.to_bytes()


@pytest.mark.parametrize("spelling", ["default namespace", "x: prefix"])
def test_appended_rows_are_the_bytes_the_one_cell_writer_makes(monkeypatch, spelling):
    data = excel_customers()
    if spelling == "x: prefix":
        data = respelled(data, x_prefixed)
    frame = customers(80)
    monkeypatch.setattr(appended, "BLOCK_ROWS", 7)  # many blocks, one ending mid-table
    monkeypatch.setattr(book_parts, "WINDOW_BYTES", 900)  # read back in many windows
    streamed = parts_of(written(data, frame, classes=True))
    monkeypatch.setattr(SheetEditor, "last_row", lambda self: 10**9)  # every row one by one
    one_by_one = parts_of(written(data, frame, classes=True))

    assert streamed[SHEET] == one_by_one[SHEET]
    assert streamed["xl/styles.xml"] == one_by_one["xl/styles.xml"]
    assert b"<f>" not in streamed[SHEET] and b"<x:f>" not in streamed[SHEET]


def test_rows_streamed_into_a_sheet_written_empty_open_it_and_read_back(monkeypatch):
    parts = parts_of(excel_customers())
    parts[SHEET] = re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData/>", parts[SHEET], flags=re.S)
    data, frame = zipped(parts), customers(40)
    monkeypatch.setattr(appended, "BLOCK_ROWS", 9)
    streamed = parts_of(written(data, frame))
    monkeypatch.setattr(SheetEditor, "last_row", lambda self: 10**9)
    assert streamed[SHEET] == parts_of(written(data, frame))[SHEET]
    assert b"<sheetData><row " in streamed[SHEET] and b'<row r="43">' in streamed[SHEET]


def test_a_fill_on_new_rows_whose_value_was_never_written_makes_blank_coloured_cells(monkeypatch):
    # As classify does for prospects: the Stage column of the frame is empty (no values past
    # the sheet's rows), then its new rows get fills.
    frame = customers(30, tricky=False).assign(Stage=None)
    fills = ["FFFF00" if i % 3 == 0 else None for i in range(len(frame))]
    streamed: dict[str, bytes] = {}
    for block_rows in (appended.BLOCK_ROWS, 7):
        monkeypatch.setattr(appended, "BLOCK_ROWS", block_rows)
        book = PackageBook.from_bytes(excel_customers(), "book.xlsx")
        book.write_table("Customers", frame)
        book.set_fills("Customers", "Stage", fills)
        streamed = parts_of(book.to_bytes())  # read back and checked: it used to refuse
        monkeypatch.setattr(SheetEditor, "last_row", lambda self: 10**9)
        book = PackageBook.from_bytes(excel_customers(), "book.xlsx")
        book.write_table("Customers", frame)
        book.set_fills("Customers", "Stage", fills)
        assert streamed[SHEET] == parts_of(book.to_bytes())[SHEET]
        monkeypatch.undo()
    assert b"FFFF00" in streamed["xl/styles.xml"]


def test_a_column_of_dates_is_written_in_one_pass_as_the_one_cell_writer_writes_it(monkeypatch):
    days = pd.Series(pd.date_range("1990-01-01 07:30", periods=60, freq="397D"))
    days[::7] = pd.NaT  # blanks: no cell, or a blank one under a fill
    frame = customers(60, tricky=False).assign(**{"Last visit": days})
    monkeypatch.setattr(appended, "BLOCK_ROWS", 11)
    streamed = written(excel_customers(), frame, classes=True)
    monkeypatch.setattr(SheetEditor, "last_row", lambda self: 10**9)
    one_by_one = written(excel_customers(), frame, classes=True)
    assert parts_of(streamed)[SHEET] == parts_of(one_by_one)[SHEET]
    rows = calamine.CalamineWorkbook.from_filelike(io.BytesIO(streamed)).get_sheet_by_name("Sheet1")
    header, *body = rows.to_python(skip_empty_area=False)[2 : 3 + len(frame)]
    read = [row[header.index("Last visit")] for row in body]
    assert read[1] == days[1].to_pydatetime() and read[7] == ""


def test_a_date_written_a_millisecond_off_is_caught_before_writing(monkeypatch):
    days = pd.Series(pd.date_range("2020-01-01", periods=40, freq="D"))
    frame = customers(40, tricky=False).assign(**{"Last visit": days})
    real = appended.date_serials

    def off(values):
        serials = real(values)
        serials[-3] += 0.002 / 86400  # two milliseconds later
        return serials

    monkeypatch.setattr(appended, "date_serials", off)
    with pytest.raises(WriteCheckError, match="reads back as"):
        written(excel_customers(), frame)


def test_text_that_looks_like_a_formula_reads_back_as_the_same_text():
    frame = customers(120)
    data = written(excel_customers(), frame)
    rows = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Sheet1")
    names = [row[3] for row in rows.to_python(skip_empty_area=False)[3 : 3 + len(frame)]]
    assert "=1+1" in names and "@SUM(A1)" in names and '=HYPERLINK("http://example.com")' in names
    assert "-2" in names and "+3" in names and "\tTab" in names and "CR\rhere" in names


def test_a_cell_written_wrong_far_down_the_appended_rows_is_caught_before_writing(monkeypatch):
    monkeypatch.setattr(book_parts, "WINDOW_BYTES", 2000)
    real = appended.column_cells

    def wrong(p, letters, first, values, styles, kept):
        values = ["Customer X" if v == "Customer 250" else v for v in values]
        return real(p, letters, first, values, styles, kept)

    monkeypatch.setattr(appended, "column_cells", wrong)
    with pytest.raises(WriteCheckError, match=r"D254 reads back as 'Customer X'"):
        written(excel_customers(), customers(300, tricky=False))


def test_of_two_windows_read_back_wrong_the_first_is_the_one_named(monkeypatch):
    # Big sheets are read back a window at a time: the first window found wrong is named.
    monkeypatch.setattr(book_parts, "WINDOW_BYTES", 2000)
    real = appended.column_cells
    typo = {"Customer 50": "Customer X", "Customer 250": "Customer Y"}

    def wrong(p, letters, first, values, styles, kept):
        return real(p, letters, first, [typo.get(v, v) for v in values], styles, kept)

    monkeypatch.setattr(appended, "column_cells", wrong)
    with pytest.raises(WriteCheckError, match=r"D54 reads back as 'Customer X'"):
        written(excel_customers(), customers(300, tricky=False))


def test_appended_cells_in_no_namespace_are_caught_before_writing(monkeypatch):
    real = appended.AppendedRows.blocks
    monkeypatch.setattr(appended.AppendedRows, "blocks", lambda self, p: real(self, ""))
    with pytest.raises(WriteCheckError, match="not SpreadsheetML"):
        written(respelled(excel_customers(), x_prefixed), customers(30, tricky=False))


def test_a_namespace_declared_inside_the_appended_rows_is_caught_before_writing(monkeypatch):
    real = appended.AppendedRows.blocks

    def redeclared(self, p):
        for xml, marks in real(self, p):
            yield xml.replace(b"<c r=", b'<c xmlns="urn:other" r=', 1), marks

    monkeypatch.setattr(appended.AppendedRows, "blocks", redeclared)
    with pytest.raises(WriteCheckError, match="not SpreadsheetML"):
        written(excel_customers(), customers(30, tricky=False))


@pytest.mark.parametrize("fault", [None, "no namespace", "namespace declared"])
def test_rows_parsed_on_in_a_child_process_are_written_or_refused_alike(monkeypatch, fault):
    """Past verify.HAND_ON_BYTES the stream's check goes on in a forked child: the same bytes
    are written, and the same faults stop the save."""
    started: list[object] = []
    real_fork = verify.forked
    monkeypatch.setattr(verify, "forked", lambda *a: started.append(real_fork(*a)) or started[-1])
    monkeypatch.setattr(verify, "HAND_ON_BYTES", 2_000)
    monkeypatch.setattr(appended, "BLOCK_ROWS", 7)
    data, frame = excel_customers(), customers(80, tricky=False)
    real_blocks = appended.AppendedRows.blocks
    if fault == "no namespace":
        data = respelled(data, x_prefixed)
        monkeypatch.setattr(appended.AppendedRows, "blocks", lambda self, p: real_blocks(self, ""))
    if fault == "namespace declared":

        def redeclared(self, p):
            for n, (xml, marks) in enumerate(real_blocks(self, p)):
                yield (
                    (xml.replace(b"<c r=", b'<c xmlns="urn:other" r=', 1) if n > 3 else xml),
                    marks,
                )

        monkeypatch.setattr(appended.AppendedRows, "blocks", redeclared)
    if fault is None:
        streamed = parts_of(written(data, frame, classes=True))[SHEET]
    else:
        with pytest.raises(WriteCheckError, match="not SpreadsheetML"):
            written(data, frame, classes=True)
    assert started and started[0] is not None  # a child did the parsing
    if fault is None:
        monkeypatch.setattr(SheetEditor, "last_row", lambda self: 10**9)  # every row one by one
        assert streamed == parts_of(written(data, frame, classes=True))[SHEET]
