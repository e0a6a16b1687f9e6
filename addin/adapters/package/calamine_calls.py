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
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import python_calamine as calamine

_PANIC_REPORT = b"\nthread '"
"""Where Rust's panic hook starts its report (after a blank line) on stderr."""


class CalaminePanic(calamine.CalamineError):
    """calamine's Rust code panicked on this package: a file it cannot read, not a bug of ours."""


@contextmanager
def calamine_calls() -> Iterator[None]:
    """Run calls into calamine; a panic in them raises CalaminePanic, its report kept off stderr."""
    panic: BaseException | None = None
    _HOLD.enter()
    try:
        yield
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        panic = error
    finally:
        _HOLD.leave(panicked=panic is not None)
    if panic is not None:
        raise CalaminePanic(f"calamine: {panic}") from None


class _StderrHold:
    """fd 2 into a temporary file while any thread is inside calamine_calls; when the last one
    leaves, its text goes back to stderr, cut before a panic's report if one of them panicked.

    fd 2 belongs to the whole process, so the hold is counted: a refresh reads with calamine on
    a thread while the main thread does too, and two holds that each saved and restored fd 2 on
    their own could leave it pointing at the other's closed file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._saved: int | None = None
        self._file: IO[bytes] | None = None
        self._panicked = False
        self._spare: tuple[int, IO[bytes]] | None = None
        """The temporary file of this process (its id), emptied and used again by the next
        hold: a batch reads back a thousand workbooks, and making a file costs more than the
        read of a small one. A forked child makes its own (the parent's is shared with it)."""

    def enter(self) -> None:
        with self._lock:
            self._holders += 1
            if self._holders == 1:
                self._start()

    def leave(self, panicked: bool) -> None:
        with self._lock:
            self._panicked |= panicked
            self._holders -= 1
            if self._holders == 0:
                self._stop()

    def _start(self) -> None:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (AttributeError, OSError, ValueError):  # no stderr at all (pythonw): nothing to hold
            return
        self._saved, self._file = saved, self._empty_file()
        os.dup2(self._file.fileno(), 2)

    def _empty_file(self) -> IO[bytes]:
        if self._spare is None or self._spare[0] != os.getpid():
            self._spare = (os.getpid(), tempfile.TemporaryFile())  # noqa: SIM115 (kept open)
        held = self._spare[1]
        held.seek(0)
        held.truncate()
        return held

    def _stop(self) -> None:
        saved, held, panicked = self._saved, self._file, self._panicked
        self._saved, self._file, self._panicked = None, None, False
        if saved is None or held is None:
            return
        os.dup2(saved, 2)
        os.close(saved)
        held.seek(0)
        said = held.read()
        report = (b"\n" + said).find(_PANIC_REPORT)
        if panicked and report >= 0:
            said = said[: max(report - 1, 0)]
        if said:
            os.write(2, said)


_HOLD = _StderrHold()
