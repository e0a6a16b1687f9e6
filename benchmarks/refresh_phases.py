"""Where a refresh of the benchmark workbook spends its time, phase by phase (one run).

Wraps the adapter's phases with a timer (no profiler, whose per-call cost would swamp the expat
callbacks) and prints the seconds in each; phases nest (check_package holds the _check_* ones).
Some run beside the main thread (the scan of a big sheet in a second process, calamine reading
back and zlib packing on threads): their seconds overlap the others'.

Run by hand:  python benchmarks/refresh_phases.py [--rows N]
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import addin.adapters.package.book as book
import addin.adapters.package.book_parts as book_parts
import addin.adapters.package.parts as parts
import addin.adapters.package.scan_ahead as scan_ahead
import addin.adapters.package.sheet as sheet
import addin.adapters.package.verify as verify
import addin.services.common as common
from addin.api import refresh_file

sys.path.insert(0, str(Path(__file__).parent))
from bench_refresh import workbook

SPENT: Counter[str] = Counter()
PHASES: list[tuple[Any, str]] = [
    (book.PackageBook, "_read"),  # calamine read of a table, into a frame
    (common, "check_customers"),  # validation of the Customers table
    (book_parts, "quick_scan"),  # scan of a sheet here (bulk or expat): offsets of rows, cells
    (scan_ahead.ScanAhead, "result"),  # waiting for the scan made meanwhile (big: elsewhere)
    (sheet.SheetEditor, "render"),  # splicing the written cells into the sheet's bytes
    (parts.Package, "to_bytes"),  # the zip, changed parts deflated
    (book_parts, "check_package"),  # the check before writing, all of it
    (verify, "_check_part"),  # expat over each changed part
    (verify, "check_added"),  # the cells added, in their rows' namespaces
    (verify, "_check_cells"),  # calamine reading the written cells back
]


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="refresh_phases_"))
    try:
        copy = work / "refreshed.xlsx"
        shutil.copy(workbook(args.rows, work), copy)
        for owner, name in PHASES:  # only now: building the workbook runs the same phases
            setattr(owner, name, timed(name, getattr(owner, name)))
        start = time.perf_counter()
        refresh_file(copy)
        total = time.perf_counter() - start
        print(f"refresh of {args.rows:,} rows: {total:.2f} s")
        for name, seconds in SPENT.most_common():
            print(f"  {name:16s} {seconds:6.2f} s  {seconds / total:4.0%}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
