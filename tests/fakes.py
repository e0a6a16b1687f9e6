"""In-memory stand-ins: a WorkbookPort, and the slice of xlwings' object model our adapter uses.

Excel does not run on Linux, so `StandinBook` plays `xw.Book` for the macro tests: cells in a
dict, tables with a range, colours per cell. It follows xlwings' documented behaviour for the
calls XlwingsBook makes (`sheets`, `tables`, `range(...)`, `.value`, `.color`, `resize`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from addin.domain.errors import MissingTableError
from addin.domain.problems import Layout
from addin.ports import RawTable, Report


class InMemoryBook:
    """WorkbookPort over named DataFrames; remembers fills for assertions."""

    def __init__(self, tables: dict[str, pd.DataFrame], source: str = "memory.xlsx") -> None:
        self.tables = {k: v.astype(object) for k, v in tables.items()}
        self.fills: dict[tuple[str, str], list[str | None]] = {}
        self.reports: dict[str, Report] = {}
        self.source = source

    def has_table(self, name: str) -> bool:
        return name in self.tables

    def read_table(self, name: str) -> RawTable:
        if name not in self.tables:
            raise MissingTableError(f"{self.source}: no table {name}")
        return RawTable(self.tables[name].copy(), Layout(self.source, name, header_row=1))

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        self.tables[name] = frame.astype(object).reset_index(drop=True)

    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        frame = self.tables[table]
        frame[header] = pd.Series(list(values), dtype=object)

    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        self.fills[(table, header)] = list(colors)

    def write_report(self, sheet: str, report: Report) -> None:
        """Keep the report by sheet name, and each of its tables as a frame by table name."""
        self.reports[sheet] = report
        for t in report.tables:
            rows = report.rows[t.row + 1 : t.row + 1 + t.rows]
            header = [str(h) for h in report.rows[t.row][t.col : t.col + t.columns]]
            body = [row[t.col : t.col + t.columns] for row in rows]
            self.tables[t.name] = pd.DataFrame(body, columns=header, dtype=object)


# --- xlwings object model stand-in ------------------------------------------------------------

_CELL = re.compile(r"([A-Z]+)(\d+)")


def _cell(address: str) -> tuple[int, int]:
    """'V12' -> (column 22, row 12)."""
    match = _CELL.fullmatch(address)
    assert match, address
    number = 0
    for ch in match.group(1):
        number = number * 26 + ord(ch) - 64
    return number, int(match.group(2))


class StandinRange:
    def __init__(self, sheet: StandinSheet, top: int, left: int, bottom: int, right: int) -> None:
        self.sheet, self.row, self.column = sheet, top, left
        self.bottom, self.right = bottom, right
        self.ndim: int | None = None

    @property
    def rows(self) -> Any:
        return type("Rows", (), {"count": self.bottom - self.row + 1})()

    def options(self, ndim: int | None = None, **_: Any) -> StandinRange:
        copy = StandinRange(self.sheet, self.row, self.column, self.bottom, self.right)
        copy.ndim = ndim
        return copy

    def __getitem__(self, index: tuple[int, slice]) -> StandinRange:
        r = self.row + index[0]
        return StandinRange(self.sheet, r, self.column, r, self.right)

    def __str__(self) -> str:
        """The A1 address, as the length check of StandinMulti counts it."""
        first = f"{get_column_letter(self.column)}{self.row}"
        last = f"{get_column_letter(self.right)}{self.bottom}"
        return first if first == last else f"{first}:{last}"

    @property
    def value(self) -> Any:
        rows = [
            [self.sheet.cells.get((r, c)) for c in range(self.column, self.right + 1)]
            for r in range(self.row, self.bottom + 1)
        ]
        if self.ndim == 1:  # xlwings: a single row or column comes back as a flat list
            return [v for row in rows for v in row]
        return rows

    @value.setter
    def value(self, data: Any) -> None:
        rows = data if isinstance(data, list) else [[data]]
        for i, row in enumerate(rows):
            for j, v in enumerate(row if isinstance(row, list) else [row]):
                self.sheet.cells[(self.row + i, self.column + j)] = v

    @property
    def font(self) -> Any:
        return self.sheet.font_of(self)

    @property
    def column_width(self) -> float:
        raise NotImplementedError

    @column_width.setter
    def column_width(self, width: float) -> None:
        self.sheet.widths[self.column] = width

    def clear_contents(self) -> None:
        for r in range(self.row, self.bottom + 1):
            for c in range(self.column, self.right + 1):
                self.sheet.cells.pop((r, c), None)

    @property
    def color(self) -> None:
        raise NotImplementedError

    @color.setter
    def color(self, value: str | None) -> None:
        for r in range(self.row, self.bottom + 1):
            for c in range(self.column, self.right + 1):
                self.sheet.colors[(r, c)] = value


class StandinMulti:
    """A comma-joined address such as 'V2:V4,V7': xlwings applies .color to every area."""

    def __init__(self, areas: list[StandinRange]) -> None:
        self.areas = areas

    @property
    def color(self) -> None:
        raise NotImplementedError

    @color.setter
    def color(self, value: str | None) -> None:
        assert len(",".join(str(a) for a in self.areas)) < 256
        for area in self.areas:
            area.color = value


class StandinTable:
    def __init__(self, name: str, rng: StandinRange) -> None:
        self.name, self.range = name, rng
        self.show_totals = False

    def resize(self, rng: StandinRange) -> None:
        self.range = rng


class StandinTables(list):
    """sheet.tables: a list that can also `add(source=range, name=...)` as xlwings' Tables can."""

    def add(self, source: StandinRange, name: str) -> StandinTable:
        self.append(StandinTable(name, source))
        return self[-1]


