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
import numbers
from typing import Any

import numpy as np
import pandas as pd
from xlwings import base_classes, main, utils

from tests.xlwings_double.state import (
    ExcelState,
    Formula,
    SheetState,
    TableState,
    cleaned,
    typed_in,
)

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
                "range_address": _address(t.top, t.left, t.bottom, t.right),
                "show_totals": t.show_totals,
            }
            for t in sheet.tables
        ]
        sheets.append({"name": sheet.name, "values": values or [[]], "tables": tables})
    return {"book": {"name": state.name, "active_sheet_index": 0}, "sheets": sheets}


def _address(top: int, left: int, bottom: int, right: int) -> str:
    first = f"${utils.col_name(left)}${top}"
    return first if (top, left) == (bottom, right) else f"{first}:${utils.col_name(right)}${bottom}"


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


class RemoteRange(base_classes.Range):
    def __init__(self, sheet: RemoteSheet, arg1: Any, arg2: Any = None) -> None:
        self._sheet = sheet
        if isinstance(arg1, RemoteRange) and isinstance(arg2, RemoteRange):
            arg1, arg2 = (
                (min(arg1.row, arg2.row), min(arg1.column, arg2.column)),
                (max(arg1.row, arg2.row), max(arg1.column, arg2.column)),
            )
        if isinstance(arg1, str):
            arg1, arg2 = utils.a1_to_tuples(arg1)  # the remote engine's own parser
        if len(arg1) == 4:
            row, col, nrows, ncols = arg1
            arg1 = (row, col)
            arg2 = (row + nrows - 1, col + ncols - 1) if nrows > 1 or ncols > 1 else None
        self.arg1, self.arg2 = tuple(arg1), None if arg2 is None else tuple(arg2)

    @property
    def sheet(self) -> RemoteSheet:
        return self._sheet

    @property
    def row(self) -> int:
        return int(self.arg1[0])

    @property
    def column(self) -> int:
        return int(self.arg1[1])

    @property
    def shape(self) -> tuple[int, int]:
        if self.arg2 is None:
            return 1, 1
        return self.arg2[0] - self.arg1[0] + 1, self.arg2[1] - self.arg1[1] + 1

    def __len__(self) -> int:
        rows, cols = self.shape
        return rows * cols

    def __call__(self, row: int, col: int | None = None) -> RemoteRange:
        if col is None:
            col = (row - 1) % self.shape[1] + 1
            row = (row - 1) // self.shape[1] + 1
        return RemoteRange(self._sheet, (self.row + row - 1, self.column + col - 1))

    @property
    def address(self) -> str:
        rows, cols = self.shape
        return _address(self.row, self.column, self.row + rows - 1, self.column + cols - 1)

    @property
    def api(self) -> list[tuple[Any, ...]]:
        rows, cols = self.shape
        values = self._sheet.api["values"]
        return [
            tuple(
                values[r][c] if r < len(values) and c < len(values[r]) else None
                for c in range(self.column - 1, self.column - 1 + cols)
            )
            for r in range(self.row - 1, self.row - 1 + rows)
        ]

    @property
    def raw_value(self) -> list[tuple[Any, ...]]:
        return self.api

    @raw_value.setter
    def raw_value(self, value: Any) -> None:
        rows, cols = self.shape
        values = value if isinstance(value, list) else [[value] * cols] * rows
        self.append_action(func="setValues", values=values)

    def append_action(self, **kwargs: Any) -> None:
        rows, cols = self.shape
        self._sheet.append_action(
            **kwargs,
            start_row=self.row - 1,
            start_column=self.column - 1,
            row_count=rows,
            column_count=cols,
        )

    def clear_contents(self) -> None:
        self.append_action(func="rangeClearContents")

    @property
    def color(self) -> Any:
        raise NotImplementedError("Use 'await myrange.get_color()' on this engine")

    @color.setter
    def color(self, value: Any) -> None:
        self.append_action(func="setRangeColor", args=_hex(value))

    def set_colors(self, colors: Any) -> None:
        matrix = [["keep" if c is ... else _hex(c) for c in row] for row in colors]
        self.append_action(func="setRangeColors", args=[matrix])

    @property
    def column_width(self) -> Any:
        raise NotImplementedError("Use 'await myrange.get_column_width()' on this engine")

    @column_width.setter
    def column_width(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0:
            raise ValueError("column_width must be a number.")
        self.append_action(func="setColumnWidth", args=value)

    @property
    def font(self) -> RemoteFont:
        return RemoteFont(self)


def _hex(color: Any) -> str | None:
    if color is None:
        return None
    if isinstance(color, str):
        return color if color.startswith("#") else f"#{color}"
    if isinstance(color, int) and not isinstance(color, bool):
        return utils.rgb_to_hex(*utils.int_to_rgb(color))
    return utils.rgb_to_hex(*color)


class RemoteFont(base_classes.Font):
    def __init__(self, rng: RemoteRange) -> None:
        self._range = rng

    @property
    def bold(self) -> bool:
        raise NotImplementedError("Use 'await myrange.font.get_bold()' on this engine")

    @bold.setter
    def bold(self, value: bool) -> None:
        self._range.append_action(func="setFontProperty", args=["bold", value])


class RemoteTables(base_classes.Tables):
    def __init__(self, sheet: RemoteSheet) -> None:
        self._sheet = sheet

    @property
    def api(self) -> list[dict[str, Any]]:
        return self._sheet.api["tables"]  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self.api)

    def __iter__(self) -> Any:
        return (RemoteTable(self._sheet, i) for i in range(len(self.api)))

    def __call__(self, key: int | str) -> RemoteTable:
        if isinstance(key, int):
            return RemoteTable(self._sheet, key - 1)
        for i, api in enumerate(self.api):
            if api["name"] == key:  # exact, as the remote engine compares
                return RemoteTable(self._sheet, i)
        raise KeyError(key)

    def __contains__(self, key: str) -> bool:
        return any(api["name"] == key for api in self.api)

    def add(
        self,
        source_type: Any = None,
        source: Any = None,
        link_source: Any = None,
        has_headers: Any = None,
        destination: Any = None,
        table_style_name: Any = None,
        name: str | None = None,
    ) -> RemoteTable:
        if not isinstance(has_headers, bool):
            raise TypeError("has_headers must be True or False")
        self._sheet.append_action(
            func="addTable", args=[source.address, has_headers, table_style_name, name]
        )
        self.api.append({"name": name or "", "range_address": source.address, "show_totals": False})
        return RemoteTable(self._sheet, len(self.api) - 1)


