"""Classic xlwings on Windows (the COM engine), as a double that is as strict as Excel.

Learnt from xlwings' open-source `_xlwindows.py` and Excel's object model, built on
`xlwings.base_classes` so the public `xw.Book`/`xw.Range` wrappers and xlwings' conversion run
unchanged on top. Unlike xlwings Lite, every call acts on the open workbook at once, so a read sees
earlier writes. Excel's limits hold:

- `Worksheet.Range(address)` takes several areas ("A1,A3:A5") but no address longer than 255
  characters; values and widths need a single area.
- `ColumnWidth` is in characters, from 0 to 255.
- Table names are case-insensitive and unique in the workbook; tables never overlap.
- `Value` reads give a scalar for one cell and a tuple of row tuples otherwise.

Every call is recorded in `calls` (func, address) so tests can count round trips to Excel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from xlwings import base_classes, main

from tests.xlwings_double.desktop_range import ComError, DesktopRange, areas_of
from tests.xlwings_double.state import (
    ExcelRefused,
    ExcelState,
    SheetState,
    TableState,
    cleaned,
    resize_table,
)

WIDTH_UNIT = "characters"


class DesktopEngine:
    name = "excel"
    type = "desktop"

    @staticmethod
    def prepare_xl_data_element(x: Any, options: Any) -> Any:
        if isinstance(x, (pd.Timestamp, np.datetime64)):
            return pd.Timestamp(x).to_pydatetime()
        if isinstance(x, dt.date) and not isinstance(x, dt.datetime):
            return dt.datetime(x.year, x.month, x.day)
        if x is None or (not isinstance(x, (list, str, dt.datetime)) and pd.isna(x)):
            return ""
        if isinstance(x, np.number):
            return float(x)
        return x

    @staticmethod
    def clean_value_data(
        data: Any, datetime_builder: Any, empty_as: Any, number_builder: Any, err_to_str: Any
    ) -> list[list[Any]]:
        return cleaned(data, datetime_builder, empty_as, number_builder)


class DesktopApp(base_classes.App):
    def __init__(self, book: DesktopBook) -> None:
        self._book = book

    @property
    def engine(self) -> DesktopEngine:
        return DesktopEngine()

    @property
    def pid(self) -> int:
        return 1

    @property
    def status_bar(self) -> Any:
        return self._book.state.status_bar

    @status_bar.setter
    def status_bar(self, value: Any) -> None:
        self._book.call("statusBar", str(value))
        self._book.state.status_bar = value

    def alert(self, prompt: Any, title: Any, buttons: Any, mode: Any, callback: Any) -> None:
        self._book.call("alert", str(title))
        self._book.state.alerts.append(prompt)


class DesktopBook(base_classes.Book):
    def __init__(self, state: ExcelState) -> None:
        self.state = state
        self.calls: list[tuple[str, str]] = []

    def call(self, func: str, address: str = "") -> None:
        self.calls.append((func, address))

    @property
    def name(self) -> str:
        return self.state.name

    @property
    def fullname(self) -> str:
        return self.state.name

    @property
    def sheets(self) -> DesktopSheets:
        return DesktopSheets(self)

    @property
    def app(self) -> DesktopApp:
        return DesktopApp(self)


class DesktopSheets(base_classes.Sheets):
    def __init__(self, book: DesktopBook) -> None:
        self.book = book

    def __call__(self, name_or_index: int | str) -> DesktopSheet:
        if isinstance(name_or_index, int):
            return DesktopSheet(self.book.state.sheets[name_or_index - 1], self.book)
        return DesktopSheet(self.book.state.sheet(name_or_index), self.book)

    def __len__(self) -> int:
        return len(self.book.state.sheets)

    def __iter__(self) -> Any:
        return (DesktopSheet(s, self.book) for s in list(self.book.state.sheets))

    def add(self, before: Any = None, after: Any = None, name: str | None = None) -> DesktopSheet:
        sheets = self.book.state.sheets
        if name and name.casefold() in (s.name.casefold() for s in sheets):
            raise ComError("That name is already taken. Try a different one.")
        position = before.index - 1 if before else after.index if after else 0
        sheets.insert(position, SheetState(name or f"Sheet{len(sheets) + 1}"))
        self.book.call("addSheet", name or "")
        return DesktopSheet(sheets[position], self.book)


class DesktopSheet(base_classes.Sheet):
    def __init__(self, state: SheetState, book: DesktopBook) -> None:
        self.state, self._book = state, book

    @property
    def book(self) -> DesktopBook:
        return self._book

    @property
    def name(self) -> str:
        return self.state.name

    @property
    def index(self) -> int:
        return next(i for i, s in enumerate(self._book.state.sheets, 1) if s is self.state)

    def range(self, arg1: Any, arg2: Any = None) -> DesktopRange:
        if isinstance(arg1, DesktopRange):
            (t1, l1, b1, r1), (t2, l2, b2, r2) = arg1.areas[0], (arg2 or arg1).areas[0]
            return DesktopRange(self, [(min(t1, t2), min(l1, l2), max(b1, b2), max(r1, r2))])
        if isinstance(arg1, str):
            return DesktopRange(self, areas_of(arg1), given=arg1)
        if len(arg1) == 4:
            row, col, rows, cols = arg1
            return DesktopRange(self, [(row, col, row + rows - 1, col + cols - 1)])
        last = arg2 or arg1
        return DesktopRange(self, [(arg1[0], arg1[1], last[0], last[1])])

    @property
    def tables(self) -> DesktopTables:
        return DesktopTables(self)

    def delete(self) -> None:
        self._book.call("sheetDelete", self.name)
        self._book.state.sheets.remove(self.state)


class DesktopTables(base_classes.Tables):
    def __init__(self, sheet: DesktopSheet) -> None:
        self._sheet = sheet

    def __len__(self) -> int:
        return len(self._sheet.state.tables)

    def __iter__(self) -> Any:
        return (DesktopTable(self._sheet, t) for t in list(self._sheet.state.tables))

    def __call__(self, key: int | str) -> DesktopTable:
        if isinstance(key, int):
            return DesktopTable(self._sheet, self._sheet.state.tables[key - 1])
        return DesktopTable(self._sheet, self._sheet.state.table(key))

    def add(
        self,
        source_type: Any = None,
        source: Any = None,
        link_source: Any = None,
        has_headers: Any = None,
        destination: Any = None,
        table_style_name: Any = None,
        name: str | None = None,
    ) -> DesktopTable:
        bounds = source.impl._single("ListObjects.Add")
        book = self._sheet.book
        try:
            book.state.add_table(self._sheet.state, name or f"Table{len(self) + 1}", bounds)
        except ExcelRefused as refused:
            raise ComError(str(refused)) from None
        book.call("addTable", source.address)
        table = self._sheet.state.tables[-1]
        return DesktopTable(self._sheet, table)


class DesktopTable(base_classes.Table):
    def __init__(self, sheet: DesktopSheet, state: TableState) -> None:
        self._sheet, self.state = sheet, state

    @property
    def parent(self) -> DesktopSheet:
        return self._sheet

    @property
    def name(self) -> str:
        return self.state.name

    @property
    def range(self) -> DesktopRange:
        t = self.state
        return DesktopRange(self._sheet, [(t.top, t.left, t.bottom, t.right)])

    @property
    def show_totals(self) -> bool:
        return self.state.show_totals

    def resize(self, range: Any) -> None:
        bounds = range.impl._single("ListObject.Resize")
        try:
            resize_table(self.state, bounds)
        except ExcelRefused as refused:
            raise ComError(str(refused)) from None
        self._sheet.book.call("resizeTable", range.address)


def excel_book(state: ExcelState) -> tuple[main.Book, DesktopBook]:
    """`xw.Book.caller()` of a classic macro: xlwings' own Book over the open workbook."""
    impl = DesktopBook(state)
    return main.Book(impl=impl), impl
