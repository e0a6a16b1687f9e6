"""The one door to python-calamine, the second reader: every call into it runs inside
`calamine_calls()`.

A package calamine did not expect can make its Rust code panic. pyo3 raises that as
PanicException, a BaseException (so a plain `except Exception` misses it and the command would
die with a traceback), after Rust's panic hook has printed "thread '<unnamed>' panicked at ..."
and, with RUST_BACKTRACE set, a whole backtrace, straight to file descriptor 2. Neither Python nor
an environment variable can switch that hook off, so fd 2 is pointed at a temporary file while
calamine runs: what landed there is passed on to stderr afterwards, less the panic's report. The
panic itself becomes CalaminePanic, a calamine.CalamineError, so every caller's handling of a
file calamine cannot read (one clear line naming the file and, where known, the broken part)
covers it too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import python_calamine as calamine

_PANIC_REPORT = b"\nthread '"
"""Where Rust's panic hook starts its report (after a blank line) on stderr."""


class CalaminePanic(calamine.CalamineError):
    """calamine's Rust code panicked on this package: a file it cannot read, not a bug of ours."""


@contextmanager
def calamine_calls() -> Iterator[None]:
    """Run calls into calamine; a panic in them raises CalaminePanic, its report kept off stderr."""
    with _stderr_held() as held:
        try:
            yield
        except BaseException as error:
            if type(error).__name__ != "PanicException":
                raise
            held.append(error)
    if held:
        raise CalaminePanic(f"calamine: {held[0]}") from None


@contextmanager
def _stderr_held() -> Iterator[list[BaseException]]:
    """fd 2 into a temporary file for the block; then its text back on stderr, cut before a
    panic's report when the block panicked (the list it yields holds that panic)."""
    panicked: list[BaseException] = []
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (AttributeError, OSError, ValueError):  # no stderr at all (pythonw): nothing to hold
        yield panicked
        return
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield panicked
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            held.seek(0)
            said = held.read()
            report = (b"\n" + said).find(_PANIC_REPORT)
            if panicked and report >= 0:
                said = said[: max(report - 1, 0)]
            if said:
                os.write(2, said)