class RemoteTable(base_classes.Table):
    def __init__(self, sheet: RemoteSheet, position: int) -> None:
        self._sheet, self._position = sheet, position
        self._api = sheet.api["tables"][position]

    @property
    def api(self) -> dict[str, Any]:
        return self._api

    @property
    def parent(self) -> RemoteSheet:
        return self._sheet

    @property
    def name(self) -> str:
        return str(self.api["name"])

    @property
    def range(self) -> RemoteRange:
        return RemoteRange(self._sheet, self.api["range_address"])

    @property
    def show_totals(self) -> bool:
        return bool(self.api["show_totals"])

    def resize(self, range: Any) -> None:
        self._sheet.append_action(func="resizeTable", args=[self._position, range.address])


def flush(state: ExcelState, actions: list[dict[str, Any]]) -> None:
    """What Office.js does with the queued actions after the script: apply them in order.

    Excel's own rules apply here: table names are unique in a workbook (case-insensitively),
    tables never overlap, and a resized table keeps its header row.
    """
    for action in actions:
        APPLY.get(action["func"], _unknown)(state, action)


def _unknown(state: ExcelState, action: dict[str, Any]) -> None:
    raise NotImplementedError(f"the double does not model {action['func']}")


def _sheet(state: ExcelState, action: dict[str, Any]) -> SheetState:
    return state.sheets[action["sheet_position"]]


def _cells(action: dict[str, Any]) -> list[tuple[int, int]]:
    top, left = action["start_row"] + 1, action["start_column"] + 1
    return [
        (top + r, left + c)
        for r in range(action["row_count"])
        for c in range(action["column_count"])
    ]


