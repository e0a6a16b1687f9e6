"""Turn raw cell values (as Excel, CSV or xlwings hand them over) into typed columns.

Each parser returns the typed column and a mask of the cells it could not read, so that the caller
can report every bad cell at once. Blank cells are never bad: they are missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
MAX_EXCEL_SERIAL = 2958465  # 9999-12-31
_MONEY_NOISE = re.compile(r"[\s_'¥￥$€£]|RMB|CNY|元", re.IGNORECASE)
# A comma groups thousands only in threes: '1,234.5' is read, '1,5' (a decimal comma) is not.
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}([,，]\d{3})+(\.\d+)?$")
_SERIAL = re.compile(r"^\s*\d{5}(\.\d+)?\s*$")  # 10000 is 1927-05-18; years have 4 digits
_YMD = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")


class TextCells:
    """A column of text or missing cells (str, None, NaN, NA), to work out something of each.

    A column that repeats a few values (reps, regions, stages: a handful of words in 100,000
    cells) is looked at once per distinct value, the results spread by a C lookup: half the
    time. Names and ids, where every cell differs, are looked at once per cell, which costs
    less than finding the distinct values first. The first SAMPLE cells tell which column this
    is; the results are the same either way.
    """

    SAMPLE = 10_000
    """Enough cells to tell a thousand reps from customers' names."""

    def __init__(self, cells: np.ndarray) -> None:
        self.cells = cells
        sample = cells[: self.SAMPLE]
        self.repeats = len(set(sample.tolist())) * 4 <= len(sample)  # a quarter differ at most
        if self.repeats:
            self.codes, distinct = pd.factorize(cells)  # missing cells are -1: None, last
            self.distinct = [*distinct.tolist(), None]

    @classmethod
    def of(cls, raw: pd.Series) -> TextCells | None:
        """The cells of `raw` when it holds only text or missing cells, else None."""
        if raw.dtype == object and pd.api.types.infer_dtype(raw, skipna=True) in (
            "string",
            "empty",
        ):
            return cls(raw.to_numpy())
        return None

    def each(self, function: Callable[[Any], object]) -> list[Any] | np.ndarray:
        """`function` of each cell; it must take any cell not text for missing (None)."""
        if not self.repeats:
            return [function(c) for c in self.cells]
        found = np.empty(len(self.distinct), dtype=object)
        found[:] = list(map(function, self.distinct))
        return found.take(self.codes)

    def blank(self, index: pd.Index, name: object = None) -> pd.Series:
        """True where a cell is missing, '' or only white space."""
        return pd.Series(self.each(_is_blank_text), index, bool, name)


def blank_mask(raw: pd.Series) -> pd.Series:
    """True where a cell is empty: None, NaN, NaT or only white space."""
    if raw.dtype.kind in "fiumM":  # numbers and dates cannot hold white space
        return raw.isna()
    kind = pd.api.types.infer_dtype(raw, skipna=True)
    if kind == "string" and raw.dtype == object:  # text or missing: one pass over the cells
        return TextCells(raw.to_numpy()).blank(raw.index, raw.name)
    blank = raw.isna()
    if kind == "string":  # all text: one vectorised pass
        spaces = raw.str.isspace()
    elif kind.startswith("mixed"):  # text among numbers and dates, as Excel cells come
        spaces = raw.map(is_blank_cell, na_action="ignore")
    else:
        return blank
    return blank | raw.eq("") | spaces.fillna(False).astype(bool)


