"""The workbook port over a workbook open in Excel, through xlwings' public object model.

Only `xw.Book`, sheets, tables and ranges are used, which classic xlwings and xlwings Lite both
offer. Every range is one rectangle; values go in one write per column or block, fills and
widths in the fewest calls the engine allows (see `runtimes`).

xlwings Lite reads from a snapshot taken when the script starts and applies writes after it, so
this adapter never reads back what it wrote: it remembers the extent of each table it resized and
the columns it appended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from addin.domain.errors import MissingTableError, SchemaError
from addin.domain.i18n import text
from addin.domain.problems import Layout, column_letter
from addin.excel.runtimes import Rect, embolden, paint, runtime_of, same_value_spans
from addin.ports import (
    RawTable,
    Report,
    column_taken,
    is_formula_like,
    missing_table,
    sheet_taken,
)

TYPED_AS_DATA = re.compile(
    r"\s*([+-]?[\d.,]*\d[\d.,]*([eE][+-]?\d+)?%?|\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?.*"
    r"|\d{1,2}:\d{2}.*|true|false)\s*",
    re.IGNORECASE,
)
"""Text Excel would turn into a number, a date, a time or a boolean when written as a value."""


def as_cell(value: object) -> object:
    """Blanks as None; text Excel would turn into a formula, a number or a date keeps a leading
    apostrophe, so a phone number or an id like '00123' stays the text it was."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str) and (is_formula_like(value) or TYPED_AS_DATA.fullmatch(value)):
        return "'" + value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


class XlwingsBook:
    """WorkbookPort for an `xw.Book` (the caller's workbook in a macro or Lite script)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.source = str(book.name)
        self.runtime = runtime_of(book)
        self._extents: dict[str, Rect] = {}
        self._headers: dict[str, list[str]] = {}

    def _find(self, name: str) -> tuple[Any, Any]:
        for sheet in self.book.sheets:
            for table in sheet.tables:
                if str(table.name).casefold() == name.casefold():
                    return sheet, table
        known = [str(t.name) for sheet in self.book.sheets for t in sheet.tables]
        raise missing_table(self.source, name, known)

    def _extent(self, table: Any) -> Rect:
        """The table's cells as this run left them (Lite's snapshot does not follow resizes)."""
        key = str(table.name).casefold()
        if key not in self._extents:
            rng = table.range
            rows, columns = rng.shape
            self._extents[key] = (rng.row, rng.column, rng.row + rows - 1, rng.column + columns - 1)
        return self._extents[key]

    def has_table(self, name: str) -> bool:
        try:
            self._find(name)
        except MissingTableError:
            return False
        return True

    def read_table(self, name: str) -> RawTable:
        sheet, table = self._find(name)
        top, left, bottom, right = self._extent(table)
        rows = sheet.range((top, left), (bottom, right)).options(ndim=2).value
        if _shows_totals(table):  # a Total row is not a customer
            rows = rows[:-1]
        header = ["" if h is None else str(h) for h in rows[0]]
        frame = pd.DataFrame(rows[1:], columns=header, dtype=object)
        return RawTable(frame, Layout(self.source, sheet.name, top, left - 1))

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        sheet, table = self._find(name)
        if _shows_totals(table):
            where = Layout(self.source, sheet.name).where()
            raise SchemaError(text("error.total_row", where=where, table=table.name))
        top, left, old_bottom, old_right = self._extent(table)
        body = [[as_cell(v) for v in row] for row in frame.itertuples(index=False)]
        headers = [str(c) for c in frame.columns]
        bottom = top + max(len(body), 1)
        right = left + max(len(headers), 1) - 1
        blank = [[None] * len(headers)] * (bottom - top - len(body))
        sheet.range((top, left)).value = [[as_cell(h) for h in headers], *body, *blank]
        if old_bottom > bottom:
            sheet.range((bottom + 1, left), (old_bottom, max(right, old_right))).clear_contents()
        table.resize(sheet.range((top, left), (bottom, right)))
        self._extents[str(table.name).casefold()] = (top, left, bottom, right)
        self._headers[str(table.name).casefold()] = headers

    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        sheet, tbl = self._find(table)
        column = self._column_of(sheet, tbl, header)
        if values:
            top = self._extent(tbl)[0] + 1
            sheet.range((top, column)).value = [[as_cell(v)] for v in values]

    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        sheet, tbl = self._find(table)
        column = self._column_of(sheet, tbl, header)
        top = self._extent(tbl)[0] + 1
        paint(sheet, {(top + i, column): c for i, c in enumerate(colors)}, self.runtime)

    def write_report(self, sheet: str, report: Report) -> None:
        """The report's values in one write, its tables, fills, bold rows and widths (no page
        setup: xlwings Lite has none; `custdev plan` writes a file with A4 pages)."""
        target = self._fresh_sheet(sheet, report)
        width = max((len(row) for row in report.rows), default=1)
        grid = [[as_cell(v) for v in row] + [None] * (width - len(row)) for row in report.rows]
        if grid:
            target.range((1, 1)).value = grid
        for t in report.tables:
            bottom = t.row + 1 + max(t.rows, 1)
            source = target.range((t.row + 1, t.col + 1), (bottom, t.col + t.columns))
            target.tables.add(source=source, name=t.name)
        fills = {(row + 1, col + 1): color for (row, col), color in report.fills.items()}
        paint(target, fills, self.runtime)
        # a fresh sheet has no bold cells: only the bold rows need a call
        bold = [row + 1 for row, style in report.styles.items() if style != "muted"]
        embolden(target, bold, width, self.runtime)
        widths = dict(enumerate(report.widths, start=1))
        for first, last, size in same_value_spans(widths):
            target.range((1, first), (1, last)).column_width = self.runtime.width(size)

    def _fresh_sheet(self, name: str, report: Report) -> Any:
        """An empty sheet called `name` at the end: the old one (and its tables) goes first."""
        for sheet in list(self.book.sheets):
            if str(sheet.name).casefold() == name.casefold():
                tables = [str(t.name) for t in sheet.tables]
                taken = sheet_taken(self.source, name, tables, report)
                if taken is not None:
                    raise taken
                for table in tables:
                    self._extents.pop(table.casefold(), None)
                    self._headers.pop(table.casefold(), None)
                sheet.delete()
        sheets = list(self.book.sheets)
        return self.book.sheets.add(name=name, after=sheets[-1] if sheets else None)

    def _column_of(self, sheet: Any, table: Any, header: str) -> int:
        """The sheet column of `header`, appending it to the table when it is missing."""
        top, left, bottom, right = self._extent(table)
        key = str(table.name).casefold()
        if key not in self._headers:
            row = sheet.range((top, left), (top, right)).options(ndim=1).value
            self._headers[key] = ["" if h is None else str(h).strip() for h in row]
        headers = self._headers[key]
        if header in headers:
            return left + headers.index(header)
        column = right + 1
        beside = sheet.range((top, column), (bottom, column)).options(ndim=1).value
        taken = [(i, v) for i, v in enumerate(beside) if v not in (None, "")]
        if taken:  # never write over the user's cells beside a table
            row, value = taken[0]
            cell = f"{column_letter(column - 1)}{top + row}"
            raise column_taken(f"{self.source}, {sheet.name}", header, cell, value)
        sheet.range((top, column)).value = as_cell(header)
        table.resize(sheet.range((top, left), (bottom, column)))
        self._extents[key] = (top, left, bottom, column)
        headers.append(header)
        return column


def _shows_totals(table: Any) -> bool:
    try:
        return bool(table.show_totals)
    except Exception:  # not every xlwings engine reports it; no Total row is the usual case
        return False
