"""Work started on a thread while this one does something else, and waited for when needed.

A refresh spends most of its time in two kinds of work: Python reading a sheet with expat, and
code that lets other threads run meanwhile (calamine's Rust reading the same file, zlib packing
the new one). On a machine with a second core the two overlap. Nothing here changes what is
computed: the result, or the error, is the one the work would have given inline.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

WORTH_A_PROCESS = 8 << 20
"""Sheets this big (unpacked bytes) are scanned in a second process: forking costs some 20-40 ms,
and a 100,000-row sheet (50 MB) takes 1.5 s to scan."""


WORTH_A_THREAD = 1 << 20
"""Work over fewer bytes than this (a rep's workbook of a few hundred rows) is done inline:
a thread's start and the switching between threads cost more than the overlap gains, and a
batch already keeps every core busy with its worker processes."""


class Inline(Generic[T]):
    """`work` done here, when its result is first asked for, and kept."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._done: tuple[T] | None = None

    def result(self) -> T:
        if self._done is None:
            self._done = (self._work(),)
        return self._done[0]

    def settle(self) -> None:
        """Nothing runs: nothing to wait for."""


def beside(work: Callable[[], T], name: str, size: int) -> Pending[T] | Inline[T]:
    """`work` over `size` bytes started on a thread, or kept to be done inline when small."""
    return Pending(work, name) if size >= WORTH_A_THREAD else Inline(work)


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

    def settle(self) -> None:
        """Wait for the work to end, whatever it gives: for a caller leaving on an error (Ctrl-C
        included), so that no thread of it is still inside calamine, whose stderr guard holds
        file descriptor 2, when the error is said."""
        if self._thread is not None:
            self._thread.join()


class InProcess(Generic[T]):
    """`work` run in a forked child process, its result (or error) sent back pickled: Python
    work that holds the interpreter lock (expat calling back for every element) then runs on a
    second core beside this process's own. Where fork is not the way processes start (Windows,
    macOS), another thread is running, or the child cannot start or dies, the work runs on a
    thread or inline instead.

    `behind` is work done ahead of need (a sheet scanned while the use case computes): its
    process yields the processor to this one, whose work is what the user waits for now."""

    def __init__(self, work: Callable[[], T], name: str, behind: bool = False) -> None:
        self._work = work
        self._child: Forked[T] | None = forked(work, name, behind)
        self._fallback = Pending(work, name) if self._child is None else None

    def cancel(self) -> None:
        """The work is not wanted any more: its process is stopped (a thread runs on)."""
        if self._child is not None:
            self._child.cancel()
            self._child = None

    def result(self) -> T:
        if self._fallback is not None:
            return self._fallback.result()
        try:
            return self._child.result()  # type: ignore[union-attr]
        except ChildStopped:  # killed, out of memory: do it here
            return self._work()


class ChildStopped(Exception):
    """The forked child ended without sending its result."""


class Forked(Generic[T]):
    """A forked child doing `work` (`forked`); `result()` waits for it and gives what the
    work returned, or raises what it raised, or ChildStopped."""

    def __init__(self, process: Any, conn: Any) -> None:
        self._process, self._conn = process, conn

    def cancel(self) -> None:
        self._process.terminate()
        self._process.join()
        self._conn.close()

    def result(self) -> T:
        try:
            ok, value = self._conn.recv()
        except (EOFError, OSError):
            raise ChildStopped(self._process.name) from None
        finally:
            self._conn.close()
            self._process.join()
        if not ok:
            raise value
        return value


def forked(work: Callable[[], T], name: str, behind: bool = False) -> Forked[T] | None:
    """`work` started in a forked child, which inherits this process's memory as it is now;
    None where no child can start here (see `can_fork`; a daemon process has no children)."""
    if not can_fork():
        return None
    try:
        context = _fork_context()
        conn, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_send,
            args=(work, sending, BEHIND if behind else 0),
            name=f"custdev-{name}",
            daemon=True,
        )
        process.start()
    except (OSError, ValueError, RuntimeError, AssertionError):
        return None
    sending.close()
    return Forked(process, conn)


_FORK = sys.platform == "linux"
"""Where processes may start by fork (Linux has it; its start methods are checked when used)."""


def _fork_context() -> Any:
    """multiprocessing's fork context, imported only when a part is big enough for a process."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        raise ValueError("no fork")
    return multiprocessing.get_context("fork")


def can_fork() -> bool:
    """Whether work can go to a forked process now. A fork copies only the thread that forks:
    with another one alive, a lock it holds (in malloc, zlib, calamine) would stay held in the
    child forever."""
    return _FORK and threading.active_count() == 1


BEHIND = 5
"""How much less of the processor a child doing work ahead of need gets (nice 5: about a third
of what this process gets when both want the same core)."""


def _send(work: Callable[[], object], conn: Any, nice: int = 0) -> None:
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (not when ignored)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: end at once, the parent says it
    try:
        outcome: tuple[bool, object] = (True, work())
    except Exception as error:  # sent back and raised there
        outcome = (False, error)
    with contextlib.suppress(OSError):  # nobody waits any more (the use case failed before)
        conn.send(outcome)
    conn.close()
