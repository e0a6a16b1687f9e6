"""One cell as SpreadsheetML: numbers as numbers, dates as serials, text always as text.

Text is written as an inline string (`t="inlineStr"`), which Excel never evaluates: a value such
as '=HYPERLINK(...)' or '@SUM(A1)' from the data stays the text it was, so no formula or DDE link
can be injected by construction.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache

import numpy as np
import pandas as pd

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ESCAPED_CHAR = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_PLAIN = re.compile(r"[^&<>_]*")
_REF = re.compile(r"([A-Z]+)(\d+)")


@cache
def column_letters(col: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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


def escape_text(value: str) -> str:
    """Text fit for a <t> element: XML escaped, control characters dropped, CR kept."""
    if value.isalnum() or (value.isprintable() and _PLAIN.fullmatch(value)):
        return value  # the common case: nothing to escape
    value = _ILLEGAL.sub("", value)
    value = _ESCAPED_CHAR.sub(r"_x005F_\1", value)  # Excel would decode '_x0041_' to 'A'
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;")


def escape_attribute(value: str) -> str:
    return escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def excel_serial(value: dt.datetime | dt.date) -> float:
    """Days since 1899-12-30, the fraction being the time of day."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value.replace(tzinfo=None) - EXCEL_EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


def is_date(value: object) -> bool:
    return isinstance(value, (dt.date, pd.Timestamp)) and not pd.isna(value)


def is_blank(value: object) -> bool:
    """None, NA, NaT and NaN: cells that hold nothing."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (type(value) is float and value != value)
    )


class TableFormula(str):
    """A formula from the template's own table definition (a calculated column), never from data:
    the one kind of value written as a formula."""


def cell_xml(ref: str, value: object, style: int) -> str:
    """The <c> element for `value` at `ref` with cell format `style` (0 writes none)."""
    return f'<c r="{ref}"{cell_tail(value, style)}'


def cell_tail(value: object, style: int) -> str:
    """What follows the reference in the <c> element of `value`: the same in every row, so a
    writer can reuse it for a column of repeated values (a class, a segment)."""
    s = f' s="{style}"' if style else ""
    kind = type(value)
    if kind is TableFormula:  # no cached value: Excel and LibreOffice compute it on opening
        return f"{s}><f>{escape_text(str(value))}</f></c>"
    if kind is str:
        return _text_tail(s, value)  # type: ignore[arg-type]
    if kind is float or kind is np.float64:
        number = float(value)  # type: ignore[arg-type]
        return f"{s}><v>{number!r}</v></c>" if math.isfinite(number) else f"{s}/>"
    if value is None or value is pd.NA or value is pd.NaT:
        return f"{s}/>"
    if isinstance(value, (bool, np.bool_)):
        return f'{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, np.integer)):
        return f"{s}><v>{int(value)}</v></c>"
    if isinstance(value, (float, np.floating)):
        return cell_tail(float(value), style)
    if is_date(value):
        stamp = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        return f"{s}><v>{excel_serial(stamp)!r}</v></c>"  # type: ignore[arg-type]
    return _text_tail(s, str(value))


def _text_tail(s: str, value: str) -> str:
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f'{s} t="inlineStr"><is><t{space}>{escape_text(value)}</t></is></c>'
