"""The workbook port over an openpyxl Workbook: real Excel tables, resized as rows are written.

Text from data is always stored as text: openpyxl would turn a string starting with '=' into a
formula, so such cells are forced back to the string type (no formula, no DDE link).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from copy import copy

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.problems import Layout
from addin.ports import RawTable, Report, column_taken, missing_table
from addin.workbook.cell_writes import put, set_value
from addin.workbook.styles import font, solid, text_color
from tests.reference.chart_refs import follow_table

NO_FILL = PatternFill(fill_type=None)


def cell_value(value: object) -> object:
    """A value openpyxl can store: None for blanks, plain Python numbers and datetimes."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str):  # control characters cannot be stored in an .xlsx at all
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, (int, float, bool, dt.date, dt.datetime, dt.time)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


class OpenpyxlBook:
    """WorkbookPort for a workbook loaded or built with openpyxl."""

    def __init__(self, workbook: Workbook, source: str = "workbook") -> None:
        self.workbook = workbook
        self.source = source

    def _find(self, name: str) -> tuple[Worksheet, Table]:
        for ws in self.workbook.worksheets:
            for table in ws.tables.values():  # .items() would give (name, ref) pairs
                if table.displayName.casefold() == name.casefold():
                    return ws, table
        known = [t for ws in self.workbook.worksheets for t in ws.tables]
        raise missing_table(self.source, name, known)

    def has_table(self, name: str) -> bool:
        return any(
            t.casefold() == name.casefold() for ws in self.workbook.worksheets for t in ws.tables
        )

    def read_table(self, name: str) -> RawTable:
        ws, table = self._find(name)
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        max_row -= table.totalsRowCount or 0  # a Total row is not a customer
        rows = ws.iter_rows(
            min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True
        )
        header = [str(h) if h is not None else "" for h in next(rows)]
        frame = pd.DataFrame(list(rows), columns=header, dtype=object)
        return RawTable(frame, Layout(self.source, ws.title, min_row, min_col - 1))

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        ws, table = self._find(name)
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        width = max(len(frame.columns), 1)
        renamed = self._write_header(ws, min_row, min_col, max_col, [str(c) for c in frame.columns])
        if renamed or width != max_col - min_col + 1:
            table.tableColumns = []  # openpyxl rebuilds them from the header cells on save
        body = frame.to_numpy(dtype=object)
        for r, values in enumerate(body, start=min_row + 1):
            for c, value in enumerate(values, start=min_col):
                self._set(ws, r, c, value)
        last = min_row + max(len(frame), 1)
        for r in range(min_row + len(frame) + 1, max_row + 1):  # rows the table gave up
            for c in range(min_col, max(max_col, min_col + width - 1) + 1):
                put(ws, r, c, None)
        self._resize(table, min_col, min_row, min_col + width - 1, last)
        follow_table(ws, min_row + 1, max_row, last)

    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        ws, tbl = self._find(table)
        min_row = range_boundaries(tbl.ref)[1]
        column = self._column_of(ws, tbl, header)
        for r, value in enumerate(values, start=min_row + 1):
            self._set(ws, r, column, value)

    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        ws, tbl = self._find(table)
        min_row = range_boundaries(tbl.ref)[1]
        column = self._column_of(ws, tbl, header)
        styles: dict[str | None, tuple[PatternFill, Font | None]] = {None: (NO_FILL, None)}
        for r, color in enumerate(colors, start=min_row + 1):
            if color is not None and color not in styles:
                styles[color] = (solid(color), font(color=text_color(color)))
            fill, readable = styles[color]
            cell = ws.cell(r, column)
            cell.fill = fill
            if readable is not None:
                cell.font = readable

    def write_report(self, sheet: str, report: Report) -> None:
        from tests.reference.report_sheet import write_report  # it builds on cell_value here

        write_report(self.workbook, sheet, report, self.source)

    def _column_of(self, ws: Worksheet, table: Table, header: str) -> int:
        """The sheet column of `header` in the table, appending the column when it is missing."""
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        for c in range(min_col, max_col + 1):
            if str(ws.cell(min_row, c).value).strip() == header:
                return c
        for r in range(min_row, max_row + 1):  # never write over the user's cells beside a table
            beside = ws.cell(r, max_col + 1)
            if beside.value is not None:
                where = f"{self.source}, {ws.title}"
                raise column_taken(where, header, beside.coordinate, beside.value)
        self._write_header(ws, min_row, min_col, max_col, [*self._headers(ws, table), header])
        table.tableColumns = []
        self._resize(table, min_col, min_row, max_col + 1, max_row)
        return max_col + 1

    @staticmethod
    def _headers(ws: Worksheet, table: Table) -> list[str]:
        min_col, min_row, max_col, _ = range_boundaries(table.ref)
        return [str(ws.cell(min_row, c).value) for c in range(min_col, max_col + 1)]

    @staticmethod
    def _write_header(
        ws: Worksheet, row: int, min_col: int, max_col: int, names: list[str]
    ) -> bool:
        """Write the header cells; True when any of them changed."""
        changed = False
        for offset, name in enumerate(names):
            cell = ws.cell(row, min_col + offset)
            if cell.value != name:
                if min_col + offset > max_col and max_col >= min_col:
                    cell._style = copy(ws.cell(row, max_col)._style)  # new column looks the same
                set_value(cell, name)
                changed = True
        return changed

    @staticmethod
    def _set(ws: Worksheet, row: int, column: int, value: object) -> None:
        put(ws, row, column, cell_value(value))

    @staticmethod
    def _resize(table: Table, min_col: int, min_row: int, max_col: int, max_row: int) -> None:
        ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
        if ref != table.ref:
            table.ref = ref
            if table.autoFilter is not None:
                table.autoFilter.ref = ref
