"""Rows written past a sheet's last row (a million new customers), a column at a time.

Each column of a block of rows becomes its cells in one pass (`cells.column_cells`, the same XML
the one-cell writer makes), then the cells are put together row by row: no Python call per
cell for the common columns of plain text and numbers. Anything else (dates, integers, text to
escape) goes through the cell writer of `edits` one cell at a time, as before. The rows come in
blocks of bytes, so that a sheet of a million rows is never one string in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from addin.adapters.package.cells import column_cells, date_serials
from addin.adapters.package.edits import (
    FILL,
    STYLE,
    UNSET,
    VALUE,
    SheetEdits,
    filled,
    makes_no_value,
)
from addin.adapters.package.refs import column_letters
from addin.adapters.package.sheet import CellWrite, row_parts
from addin.adapters.package.styles import Styles

BLOCK_ROWS = 4096
"""Rows rendered at a time: a few MB of XML."""

Marks = dict[int, tuple[int, bytes]]
"""column -> (first row, a flag a row from there: 1 where a cell was written)."""


class AppendedRows:
    """The edited rows after row `after` (the sheet's last), in blocks of XML bytes."""

    def __init__(
        self, edits: SheetEdits, writes: dict[int, CellWrite], styles: Styles, after: int
    ) -> None:
        self.edits, self.writes, self.styles, self.after = edits, writes, styles, after
        self._formats: dict[tuple[int, object], int] = {}
        stop = max((e.last for e in edits.columns.values()), default=after)
        first = next((r for r in range(after + 1, stop + 1) if self._has_cell(r)), 0)
        last = next((r for r in range(stop, after, -1) if self._has_cell(r)), 0) if first else 0
        self.first, self.last = first, last
        """The first and last row written (0, 0 when none is)."""

    def _has_cell(self, row: int) -> bool:
        """Whether any column writes a cell in `row` (a value, or a fill on a blank)."""
        for edit in self.edits.columns.values():
            if edit.first <= row <= edit.last:
                value, fill = (
                    edit.lists[VALUE][row - edit.first],
                    edit.lists[FILL][row - edit.first],
                )
                if not makes_no_value(value) or (fill is not None and fill is not UNSET):
                    return True
        return False

    def blocks(self, p: str) -> Iterator[tuple[bytes, Marks]]:
        """The rows as XML (`p` the prefix of SpreadsheetML), a block at a time, with the cells
        each block wrote."""
        if not self.first:
            return
        for start in range(self.first, self.last + 1, BLOCK_ROWS):
            stop = min(start + BLOCK_ROWS, self.last + 1)
            marks: Marks = {}
            columns = []
            numbers = list(map(str, range(start, stop)))  # once for every column
            for col in sorted(self.edits.columns):
                cells, lo, valued = self._column(col, start, stop, p, numbers)
                if cells is not None:
                    marks[col] = (lo, bytes(map(bool, cells)) if valued is None else valued)
                    columns.append([""] * (lo - start) + cells + [""] * (stop - lo - len(cells)))
            if not columns:
                continue
            bodies = map("".join, zip(*columns, strict=True))
            opening, middle, closing = row_parts(p)
            rows = [
                f"{opening}{n}{middle}{body}{closing}"
                for n, body in zip(numbers, bodies, strict=True)
                if body
            ]
            yield "".join(rows).encode(), marks

    def _column(
        self, col: int, start: int, stop: int, p: str, numbers: list[str]
    ) -> tuple[list[str] | None, int, bytes | None]:
        """The cells of column `col` in rows start..stop-1 (`numbers`) it edits ('' where
        none), the first of those rows, and which cells have a value to read back when some
        cell only has a fill (None: every cell made); None when it edits none of them."""
        edit = self.edits.columns[col]
        lo, hi = max(start, edit.first), min(stop, edit.last + 1)
        if lo >= hi:
            return None, lo, None
        values, fills, defaults = (
            edit.lists[k][lo - edit.first : hi - edit.first] for k in (VALUE, FILL, STYLE)
        )
        kinds = set(map(type, values))  # by type: `in` and == would trip over NA
        unfilled = fills.count(UNSET) + fills.count(None) == len(fills)
        if unfilled and kinds <= {type(None), type(UNSET)}:
            return None, lo, None  # a column left blank here: no cells at all
        if fills.count(UNSET) == len(fills):
            styles = [d or 0 for d in defaults]
            kept = [False] * len(values)
        else:
            known = self._formats
            styles = [
                d or 0
                if f is UNSET or (f is None and (v is None or v is UNSET))
                else found
                if (found := known.get((d or 0, f))) is not None
                else self._style(v, d or 0, f)
                for v, d, f in zip(values, defaults, fills, strict=True)
            ]
            kept = [f is not None and f is not UNSET for f in fills]
        valued = None
        if type(UNSET) in kinds:  # a fill on a cell whose value is left alone: blank, unchecked
            valued = bytes(v is not UNSET for v in values)
            values = [None if v is UNSET else v for v in values]
        serials = date_serials(values) if pd.Timestamp in kinds else None
        if serials is not None:  # a column of dates: numbers in the date format, in one pass
            dated = {s: self.styles.with_date(s) for s in set(styles)}
            styles = [s if v != v else dated[s] for v, s in zip(serials, styles, strict=True)]
            values = serials
        cells = column_cells(
            p, column_letters(col), numbers[lo - start : hi - start], values, styles, kept
        )
        if cells is None:  # dates, integers, text to escape: the writer, a cell at a time
            write = self.writes[col]
            cells = [c if isinstance(c := write(n, p, None), str) else "" for n in range(lo, hi)]
        if valued is not None:
            valued = bytes(v and bool(c) for v, c in zip(valued, cells, strict=True))
        return cells, lo, valued

    def _style(self, value: object, base: int, fill: object) -> int:
        """The format of a new cell with a fill; none is made for a blank value without one
        (it gets no cell), as the writer does."""
        return base if fill is None and makes_no_value(value) else self._filled(base, fill)

    def _filled(self, base: int, fill: object) -> int:
        key = (base, fill)
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = filled(self.styles, base, fill)
        return found
