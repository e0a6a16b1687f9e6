"""The remote engine of xlwings Lite (Office.js), as a double that is as strict as the real one.

Learnt from xlwings' `pro/_xlremote.py` (read, never imported: it is xlwings PRO) and built on the
open-source `xlwings.base_classes`, so the public `xw.Book`/`xw.Range` wrappers and xlwings' own
conversion pipeline run unchanged on top of it. What the runtime does, the double does:

- Python sees a snapshot of the workbook taken when the script starts. Reads come from it; writes
  never change it: they queue actions (`setValues`, `setRangeColor`, ...) that Excel applies
  after the script (`flush`). Only `sheets.add/delete` and `tables.add` update the snapshot.
- A string address is parsed by `xlwings.utils.a1_to_tuples`, the remote engine's parser: one
  rectangle only, so "M41,M44" is M41, "M41,M44:M45" is M41:M45, and two colons raise ValueError.
- `column_width` is in points; there is no status bar; fills and fonts cannot be read back.
- Table lookups by name are exact (Excel's own names are case-insensitive, see `flush`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from xlwings import base_classes, main

from tests.xlwings_double.remote_range import RemoteRange, RemoteTables, a1_address
from tests.xlwings_double.state import ExcelState, Formula, cleaned

WIDTH_UNIT = "points"


class RemoteEngine:
    """What xlwings' conversion asks of an engine: how values go out to and come in from Excel."""

    name = "remote"
    type = "remote"

    @staticmethod
    def prepare_xl_data_element(x: Any, options: Any) -> Any:
        """Blanks as '', numpy numbers as float, dates as ISO text (Office.js takes JSON)."""
        if x is None or (not isinstance(x, (list, str)) and pd.isna(x)):
            return ""
        if isinstance(x, np.number):
            return float(x)
        if isinstance(x, (pd.Timestamp, np.datetime64)):
            x = pd.Timestamp(x).to_pydatetime()
        if isinstance(x, dt.datetime):
            return x.date().isoformat() if x.time() == dt.time() else x.isoformat(sep=" ")[:19]
        if isinstance(x, dt.date):
            return x.isoformat()
        return x

    @staticmethod
    def clean_value_data(
        data: Any, datetime_builder: Any, empty_as: Any, number_builder: Any, err_to_str: Any
    ) -> list[list[Any]]:
        return cleaned(data, datetime_builder, empty_as, number_builder, from_client)


def from_client(value: Any) -> Any:
    """Office.js sends a date as ISO text ending in Z: the remote engine reads it as a date."""
    if isinstance(value, str) and value.endswith("Z") and "T" in value:
        return dt.datetime.fromisoformat(value[:-1])
    return value


def sent_by_client(value: Any) -> Any:
    """A cell value as Office.js hands it to Python: dates as ISO text with a Z, blanks as ''."""
    if value is None or isinstance(value, Formula):  # the double computes no formulas
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="milliseconds") + "Z"
    return value


def snapshot(state: ExcelState) -> dict[str, Any]:
    """The payload Lite loads before a script runs: values of each sheet's used range, tables."""
    sheets = []
    for sheet in state.sheets:
        rows, cols = sheet.extent()
        values = [[sent_by_client(v) for v in row] for row in sheet.rows(1, 1, rows, cols)]
        tables = [
            {
                "name": t.name,
                "range_address": a1_address(t.top, t.left, t.bottom, t.right),
                "show_totals": t.show_totals,
            }
            for t in sheet.tables
        ]
        sheets.append({"name": sheet.name, "values": values or [[]], "tables": tables})
    return {"book": {"name": state.name, "active_sheet_index": 0}, "sheets": sheets}


