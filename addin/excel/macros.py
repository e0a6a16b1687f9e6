"""Macros: "Classify customers", "Colour prospects and update pipeline" and "Plan visits", for
classic xlwings (RunPython) and as xlwings Lite scripts.

Classic xlwings calls `classify_customers()` with no arguments from VBA (see
workbook_templates/custdev.bas) and the workbook comes from `xw.Book.caller()`; xlwings Lite calls
the same function as a script with the open workbook as `book`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import xlwings as xw

from addin.domain.errors import CustdevError
from addin.domain.i18n import language_of, text, use_language
from addin.domain.planning.inputs import next_monday
from addin.domain.problems import describe_all
from addin.excel.xlwings_book import XlwingsBook
from addin.services import (
    ClassifyReport,
    PlanReport,
    ProspectReport,
    classify_workbook,
    colour_workbook,
    plan_workbook,
)

MAX_ALERT_LINES = 12
MAX_DETAIL = 160
Report = ClassifyReport | ProspectReport | PlanReport
log = logging.getLogger("custdev")


@xw.script
def classify_customers(book: xw.Book = None) -> None:  # type: ignore[assignment]
    """Classify customers: write the ABC class column, its colours and the summary."""
    _run(book, classify_workbook)


@xw.script
def colour_prospects(book: xw.Book = None) -> None:  # type: ignore[assignment]
    """Colour prospects and update pipeline: stage fills, the Segment column, Pipeline, Segments."""
    _run(book, colour_workbook)


@xw.script
def plan_visits(book: xw.Book = None) -> None:  # type: ignore[assignment]
    """Plan visits: next month, day by day, into the plan, calendar, card and checklist sheets."""
    _run(book, lambda port: plan_workbook(port, next_monday(dt.date.today())))


def _run(book: Any, use_case: Callable[[XlwingsBook], Report]) -> None:
    """One use case on the caller's workbook (classic) or the given one (Lite), in the language of
    its sheet names; errors and problems reach the rep as one short message, never a traceback
    (the log keeps the details)."""
    book = book if book is not None else xw.Book.caller()
    with use_language(language_of(sheet.name for sheet in book.sheets)):
        try:
            report = use_case(XlwingsBook(book))
        except CustdevError as error:
            _tell(book, str(error), alert=True)
            return
        except Exception as error:  # a bug or the runtime refusing a call: say so, briefly
            log.debug("custdev macro failed", exc_info=True)
            _tell(book, unexpected_text(error), alert=True)
            return
        _tell(book, report_text(report), alert=bool(report.problems))


def unexpected_text(error: BaseException) -> str:
    """An error custdev did not foresee, in one short line the rep can pass on."""
    detail = (str(error).strip().splitlines() or [""])[0]
    if len(detail) > MAX_DETAIL:
        detail = detail[: MAX_DETAIL - 1] + "…"
    return text("error.unexpected", kind=type(error).__name__, message=detail)


def report_text(report: Report) -> str:
    """The status line, then the first problems and how many more there are."""
    problems = describe_all(report.problems, report.layout, limit=MAX_ALERT_LINES)
    return "\n".join(line for line in (report.message(), problems) if line)


def _tell(book: Any, message: str, alert: bool) -> None:
    """The status bar, an alert when something needs the rep's eye, and print for Lite's log."""
    print(message)
    with contextlib.suppress(Exception):  # xlwings Lite has no status bar
        book.app.status_bar = message.splitlines()[0]
    if alert:
        with contextlib.suppress(Exception):  # alerts are a nicety; the printed text is the record
            book.app.alert(message, title="custdev")
