"""The workbook port over a workbook open in Excel, through xlwings' public object model.

Only `xw.Book`, sheets, tables and ranges are used, which classic xlwings and xlwings Lite both
offer. Writes go in whole ranges (one call per column or colour), never cell by cell.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pandas as pd

from addin.domain.errors import MissingTableError
from addin.domain.problems import Layout, column_letter
from addin.ports import (
    RawTable,
    Report,
    column_taken,
    is_formula_like,
    missing_table,
    sheet_taken,
)

MAX_ADDRESS = 250  # Excel refuses range addresses longer than 255 characters


def as_cell(value: object) -> object:
    """Blanks as None; text that Excel would read as a formula is kept as text with a quote."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if is_formula_like(value):
        return "'" + str(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


class XlwingsBook:
    """WorkbookPort for an `xw.Book` (the caller's workbook in a macro or Lite script)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.source = str(book.name)

    def _find(self, name: str) -> tuple[Any, Any]:
        for sheet in self.book.sheets:
            for table in sheet.tables:
                if str(table.name).casefold() == name.casefold():
                    return sheet, table
        known = [str(t.name) for sheet in self.book.sheets for t in sheet.tables]
        raise missing_table(self.source, name, known)

    def has_table(self, name: str) -> bool:
        try:
            self._find(name)
        except MissingTableError:
            return False
        return True

    def read_table(self, name: str) -> RawTable:
        sheet, table = self._find(name)
        rng = table.range
        rows = rng.options(ndim=2).value
        if _shows_totals(table):  # a Total row is not a customer
            rows = rows[:-1]
        header = ["" if h is None else str(h) for h in rows[0]]
        frame = pd.DataFrame(rows[1:], columns=header, dtype=object)
        return RawTable(frame, Layout(self.source, sheet.name, rng.row, rng.column - 1))

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        sheet, table = self._find(name)
        top, left = table.range.row, table.range.column
        old_bottom = top + table.range.rows.count - 1
        body = [[as_cell(v) for v in row] for row in frame.itertuples(index=False)]
        sheet.range((top, left)).value = [[str(c) for c in frame.columns], *body]
        bottom = top + max(len(body), 1)
        right = left + max(len(frame.columns), 1) - 1
        if old_bottom > bottom:
            sheet.range((bottom + 1, left), (old_bottom, right)).clear_contents()
        table.resize(sheet.range((top, left), (bottom, right)))

    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        sheet, tbl = self._find(table)
        column = self._column_of(sheet, tbl, header)
        if values:
            top = tbl.range.row + 1
            sheet.range((top, column)).value = [[as_cell(v)] for v in values]

    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        sheet, tbl = self._find(table)
        column = self._column_of(sheet, tbl, header)
        letter, top = column_letter(column - 1), tbl.range.row + 1
        for color in set(colors):
            rows = [top + i for i, c in enumerate(colors) if c == color]
            for address in _addresses(letter, rows):
                sheet.range(address).color = None if color is None else f"#{color}"

    def write_report(self, sheet: str, report: Report) -> None:
        """The report's values in one write, its tables, fills and bold rows (no page setup:
        xlwings Lite has none; print from a file written by `custdev plan` for A4 pages)."""
        target = self._fresh_sheet(sheet, report)
        width = max((len(row) for row in report.rows), default=1)
        grid = [[as_cell(v) for v in row] + [None] * (width - len(row)) for row in report.rows]
        if grid:
            target.range((1, 1)).value = grid
        for t in report.tables:
            bottom = t.row + 1 + max(t.rows, 1)
            source = target.range((t.row + 1, t.col + 1), (bottom, t.col + t.columns))
            target.tables.add(source=source, name=t.name)
        for color, cells in _by_color(report.fills).items():
            for column, rows in cells.items():
                for address in _addresses(column_letter(column), [r + 1 for r in rows]):
                    target.range(address).color = f"#{color}"
        with contextlib.suppress(Exception):  # looks only; not every engine styles fonts
            for row, style in report.styles.items():
                target.range((row + 1, 1), (row + 1, width)).font.bold = style != "muted"
            for col, size in enumerate(report.widths, start=1):
                target.range((1, col)).column_width = size

    def _fresh_sheet(self, name: str, report: Report) -> Any:
        """An empty sheet called `name` at the end: the old one (and its tables) goes first."""
        for sheet in list(self.book.sheets):
            if sheet.name == name:
                tables = [str(t.name) for t in sheet.tables]
                taken = sheet_taken(self.source, name, tables, report)
                if taken is not None:
                    raise taken
                sheet.delete()
        sheets = list(self.book.sheets)
        return self.book.sheets.add(name=name, after=sheets[-1] if sheets else None)

    def _column_of(self, sheet: Any, table: Any, header: str) -> int:
        """The sheet column of `header`, appending it to the table when it is missing."""
        rng = table.range
        headers = [str(h).strip() for h in rng[0, :].options(ndim=1).value]
        if header in headers:
            return int(rng.column + headers.index(header))
        column = rng.column + len(headers)
        bottom = rng.row + rng.rows.count - 1
        beside = sheet.range((rng.row, column), (bottom, column)).options(ndim=1).value
        taken = [(i, v) for i, v in enumerate(beside) if v not in (None, "")]
        if taken:  # never write over the user's cells beside a table
            row, value = taken[0]
            cell = f"{column_letter(column - 1)}{rng.row + row}"
            raise column_taken(f"{self.source}, {sheet.name}", header, cell, value)
        sheet.range((rng.row, column)).value = header
        table.resize(sheet.range((rng.row, rng.column), (rng.row + rng.rows.count - 1, column)))
        return int(column)


def _shows_totals(table: Any) -> bool:
    try:
        return bool(table.show_totals)
    except Exception:  # not every xlwings engine reports it; no Total row is the usual case
        return False


def _by_color(fills: Mapping[tuple[int, int], str]) -> dict[str, dict[int, list[int]]]:
    """colour -> column -> rows (0-based), so that each colour goes on in a few calls."""
    grouped: dict[str, dict[int, list[int]]] = {}
    for (row, col), color in sorted(fills.items()):
        grouped.setdefault(color, {}).setdefault(col, []).append(row)
    return grouped


def _addresses(letter: str, rows: list[int]) -> Iterator[str]:
    """Comma-joined addresses of runs of rows ('V2:V5,V9'), each under Excel's length limit."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    chunk = ""
    for first, last in runs:
        run = f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}"
        if chunk and len(chunk) + len(run) + 1 > MAX_ADDRESS:
            yield chunk
            chunk = ""
        chunk = f"{chunk},{run}" if chunk else run
    if chunk:
        yield chunk
