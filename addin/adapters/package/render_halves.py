"""A big sheet's edited rows spliced in two processes, a part each.

Splicing 100,000 edited rows is Python work of a second or more (each row's new cells made and
put between its own), during which a second core would wait. A forked process splices the
rows from a row past the middle on (the last CHILD_SHARE of them) and sends back its bytes and
what it recorded; this one splices those before it meanwhile. The parts meet where that row
starts in the file, so the bytes between are copied once. What the child computed counts only
when it left unchanged what writing rows may change beside the sheet (the formats a fill adds
to the styles): those additions would be made in its process alone, so its part is then
spliced here again, as when no process can be forked. Either way the bytes are those of one
splice of all the rows.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

import numpy as np

from addin.adapters.package import background
from addin.adapters.package.background import InProcess

if TYPE_CHECKING:
    from addin.adapters.package.sheet import EditedRows, Rendered, SheetEditor

WORTH_SPLITTING = background.WORTH_A_PROCESS
"""Sheets smaller than this (bytes) are spliced here alone: forking and sending a half back
cost more than they save."""


CHILD_SHARE = 0.42
"""The share of the rows the forked process splices: less than half, since it also pays for
its fork (pages copied as it writes) and for sending its bytes back (measured: 0.42 of 100,000
rows ends within a few hundredths of a second of this process's share)."""
WARM_ROWS = 2_000
"""Rows spliced before the second process is forked."""


def spliced_in_halves(
    editor: SheetEditor, rows: EditedRows, out: Rendered, closed: bool
) -> tuple[int, int, int, list[bytes]]:
    """`editor.splice_rows` of every row of `rows` from sheetData on, the second half in a
    forked process when the sheet is big: the same result, into `out`."""
    scan = editor.scan
    middle = _middle(editor, rows) if not closed else None
    if middle is None:
        return editor.splice_rows(rows.between(rows.first, rows.stop), out, scan.data_start, closed)
    number, split = middle
    spliced = _Spliced(editor, rows, out, scan.data_start, rows.first)

    def second_half() -> tuple[Rendered, int, int, int] | None:
        before = rows.state()
        half = _Spliced(editor, rows, type(out)([]), split, number)
        half.on_to(rows.stop)
        if rows.state() != before:
            return None  # it added formats that only its own process has
        half.out.pieces = [b"".join(half.out.pieces)]
        return half.out, half.at, half.first, half.last

    # the first rows are spliced before the fork: the formats they add (a fill for each class)
    # are the child's too, and its half seldom needs one more
    spliced.on_to(min(rows.first + WARM_ROWS, number))
    child = InProcess(second_half, "splice")
    try:
        spliced.on_to(number)
        done = child.result()
    except BaseException:
        child.cancel()
        raise
    if done is None:  # spliced here after all, on from where the first half stopped
        spliced.on_to(rows.stop)
        return spliced.at, spliced.first, spliced.last, []
    half, at, first, last = done
    if first:
        out.pieces += [memoryview(scan.data)[spliced.at : split], *half.pieces]
        spliced.at = at
    _merge(out, half, number)
    return spliced.at, spliced.first or first, last or spliced.last, []


class _Spliced:
    """Rows of `rows` from row `from_row` on spliced into `out` from offset `at`, a range at a
    time; `first` and `last` are the first and last row written (0 for none)."""

    def __init__(
        self, editor: SheetEditor, rows: EditedRows, out: Rendered, at: int, from_row: int
    ) -> None:
        self.editor, self.rows, self.out = editor, rows, out
        self.at, self.first, self.last, self.next = at, 0, 0, from_row

    def on_to(self, stop: int) -> None:
        """The rows from where the last range stopped up to `stop` (not included)."""
        between = self.rows.between(self.next, stop)
        self.at, first, last, _ = self.editor.splice_rows(between, self.out, self.at, False)
        self.first, self.last, self.next = self.first or first, last or self.last, stop


def _middle(editor: SheetEditor, rows: EditedRows) -> tuple[int, int] | None:
    """(number, offset) of the file's row where the second part starts (the last CHILD_SHARE
    of the rows edited); None when the sheet is too small to split, no process can be forked,
    or the file's rows are not in ascending order (then a row may sit before the meeting point
    in the file though it comes after it by number)."""
    scan = editor.scan
    if len(scan.data) < WORTH_SPLITTING or not background.can_fork():
        return None
    numbers = np.frombuffer(scan.row_number, dtype=scan.row_number.typecode)
    if len(numbers) < 2 or not bool((numbers[1:] > numbers[:-1]).all()):
        return None
    i = bisect_left(scan.row_number, rows.stop - int((rows.stop - rows.first) * CHILD_SHARE))
    if i == 0 or i >= len(numbers):
        return None
    return scan.row_number[i], scan.row_start[i]


def _merge(out: Rendered, half: Rendered, number: int) -> None:
    """What the second half (rows from `number` on) recorded, after what the first did."""
    out.formulas_replaced |= half.formulas_replaced
    out.added += half.added
    out.written_rows += half.written_rows
    for col, flags in half.cells.items():
        mine = out.cells.get(col)
        if mine is None:
            out.cells[col] = flags
            continue
        if len(mine) < len(flags):
            mine.extend(bytes(len(flags) - len(mine)))
        mine[number : len(flags)] = flags[number:]
