"""Classify 1,000,000 customers x 5 columns from a CSV: time and peak memory of `custdev classify`.

Each run is a fresh `custdev classify` process; its peak memory is its own resident peak (VmHWM,
so the Rust reader and zlib count too; ru_maxrss would include this process's peak, inherited
at fork). The baseline, timed in the same run, is a fresh
process that only reads the CSV with pandas' C parser and sorts the sales: what touching the data
at all costs on this machine, so that figures from a busy machine can be compared by ratio. One
more run, in this process, times each phase (read, validation, template and filling, ABC,
prospects, packaging, writing) to show where the time goes.

Run by hand:  python benchmarks/bench_scale.py [--customers N] [--runs N] [--no-phases]
Target (issue 14): 1,000,000 x 5 classified under 30 s and 1.5 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
PEAK = "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1], file=sys.stderr)"
CUSTDEV = (
    f"import re, sys; from addin.cli import main; code = main(sys.argv[1:]); {PEAK}; sys.exit(code)"
)
BASELINE = (
    "import re, sys, numpy, pandas; numpy.sort(pandas.read_csv(sys.argv[1])['Annual sales']); "
    + PEAK
)


def export(count: int, path: Path) -> Path:
    """`count` customers in 5 columns, 200 reps, as `custdev classify` gets them from a CRM."""
    rng = np.random.default_rng(14)
    pd.DataFrame(
        {
            "Customer ID": [f"C{i:07d}" for i in range(count)],
            "Name": [f"Customer {i}" for i in range(count)],
            "Rep": [f"Rep {i:03d}" for i in rng.integers(0, 200, count)],
            "City": rng.choice(["Shanghai", "Beijing", "Wuhan", "Chengdu"], count),
            "Annual sales": np.round(rng.lognormal(12, 1.6, count), 2),
        }
    ).to_csv(path, index=False)
    return path


def timed_process(code: str, *args: str) -> tuple[float, float]:
    """Wall seconds and peak resident MB (its VmHWM, Linux) of a fresh Python running `code`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args} failed ({done.returncode}): {done.stderr}")
    return elapsed, int(done.stderr.split()[-1]) / 1024


def phases(source: Path, target: Path) -> list[tuple[str, float]]:
    """Seconds of each step of `custdev classify`, run in this process."""
    if sys.path[0] != str(REPO):  # this tree's addin, as the runs have it, not an installed one
        sys.path.insert(0, str(REPO))
    from addin.adapters.package import PackageBook
    from addin.api import read_file_settings
    from addin.domain.schema import CLASS_COLUMN
    from addin.services import check_customers, write_prospects
    from addin.services.classify import classify_filled
    from addin.services.common import fill_customers
    from addin.workbook.atomic import workbook_bytes, write_bytes
    from addin.workbook.reader import read_raw_table
    from addin.workbook.template import build_template

    settings = read_file_settings(source)
    state: dict[str, object] = {}
    steps: list[tuple[str, Callable[[], object]]] = [
        ("read the CSV", lambda: state.update(raw=read_raw_table(source))),
        ("validate", lambda: state.update(table=check_customers(state["raw"], False, settings))),
        (
            "template + fill the table",
            lambda: (
                state.update(
                    book=PackageBook.from_bytes(workbook_bytes(build_template("en")), target.name)
                )
                or fill_customers(state["book"], state["table"], "en", settings)
            ),
        ),
        (
            "ABC classes + summary",
            lambda: state.update(
                report=classify_filled(
                    state["book"], state["table"], settings, "en", CLASS_COLUMN.label("en")
                )
            ),
        ),
        (
            "prospects, segments, pipeline",
            lambda: write_prospects(
                state["book"], state["table"], settings, "en", state["report"].classes
            ),
        ),
        ("package the workbook", lambda: state.update(data=state["book"].to_bytes())),
        ("write atomically", lambda: write_bytes(target, state["data"])),
    ]
    times = []
    for name, step in steps:
        started = time.perf_counter()
        step()
        times.append((name, time.perf_counter() - started))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-phases", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    try:
        source = export(args.customers, work / "export.csv")
        ours, theirs = [], []
        for run in range(args.runs):
            target = work / f"classified{run}.xlsx"
            ours.append(timed_process(CUSTDEV, "classify", str(source), "-o", str(target)))
            theirs.append(timed_process(BASELINE, str(source)))
            target.unlink()
        seconds, peak = (statistics.median(x) for x in zip(*ours, strict=True))
        base_s, base_mb = (statistics.median(x) for x in zip(*theirs, strict=True))
        size = source.stat().st_size / 1e6
        what = f"{args.customers:,} customers x 5 columns ({size:.0f} MB CSV)"
        print(f"classify {what}, median of {args.runs} runs")
        print(f"  pandas read_csv + sort (baseline)  {base_s:7.2f} s   peak {base_mb:6.0f} MB")
        print(
            f"  custdev classify                   {seconds:7.2f} s   peak {peak:6.0f} MB"
            f"   {seconds / base_s:5.1f}x the baseline"
        )
        print("  runs: " + ", ".join(f"{s:.1f} s / {m:.0f} MB" for s, m in ours))
        if not args.no_phases:
            print("  where the time goes (one run in this process):")
            for name, spent in phases(source, work / "phases.xlsx"):
                print(f"    {name:32s} {spent:7.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
