"""One contract, every implementation of the WorkbookPort (the Architecture Patterns with Python
approach): the file adapter and the live-workbook adapter on both xlwings runtimes.

Tests act through the port only. What a rep would see afterwards is read after `reopen()`: the
file saved and opened again, or the next macro run in Excel (xlwings Lite applies a script's
writes after it ends). Fills, which the port never reads, are looked at from outside: openpyxl
on the saved file, the cells of the Excel double.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.table import Table

from addin.domain.errors import MissingTableError, SchemaError
from addin.domain.report import Report, ReportTable
from addin.excel.xlwings_book import XlwingsBook
from tests.xlwings_double import excel_book, flush, lite_book, state_from_xlsx

HEADERS = ["Customer ID", "Name", "Annual sales"]
ROWS = [["C1", "Acme", 50.0], ["C2", "Bolt", 30.0], ["C3", "Core", 20.0]]


def workbook_bytes(
    rows: list[list[Any]] = ROWS, totals: bool = False, beside: str | None = None
) -> bytes:
    """Customers (A1) on one sheet and Notes on another: a small real workbook file."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    for row in [HEADERS, *rows]:
        ws.append(row)
    table = Table(displayName="Customers", ref=f"A1:C{len(rows) + 1}")
    table.totalsRowCount = 1 if totals else None
    ws.add_table(table)
    if beside is not None:
        ws["D2"] = beside
    notes = wb.create_sheet("Notes")
    notes.append(["Note"])
    notes.append(["keep me"])
    notes.add_table(Table(displayName="MyNotes", ref="A1:A2"))
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


class FileHarness:
    """PackageBook over the file's bytes; reopening saves and opens them again."""

    def __init__(self, data: bytes) -> None:
        self.book_class = _package_book_class()
        self.port = self.book_class.from_bytes(data, "rep.xlsx")

    def reopen(self) -> None:
        self.port = self.book_class.from_bytes(self.port.to_bytes(), "rep.xlsx")

    def fills(self, sheet: str, column: int, rows: range) -> list[str | None]:
        ws = openpyxl.load_workbook(io.BytesIO(self.port.to_bytes()))[sheet]
        found = [ws.cell(r, column).fill for r in rows]
        return [f"#{f.fgColor.rgb[-6:]}" if f.fill_type == "solid" else None for f in found]


def _package_book_class() -> Any:
    from addin.adapters.package import PackageBook

    return PackageBook


class ExcelHarness:
    """XlwingsBook over a runtime double; reopening is the next macro or script run."""

    def __init__(self, data: bytes, make: Callable[..., Any]) -> None:
        self.state = state_from_xlsx(io.BytesIO(data), "rep.xlsx")
        self.make = make
        self._open()

    def _open(self) -> None:
        book, self.impl = self.make(self.state)
        self.port = XlwingsBook(book)

    def reopen(self) -> None:
        if self.make is lite_book:
            flush(self.state, self.impl.actions)
        self._open()

    def fills(self, sheet: str, column: int, rows: range) -> list[str | None]:
        return [self.state.sheet(sheet).fills.get((r, column)) for r in rows]


IMPLEMENTATIONS = {
    "file": FileHarness,
    "lite": lambda data: ExcelHarness(data, lite_book),
    "classic": lambda data: ExcelHarness(data, excel_book),
}


@pytest.fixture(params=list(IMPLEMENTATIONS))
def open_book(request: pytest.FixtureRequest) -> Callable[..., Any]:
    return lambda **kwargs: IMPLEMENTATIONS[request.param](workbook_bytes(**kwargs))


def body(port: Any, table: str = "Customers") -> list[list[Any]]:
    frame = port.read_table(table).frame
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def test_a_table_is_found_by_its_name_in_any_case(open_book):
    port = open_book().port
    assert port.has_table("Customers") and port.has_table("customers")
    assert not port.has_table("Orders")


def test_reading_gives_the_rows_under_the_users_headers_and_where_they_are(open_book):
    raw = open_book().port.read_table("Customers")
    assert list(raw.frame.columns) == HEADERS
    assert raw.frame.to_numpy().tolist() == ROWS
    assert (raw.layout.sheet, raw.layout.header_row, raw.layout.first_col) == ("Customers", 1, 0)


def test_a_missing_table_is_reported_with_the_tables_there_are(open_book):
    with pytest.raises(MissingTableError, match="Customers, MyNotes"):
        open_book().port.read_table("Orders")


