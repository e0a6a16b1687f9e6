"""Faults from outside, tried for real: a killed batch run, a file size limit, hostile paths.

Each ends with one clear line and exit 2 (or, for a kill, with no process left behind), never a
traceback or "internal error", and the user's files as they were.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from addin.batch import _earlier_files, _Targets
from addin.workbook.atomic import write_bytes
from tests.e2e.test_cli import REPO, encrypted_copy, fingerprint, offset_workbook, run, write_csv

POSIX_PROCS = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads the process table from /proc"
)


def custdev(
    *args: object, launcher: tuple[str, str] = ("-m", "addin.cli"), **popen: object
) -> subprocess.Popen[str]:
    """`custdev ARGS` in a new process, in English; `launcher` is how Python starts it."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "CUSTDEV_LANG": "en"}
    command = [sys.executable, *launcher, *map(str, args)]
    return subprocess.Popen(command, env=env, text=True, **popen)  # type: ignore[call-overload]


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid` and that still run (a zombie has ended)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def state(pid: int) -> str:
    """The process's state letter in /proc ('T' stopped, 'Z' ended; 'X' once it is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "X"


def running(pid: int) -> bool:
    return state(pid) not in "ZX"


def no_process_left(workers: set[int]) -> list[int]:
    """Those of `workers` still running after a while (20 s at most), killed so that they are
    not left to the next test either."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(map(running, workers)):
        time.sleep(0.05)
    left = [pid for pid in workers if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def big_export(path: Path, reps: int = 120, per_rep: int = 300) -> Path:
    lines = ["Customer ID,Name,Rep,Annual sales"]
    lines += [f"C{i},Customer {i},Rep {i % reps:03d},{1000 + i}" for i in range(reps * per_rep)]
    return write_csv(path, lines, encoding="utf-8")


@POSIX_PROCS
def test_killing_generate_with_two_jobs_leaves_no_worker_running(tmp_path):
    source, out = big_export(tmp_path / "export.csv"), tmp_path / "reps"
    parent = custdev("generate", source, "--out", out, "--jobs", 2, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (len(workers) >= 2 and any(out.glob("*.xlsx"))):
        workers |= children(parent.pid)
        time.sleep(0.05)
    assert parent.poll() is None and len(workers) >= 2, "the run ended before it could be killed"

    parent.send_signal(signal.SIGKILL)
    parent.wait()

    assert no_process_left(workers) == []
    assert list(out.glob(".*.tmp")) == []  # the workers removed what they were writing


@POSIX_PROCS
def test_killing_plan_with_two_jobs_leaves_no_worker_running(tmp_path):
    source = big_export(tmp_path / "export.csv", reps=8, per_rep=150)
    output = tmp_path / "plan.xlsx"
    parent = custdev("plan", source, "-o", output, "--jobs", 2, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
        workers |= children(parent.pid)
        time.sleep(0.05)
    assert parent.poll() is None and len(workers) >= 2, "the run ended before it could be killed"

    parent.send_signal(signal.SIGKILL)
    parent.wait()

    assert no_process_left(workers) == [] and not output.exists()


@POSIX_PROCS
def test_a_worker_killed_mid_run_fails_its_reps_in_the_manifest_and_exit_2(tmp_path):
    """A killed worker breaks the pool: every share not yet reported fails. The manifest still
    names each workbook that was written (it said 'nothing was written' for 100 on disk)."""
    source, out = big_export(tmp_path / "export.csv"), tmp_path / "reps"
    parent = custdev(
        "generate",
        source,
        "--out",
        out,
        "--jobs",
        2,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(out.glob("*.xlsx")):
        time.sleep(0.05)
    workers = children(parent.pid)
    assert workers and parent.poll() is None, "the run ended before a worker could be killed"

    os.kill(min(workers), signal.SIGKILL)
    _, err = parent.communicate(timeout=300)

    assert parent.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    with (out / "manifest.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    failed = [r for r in rows if r["status"] == "failed"]
    assert failed
    for row in failed:
        if row["file"]:
            assert "written in full, but the run lost track of it" in row["details"]
        else:
            assert "stopped before it was done" in row["details"]
    assert {r["file"] for r in rows if r["file"]} == {p.name for p in out.glob("*.xlsx")}
    assert any(r["file"] for r in failed)  # the worker had written some before it was killed


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_size_limit_is_one_clear_line_and_exit_2(tmp_path, lang):
    import resource

    source = offset_workbook(tmp_path / "customers.xlsx", 1000)
    before = fingerprint(source)

    def small_files() -> None:  # 4 KB: the input can be read, no workbook can be written
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = custdev(
        "classify",
        source,
        "--lang",
        lang,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=small_files,
    )
    _, err = done.communicate(timeout=120)

    assert done.returncode == 2, err
    said = {"en": "larger than this system allows", "zh": "超出本系统允许的大小"}[lang]
    assert said in err and len(err.strip().splitlines()) == 1
    assert "internal error" not in err and "Traceback" not in err
    assert fingerprint(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.xlsx"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_encrypted_template_is_named_in_its_message(tmp_path, capsys, lang):
    plain = offset_workbook(tmp_path / "plain.xlsx", 1000)
    template = encrypted_copy(plain, tmp_path / "rep_template.xlsx")
    source = write_csv(tmp_path / "export.csv", ["id,name,rep,sales", "1,A,Li,10"])

    result = run(
        capsys, "generate", source, "--out", tmp_path / "o", "--template", template, "--lang", lang
    )

    assert result.code == 2
    said = {"en": "password protected", "zh": "受密码保护"}[lang]
    assert "rep_template.xlsx" in result.err and said in result.err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_folder_given_as_the_workbook_to_refresh_says_so(tmp_path, capsys, lang):
    (tmp_path / "q1.xlsx").mkdir()

    result = run(capsys, "refresh", tmp_path / "q1.xlsx", "--lang", lang)

    assert result.code == 2
    assert {"en": "is a folder", "zh": "这是文件夹"}[lang] in result.err


def damaged(path: Path, part: str, data: bytes | None) -> Path:
    """A copy of a small customers workbook with `part` replaced by `data` (None: left out)."""
    import zipfile

    from tests.workbooks import customers_book

    plain = path.with_name("plain.xlsx")
    customers_book([["C1", "A", 10], ["C2", "B", 5]]).save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename == part and data is None:
                continue
            target.writestr(item, data if item.filename == part else source.read(item))
    plain.unlink()
    return path


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (None, {"en": "has no xl/worksheets/sheet1.xml part", "zh": "缺少"}),
        (b"<worksheet><sheetData><row>", {"en": "is not well-formed XML", "zh": "格式"}),
    ],
    ids=["sheet part missing", "sheet xml broken"],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_workbook_with_a_missing_or_broken_sheet_is_one_line_and_exit_2(
    tmp_path, capsys, data, says, lang
):
    source = damaged(tmp_path / "damaged.xlsx", "xl/worksheets/sheet1.xml", data)
    before = fingerprint(source)

    result = run(capsys, "classify", source, "--lang", lang)

    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "damaged.xlsx" in result.err and "xl/worksheets/sheet1.xml" in result.err
    assert says[lang] in result.err
    assert fingerprint(source) == before and not (tmp_path / "damaged_classified.xlsx").exists()


def test_a_workbook_left_by_an_earlier_run_is_not_taken_for_one_this_run_wrote(tmp_path):
    """With --force a folder may hold last night's workbooks: after a worker is killed, only
    those this run put in place (a new file: writes are atomic) are said to be written."""
    files = ["kept.xlsx", "replaced.xlsx", "new.xlsx", "never.xlsx"]
    for name in files[:2]:
        (tmp_path / name).write_bytes(b"last night's")
    earlier = _earlier_files(tmp_path, files, replace=True)
    write_bytes(tmp_path / "replaced.xlsx", b"this run's")
    write_bytes(tmp_path / "new.xlsx", b"this run's")
    targets = _Targets(np.arange(4), ["kept", "replaced", "new", "never"], files, tmp_path, earlier)

    outcomes = targets.unreported(0, 4, "stopped")

    assert [o.unreported for o in outcomes] == [False, True, True, False]
    assert [o.error for o in outcomes][::3] == ["stopped", "stopped"]
    assert all(not o.ok for o in outcomes)
