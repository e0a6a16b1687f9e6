"""Work started on a thread while this one does something else, and waited for when needed.

A refresh spends most of its time in two kinds of work: Python reading a sheet with expat, and
code that lets other threads run meanwhile (calamine's Rust reading the same file, zlib packing
the new one). On a machine with a second core the two overlap. Nothing here changes what is
computed: the result, or the error, is the one the work would have given inline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """`work` running on a thread; `result()` waits for it and gives what it returned or raises
    what it raised. Where no thread can start, the work runs inline when the result is asked."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = threading.Thread(
            target=self._run, name=f"custdev-{name}", daemon=True
        )
        try:
            self._thread.start()
        except RuntimeError:  # no threads here (a browser's Python): run when asked
            self._thread = None

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error

    def result(self) -> T:
        if self._thread is None:
            return self._work()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
