"""What each xlwings runtime understands, and the fewest calls that do a job on it.

custdev's macros run on three engines, which take different things:

- `remote` (xlwings Lite, Office.js): a string address is one rectangle; a block of fills goes
  in one `Range.set_colors` call; column widths are in points.
- `excel` (classic xlwings on Windows, COM): `Worksheet.Range` takes areas ("A1,A3:A5") up to
  255 characters, so one colour goes on many areas at once; widths are in characters.
- `mac` (classic xlwings on macOS): one rectangle per address; widths in characters.

The remote engine parses an address with `xlwings.utils.a1_to_tuples`, which reads "M41,M44" as
M41 and "M41,M44:M45" as M41:M45: joining areas with commas colours the wrong cells there. So
every range here is one rectangle, except the documented multi-area call on Windows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from addin.domain.problems import column_letter

MAX_ADDRESS = 255
"""Worksheet.Range refuses a longer address on Windows (COM)."""
MAX_SET_COLORS = 10_000
"""Range.set_colors takes at most this many cells per call."""
MAX_DIGIT_WIDTH = 7
"""Pixels of a digit in Calibri 11, the template's font: Excel's unit of column width."""
PADDING = 5
"""Pixels of margin a column has on top of its characters."""

Rect = tuple[int, int, int, int]
"""top, left, bottom, right (1-based, inclusive)."""


@dataclass(frozen=True)
class Runtime:
    """How custdev talks to one xlwings engine."""

    engine: str
    multi_area: bool = False
    """Worksheet.Range takes several comma-joined areas (classic xlwings on Windows)."""
    block_colors: bool = False
    """Range.set_colors sends a block of fills as one action (the remote engine)."""
    width_in_points: bool = False
    status_bar: bool = True

    def width(self, file_width: float) -> float:
        """A column width in the engine's unit, from the width a file stores (`<col width>`,
        openpyxl's unit): points on the remote engine, characters on the desktop, where
        Excel's characters leave out the 5 pixels of padding the file's width counts."""
        pixels = int(((256 * file_width + int(128 / MAX_DIGIT_WIDTH)) / 256) * MAX_DIGIT_WIDTH)
        if self.width_in_points:
            return pixels * 0.75  # 96 pixels an inch, 72 points
        return round(max(pixels - PADDING, 0) / MAX_DIGIT_WIDTH, 2)


def runtime_of(book: Any) -> Runtime:
    """The Runtime of the engine that opened `book`."""
    engine = str(book.app.engine.name)
    if engine == "remote":
        has_block = callable(getattr(book.sheets[0].range("A1"), "set_colors", None))
        return Runtime(engine, block_colors=has_block, width_in_points=True, status_bar=False)
    return Runtime(engine, multi_area=engine == "excel")


def paint(sheet: Any, fills: Mapping[tuple[int, int], str | None], runtime: Runtime) -> None:
    """Give each (row, column) its fill ('RRGGBB', or None for none) in few calls."""
    if not fills:
        return
    if runtime.block_colors:
        for rect, matrix in color_blocks(fills):
            sheet.range(rect[:2], rect[2:]).set_colors(matrix)
        return
    for color in sorted(set(fills.values()), key=str):
        cells = [cell for cell, c in fills.items() if c == color]
        value = None if color is None else f"#{color}"
        if runtime.multi_area:
            for address in joined_addresses(rectangles(cells)):
                sheet.range(address).color = value
        else:
            for top, left, bottom, right in rectangles(cells):
                sheet.range((top, left), (bottom, right)).color = value


def embolden(sheet: Any, rows: list[int], width: int, runtime: Runtime) -> None:
    """Bold font on whole rows (1 to `width`): runs of rows as rectangles, joined into areas
    where the engine takes them."""
    rects = [(first, 1, last, width) for first, last in runs(sorted(rows))]
    if runtime.multi_area:
        for joined in joined_addresses(rects):
            sheet.range(joined).font.bold = True
    else:
        for top, left, bottom, right in rects:
            sheet.range((top, left), (bottom, right)).font.bold = True


def color_blocks(
    fills: Mapping[tuple[int, int], str | None],
) -> Iterator[tuple[Rect, list[list[object]]]]:
    """The smallest block holding every fill, cut into row bands of at most MAX_SET_COLORS cells,
    each with its matrix for set_colors ('#RRGGBB', None, or ... to keep a cell as it is)."""
    top, bottom = min(r for r, _ in fills), max(r for r, _ in fills)
    left, right = min(c for _, c in fills), max(c for _, c in fills)
    band = max(1, MAX_SET_COLORS // (right - left + 1))
    for first in range(top, bottom + 1, band):
        last = min(first + band - 1, bottom)
        matrix: list[list[object]] = [
            [_hex(fills[(r, c)]) if (r, c) in fills else ... for c in range(left, right + 1)]
            for r in range(first, last + 1)
        ]
        yield (first, left, last, right), matrix


def _hex(color: str | None) -> str | None:
    return None if color is None else f"#{color}"


def rectangles(cells: list[tuple[int, int]]) -> list[Rect]:
    """Cells as few rectangles: runs down each column, merged with the same run next door."""
    by_column: dict[int, list[int]] = {}
    for row, column in sorted(cells, key=lambda cell: (cell[1], cell[0])):
        by_column.setdefault(column, []).append(row)
    rects: list[Rect] = []
    open_rects: dict[tuple[int, int], int] = {}  # (top, bottom) -> index in rects
    for column in sorted(by_column):
        still_open = {}
        for top, bottom in runs(by_column[column]):
            index = open_rects.get((top, bottom))
            if index is not None and rects[index][3] == column - 1:
                rects[index] = (top, rects[index][1], bottom, column)
            else:
                rects.append((top, column, bottom, column))
                index = len(rects) - 1
            still_open[(top, bottom)] = index
        open_rects = still_open
    return rects


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    return [
        (group[0][1], group[-1][1])
        for _, items in groupby(enumerate(rows), key=lambda pair: pair[1] - pair[0])
        for group in [list(items)]
    ]


def address(rect: Rect) -> str:
    top, left, bottom, right = rect
    first = f"{column_letter(left - 1)}{top}"
    return (
        first if (top, left) == (bottom, right) else f"{first}:{column_letter(right - 1)}{bottom}"
    )


def joined_addresses(rects: list[Rect]) -> Iterator[str]:
    """Comma-joined area addresses, each at most MAX_ADDRESS characters (Windows only)."""
    chunk = ""
    for rect in rects:
        area = address(rect)
        if chunk and len(chunk) + 1 + len(area) > MAX_ADDRESS:
            yield chunk
            chunk = ""
        chunk = f"{chunk},{area}" if chunk else area
    if chunk:
        yield chunk


def same_value_spans(values: Mapping[int, Any]) -> Iterator[tuple[int, int, Any]]:
    """(first, last, value) for runs of consecutive keys holding equal values, e.g. widths of
    neighbouring columns or the bold flag of neighbouring rows: one call per run."""
    keys = sorted(values)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[i - 1] + 1 or values[keys[i]] != values[keys[start]]:
            yield keys[start], keys[i - 1], values[keys[start]]
            start = i
