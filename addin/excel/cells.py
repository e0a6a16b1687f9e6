"""Turn what Excel hands a function into Python values, and errors into short cell text."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from addin.domain.i18n import text
from addin.domain.problems import shown
from addin.domain.settings import PARSERS, share
from addin.domain.values import is_blank_cell

Grid = list[list[Any]]
F = TypeVar("F", bound=Callable[..., Grid])
MAX_CELL_MESSAGE = 200
MAX_HELP = 255
"""xlwings' Import Functions cuts function and argument help at 255 characters."""
LAST_SERIAL = 2958465
"""Excel's last date, 9999-12-31, as a serial number."""
log = logging.getLogger("custdev")


def cell_errors(function: F) -> F:
    """Show a short 'Error: …' in the cell instead of a traceback (the log keeps the details)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Grid:
        try:
            return function(*args, **kwargs)
        except Exception as error:  # a cell must never show a traceback
            log.debug("%s failed", function.__name__, exc_info=True)
            return [[short_message(error)]]

    wrapper.__doc__ = help_text(function.__doc__ or "")
    return wrapper  # type: ignore[return-value]


def help_text(doc: str) -> str:
    """A docstring as Excel's function help shows it: one paragraph, no indentation."""
    return " ".join(doc.split())


def short_message(error: BaseException) -> str:
    """'Error: ' and the first line of the message, cut to fit a cell comfortably."""
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    message = text("error.cell", message=first)
    return message if len(message) <= MAX_CELL_MESSAGE else message[: MAX_CELL_MESSAGE - 1] + "…"


def as_column(grid: Grid | None) -> list[Any]:
    """The cells of a one-column or one-row range, top to bottom or left to right."""
    if not grid:
        return []
    if len(grid) == 1:
        return list(grid[0])
    if all(len(row) == 1 for row in grid):
        return [row[0] for row in grid]
    raise ValueError(text("error.one_column", rows=len(grid), columns=len(grid[0])))


def spill_like(source: Grid, values: list[Any]) -> Grid:
    """Spill down for a column (or a single cell), across for a row, to line up with the input."""
    if source and len(source) == 1 and len(source[0]) > 1:
        return [values]
    return [[v] for v in values] or [[""]]


def as_share(value: object, default: float) -> float:
    """80%, 0.8, '80%' or a blank cell (the default) as a share."""
    if is_blank_cell(value):
        return default
    try:
        return share(value)
    except ValueError:
        raise ValueError(text("error.not_share", value=repr(value))) from None


def as_text(value: object, default: str) -> str:
    return default if is_blank_cell(value) else str(value).strip().casefold()


def as_date(value: object, default: dt.date) -> dt.date:
    """A date cell, an Excel serial number or 'YYYY-MM-DD' text; blank gives the default."""
    if is_blank_cell(value):
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value <= LAST_SERIAL:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    elif isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(text("error.not_date", value=shown(value)))


def as_setting(value: object, key: str, name: str) -> object:
    """An argument read as the Settings sheet reads `key` (blank: None, the sheet's value);
    anything else is answered in our words, naming the argument."""
    if is_blank_cell(value):
        return None
    parse, expected, example = PARSERS[key]
    try:
        return parse(value)
    except (ValueError, TypeError, OverflowError):
        said = text(expected, example=example)
        message = text("error.argument", name=name, value=shown(value), expected=said)
        raise ValueError(message) from None
