"""Ranges and fonts of the COM engine's double (see tests/xlwings_double/desktop.py): several
areas per address and at most 255 characters, as `Worksheet.Range` takes them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from xlwings import base_classes, utils

from tests.xlwings_double.state import ExcelRefused, Formula, typed_in

if TYPE_CHECKING:
    from tests.xlwings_double.desktop import DesktopSheet

AREA = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


class ComError(ExcelRefused):
    """What pywin32 raises when Excel refuses a call (pywintypes.com_error)."""


def areas_of(address: str) -> list[tuple[int, int, int, int]]:
    """Worksheet.Range(address): several areas, at most 255 characters in all."""
    if len(address) > 255:
        raise ComError(f"Method 'Range' of object '_Worksheet' failed ({len(address)} characters)")
    areas = []
    for part in address.upper().split(","):
        match = AREA.fullmatch(part)
        if not match:
            raise ComError(f"Method 'Range' of object '_Worksheet' failed ({part!r})")
        c1, r1, c2, r2 = match.groups()
        left, right = utils.column_to_number(c1), utils.column_to_number(c2 or c1)
        areas.append((int(r1), left, int(r2 or r1), right))
    return areas


class DesktopRange(base_classes.Range):
    def __init__(
        self, sheet: DesktopSheet, areas: list[tuple[int, int, int, int]], given: str = ""
    ) -> None:
        self._sheet, self.areas, self.given = sheet, areas, given

    @property
    def sheet(self) -> DesktopSheet:
        return self._sheet

    def _single(self, what: str) -> tuple[int, int, int, int]:
        if len(self.areas) != 1:
            raise ComError(f"{what} needs a single area, not {self.address}")
        return self.areas[0]

    @property
    def row(self) -> int:
        return self.areas[0][0]

    @property
    def column(self) -> int:
        return self.areas[0][1]

    @property
    def shape(self) -> tuple[int, int]:
        top, left, bottom, right = self.areas[0]
        return bottom - top + 1, right - left + 1

    def __len__(self) -> int:
        return sum((b - t + 1) * (r - le + 1) for t, le, b, r in self.areas)

    def __call__(self, row: int, col: int | None = None) -> DesktopRange:
        if col is None:
            col = (row - 1) % self.shape[1] + 1
            row = (row - 1) // self.shape[1] + 1
        cell = (self.row + row - 1, self.column + col - 1)
        return DesktopRange(self._sheet, [(*cell, *cell)])

    @property
    def address(self) -> str:
        def one(top: int, left: int, bottom: int, right: int) -> str:
            first = f"${utils.col_name(left)}${top}"
            last = f"${utils.col_name(right)}${bottom}"
            return first if (top, left) == (bottom, right) else f"{first}:{last}"

        return ",".join(one(*area) for area in self.areas)

    @property
    def api(self) -> DesktopRange:
        return self

    @property
    def raw_value(self) -> Any:
        top, left, bottom, right = self._single("Value")
        self._sheet.book.call("getValues", self.address)
        rows = [
            tuple(None if isinstance(v, Formula) else v for v in row)
            for row in self._sheet.state.rows(top, left, bottom, right)
        ]
        return rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else tuple(rows)

    @raw_value.setter
    def raw_value(self, value: Any) -> None:
        top, left, bottom, right = self._single("Value")
        self._sheet.book.call("setValues", self.address)
        rows = (
            value
            if isinstance(value, (list, tuple))
            else [[value] * (right - left + 1)] * (bottom - top + 1)
        )
        grid = [list(r) for r in rows] if isinstance(rows[0], (list, tuple)) else [list(rows)]
        self._sheet.state.put(top, left, [[typed_in(v) for v in r] for r in grid])

    def clear_contents(self) -> None:
        self._sheet.book.call("rangeClearContents", self.address)
        for cell in self._cells():
            self._sheet.state.cells.pop(cell, None)

    def _cells(self) -> list[tuple[int, int]]:
        return [
            (r, c)
            for t, le, b, ri in self.areas
            for r in range(t, b + 1)
            for c in range(le, ri + 1)
        ]

    @property
    def color(self) -> Any:
        top, left, _, _ = self.areas[0]
        colour = self._sheet.state.fills.get((top, left))
        return None if colour is None else utils.hex_to_rgb(colour)

    @color.setter
    def color(self, value: Any) -> None:
        self._sheet.book.call("setRangeColor", self.given or self.address)
        if isinstance(value, (tuple, list)):
            value = utils.rgb_to_hex(*value)
        for cell in self._cells():
            if value is None:
                self._sheet.state.fills.pop(cell, None)
            else:
                self._sheet.state.fills[cell] = value.upper()

    def set_colors(self, colors: Any) -> None:  # _xlwindows: one Interior call per cell
        for r, row in enumerate(colors, 1):
            for c, colour in enumerate(row, 1):
                if colour is not ...:
                    self(r, c).color = colour

    @property
    def column_width(self) -> Any:
        return self._sheet.state.widths.get(self.column)

    @column_width.setter
    def column_width(self, value: float) -> None:
        _, left, _, right = self._single("ColumnWidth")
        if not 0 <= value <= 255:
            raise ComError("Unable to set the ColumnWidth property of the Range class")
        self._sheet.book.call("setColumnWidth", self.address)
        for column in range(left, right + 1):
            self._sheet.state.widths[column] = value

    @property
    def font(self) -> DesktopFont:
        return DesktopFont(self)


class DesktopFont(base_classes.Font):
    def __init__(self, rng: DesktopRange) -> None:
        self._range = rng

    @property
    def bold(self) -> bool:
        return self._range.areas[0][:2] in self._range.sheet.state.bold

    @bold.setter
    def bold(self, value: bool) -> None:
        sheet = self._range.sheet
        sheet.book.call("setFontProperty", self._range.given or self._range.address)
        cells = set(self._range._cells())
        sheet.state.bold = sheet.state.bold | cells if value else sheet.state.bold - cells
