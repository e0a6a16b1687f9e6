"""Rows of cells to a table: find the header row, and name or drop columns without a header.

Shared by the sheet and CSV readers. A title or notes above the headers are skipped; a column
with no header but with values is named after its letter, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import filterfalse, islice

import pandas as pd

from addin.domain.problems import column_letter
from addin.domain.schema import canonical_key
from addin.domain.validation import unique_headers
from addin.domain.values import blank_mask, is_blank_cell

HEADER_SEARCH = 10  # the header is among the first ten non-empty rows: a title or notes above
MIN_KNOWN = 2  # a row is the header when it has at least this many headers we recognise


def header_index(rows: Sequence[Sequence[object]]) -> int | None:
    """Where the header row is: of the first ten non-empty rows, the one with the most headers
    we recognise (the first of equals), or the first non-empty row when none has two; None for
    no non-empty row. Rows above it (a title, notes) are not part of the table."""
    nonempty = (i for i, row in enumerate(rows) if not all(map(is_blank_cell, row)))
    candidates = list(islice(nonempty, HEADER_SEARCH))
    if not candidates:
        return None
    best = max(candidates, key=lambda i: len(known(rows[i])))
    return best if len(known(rows[best])) >= MIN_KNOWN else candidates[0]


def known(row: Sequence[object]) -> set[str]:
    """The columns a row's cells name; distinct, so that data repeating one word scores one."""
    return {key for key in map(canonical_key, filterfalse(is_blank_cell, row)) if key is not None}


def table_frame(
    header: Sequence[object], body: Sequence[Sequence[object]], first_col: int, inner: bool
) -> tuple[pd.DataFrame, int]:
    """The body under the header, and how many columns went from the left edge.

    A column with a blank header and no values (stray formatting, trailing commas) goes: at the
    edges only, or anywhere when `inner`. One with values is named after its letter, 'Column E',
    so that nothing is lost and no table gets a blank header.
    """
    width = len(header)
    cells = [
        row if len(row) == width else [*row[:width], *[""] * (width - len(row))] for row in body
    ]
    frame = pd.DataFrame(cells, columns=range(width), dtype=object)
    names = [str(h).strip() if not is_blank_cell(h) else "" for h in header]
    empty = [not name and bool(blank_mask(frame[i]).all()) for i, name in enumerate(names)]
    kept = [i for i in range(width) if not empty[i]]  # never none: the header row has a value
    if not inner:
        kept = list(range(kept[0], kept[-1] + 1))
    named = [names[i] or f"Column {column_letter(first_col + i)}" for i in kept]
    return frame[kept].set_axis(unique_headers(named, first_col), axis=1), kept[0]
