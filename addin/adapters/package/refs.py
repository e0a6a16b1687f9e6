"""Cell references: column letters and numbers, 'K12' and 'A1:V20' read and written.

Apart from the cells' values (cells.py, which needs pandas), so that a sheet can be scanned and
its tables found before pandas is even imported.
"""

from __future__ import annotations

import re
from functools import cache

from addin.adapters.package.limits import MAX_COLUMN

_REF = re.compile(r"([A-Z]+)(\d+)")


@cache
def column_letters(col: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


COLUMN_LETTERS = 3
"""The most letters a column has ('XFD')."""


class _ColumnNumbers(dict[str, int | None]):
    """'A' -> 1 ... 'XFD' -> 16384, and None for anything else: a dict for the scanner's one
    lookup per cell, filled as letters are met (building all 16,384 at once took a small run
    longer than its sheets)."""

    def __missing__(self, letters: str) -> int | None:
        if not (
            0 < len(letters) <= COLUMN_LETTERS
            and letters.isascii()
            and letters.isalpha()
            and letters.isupper()
        ):
            return None  # not kept: a hostile sheet's odd references would fill the dict
        number = column_number(letters)
        if number > MAX_COLUMN:
            return None
        self[letters] = number
        return number


COLUMNS = _ColumnNumbers()
"""'A' -> 1 ... 'XFD' -> 16384 (COLUMNS[letters]; None when they name no column)."""


def whole_number(text: str | None) -> int | None:
    """The number `text` writes in ASCII digits alone ('12'), else None. str.isdigit() also
    takes '²', which int() refuses (a hostile file's s="²" was an internal error), and '١',
    which it reads; no number attribute of a workbook part may hold either."""
    if text and text.isascii() and text.isdigit():
        return int(text)
    return None


def column_number(letters: str) -> int:
    """'A' -> 1, 'AA' -> 27."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def split_ref(ref: str) -> tuple[int, int]:
    """'K12' -> (column 11, row 12)."""
    match = _REF.fullmatch(ref.replace("$", ""))
    if match is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return column_number(match.group(1)), int(match.group(2))


def range_bounds(ref: str) -> tuple[int, int, int, int]:
    """'A1:V20' -> (min_col, min_row, max_col, max_row); one cell counts as a range."""
    first, _, last = ref.partition(":")
    (c1, r1), (c2, r2) = split_ref(first), split_ref(last or first)
    return c1, r1, c2, r2


def range_ref(min_col: int, min_row: int, max_col: int, max_row: int) -> str:
    return f"{column_letters(min_col)}{min_row}:{column_letters(max_col)}{max_row}"
