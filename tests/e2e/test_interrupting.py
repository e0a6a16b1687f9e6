"""Ctrl-C, for real: the terminal's SIGINT reaches every process of the command's group.

The command stops soon, says in one line what it wrote (nothing, a file, or which workbooks of a
batch, with a manifest that lists them), exits 130, leaves no temp file and no process, and no
process of it prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from addin import cli
from addin.batch import solver_worker, stop_workers
from addin.domain.errors import Interrupted
from addin.domain.i18n import use_language
from addin.workbook.atomic import write_bytes
from tests.e2e.test_faults import (
    POSIX_PROCS,
    big_export,
    children,
    custdev,
    no_process_left,
    state,
)

GROUP_SIGNALS = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")


AS_FROM_A_TERMINAL = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from addin.cli import main; sys.exit(main())"
)
"""custdev as a terminal starts it, with Python's own Ctrl-C handling, even when the tests run
in a process that ignores Ctrl-C (started in the background by a script): its children would."""


def ctrl_c_when(
    ready: Callable[[subprocess.Popen[str]], bool], *args: object, timeout: float = 120
) -> tuple[subprocess.Popen[str], str, set[int]]:
    """`custdev ARGS` in a process group of its own, interrupted as a terminal does once
    `ready(command)` holds; the command, its stderr and the children it had by then."""
    command = custdev(
        *args,
        launcher=("-c", AS_FROM_A_TERMINAL),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and command.poll() is None and not ready(command):
        workers |= children(command.pid)
        time.sleep(0.02)
    workers |= children(command.pid)
    # Frozen first: on a loaded machine the command could otherwise finish between the check
    # below and the signal (a 120-workbook batch has 1.7 s left once its first is written),
    # then exit 0 as if Ctrl-C had been ignored. Stopped, it takes Ctrl-C as it resumes.
    os.killpg(command.pid, signal.SIGSTOP)
    while command.poll() is None and state(command.pid) not in "TtZX":
        time.sleep(0.001)
    assert command.poll() is None, "the command ended before Ctrl-C could reach it"
    os.killpg(command.pid, signal.SIGINT)
    os.killpg(command.pid, signal.SIGCONT)
    _, err = command.communicate(timeout=120)
    return command, err, workers


@POSIX_PROCS
@GROUP_SIGNALS
@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_generate_and_its_manifest_lists_exactly_the_workbooks_written(tmp_path, jobs):
    source, out = big_export(tmp_path / "export.csv"), tmp_path / "reps"

    def some_written(command: subprocess.Popen[str]) -> bool:
        return any(out.glob("*.xlsx")) and (jobs == 1 or len(children(command.pid)) >= 2)

    command, err, workers = ctrl_c_when(
        some_written, "generate", source, "--out", out, "--jobs", jobs
    )

    assert command.returncode == 130, err
    assert "Traceback" not in err and "internal error" not in err, err
    document = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    made = {f["file"] for f in document["files"] if f["status"] == "ok"}
    assert made == {p.name for p in out.glob("*.xlsx")}  # no more, no fewer
    assert 0 < len(made) < len(document["files"])  # stopped early, not at the end
    assert document["interrupted"] is True and document["written"] == len(made)
    skipped = [f for f in document["files"] if f["status"] != "ok"]
    assert all("interrupted (Ctrl-C)" in f["details"][0] for f in skipped)
    total = len(document["files"])
    assert err.strip().splitlines() == [
        f"interrupted: {len(made)} of {total} workbook(s) were written to {out}, the others "
        f"were not. Manifest: {out / 'manifest.csv'}"
    ]
    assert list(out.glob(".*.tmp")) == []
    assert no_process_left(workers) == []


@POSIX_PROCS
@GROUP_SIGNALS
def test_ctrl_c_while_plan_solves_with_two_jobs_is_one_line_and_no_worker_traceback(tmp_path):
    source = big_export(tmp_path / "export.csv", reps=6, per_rep=80)
    output = tmp_path / "plan.xlsx"

    def workers_started(command: subprocess.Popen[str]) -> bool:
        return len(children(command.pid)) >= 2

    command, err, workers = ctrl_c_when(workers_started, "plan", source, "-o", output, "--jobs", 2)

    assert command.returncode == 130, err
    assert err.strip().splitlines() == ["interrupted; nothing was written"], err
    assert not output.exists() and list(tmp_path.glob(".*.tmp")) == []
    assert no_process_left(workers) == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "interrupted; written in full before that: {0}; nothing else was written"),
        ("zh", "已中断；此前已完整写入：{0}；其他均未写入"),
    ],
)
def test_ctrl_c_just_after_a_file_was_put_in_place_names_it(tmp_path, capsys, lang, said):
    """The rename is the last step of a write: Ctrl-C a moment later must not say that nothing
    was written (it did, at the end of a 300,000-row classify in a sweep of 40 moments)."""
    output = tmp_path / "out.xlsx"

    def writes_then_ctrl_c(_: argparse.Namespace) -> int:
        write_bytes(output, b"the whole workbook")
        raise KeyboardInterrupt

    with use_language(lang):
        code = cli._run(argparse.Namespace(run=writes_then_ctrl_c, debug=False))

    assert code == 130
    assert capsys.readouterr().err.strip() == said.format(output)
    assert output.read_bytes() == b"the whole workbook"


def test_ctrl_c_names_the_first_files_written_and_counts_the_rest(tmp_path, capsys):
    earlier = tmp_path / "earlier.xlsx"
    write_bytes(earlier, b"an earlier command's")  # same process, before this command: not named
    names = [tmp_path / f"book{i}.xlsx" for i in range(5)]

    def writes_five(_: argparse.Namespace) -> int:
        for name in names:
            write_bytes(name, b"book")
        raise KeyboardInterrupt

    code = cli._run(argparse.Namespace(run=writes_five, debug=False))

    err = capsys.readouterr().err
    assert code == 130
    assert ", ".join(map(str, names[:3])) + ", and 2 more;" in err
    assert str(earlier) not in err


def test_ctrl_c_before_anything_was_written_says_so(capsys):
    def interrupted(_: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    assert cli._run(argparse.Namespace(run=interrupted, debug=False)) == 130
    assert capsys.readouterr().err.strip() == "interrupted; nothing was written"


def test_what_a_command_says_it_saved_is_said_as_it_is(capsys):
    def batch(_: argparse.Namespace) -> int:
        raise Interrupted("interrupted: 3 of 9 workbook(s) were written")

    assert cli._run(argparse.Namespace(run=batch, debug=False)) == 130
    assert capsys.readouterr().err.strip() == "interrupted: 3 of 9 workbook(s) were written"


def pid_of(_: object) -> int:
    return os.getpid()


@POSIX_PROCS
def test_solver_workers_leave_ctrl_c_to_the_parent_which_stops_them_without_waiting(capfd):
    """Plan's route workers: Ctrl-C reaching one waiting for work printed a traceback, and one
    ending by it raced the parent into 'internal error'. They ignore it; the parent ends them
    instead of waiting for routes nobody wants."""
    with ProcessPoolExecutor(2, initializer=solver_worker) as pool:
        assert set(pool.map(pid_of, range(8)))
        workers = children(os.getpid())
        assert len(workers) == 2
        for pid in workers:  # both wait for work, as at the end of a plan
            os.kill(pid, signal.SIGINT)
        time.sleep(0.2)
        assert set(pool.map(pid_of, range(8))) <= workers  # still there, still working
        nobody_waits = pool.submit(time.sleep, 20)
        stop_workers(pool)
    with pytest.raises(BrokenProcessPool):
        nobody_waits.result(timeout=0)
    assert no_process_left(workers) == []
    assert "Traceback" not in capfd.readouterr().err
