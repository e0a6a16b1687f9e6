"""Pending cell edits of a sheet, and how each is written: its value, its format, its fill.

An edit sets a cell's value, its static fill and the format it gets if new; UNSET leaves the value
or the fill as it is. Edits are held by column, as the use cases write them, in three plain lists
per column rather than one object per cell: a refresh edits whole columns of 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from addin.adapters.package.cells import cell_tail, is_blank, is_date
from addin.adapters.package.refs import column_letters
from addin.adapters.package.sheet import CellWrite, EditedRows
from addin.adapters.package.styles import Styles
from addin.domain.palette import text_color

UNSET = object()
"""An edit that leaves the value (or the fill) of a cell as it is."""
VALUE, FILL, STYLE = 0, 1, 2
"""What an edit sets: the value, the static fill, the format a new cell gets."""
_TAILS_KEPT = 1 << 16
"""Cell tails kept for reuse: enough for every class, segment and rep name, not for a million
customer ids, which would only hold memory."""


class LaterStyle:
    """The format new cells of a column get, found only when the sheet is rendered: finding it
    needs the sheet scanned, which a refresh has started beside the use case, so the use case
    computes on meanwhile instead of waiting for the scan at its first write."""

    __slots__ = ("_find", "_found")

    def __init__(self, find: Callable[[], int | None]) -> None:
        self._find = find
        self._found: tuple[int | None] | None = None

    def value(self) -> int | None:
        if self._found is None:
            self._found = (self._find(),)
        return self._found[0]


class ColumnEdit:
    """The edits of one column from row `first` down."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.lists: tuple[list[Any], list[Any], list[Any]] = ([], [], [])

    @property
    def last(self) -> int:
        return self.first + len(self.lists[VALUE]) - 1

    def put(self, first: int, what: int, items: list[Any], style: int | LaterStyle | None) -> None:
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

    def put(
        self, col: int, first: int, what: int, items: list[Any], style: int | LaterStyle | None
    ) -> None:
        if items:
            self.columns.setdefault(col, ColumnEdit(first)).put(first, what, items, style)

    def settle_styles(self) -> None:
        """Every LaterStyle replaced by the format it stands for (before rendering)."""
        for edit in self.columns.values():
            styles = edit.lists[STYLE]
            if LaterStyle in set(map(type, styles)):  # a million rows: no Python call per row
                found = {s: s.value() for s in set(styles) if type(s) is LaterStyle}
                styles[:] = map(found.get, styles, styles)

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

    def by_row(
        self, writes: dict[int, CellWrite], stop: int | None = None, start: int = 0
    ) -> Iterator[tuple[int, list[tuple[int, CellWrite]]]]:
        """(row, [(column, write)]) for every row some column edits, rows and columns ascending,
        from row `start` up to row `stop` (not included) when given."""
        spans = [
            (
                col,
                e.first,
                e.first + len(e.lists[VALUE]),
                e.lists[VALUE],
                e.lists[FILL],
                writes[col],
            )
            for col, e in sorted(self.columns.items())
        ]
        first = min(s[1] for s in spans)
        last = max(s[2] for s in spans)
        if stop is not None:
            last = min(last, stop)
        if all(s[1] == first and s[2] >= last and _all_set(s[3], s[4]) for s in spans):
            every = [(col, write) for col, *_, write in spans]  # a refresh: every row, alike
            for row in range(max(first, start), last):
                yield row, every
            return
        for row in range(max(first, start), last):
            found = [
                (col, write)
                for col, start, stop, values, fills, write in spans
                if start <= row < stop
                and (values[row - start] is not UNSET or fills[row - start] is not UNSET)
            ]
            if found:
                yield row, found

    def edited_rows(
        self, writes: dict[int, CellWrite], stop: int, state: Callable[[], object]
    ) -> EditedRows:
        """The rows `by_row` gives up to `stop`, to be taken a range at a time (a big sheet's
        halves are written in two processes); `state` tells what writing may change beside
        the sheet."""
        first = min(e.first for e in self.columns.values())
        stop = min(stop, max(e.first + len(e.lists[VALUE]) for e in self.columns.values()))
        return EditedRows(lambda a, b: self.by_row(writes, b, a), first, max(first, stop), state)


def _all_set(values: list[Any], fills: list[Any]) -> bool:
    """Whether every row of a column edit sets its value or its fill."""
    if not any(v is UNSET for v in values):
        return True
    return not any(v is UNSET and f is UNSET for v, f in zip(values, fills, strict=True))


def makes_no_value(value: object) -> bool:
    """UNSET, None, NA, NaN: a value that writes no cell of its own (a fill still may)."""
    return value is UNSET or value is None or (type(value) is not str and is_blank(value))


def filled(styles: Styles, base: int, fill: object) -> int:
    """The format `base` takes with the static fill `fill` (None: no fill), its text legible."""
    rgb = fill if isinstance(fill, str) else None
    return styles.with_fill(base, rgb, text_color(rgb) if rgb else None)


def cell_writers(edits: SheetEdits, styles: Styles) -> dict[int, CellWrite]:
    """How the edited cells of each column are written: values as XML, formats derived once per
    (format, fill) pair, the XML after the reference once per short value."""
    formats: dict[tuple[int, object], int] = {}
    tails: dict[tuple[str, str, int], str] = {}

    def restyled(base: int, fill: object) -> int:
        """The format `base` takes with a static fill."""
        key = (base, fill)
        if key not in formats:
            formats[key] = filled(styles, base, fill)
        return formats[key]

    def tail(p: str, value: object, style: int, ref: str) -> str:
        """The cell after its reference: a class or a segment repeats in many rows."""
        if type(value) is not str or len(value) > 64:
            if is_date(value):
                style = styles.with_date(style)
            return cell_tail(p, value, style, ref)
        key = (p, value, style)
        found = tails.get(key)
        if found is None:
            found = cell_tail(p, value, style, ref)
            if len(tails) < _TAILS_KEPT:  # ids and names never repeat: keep the first few only
                tails[key] = found
        return found

    def writer(col: int) -> CellWrite:
        edit = edits.columns[col]
        first, letters = edit.first, column_letters(col)
        values, fills, defaults = edit.lists

        def write(row: int, p: str, style: int | None) -> str | int | None:
            value, fill = values[row - first], fills[row - first]
            blank = makes_no_value(value)
            if style is None and blank and (fill is None or fill is UNSET):
                return None  # nothing to write, and no fill on a cell that is not there
            base = style if style is not None else (defaults[row - first] or 0)
            if fill is not UNSET:
                base = restyled(base, fill)
            ref = f"{letters}{row}"
            if value is UNSET:
                if style is None:
                    return f'<{p}c r="{ref}"{cell_tail(p, None, base)}'
                return base if base != style else None
            return f'<{p}c r="{ref}"{tail(p, value, base, ref)}'

        return write

    return {col: writer(col) for col in edits.columns}
