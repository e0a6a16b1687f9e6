"""Pending cell edits of a sheet, and how they are written: values, formats, the calc chain.

An edit sets a cell's value, its static fill and the format it gets if new; UNSET leaves the value
or the fill as it is. Edits are held by column, as the use cases write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from addin.workbook.package.cells import cell_tail, column_letters, is_blank, is_date
from addin.workbook.package.parts import Package, with_attributes
from addin.workbook.package.sheet_xml import CellWriter, ColumnWriters
from addin.workbook.package.styles_xml import Styles
from addin.workbook.styles import text_color

UNSET = object()
"""An edit that leaves the value (or the fill) of a cell as it is."""
VALUE, FILL, STYLE = 0, 1, 2
"""What an edit sets: the value, the static fill, the format a new cell gets."""
_CALC_CHAIN = re.compile(r"<(?:\w+:)?(?:Relationship|Override)\b[^>]*calcChain\.xml\"[^>]*/>")


class ColumnEdit:
    """The edits of one column from row `first` down, held as three lists rather than one
    object per cell: a refresh edits whole columns of 100,000 rows."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.lists: tuple[list[Any], list[Any], list[Any]] = ([], [], [])

    @property
    def last(self) -> int:
        return self.first + len(self.lists[VALUE]) - 1

    def put(self, first: int, what: int, items: list[Any], style: int | None) -> None:
        """Set `what` for the rows from `first` on, and the format of new cells there."""
        self._cover(first, first + len(items) - 1)
        at = first - self.first
        self.lists[what][at : at + len(items)] = items
        self.lists[STYLE][at : at + len(items)] = [style] * len(items)

    def _cover(self, first: int, last: int) -> None:
        if not self.lists[VALUE]:
            self.first = first
        if first < self.first:
            for items in self.lists:
                items[:0] = [UNSET] * (self.first - first)
            self.first = first
        if last > self.last:
            more = [UNSET] * (last - self.last)
            for items in self.lists:
                items.extend(more)


class SheetEdits(Mapping[int, list[int]]):
    """Pending edits of one sheet, by column; read as column -> the rows it edits."""

    def __init__(self) -> None:
        self.columns: dict[int, ColumnEdit] = {}

    def put(self, col: int, first: int, what: int, items: list[Any], style: int | None) -> None:
        if items:
            self.columns.setdefault(col, ColumnEdit(first)).put(first, what, items, style)

    def span(self) -> tuple[int, int] | None:
        return (min(self.columns), max(self.columns)) if self.columns else None

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self.columns))

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, col: int) -> list[int]:
        edit = self.columns[col]
        values, fills, _ = edit.lists
        return [
            edit.first + i
            for i, (value, fill) in enumerate(zip(values, fills, strict=True))
            if value is not UNSET or fill is not UNSET
        ]


def cell_writers(edits: SheetEdits, styles: Styles, replaced: list[bool]) -> ColumnWriters:
    """How the edited cells of each column are written: values as XML, formats derived once per
    (format, fill) pair, the XML after the reference once per short value; `replaced` gets an
    entry when a formula is overwritten."""
    formats: dict[tuple[int, object], int] = {}
    tails: dict[tuple[str, int], str] = {}

    def restyled(base: int, fill: object) -> int:
        """The format `base` takes with a static fill."""
        key = (base, fill)
        if key not in formats:
            rgb = fill if isinstance(fill, str) else None
            formats[key] = styles.with_fill(base, rgb, text_color(rgb) if rgb else None)
        return formats[key]

    def tail(value: object, style: int) -> str:
        """The cell after its reference: a class or a segment repeats in many rows."""
        if type(value) is not str or len(value) > 64:
            if is_date(value):
                style = styles.with_date(style)
            return cell_tail(value, style)
        key = (value, style)
        found = tails.get(key)
        if found is None:
            found = tails[key] = cell_tail(value, style)
        return found

    def writer(col: int) -> CellWriter:
        edit = edits.columns[col]
        first, letters = edit.first, column_letters(col)
        values, fills, defaults = edit.lists

        def write(row: int, style: int | None, old: str | None) -> str | None:
            value, fill = values[row - first], fills[row - first]
            blank = value is UNSET or (type(value) is not str and is_blank(value))
            if old is None and blank and (fill is None or fill is UNSET):
                return None  # nothing to write, and no fill on a cell that is not there
            base = style if style is not None else (defaults[row - first] or 0)
            if fill is not UNSET:
                base = restyled(base, fill)
            if value is UNSET:
                if old is None:
                    return f'<c r="{letters}{row}"{cell_tail(None, base)}'
                return with_attributes(old, s=str(base))
            if old is not None and "<f" in old:
                replaced.append(True)
            return f'<c r="{letters}{row}"{tail(value, base)}'

        return write

    return writer


@lru_cache(maxsize=4096)
def column_style(head: str, col: int) -> int:
    """The format a <col> element of the sheet gives column `col` (0 for none)."""
    for found in re.finditer(r"<(?:\w+:)?col\b[^>]*>", head):
        tag = found.group(0)
        low, high = (re.search(rf'\s{k}="(\d+)"', tag) for k in ("min", "max"))
        style = re.search(r'\sstyle="(\d+)"', tag)
        if low and high and int(low.group(1)) <= col <= int(high.group(1)):
            return int(style.group(1)) if style else 0
    return 0


def drop_calc_chain(package: Package) -> None:
    """Excel rebuilds the calculation chain; a stale one naming overwritten formulas is an error."""
    name = "xl/calcChain.xml"
    if not package.has(name):
        return
    package.entries = [e for e in package.entries if e.name != name]
    package.__post_init__()
    for part in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
        package.write(part, _CALC_CHAIN.sub("", package.text(part)).encode("utf-8"))
