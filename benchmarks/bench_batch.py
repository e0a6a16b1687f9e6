"""Generate one workbook per rep: 300,000 customers, 1,000 reps, from two templates: the
shipped one, and a user's macro workbook written by XlsxWriter (a chart, an image, a sparkline,
an x14 data bar, a comment, a form button and VBA: tests/xlsxwriter_template.py).

Compared in the same run with, per template:
- the naive loop: for each rep, openpyxl loads the template, fills the rep's rows into the
  Customers table and saves it (no classification: generous to it). It is timed on a sample of
  reps and scaled to all of them, because running it for 1,000 reps takes a quarter of an hour;
  the sample size is printed.
- the floor: XlsxWriter in constant_memory mode writing the same cells (each rep's rows, its
  class and segment), one workbook per rep, for every rep.
The workbooks generated from the macro template are checked to keep every artefact.

Run by hand:  python benchmarks/bench_batch.py [--customers N] [--reps N] [--runs N]
              [--baseline-reps N] [--jobs 1 2] [--templates shipped macro]
Targets (issue 11): >= 10x the naive loop for both templates, --jobs 2 >= 1.7x --jobs 1.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

REPO = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO):  # this tree's addin and tests, not an installed copy
    sys.path.insert(0, str(REPO))

from addin.api import generate  # noqa: E402
from addin.workbook.template import TEMPLATES, template_name  # noqa: E402
from tests.xlsxwriter_template import kept, macro_workbook  # noqa: E402

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
    """The naive loop's step: load the template, write the rows into the Customers table, save
    (keeping the VBA project of a macro workbook, as a user would have to)."""
    wb = load_workbook(template, keep_vba=template.suffix == ".xlsm")
    ws = wb["Customers"]
    table = ws.tables["Customers"]
    headers = [c.value for c in ws[1]]
    columns = [headers.index(h) + 1 for h in rows.columns]
    for r, values in enumerate(rows.itertuples(index=False), start=2):
        for c, value in zip(columns, values, strict=True):
            ws.cell(r, c, value)
    table.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    wb.save(target)


def xlsxwriter_floor(groups: list[tuple[str, pd.DataFrame]], folder: Path) -> None:
    """The same cells written by XlsxWriter at its fastest: the rep's rows, class, segment."""
    for rep, rows in groups:
        wb = xlsxwriter.Workbook(str(folder / f"{rep}.xlsx"), {"constant_memory": True})
        ws = wb.add_worksheet("Customers")
        ws.write_row(0, 0, [*rows.columns, "Class", "Segment"])
        for r, values in enumerate(rows.itertuples(index=False), start=1):
            for c, value in enumerate(values):
                if value == value and value != "":  # NaN and blanks: no cell, as custdev
                    ws.write(r, c, value)
            ws.write_string(r, len(values), "A")
            ws.write_string(r, len(values) + 1, "Existing · Main")
        wb.close()


def median_seconds(action: Callable[[], object], runs: int) -> float:
    return statistics.median(seconds(action) for _ in range(runs))


def check_kept(template: Path, out: Path) -> str:
    """Which artefacts every generated workbook kept; raises if one lost any."""
    before = template.read_bytes()
    lost = {
        f.name: [k for k, ok in kept(before, f.read_bytes()).items() if not ok]
        for f in sorted(out.glob("*.xlsm"))
    }
    lost = {name: what for name, what in lost.items() if what}
    if lost:
        raise SystemExit(f"generated workbooks lost artefacts: {lost}")
    return ", ".join(kept(before, before))


def bench_template(
    name: str,
    template: Path | str,
    source: Path,
    frame: pd.DataFrame,
    work: Path,
    args: argparse.Namespace,
) -> None:
    path = TEMPLATES / template_name("en") if template == "en" else Path(template)
    reps = frame["Rep"].nunique()
    groups = list(frame.groupby("Rep"))[: args.baseline_reps]
    target = work / f"base{path.suffix}"
    sample = [
        seconds(lambda rows=rows: openpyxl_one_rep(path, rows, target))
        for _, rows in groups
        for _ in range(args.runs)
    ]
    per_rep = statistics.median(sample)
    baseline = per_rep * reps
    print(f"\n{name} template ({path.name})")
    print(
        f"  openpyxl load + fill + save, per rep  {per_rep * 1000:8.1f} ms"
        f"  (median of {len(sample)} timings on {len(groups)} reps; the loop is not run in full)"
    )
    print(f"  openpyxl, scaled to {reps:,} reps       {baseline:8.1f} s   (naive loop)")
    runs: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
    for run in range(args.runs):  # interleaved: a busy spell slows each --jobs alike
        for jobs in args.jobs:
            out = work / f"out_{jobs}_{run}"
            runs[jobs].append(
                seconds(
                    lambda out=out, jobs=jobs: generate(source, out, template=template, jobs=jobs)
                )
            )
            if path.suffix == ".xlsm" and run == 0:
                what = check_kept(path, out)
            shutil.rmtree(out)
    times: dict[int, float] = {}
    for jobs in args.jobs:
        times[jobs] = median = statistics.median(runs[jobs])
        print(
            f"  custdev generate --jobs {jobs}             {median:8.1f} s"
            f"   {baseline / median:5.1f}x the naive loop   ({median / reps * 1000:.1f} ms per rep;"
            f" runs {', '.join(f'{t:.1f}' for t in runs[jobs])})"
        )
    if 1 in times and 2 in times:
        paired = [one / two for one, two in zip(runs[1], runs[2], strict=True)]
        print(
            f"  --jobs 2 against --jobs 1             {times[1] / times[2]:8.2f}x"
            f"  (each run's pair: {', '.join(f'{r:.2f}' for r in paired)};"
            f" median {statistics.median(paired):.2f}x)"
        )
    if path.suffix == ".xlsm":
        print(f"  every generated workbook kept: {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=300_000)
    parser.add_argument("--reps", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-reps", type=int, default=20)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--templates", nargs="+", default=["shipped", "macro"])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        frame = customers(args.customers, args.reps)
        source = work / "export.csv"
        frame.to_csv(source, index=False)
        reps = frame["Rep"].nunique()
        print(f"{args.customers:,} customers, {reps:,} reps, medians of {args.runs} runs")
        floor_dir = work / "floor"
        floor_dir.mkdir()
        groups = list(frame.groupby("Rep"))
        floor = median_seconds(lambda: xlsxwriter_floor(groups, floor_dir), args.runs)
        print(f"  XlsxWriter constant_memory, same cells {floor:7.1f} s   (the floor, every rep)")
        templates = {"shipped": "en", "macro": macro_workbook(work / "users_macros.xlsm")}
        for name in args.templates:
            bench_template(name, templates[name], source, frame, work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