def test_a_total_row_is_not_read_as_a_customer_and_is_never_written_over(open_book):
    book = open_book(rows=[*ROWS, ["Total", None, 100.0]], totals=True)
    assert body(book.port) == ROWS
    with pytest.raises(SchemaError):
        book.port.write_table("Customers", pd.DataFrame([["C9", "Zed", 1.0]], columns=HEADERS))


@pytest.mark.parametrize("count", [1, 3, 6])
def test_writing_a_table_replaces_its_rows_and_resizes_it(open_book, count):
    book = open_book()
    rows = [[f"N{i}", f"New {i}", float(i)] for i in range(count)]
    book.port.write_table("Customers", pd.DataFrame(rows, columns=HEADERS))
    book.reopen()
    assert body(book.port) == rows
    assert body(book.port, "MyNotes") == [["keep me"]]


def test_writing_a_column_fills_it_down_the_table(open_book):
    book = open_book()
    book.port.write_column("Customers", "Name", ["X", None, "Z"])
    book.reopen()
    assert [row[1] for row in body(book.port)] == ["X", None, "Z"]


def test_a_missing_column_is_appended_once_however_often_it_is_written(open_book):
    book = open_book()
    for _ in range(2):
        book.port.write_column("Customers", "Class", ["A", "B", "C"])
        book.port.set_fills("Customers", "Class", ["C00000", None, "0070C0"])
    book.reopen()
    frame = book.port.read_table("Customers").frame
    assert list(frame.columns) == [*HEADERS, "Class"]
    assert list(frame["Class"]) == ["A", "B", "C"]
    assert book.fills("Customers", 4, range(2, 5)) == ["#C00000", None, "#0070C0"]


def test_a_column_is_never_added_over_the_users_cells_beside_the_table(open_book):
    book = open_book(beside="my note")
    with pytest.raises(SchemaError, match="D2"):
        book.port.write_column("Customers", "Class", ["A", "B", "C"])


def test_fills_go_on_every_row_whatever_their_order(open_book):
    book = open_book(rows=[[f"C{i}", f"F{i}", float(i)] for i in range(12)])
    colours = [
        "C00000",
        "0070C0",
        "C00000",
        None,
        "C00000",
        "C00000",
        "0070C0",
        None,
        "0070C0",
        "C00000",
        None,
        "C00000",
    ]
    book.port.set_fills("Customers", "Name", colours)
    book.port.set_fills("Customers", "Annual sales", colours[::-1])
    book.reopen()
    assert book.fills("Customers", 2, range(2, 14)) == [c and f"#{c}" for c in colours]
    assert book.fills("Customers", 3, range(2, 14)) == [c and f"#{c}" for c in colours[::-1]]


def test_text_from_data_stays_text(open_book):
    book = open_book()
    book.port.write_column("Customers", "Name", ["=cmd|' /C calc'!A0", "00123", "+1 555"])
    book.reopen()
    assert [row[1] for row in body(book.port)] == ["=cmd|' /C calc'!A0", "00123", "+1 555"]


def report(title: str) -> Report:
    rows: list[list[object]] = [[title], [], ["Date", "Rep"], ["2026-03-02", "Li"], ["x", "Wang"]]
    return Report(
        rows,
        widths=(12, 20),
        fills={(3, 1): "FFEB9C"},
        tables=(ReportTable("VisitPlan", 2, 0, 2, 2),),
    )


def test_a_report_becomes_a_sheet_whose_tables_read_back(open_book):
    book = open_book()
    book.port.write_report("Visit Plan", report("Plan"))
    book.reopen()
    assert body(book.port, "VisitPlan") == [["2026-03-02", "Li"], ["x", "Wang"]]
    assert book.fills("Visit Plan", 2, range(4, 5)) == ["#FFEB9C"]


def test_writing_a_report_again_replaces_its_sheet_and_tables(open_book):
    # On a file this once wrote a stray </definedNames> after an empty <definedNames/>.
    book = open_book()
    book.port.write_report("Visit Plan", report("First"))
    book.reopen()
    book.port.write_report("Visit Plan", report("Second"))
    book.reopen()
    assert book.port.has_table("VisitPlan") and book.port.has_table("MyNotes")
    assert body(book.port, "VisitPlan") == [["2026-03-02", "Li"], ["x", "Wang"]]


def test_a_report_never_replaces_a_sheet_holding_a_table_of_the_users(open_book):
    book = open_book()
    with pytest.raises(SchemaError, match="MyNotes"):
        book.port.write_report("Notes", report("Plan"))
