"""Time the visit plan: 10,000 customers for 20 reps and 100,000 for 200 reps, four weeks each.

Prints the median of several runs of `plan_visits` (scheduling, routing, manager) on generated
customers with coordinates, and the cost ratio 100k/10k. Targets: ≤ 2 s for 10k, ratio ≤ 12.
Run: python benchmarks/bench_plan.py [runs]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

import numpy as np
import pandas as pd
from addin.domain.calendar import work_calendar
from addin.domain.visit_plan import plan_visits

from addin.domain.abc_analysis import classify_abc
from addin.domain.settings import Settings

START = dt.date(2026, 3, 2)


def customers(n: int, reps: int, seed: int = 1) -> pd.DataFrame:
    """n customers and prospects (one in five) spread over `reps` territories with coordinates."""
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


def median_seconds(n: int, reps: int, runs: int) -> tuple[float, int, int]:
    frame = customers(n, reps)
    classes = classify_abc(frame).classes
    calendar = work_calendar(START, 4, "CN")
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        plan = plan_visits(frame, classes, Settings(), calendar)
        times.append(time.perf_counter() - began)
    return statistics.median(times), len(plan.visits), len(plan.unscheduled)


def main(runs: int = 5) -> None:
    small, planned, left = median_seconds(10_000, 20, runs)
    print(f"10,000 customers, 20 reps, 4 weeks:   {small:6.2f} s  ({planned} planned, {left} not)")
    large, planned, left = median_seconds(100_000, 200, runs)
    print(f"100,000 customers, 200 reps, 4 weeks: {large:6.2f} s  ({planned} planned, {left} not)")
    print(f"ratio 100k/10k: {large / small:.1f} (target ≤ 12); 10k target ≤ 2 s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
