"""Excel's limits, checked on the input before any work: a workbook custdev writes must open.

A CSV can hold what no sheet can: more than 1,048,576 rows, more than 16,384 columns (XFD), or a
value longer than the 32,767 characters a cell takes. Written anyway, the table's reference runs
past the sheet (A1:XFS6) or the text is cut, and Excel reports the file as damaged. So the input
is refused with where and what, and how to make it fit.
"""

from __future__ import annotations

import pandas as pd

from addin.domain.errors import SchemaError
from addin.domain.excel_sizes import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from addin.domain.i18n import text
from addin.domain.problems import Layout
from addin.domain.schema import ALL_COLUMNS, BY_KEY

NFC_GROWTH = 3
"""How many times longer text can get in Unicode NFC (UAX #15), as validation leaves it."""


def check_fits_excel(frame: pd.DataFrame, layout: Layout, text_at_most: int | None = None) -> None:
    """Refuse a table (validated: index = rows, canonical keys) that no new workbook can hold:
    more rows than fit under the template's header row, more columns than fit once custdev's
    own are added (the template has every column of the schema), or a cell with too much text.

    `text_at_most` is what the reader knows of the input's longest cell (RawTable): when even
    that grown to NFC fits a cell, no cell is measured (a pass over every cell in Python)."""
    if len(frame) > MAX_ROWS - 1:
        raise SchemaError(
            text("error.too_many_rows", where=layout.where(), rows=len(frame), most=MAX_ROWS - 1)
        )
    extras = [c for c in frame.columns if c not in BY_KEY]
    width = len(ALL_COLUMNS) + len(extras)
    if width > MAX_COLUMNS:
        raise SchemaError(
            text(
                "error.too_many_columns",
                where=layout.where(),
                columns=len(frame.columns),
                width=width,
                most=MAX_COLUMNS,
            )
        )
    if text_at_most is None or text_at_most * NFC_GROWTH > MAX_CELL_CHARS:
        _check_cell_lengths(frame, layout)


def _check_cell_lengths(frame: pd.DataFrame, layout: Layout) -> None:
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.StringDtype) or (
            column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) == "string"
        ):  # text (or missing) only: measured in one pass
            cells = column.to_numpy(dtype=object)
            lengths = pd.Series([len(c) if isinstance(c, str) else 0 for c in cells], column.index)
        else:
            try:
                lengths = column.str.len()  # text columns only; NaN for numbers among the text
            except AttributeError:
                continue
        longest = lengths.max(skipna=True)  # NA for a column of blanks only
        if pd.notna(longest) and longest > MAX_CELL_CHARS:
            row = int(lengths.idxmax())  # type: ignore[call-overload]  # the index is rows
            raise SchemaError(
                text(
                    "error.cell_too_long",
                    where=layout.where(str(name), row),
                    length=int(lengths[row]),
                    most=MAX_CELL_CHARS,
                )
            )