class RemoteApp(base_classes.App):
    def __init__(self, book: RemoteBook) -> None:
        self._book = book

    @property
    def engine(self) -> RemoteEngine:
        return RemoteEngine()

    @property
    def pid(self) -> int:
        return 0

    @property
    def status_bar(self) -> Any:
        raise NotImplementedError("App.status_bar is not supported on this engine")

    @status_bar.setter
    def status_bar(self, value: Any) -> None:
        raise NotImplementedError("App.status_bar is not supported on this engine")

    def alert(self, prompt: Any, title: Any, buttons: Any, mode: Any, callback: Any) -> None:
        args = ["" if a is None else a for a in (prompt, title, buttons, mode, callback)]
        self._book.append_action(func="alert", args=args)


class RemoteBook(base_classes.Book):
    def __init__(self, api: dict[str, Any]) -> None:
        self._api = api
        self.actions: list[dict[str, Any]] = []

    @property
    def api(self) -> dict[str, Any]:
        return self._api

    def append_action(self, **kwargs: Any) -> None:
        args = kwargs.get("args")
        keys = (
            "values",
            "sheet_position",
            "start_row",
            "start_column",
            "row_count",
            "column_count",
        )
        action = {"func": kwargs["func"], "args": args if isinstance(args, list) else [args]}
        self.actions.append(action | {k: kwargs.get(k) for k in keys})

    @property
    def name(self) -> str:
        return str(self.api["book"]["name"])

    @property
    def fullname(self) -> str:
        return self.name

    @property
    def sheets(self) -> RemoteSheets:
        return RemoteSheets(self)

    @property
    def app(self) -> RemoteApp:
        return RemoteApp(self)


class RemoteSheets(base_classes.Sheets):
    def __init__(self, book: RemoteBook) -> None:
        self.book = book

    @property
    def api(self) -> list[dict[str, Any]]:
        return self.book.api["sheets"]  # type: ignore[no-any-return]

    def __call__(self, name_or_index: int | str) -> RemoteSheet:
        if isinstance(name_or_index, int):
            return RemoteSheet(self.api[name_or_index - 1], self.book)
        for api in self.api:
            if api["name"].casefold() == name_or_index.casefold():
                return RemoteSheet(api, self.book)
        raise ValueError(f"Sheet '{name_or_index}' doesn't exist!")

    def __len__(self) -> int:
        return len(self.api)

    def __iter__(self) -> Any:
        return (RemoteSheet(api, self.book) for api in self.api)

    def add(self, before: Any = None, after: Any = None, name: str | None = None) -> RemoteSheet:
        api = {"name": name, "values": [[]], "tables": []}
        ix = (
            (max(before.index - 1, 1) if before else after.index + 1)
            if before or after
            else (len(self) + 1)
        )
        self.api.insert(ix - 1, api)
        self.book.append_action(func="addSheet", args=[ix - 1, name])
        return RemoteSheet(api, self.book)


class RemoteSheet(base_classes.Sheet):
    def __init__(self, api: dict[str, Any], book: RemoteBook) -> None:
        self._api, self._book = api, book

    @property
    def api(self) -> dict[str, Any]:
        return self._api

    @property
    def book(self) -> RemoteBook:
        return self._book

    @property
    def name(self) -> str:
        return str(self.api["name"])

    @property
    def index(self) -> int:
        return next(i for i, s in enumerate(self._book.api["sheets"], 1) if s is self.api)

    def append_action(self, **kwargs: Any) -> None:
        self._book.append_action(**kwargs, sheet_position=self.index - 1)

    def range(self, arg1: Any, arg2: Any = None) -> RemoteRange:
        return RemoteRange(self, arg1, arg2)

    @property
    def tables(self) -> RemoteTables:
        return RemoteTables(self)

    def delete(self) -> None:
        position = self.index - 1
        del self._book.api["sheets"][position]
        self._book.append_action(func="sheetDelete", sheet_position=position)


def lite_book(state: ExcelState) -> tuple[main.Book, RemoteBook]:
    """The `book` xlwings Lite hands a script: xlwings' own Book over a fresh snapshot."""
    impl = RemoteBook(snapshot(state))
    return main.Book(impl=impl), impl
