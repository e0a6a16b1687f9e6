"""What Excel holds while a macro or a Lite script runs: sheets of cells, fills, widths, tables.

Both engine doubles (`remote` for xlwings Lite, `desktop` for classic xlwings over COM) act on
this one state, so a test can look at any cell afterwards, whichever runtime wrote it. Values are
stored as Excel types them in: `typed_in` mirrors what Excel does with a string written to a
cell's value (COM `Range.Value` and Office.js `range.values` both behave like typing it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

Cell = tuple[int, int]
"""(row, column), both 1-based as in Excel."""

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?")


class ExcelRefused(ValueError):
    """Excel refused a call (COM raises com_error, Office.js rejects the batch)."""


@dataclass(frozen=True)
class Formula:
    """A cell that Excel turned into a formula (text starting with '=' written as a value)."""

    text: str


def typed_in(value: Any) -> Any:
    """The cell content Excel keeps for a value written to it: '' clears, "'x" is the text x,
    '=x' a formula, and text that reads as a number, a percentage or a date becomes one."""
    if not isinstance(value, str):
        return value
    if value == "":
        return None
    if value.startswith("'"):
        return value[1:]
    if value.startswith("="):
        return Formula(value)
    text = value.strip()
    if NUMBER.fullmatch(text):
        number = float(text.rstrip("%"))
        return number / 100 if text.endswith("%") else number
    if DATE.fullmatch(text):
        return dt.datetime.fromisoformat(text)
    return value


def cleaned(
    data: Any,
    datetime_builder: Any,
    empty_as: Any,
    number_builder: Any,
    incoming: Any = None,
) -> list[list[Any]]:
    """xlwings' read cleaning as both engines do it (`clean_value_data`): blanks become
    `empty_as`, dates and numbers go through the requested builders. `incoming` first turns a
    value into Python's type where the engine's transport does not (Office.js sends dates as
    text)."""

    def clean(value: Any) -> Any:
        value = incoming(value) if incoming else value
        if value in ("", None):
            return empty_as
        if isinstance(value, dt.datetime) and datetime_builder is not dt.datetime:
            return datetime_builder(year=value.year, month=value.month, day=value.day)
        if number_builder is not None and isinstance(value, float):
            return number_builder(value)
        return value

    return [[clean(c) for c in row] for row in data]


@dataclass
class TableState:
    name: str
    top: int
    left: int
    bottom: int
    right: int
    show_totals: bool = False

    @property
    def ref(self) -> str:
        return (
            f"{get_column_letter(self.left)}{self.top}:{get_column_letter(self.right)}{self.bottom}"
        )


@dataclass
class SheetState:
    name: str
    cells: dict[Cell, Any] = field(default_factory=dict)
    fills: dict[Cell, str] = field(default_factory=dict)
    """'#RRGGBB' per cell that has a fill."""
    widths: dict[int, float] = field(default_factory=dict)
    """Column -> width in the unit of the engine that set it (see the engine's WIDTH_UNIT)."""
    bold: set[Cell] = field(default_factory=set)
    tables: list[TableState] = field(default_factory=list)

    def rows(self, top: int, left: int, bottom: int, right: int) -> list[list[Any]]:
        return [
            [self.cells.get((r, c)) for c in range(left, right + 1)] for r in range(top, bottom + 1)
        ]

    def put(self, top: int, left: int, rows: list[list[Any]]) -> None:
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                self.cells[(top + i, left + j)] = value
        for cell in [k for k, v in self.cells.items() if v is None]:
            del self.cells[cell]

    def table(self, name: str) -> TableState:
        return next(t for t in self.tables if t.name.casefold() == name.casefold())

    def table_rows(self, name: str) -> list[list[Any]]:
        t = self.table(name)
        return self.rows(t.top, t.left, t.bottom, t.right)

    def add_table(self, name: str, top: int, left: int, rows: list[list[Any]]) -> TableState:
        self.put(top, left, rows)
        table = TableState(name, top, left, top + len(rows) - 1, left + len(rows[0]) - 1)
        self.tables.append(table)
        return table

    def extent(self) -> tuple[int, int]:
        """The last row and column holding a value (0, 0 for an empty sheet)."""
        return (
            max((r for r, _ in self.cells), default=0),
            max((c for _, c in self.cells), default=0),
        )


@dataclass
class ExcelState:
    """A workbook open in Excel, plus what the user saw: message boxes and the status bar."""

    name: str
    sheets: list[SheetState] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    status_bar: str | None = None

    def sheet(self, name: str) -> SheetState:
        return next(s for s in self.sheets if s.name.casefold() == name.casefold())

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def table(self, name: str) -> tuple[SheetState, TableState]:
        for sheet in self.sheets:
            for table in sheet.tables:
                if table.name.casefold() == name.casefold():
                    return sheet, table
        raise KeyError(name)

    def table_rows(self, name: str) -> list[list[Any]]:
        sheet, _ = self.table(name)
        return sheet.table_rows(name)

    def add_table(self, sheet: SheetState, name: str, bounds: tuple[int, int, int, int]) -> None:
        """A new table, by Excel's rules: a name unique in the workbook whatever its case, and
        no overlap with another table of the sheet."""
        top, left, bottom, right = bounds
        if name.casefold() in (t.name.casefold() for s in self.sheets for t in s.tables):
            raise ExcelRefused(f"A table named '{name}' already exists")
        for t in sheet.tables:
            if not (bottom < t.top or top > t.bottom or right < t.left or left > t.right):
                raise ExcelRefused(f"A table can't overlap another table ('{t.name}')")
        sheet.tables.append(TableState(name, top, left, bottom, right))


def resize_table(table: TableState, bounds: tuple[int, int, int, int]) -> None:
    """Excel's ListObject.Resize: the header row stays where it is."""
    top, left, bottom, right = bounds
    if top != table.top:
        raise ExcelRefused("The header row of a resized table must stay in the same row")
    table.left, table.bottom, table.right = left, bottom, right


def state_from_xlsx(path: Any, name: str | None = None) -> ExcelState:
    """Excel's view of a workbook file: cell values (formulas as Formula), tables, sheets."""
    wb = load_workbook(path)
    state = ExcelState(name or str(getattr(path, "name", path)))
    for ws in wb.worksheets:
        sheet = SheetState(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    value = cell.value
                    if isinstance(value, str) and value.startswith("="):
                        value = Formula(value)
                    elif isinstance(value, int) and not isinstance(value, bool):
                        value = float(value)  # Excel keeps every number as a double
                    sheet.cells[(cell.row, cell.column)] = value
        for table in ws.tables.values():
            left, top, right, bottom = range_boundaries(table.ref)
            totals = bool(table.totalsRowCount)
            sheet.tables.append(TableState(table.name, top, left, bottom, right, totals))
        state.sheets.append(sheet)
    return state
