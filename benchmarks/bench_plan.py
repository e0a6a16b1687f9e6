"""Time `custdev plan`, the whole command: read the CSV, classify, plan, write the workbook.

10,000 customers for 20 reps and 100,000 for 200 reps (500 a rep, far more than the six visits
a day can cover), four weeks from 2026-03-02, with the default solver budget and `--jobs 2`,
against `--quick` (the quick planner only) in the same run. Each run is a fresh process, as a
user runs it. Prints the median wall time of several runs. Targets: 10,000 customers under 20 s
on two cores; 100,000 under 12 times that.
Run: python benchmarks/bench_plan.py [runs]
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

START = dt.date(2026, 3, 2)


def customers(n: int, reps: int, seed: int = 1) -> pd.DataFrame:
    """n customers and prospects (one in five) spread over `reps` territories with coordinates:
    each rep's customers around a centre somewhere in eastern China, σ about 16 km."""
    rng = np.random.default_rng(seed)
    rep = rng.integers(0, reps, n)
    centre_lat, centre_lon = 22 + rng.uniform(0, 18, reps), 104 + rng.uniform(0, 17, reps)
    prospect = rng.random(n) < 0.2
    return pd.DataFrame(
        {
            "customer_id": [f"C{i:06d}" for i in range(n)],
            "name": [f"Customer {i}" for i in range(n)],
            "rep": [f"Rep {r:03d}" for r in rep],
            "latitude": centre_lat[rep] + rng.normal(0, 0.15, n),
            "longitude": centre_lon[rep] + rng.normal(0, 0.15, n),
            "kind": np.where(prospect, "prospect", "customer"),
            "annual_sales": np.where(prospect, np.nan, rng.lognormal(12, 1.8, n)),
            "stage": np.where(prospect, rng.choice(["closed", "short_term", "potential"], n), None),
            "follow_up": np.where(
                prospect, rng.choice(["keep", "dont_give_up", "give_up"], n), None
            ),
            "last_visit": pd.Timestamp(START) - pd.to_timedelta(rng.integers(1, 60, n), unit="D"),
        },
        index=pd.RangeIndex(2, n + 2),
    )


def seconds(csv: Path, out: Path, *options: str) -> float:
    """Wall time of one `custdev plan` in a fresh process."""
    command = [sys.executable, "-m", "addin.cli", "plan", str(csv), "-o", str(out)]
    command += ["--start", START.isoformat(), *options]
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - began


def main(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        medians = {}
        for n, reps in ((10_000, 20), (100_000, 200)):
            csv = Path(folder) / f"customers_{n}.csv"
            customers(n, reps).to_csv(csv, index=False)
            out = Path(folder) / "plan.xlsx"
            for label, options in (("default", ("--jobs", "2")), ("quick", ("--quick",))):
                times = [seconds(csv, out, *options) for _ in range(runs)]
                medians[(n, label)] = statistics.median(times)
                print(f"{n:>7,} customers, {reps:>3} reps, {label:7}: {medians[(n, label)]:6.1f} s")
            ratio = medians[(n, "default")] / medians[(n, "quick")]
            print(f"{'':>22}default / quick in the same run: {ratio:.2f}")
        scale = medians[(100_000, "default")] / medians[(10_000, "default")]
        print(f"10k default target < 20 s; 100k / 10k = {scale:.1f} (target < 12)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
