"""Ranges, fonts and tables of the remote engine's double (see tests/xlwings_double/remote.py):
one rectangle per range, parsed by xlwings' own `a1_to_tuples`; writes queue actions."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

from xlwings import base_classes, utils

if TYPE_CHECKING:
    from tests.xlwings_double.remote import RemoteSheet


def a1_address(top: int, left: int, bottom: int, right: int) -> str:
    first = f"${utils.col_name(left)}${top}"
    return first if (top, left) == (bottom, right) else f"{first}:${utils.col_name(right)}${bottom}"


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
        return a1_address(self.row, self.column, self.row + rows - 1, self.column + cols - 1)

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
