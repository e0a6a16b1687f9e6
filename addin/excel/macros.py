"""Macros: "Classify customers" for classic xlwings (RunPython) and as an xlwings Lite script.

Classic xlwings calls `classify_customers()` with no arguments from VBA (see
workbook_templates/custdev.bas) and the workbook comes from `xw.Book.caller()`; xlwings Lite calls
the same function as a script with the open workbook as `book`.
"""

from __future__ import annotations

import contextlib
from typing import Any

import xlwings as xw

from addin.domain.errors import CustdevError
from addin.excel.xlwings_book import XlwingsBook
from addin.services import ClassifyReport, classify_workbook

MAX_ALERT_LINES = 12


@xw.script
def classify_customers(book: xw.Book = None) -> None:  # type: ignore[assignment]
    """Classify customers: write the ABC class column, its colours and the summary."""
    book = book if book is not None else xw.Book.caller()
    try:
        report = classify_workbook(XlwingsBook(book))
    except CustdevError as error:
        _tell(book, str(error), "custdev: cannot classify")
        return
    _tell(book, report_text(report), "custdev")


def report_text(report: ClassifyReport) -> str:
    """The status line, then the first problems (all of them are in the log)."""
    lines = report.describe_problems().splitlines()
    if len(lines) > MAX_ALERT_LINES:
        lines = [*lines[:MAX_ALERT_LINES], f"... ({len(report.problems)} in all)"]
    return "\n".join([report.message(), *lines])


def _tell(book: Any, message: str, title: str) -> None:
    """Status bar and, when there is more than one line to say, an alert; print for Lite's log."""
    print(message)
    first = message.splitlines()[0]
    with contextlib.suppress(Exception):  # xlwings Lite has no status bar
        book.app.status_bar = first
    if "\n" in message or title.endswith("classify"):
        with contextlib.suppress(Exception):  # alerts are a nicety; the printed text is the record
            book.app.alert(message, title=title)