def _is_blank_text(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def is_blank_cell(value: object) -> bool:
    """One cell is empty: None, NaN, or text that is only white space."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, float) and value != value)  # NaN != NaN


def parse_text(raw: pd.Series) -> pd.Series:
    """Strings with white space trimmed; numbers that are whole lose the '.0' Excel gives them."""
    if pd.api.types.infer_dtype(raw, skipna=True) not in ("string", "empty"):
        raw = raw.map(_text_of, na_action="ignore")  # numbers and dates from Excel cells
    if raw.dtype == object:  # text or missing: trimmed in one pass over the cells, not three
        trimmed = TextCells(raw.to_numpy()).each(_trimmed)
        return pd.Series(pd.array(trimmed, dtype="string"), raw.index, name=raw.name)
    text = raw.astype("string").str.strip()
    return text.where(text != "")


def _trimmed(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _text_of(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, pd.Timestamp)) and value == pd.Timestamp(value).normalize():
        return pd.Timestamp(value).date().isoformat()
    return str(value)


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Floats; text like '1,234.50' or '¥1 234' is read, anything else (TRUE, 'n/a') is bad."""
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        numbers = raw.astype("float64")
        bad = numbers.notna() & ~np.isfinite(numbers.fillna(0.0))
        return numbers.where(~bad), bad
    kind = pd.api.types.infer_dtype(raw, skipna=True)
    if kind in ("floating", "integer", "mixed-integer-float", "empty"):  # number cells, blanks
        numbers = pd.to_numeric(raw.astype(object), errors="coerce").astype("float64")
        bad = numbers.notna() & ~np.isfinite(numbers.fillna(0.0))
        return numbers.where(~bad), bad
    cells = raw.astype(object)
    if kind != "string":  # TRUE is not a number, though Python says it is 1
        cells = cells.where(~cells.map(_is_bool).astype(bool))
    numbers = pd.to_numeric(cells, errors="coerce").astype("float64")
    missing = numbers.isna()
    blank = missing.copy()  # only a cell read as no number can be blank: look at those alone
    blank[missing] = blank_mask(raw[missing]).to_numpy()
    retry = missing & ~blank & cells.notna()
    if retry.any():
        cleaned = cells[retry].astype("string").str.replace(_MONEY_NOISE, "", regex=True)
        grouped = cleaned.str.fullmatch(_THOUSANDS).fillna(False).astype(bool)
        cleaned = cleaned.where(~grouped, cleaned.str.replace(r"[,，]", "", regex=True))
        numbers[retry] = pd.to_numeric(cleaned, errors="coerce").astype("float64")
    bad = (numbers.isna() & ~blank) | ~np.isfinite(numbers.fillna(0.0))
    return numbers.where(~bad), bad


def _is_bool(value: object) -> bool:
    return isinstance(value, (bool, np.bool_))


def parse_dates(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates from date cells, Excel serials, or text such as 2024-03-05, 2024/3/5, 2024年3月5日."""
    blank = blank_mask(raw)
    # The common case in bulk, ISO text as CSV exports write it; the rest one cell at a time.
    text = raw.where(raw.map(lambda v: isinstance(v, str)).astype(bool))
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    rest = iso.isna() & ~blank
    dates = iso.astype("datetime64[ns]")
    if rest.any():
        parsed = raw[rest].map(_date_of)
        dates[rest] = pd.to_datetime(parsed, errors="coerce").astype("datetime64[ns]")
    return dates, dates.isna() & ~blank


def _date_of(value: object) -> pd.Timestamp | None:
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return pd.Timestamp(value).normalize()
    if isinstance(value, str) and _SERIAL.match(value):  # a date cell exported to CSV as General
        value = float(value)
    if isinstance(value, (int, float, np.integer, np.floating)) and not _is_bool(value):
        if 1 <= float(value) <= MAX_EXCEL_SERIAL:
            return (EXCEL_EPOCH + pd.Timedelta(days=int(value))).normalize()
        return None
    match = _YMD.match(str(value))
    if match is None:
        return None
    try:
        year, month, day = map(int, match.groups())
        return pd.Timestamp(year, month, day)
    except ValueError:
        return None


KIND_WORDS = {
    "customer": (
        "customer",
        "customers",
        "existing",
        "existing customer",
        "client",
        "account",
        "客户",
        "现有客户",
        "老客户",
        "既有客户",
        "已有客户",
    ),
    "prospect": (
        "prospect",
        "prospects",
        "potential",
        "potential customer",
        "lead",
        "潜在客户",
        "潜在",
        "准客户",
        "意向客户",
        "新客户",
    ),
}
_KIND_OF = {word.casefold(): kind for kind, words in KIND_WORDS.items() for word in words}


def parse_kinds(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'customer' or 'prospect' from English or Chinese words; blank means customer."""
    cells = TextCells.of(raw)
    if cells is not None:
        blank = cells.blank(raw.index)
        kinds = pd.Series(pd.array(cells.each(_kind_of), dtype="string"), raw.index, name=raw.name)
    else:
        blank = blank_mask(raw)
        words = raw.astype("string").str.strip().str.casefold()
        kinds = words.map(_KIND_OF).astype("string")
    bad = kinds.isna() & ~blank
    return kinds.fillna("customer").where(~bad), bad


def _kind_of(value: object) -> str | None:
    return _KIND_OF.get(value.strip().casefold()) if isinstance(value, str) else None
