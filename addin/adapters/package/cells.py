"""One cell as SpreadsheetML: numbers as numbers, dates as serials, text always as text.

Text is written as an inline string (`t="inlineStr"`), which Excel never evaluates: a value such
as '=HYPERLINK(...)' or '@SUM(A1)' from the data stays the text it was, so no formula or DDE link
can be injected by construction. The only value that becomes a formula is a `TableFormula`, which
custdev makes from the table part's own calculated column, never from data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from addin.adapters.package.emitter import escape_data, xml_chars
from addin.adapters.package.limits import MAX_TEXT

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ESCAPED_CHAR = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


class TableFormula(str):
    """A formula from the template's own table definition (a calculated column), never from data:
    the one kind of value written as a formula."""


class CellLimitError(ValueError):
    """A value Excel cannot hold in one cell (text over 32,767 characters); `ref` is the cell."""

    def __init__(self, ref: str, length: int) -> None:
        super().__init__(ref, length)
        self.ref, self.length = ref, length


def excel_serial(value: dt.datetime | dt.date) -> float:
    """Days since 1899-12-30, the fraction being the time of day."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value.replace(tzinfo=None) - EXCEL_EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


_UNIT_TO_MICROSECONDS = {"s": (1_000_000, 1), "ms": (1000, 1), "us": (1, 1), "ns": (1, 1000)}
_EPOCH_MICROSECONDS = (EXCEL_EPOCH - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1)
_DAY_MICROSECONDS = 86_400_000_000


def date_serials(values: list[object]) -> list[float] | None:
    """`excel_serial` of a column of timestamps in one pass, NaN for a blank (None, NaT); None
    unless every value is a timestamp without a time zone or a blank. The same floats as one
    at a time: microseconds, as to_pydatetime keeps them, then the same sum."""
    kinds = set(map(type, values))
    if pd.Timestamp not in kinds or not kinds <= {pd.Timestamp, type(pd.NaT), type(None)}:
        return None
    try:
        stamps = pd.DatetimeIndex([pd.NaT if v is None else v for v in values])
    except (TypeError, ValueError, OverflowError):
        return None
    unit = stamps.unit if stamps.tz is None else ""
    if unit not in _UNIT_TO_MICROSECONDS:
        return None
    times, per = _UNIT_TO_MICROSECONDS[unit]
    micro = stamps.asi8 * times // per - _EPOCH_MICROSECONDS  # floor, as to_pydatetime cuts
    days, rest = np.divmod(micro, _DAY_MICROSECONDS)
    seconds, micro = np.divmod(rest, 1_000_000)
    serials = days + seconds / 86400 + micro / 86_400_000_000
    serials[stamps.isna()] = np.nan
    return serials.tolist()


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


def cell_xml(p: str, ref: str, value: object, style: int) -> str:
    """The <c> element for `value` at `ref` with cell format `style` (0 writes none); `p` is the
    prefix the part gives SpreadsheetML elements."""
    return f'<{p}c r="{ref}"{cell_tail(p, value, style, ref)}'


def cell_tail(p: str, value: object, style: int, ref: str = "") -> str:
    """What follows the reference in the <c> element of `value`: the same in every row, so a
    writer can reuse it for a column of repeated values (a class, a segment)."""
    s = f' s="{style}"' if style else ""
    kind = type(value)
    if kind is TableFormula:  # no cached value: Excel and LibreOffice compute it on opening
        return f"{s}><{p}f>{escape_data(str(value))}</{p}f></{p}c>"
    if kind is str:
        return _text_tail(p, s, value, ref)  # type: ignore[arg-type]
    if kind is float or kind is np.float64:
        number = float(value)  # type: ignore[arg-type]
        return f"{s}><{p}v>{number!r}</{p}v></{p}c>" if math.isfinite(number) else f"{s}/>"
    if value is None or value is pd.NA or value is pd.NaT:
        return f"{s}/>"
    if isinstance(value, (bool, np.bool_)):
        return f'{s} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, (int, np.integer)):
        return f"{s}><{p}v>{int(value)}</{p}v></{p}c>"
    if isinstance(value, (float, np.floating)):
        return cell_tail(p, float(value), style, ref)
    if is_date(value):
        stamp = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        return f"{s}><{p}v>{excel_serial(stamp)!r}</{p}v></{p}c>"  # type: ignore[arg-type]
    return _text_tail(p, s, str(value), ref)