class StandinSheet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cells: dict[tuple[int, int], Any] = {}
        self.colors: dict[tuple[int, int], str | None] = {}
        self.tables: StandinTables = StandinTables()
        self.book: StandinBook | None = None
        self.bold: set[tuple[int, int]] = set()
        self.widths: dict[int, float] = {}

    def delete(self) -> None:
        assert self.book is not None
        self.book.sheets.remove(self)

    def font_of(self, rng: StandinRange) -> Any:
        """A font whose `bold` marks the range's cells as bold."""
        sheet = self

        class Font:
            @property
            def bold(self) -> bool:
                return (rng.row, rng.column) in sheet.bold

            @bold.setter
            def bold(self, value: bool) -> None:
                cells = {
                    (r, c)
                    for r in range(rng.row, rng.bottom + 1)
                    for c in range(rng.column, rng.right + 1)
                }
                sheet.bold = sheet.bold | cells if value else sheet.bold - cells

        return Font()

    def range(self, first: Any, second: Any = None) -> Any:
        if isinstance(first, str):
            areas = [self._area(part) for part in first.split(",")]
            return areas[0] if len(areas) == 1 else StandinMulti(areas)
        last = second or first
        return StandinRange(self, first[0], first[1], last[0], last[1])

    def _area(self, address: str) -> StandinRange:
        parts = address.split(":")
        (c1, r1), (c2, r2) = [_cell(part) for part in (parts[0], parts[-1])]
        return StandinRange(self, r1, c1, r2, c2)

    def add_table(self, name: str, top: int, left: int, rows: list[list[Any]]) -> StandinTable:
        rng = StandinRange(self, top, left, top + len(rows) - 1, left + len(rows[0]) - 1)
        rng.value = rows
        self.tables.append(StandinTable(name, rng))
        return self.tables[-1]


class StandinApp:
    def __init__(self) -> None:
        self.status_bar: str | None = None
        self.alerts: list[str] = []

    def alert(self, prompt: str, title: str | None = None, **_: Any) -> None:
        self.alerts.append(prompt)


class StandinSheets(list):
    """book.sheets: a list that can also `add(name=..., after=...)` as xlwings' Sheets can."""

    def __init__(self, book: StandinBook, sheets: list[StandinSheet]) -> None:
        super().__init__(sheets)
        self.book = book
        for sheet in sheets:
            sheet.book = book

    def add(self, name: str, before: Any = None, after: Any = None) -> StandinSheet:
        sheet = StandinSheet(name)
        sheet.book = self.book
        self.insert(self.index(after) + 1 if after is not None else len(self), sheet)
        return sheet


class StandinBook:
    def __init__(self, name: str, sheets: list[StandinSheet]) -> None:
        self.name, self.app = name, StandinApp()
        self.sheets = StandinSheets(self, sheets)
