"""Refresh a 100,000-row customer workbook in place; compare with openpyxl load + save of it.

Both are timed in the same run (median of several runs), each in a process of its own: openpyxl's
in a child process, custdev's in this one (its first run pays the imports it makes lazily), and
custdev's again as the whole `custdev refresh` command in a new process, and once more here
without forking, as on Windows and macOS. Peak memory is the largest resident set of a fresh
process doing one refresh (the Rust reader counted too).

Run by hand:  python benchmarks/bench_refresh.py [--rows N] [--runs N]
Target (issues 5 and 10): >= 5x faster than openpyxl load + save, peak memory <= 1 GB. A second
refresh of the refreshed workbook (nothing left to change) is timed too (issue 11 wants >= 20x):
in this process, and as a user runs it, `python -m addin.cli refresh` in a new process (imports
and custdev's code fingerprint included, which this process has already paid for). The cache
folder is a fresh one of the run (CUSTDEV_CACHE_DIR), holding what the first refresh kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from addin.adapters.package import PackageBook, background
from addin.api import read_customers, refresh_file
from addin.domain.settings import Settings
from addin.services import classify_into
from addin.workbook.atomic import workbook_bytes
from addin.workbook.template import build_template

sys.path.insert(0, str(Path(__file__).parent))
from bench_batch import customers, seconds

REPO = Path(__file__).resolve().parents[1]


def workbook(rows: int, folder: Path) -> Path:
    """The shipped template holding `rows` classified customers, as `custdev classify` makes."""
    source = folder / "export.csv"
    customers(rows, 1_000).to_csv(source, index=False)
    book = PackageBook.from_bytes(workbook_bytes(build_template("en"), stamp=False), "t.xlsx")
    classify_into(book, read_customers(source), Settings(), "en")
    path = folder / "customers.xlsx"
    path.write_bytes(book.to_bytes())
    return path


def openpyxl_round_trip(path: Path, target: Path) -> float:
    """Seconds openpyxl takes to load and save `path`, timed inside a process of its own: in
    this one, the half gigabyte of objects it leaves behind would slow the refreshes timed
    after it (each forks, and copies this process's page tables)."""
    code = (
        "import sys, time; from openpyxl import load_workbook; t = time.perf_counter();"
        " load_workbook(sys.argv[1]).save(sys.argv[2]); print(time.perf_counter() - t)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(target)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[-1])


def refresh_command(path: Path) -> None:
    """`custdev refresh PATH` in a new Python process, as a user runs it: with compiled
    bytecode, kept in a folder of the run's own as an installed custdev keeps its .pyc files
    (as bench_cli does; where PYTHONDONTWRITEBYTECODE is set, every run would compile
    custdev's source again)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(path.parent / "pycache")
    subprocess.run(
        [sys.executable, "-m", "addin.cli", "refresh", str(path)],
        check=True,
        cwd=REPO,
        capture_output=True,
        env=env,
    )


@contextmanager
def without_fork() -> Iterator[None]:
    """Refresh as on Windows and macOS, where no process is forked: the scan and the checks
    run beside the use case on threads (background.py)."""
    before = background._FORK
    background._FORK = False
    try:
        yield
    finally:
        background._FORK = before


def peak_mb(code: str) -> tuple[float, float]:
    """Largest resident set (MB) of a fresh Python running `code`: its VmHWM (Linux), which,
    unlike ru_maxrss, starts afresh at exec instead of inheriting this big process's peak; and
    that of the largest process it started (a big sheet is scanned and checked in forked
    processes), 0 if none."""
    report = (
        "import re, resource; print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1])"
    )
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    children, own = done.stdout.split()[-2:]
    return int(own) / 1024, int(children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_refresh_"))
    os.environ["CUSTDEV_CACHE_DIR"] = str(work / "cache")  # the child processes' too
    try:
        original = workbook(args.rows, work)
        copy = work / "refreshed.xlsx"
        ours, ours_cli, again, again_cli, theirs, threads = [], [], [], [], [], []
        for _ in range(args.runs):
            shutil.copy(original, copy)
            ours.append(seconds(lambda: refresh_file(copy)))
            shutil.copy(original, copy)
            with without_fork():
                threads.append(seconds(lambda: refresh_file(copy)))
            again.append(seconds(lambda: refresh_file(copy)))  # nothing left to change
            again_cli.append(seconds(lambda: refresh_command(copy)))
            theirs.append(openpyxl_round_trip(original, work / "openpyxl.xlsx"))
            shutil.copy(original, copy)
            ours_cli.append(seconds(lambda: refresh_command(copy)))  # the whole command
        shutil.copy(original, copy)
        refresh = f"from addin.api import refresh_file; refresh_file({str(copy)!r})"
        memory, scanning = peak_mb(refresh)
        baseline_memory, _ = peak_mb(
            f"from openpyxl import load_workbook; load_workbook({str(original)!r})"
            f".save({str(work / 'openpyxl.xlsx')!r})"
        )
        ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
        size = original.stat().st_size / 1e6
        print(f"refresh a {args.rows:,}-row workbook ({size:.1f} MB), median of {args.runs} runs")
        base = f"{theirs_s:7.2f} s   peak {baseline_memory:6.0f} MB"
        print(f"  openpyxl load + save (baseline)   {base}")
        print(
            f"  custdev refresh                   {ours_s:7.2f} s   peak {memory:6.0f} MB"
            f"   {theirs_s / ours_s:5.1f}x faster"
        )
        threads_s = statistics.median(threads)
        print(
            f"  custdev refresh, no fork          {threads_s:7.2f} s"
            f"                {theirs_s / threads_s:5.1f}x faster   (as on Windows and macOS:"
            " threads)"
        )
        cli_s = statistics.median(ours_cli)
        print(
            f"  custdev refresh, a new process    {cli_s:7.2f} s"
            f"                {theirs_s / cli_s:5.1f}x faster   (the whole command: start-up,"
            " imports)"
        )
        if scanning:
            print(  # forked: its resident set counts the pages it shares with the parent
                f"    (largest process it forked: {scanning:.0f} MB resident, shared pages counted)"
            )
        for what, times in (("in this process", again), ("a new `custdev` process", again_cli)):
            again_s = statistics.median(times)
            print(
                f"  custdev refresh, a second time    {again_s:7.3f} s"
                f"               {theirs_s / again_s:6.0f}x faster   ({what})"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