def _text_tail(p: str, s: str, value: str, ref: str) -> str:
    """An inline string; Excel would decode '_x0041_' to 'A', so such text is escaped first."""
    if len(value) > MAX_TEXT:
        raise CellLimitError(ref, len(value))
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    if "_x" in value:
        value = _ESCAPED_CHAR.sub(r"_x005F_\1", value)
    return f'{s} t="inlineStr"><{p}is><{p}t{space}>{escape_data(value)}</{p}t></{p}is></{p}c>'


def as_read(value: object) -> object:
    """What a reader (calamine, Excel) gets back from the cell written for `value`: the check
    before writing compares against it."""
    if type(value) is TableFormula or is_blank(value):
        return None
    if isinstance(value, str):
        return xml_chars(value) or None  # what XML cannot hold is dropped, as the writer does
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    if is_date(value):
        return value
    return as_read(str(value))


_TO_ESCAPE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""A character `escape_data` escapes or drops."""
_SAMPLES: dict[str, tuple[object, str]] = {"text": ("#!#", "#!#"), "number": (1e300, "1e+300")}
"""A value of each kind and how it is written: '#', '!' and '+' are in no element prefix."""


@cache
def _split_cell(p: str, style: int, kind: str, letters: str) -> tuple[str, str, str]:
    """The cell `cell_xml` writes for a `kind` value ('text', 'number', '' for blank) in
    `style`, cut around the row number and the value: a column of such cells is then put
    together without a call per cell, from XML made by the one writer."""
    sample, written = _SAMPLES.get(kind, (None, ""))
    head, _, rest = cell_xml(p, "\x01", sample, style).partition("\x01")
    middle, _, end = rest.partition(written) if written else (rest, "", "")
    return f"{head}{letters}", middle, end


def column_cells(
    p: str, letters: str, rows: list[str], values: list[object], styles: list[int], kept: list[bool]
) -> list[str] | None:
    """The <c> elements of new cells down a column in `rows` (their numbers, as text), ''
    where a blank value makes no cell (a blank is written, as an empty cell, only where
    `kept`): the same XML as `cell_xml` one cell at a time, for a column of plain texts or of
    floats in one pass. None when the column holds anything else: the caller writes it a
    cell at a time."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        texts = [v for v in values if v is not None] if type(None) in kinds else values
        if texts and not _plain(texts):  # type: ignore[arg-type]
            return None
        return _joined(p, letters, rows, "text", values, styles, kept)
    if kinds == {float}:
        return _joined(p, letters, rows, "number", values, styles, kept)
    return None


def _plain(texts: list[str]) -> bool:
    """Whether every text is written as it is: nothing to escape or drop, no '_x' to escape,
    no white space at either end (xml:space), none too long for a cell."""
    joined = "".join(texts)
    return (
        _TO_ESCAPE.search(joined) is None
        and "_x" not in joined  # across two texts: a false alarm, which only costs speed
        and list(map(str.strip, texts)) == texts
        and max(map(len, texts)) <= MAX_TEXT
    )


def _joined(
    p: str,
    letters: str,
    rows: list[str],
    kind: str,
    values: list[Any],
    styles: list[int],
    kept: list[bool],
) -> list[str] | None:
    """Cells of one kind of value (None, NaN: blank; inf: an empty cell, as `cell_tail` has
    it). Only the middle piece, holding the format, changes from one style to another; None
    if a format changed anything else."""
    pieces = {s: _split_cell(p, s, kind, letters) for s in set(styles)}
    blanks = {s: _split_cell(p, s, "", letters) for s in pieces}
    head, _, end = pieces[styles[0]]
    if any(
        c[0] != head or c[2] != end or b[0] != head
        for c, b in zip(pieces.values(), blanks.values(), strict=True)
    ):
        return None
    middle = {s: c[1] for s, c in pieces.items()}
    blank = {s: b[1] for s, b in blanks.items()}
    if kind == "text":
        return [
            f"{head}{n}{middle[s]}{v}{end}"
            if v is not None
            else f"{head}{n}{blank[s]}"
            if k
            else ""
            for n, v, s, k in zip(rows, values, styles, kept, strict=True)
        ]
    return [
        f"{head}{n}{middle[s]}{v!r}{end}"
        if v - v == 0
        else f"{head}{n}{blank[s]}"
        if k or v == v
        else ""
        for n, v, s, k in zip(rows, values, styles, kept, strict=True)
    ]
