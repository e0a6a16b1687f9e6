"""Generate one workbook per rep: 300,000 customers, 1,000 reps, from the shipped template.

Compared in the same run with a baseline that, for each rep, loads the template with openpyxl,
fills the rep's rows into the Customers table and saves it (no classification: generous to the
baseline). The baseline is timed on a sample of reps and scaled to all of them, because running
it for 1,000 reps takes a quarter of an hour; the sample size is printed.

Run by hand:  python benchmarks/bench_batch.py [--customers N] [--reps N] [--runs N]
              [--baseline-reps N] [--jobs 1 2]
Target (issue 5): >= 5x faster than the baseline on one core, more with --jobs.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from addin.api import generate
from addin.workbook.template import TEMPLATES, template_name

STAGES = ["Closed", "Short term", "Potential"]


def customers(count: int, reps: int) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    prospect = rng.random(count) < 0.2  # one in five is a prospect, as in the demo data
    return pd.DataFrame(
        {
            "Customer ID": [f"C{i:07d}" for i in range(count)],
            "Name": [f"Customer {i}" for i in range(count)],
            "Rep": [f"Rep {i:04d}" for i in rng.integers(0, reps, count)],
            "Region": rng.choice(["North", "South", "East", "West"], count),
            "City": rng.choice(["Shanghai", "Beijing", "Wuhan", "Chengdu"], count),
            "Kind": np.where(prospect, "prospect", "customer"),
            "Annual sales": np.where(prospect, np.nan, np.round(rng.lognormal(12, 1.6, count), 2)),
            "Stage": np.where(prospect, rng.choice(STAGES, count), ""),
            "Follow-up": np.where(prospect, rng.choice(["Keep visiting", "Give up"], count), ""),
            "Notes": rng.choice(["", "call back", "=not a formula", "VIP"], count),
        }
    )


def seconds(action: Callable[[], object]) -> float:
    """Wall time of `action`, started with no garbage left by the one timed before it (an
    openpyxl workbook is millions of objects in reference cycles)."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def openpyxl_one_rep(template: Path, rows: pd.DataFrame, target: Path) -> None:
    """The baseline: load the template, write the rows into the Customers table, save."""
    wb = load_workbook(template)
    ws = wb["Customers"]
    table = ws.tables["Customers"]
    headers = [c.value for c in ws[1]]
    columns = [headers.index(h) + 1 for h in rows.columns]
    for r, values in enumerate(rows.itertuples(index=False), start=2):
        for c, value in zip(columns, values, strict=True):
            ws.cell(r, c, value)
    table.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    wb.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=300_000)
    parser.add_argument("--reps", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-reps", type=int, default=20)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        frame = customers(args.customers, args.reps)
        source = work / "export.csv"
        frame.to_csv(source, index=False)
        template = TEMPLATES / template_name("en")
        groups = list(frame.groupby("Rep"))[: args.baseline_reps]
        sample = [
            seconds(lambda rows=rows: openpyxl_one_rep(template, rows, work / "base.xlsx"))
            for _, rows in groups
            for _ in range(args.runs)
        ]
        reps = frame["Rep"].nunique()
        per_rep = statistics.median(sample)
        baseline = per_rep * reps
        print(f"{args.customers:,} customers, {reps:,} reps, median of {args.runs} runs")
        print(
            f"  openpyxl load + fill + save, per rep  {per_rep * 1000:8.1f} ms"
            f"  (median of {len(sample)} timings on {len(groups)} reps)"
        )
        print(f"  openpyxl, scaled to {reps:,} reps       {baseline:8.1f} s   (baseline)")
        for jobs in args.jobs:
            times = []
            for run in range(args.runs):
                out = work / f"out_{jobs}_{run}"
                times.append(
                    seconds(
                        lambda out=out, jobs=jobs: generate(source, out, template="en", jobs=jobs)
                    )
                )
                shutil.rmtree(out)
            median = statistics.median(times)
            print(
                f"  custdev generate --jobs {jobs}             {median:8.1f} s"
                f"   {baseline / median:5.1f}x faster   ({median / reps * 1000:.1f} ms per rep)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