def _set_values(state: ExcelState, action: dict[str, Any]) -> None:
    rows = action["values"]
    assert len(rows) == action["row_count"] and all(
        len(r) == action["column_count"] for r in rows
    ), "setValues: values must match the range's shape"
    _sheet(state, action).put(
        action["start_row"] + 1,
        action["start_column"] + 1,
        [[typed_in(v) for v in r] for r in rows],
    )


def _clear(state: ExcelState, action: dict[str, Any]) -> None:
    sheet = _sheet(state, action)
    for cell in _cells(action):
        sheet.cells.pop(cell, None)


def _colour(state: ExcelState, action: dict[str, Any]) -> None:
    sheet = _sheet(state, action)
    for cell in _cells(action):
        _fill(sheet, cell, action["args"][0])


def _colours(state: ExcelState, action: dict[str, Any]) -> None:
    sheet, matrix = _sheet(state, action), action["args"][0]
    top, left = action["start_row"] + 1, action["start_column"] + 1
    for r, row in enumerate(matrix):
        for c, colour in enumerate(row):
            if colour != "keep":
                _fill(sheet, (top + r, left + c), colour)


def _fill(sheet: SheetState, cell: tuple[int, int], colour: str | None) -> None:
    if colour is None:
        sheet.fills.pop(cell, None)
    else:
        sheet.fills[cell] = colour.upper()


def _width(state: ExcelState, action: dict[str, Any]) -> None:
    sheet, left = _sheet(state, action), action["start_column"] + 1
    for column in range(left, left + action["column_count"]):
        sheet.widths[column] = action["args"][0]


def _font(state: ExcelState, action: dict[str, Any]) -> None:
    sheet, (key, value) = _sheet(state, action), action["args"]
    assert key == "bold"
    cells = set(_cells(action))
    sheet.bold = sheet.bold | cells if value else sheet.bold - cells


def _add_sheet(state: ExcelState, action: dict[str, Any]) -> None:
    position, name = action["args"]
    assert name.casefold() not in (n.casefold() for n in state.sheet_names()), name
    state.sheets.insert(position, SheetState(name))


def _delete_sheet(state: ExcelState, action: dict[str, Any]) -> None:
    del state.sheets[action["sheet_position"]]


def _bounds(address: str) -> tuple[int, int, int, int]:
    first, last = utils.a1_to_tuples(address.replace("$", ""))
    last = last or first
    return first[0], first[1], last[0], last[1]


def _add_table(state: ExcelState, action: dict[str, Any]) -> None:
    address, _, _, name = action["args"]
    top, left, bottom, right = _bounds(address)
    taken = [t.name.casefold() for s in state.sheets for t in s.tables]
    if name.casefold() in taken:
        raise ValueError(f"A table named '{name}' already exists (Excel: InvalidArgument)")
    sheet = _sheet(state, action)
    for t in sheet.tables:
        if not (bottom < t.top or top > t.bottom or right < t.left or left > t.right):
            raise ValueError(f"A table can't overlap another table ('{t.name}')")
    sheet.tables.append(TableState(name, top, left, bottom, right))


def _resize_table(state: ExcelState, action: dict[str, Any]) -> None:
    position, address = action["args"]
    table = _sheet(state, action).tables[position]
    top, left, bottom, right = _bounds(address)
    if top != table.top:
        raise ValueError("The header row of a resized table must stay in the same row")
    table.left, table.bottom, table.right = left, bottom, right


def _alert(state: ExcelState, action: dict[str, Any]) -> None:
    state.alerts.append(action["args"][0])


APPLY = {
    "setValues": _set_values,
    "rangeClearContents": _clear,
    "setRangeColor": _colour,
    "setRangeColors": _colours,
    "setColumnWidth": _width,
    "setFontProperty": _font,
    "addSheet": _add_sheet,
    "sheetDelete": _delete_sheet,
    "addTable": _add_table,
    "resizeTable": _resize_table,
    "alert": _alert,
}


def lite_book(state: ExcelState) -> tuple[main.Book, RemoteBook]:
    """The `book` xlwings Lite hands a script: xlwings' own Book over a fresh snapshot."""
    impl = RemoteBook(snapshot(state))
    return main.Book(impl=impl), impl
