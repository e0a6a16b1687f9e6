"""Work done beside the caller: on a thread, or in a forked process on Linux, the result or
the error is the one the work gives inline; a child that dies leaves the work to be done here."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from addin.adapters.package import background
from addin.adapters.package.background import InProcess, Pending
from addin.adapters.package.zipraw import PartError

HERE = os.getpid()


def where() -> str:
    return "here" if os.getpid() == HERE else "elsewhere"


def broken() -> None:
    raise PartError("error.part_xml", "xl/worksheets/sheet1.xml", detail="mismatched tag")


@pytest.mark.parametrize("kind", [Pending, InProcess])
def test_the_result_and_the_error_come_back_as_given(kind):
    assert kind(lambda: [1, "two", b"3"], "test").result() == [1, "two", b"3"]
    with pytest.raises(PartError) as raised:
        kind(broken, "test").result()
    assert raised.value.part == "xl/worksheets/sheet1.xml"
    assert raised.value.values == {"detail": "mismatched tag"}


@pytest.mark.skipif(not background._FORK, reason="forks only on Linux")
def test_a_forked_child_really_works_elsewhere_and_one_that_dies_leaves_it_to_us():
    assert InProcess(where, "test").result() == "elsewhere"

    def dies_elsewhere() -> str:
        if where() == "elsewhere":
            os._exit(3)  # killed, out of memory...
        return "done here"

    assert InProcess(dies_elsewhere, "test").result() == "done here"


@pytest.mark.skipif(not background._FORK, reason="forks only on Linux")
def test_no_fork_while_another_thread_runs():
    """A forked child gets only the forking thread: any lock another thread held stays held."""
    release = threading.Event()
    other = threading.Thread(target=release.wait, args=(10,))
    other.start()
    try:
        assert InProcess(where, "test").result() == "here"
    finally:
        release.set()
        other.join()
    assert InProcess(where, "test").result() == "elsewhere"


@pytest.mark.skipif(not background._FORK, reason="forks only on Linux")
def test_work_ahead_of_need_yields_the_processor_to_the_caller():
    """A sheet scanned while the use case computes must not slow the use case down: its
    process runs at a lower priority than this one; other work at the same."""
    own = os.getpriority(os.PRIO_PROCESS, 0)
    priority = lambda: os.getpriority(os.PRIO_PROCESS, 0)  # noqa: E731
    assert InProcess(priority, "test", behind=True).result() == min(own + background.BEHIND, 19)
    assert InProcess(priority, "test").result() == own
    assert priority() == own


@pytest.mark.skipif(not background._FORK, reason="forks only on Linux")
def test_ctrl_c_ends_a_forked_child_at_once_and_silently_for_the_parent_to_say(capfd):
    """The terminal sends Ctrl-C to every process of the command: a child must not print a
    traceback of its own before the parent's one line."""
    started, told = os.pipe()

    def works_long() -> str:
        os.write(told, str(os.getpid()).encode())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # Python work, as expat's callbacks are
            sum(range(1000))
        return "not interrupted"

    child = background.forked(works_long, "test")
    assert child is not None
    pid = int(os.read(started, 32))
    os.kill(pid, signal.SIGINT)

    with pytest.raises(background.ChildStopped):
        child.result()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    os.close(started)
    os.close(told)


@pytest.mark.skipif(not background._FORK, reason="forks only on Linux")
def test_a_forked_child_of_a_command_that_ignores_ctrl_c_ignores_it_too():
    """Started in the background by a script, a command ignores Ctrl-C: a child ending on it
    would fail the command's check instead ('the check of its rows stopped')."""
    started, told = os.pipe()

    def works_a_while() -> str:
        os.write(told, str(os.getpid()).encode())
        time.sleep(0.3)
        return "done"

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        child = background.forked(works_a_while, "test")
        assert child is not None
        os.kill(int(os.read(started, 32)), signal.SIGINT)
        assert child.result() == "done"
    finally:
        signal.signal(signal.SIGINT, before)
        os.close(started)
        os.close(told)
