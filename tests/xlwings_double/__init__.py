"""Doubles of the two runtimes custdev's macros run on, strict where the runtimes are strict.

`run_lite_script` runs a script as xlwings Lite does (a snapshot in, actions out, applied after
the script); `run_macro` runs a classic RunPython macro with `xw.Book.caller()` on the COM double.
Both act on an `ExcelState`, so tests look at the same cells whichever runtime wrote them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlwings import main

from tests.xlwings_double.desktop import ComError, DesktopBook, excel_book
from tests.xlwings_double.office_js import flush
from tests.xlwings_double.remote import RemoteBook, lite_book
from tests.xlwings_double.state import (
    ExcelState,
    Formula,
    SheetState,
    TableState,
    state_from_xlsx,
    typed_in,
)

RUNTIMES = ("lite", "classic")


def run_lite_script(state: ExcelState, script: Callable[[main.Book], Any]) -> list[dict[str, Any]]:
    """Run `script(book)` as xlwings Lite does and apply its actions; returns the actions."""
    book, impl = lite_book(state)
    script(book)
    flush(state, impl.actions)
    return impl.actions


def run_macro(state: ExcelState, macro: Callable[[], Any]) -> list[tuple[str, str]]:
    """Run a RunPython macro (no arguments, `xw.Book.caller()` inside); returns the COM calls."""
    book, impl = excel_book(state)
    book.set_mock_caller()
    try:
        macro()
    finally:
        del main.Book._mock_caller
    return impl.calls


def run(runtime: str, state: ExcelState, entry: Callable[..., Any]) -> list[Any]:
    """Run a macro/script on `runtime` ('lite' or 'classic'); returns its actions or calls."""
    if runtime == "lite":
        return run_lite_script(state, entry)
    return run_macro(state, entry)


__all__ = [
    "RUNTIMES",
    "ComError",
    "DesktopBook",
    "ExcelState",
    "Formula",
    "RemoteBook",
    "SheetState",
    "TableState",
    "excel_book",
    "flush",
    "lite_book",
    "run",
    "run_lite_script",
    "run_macro",
    "state_from_xlsx",
    "typed_in",
]
