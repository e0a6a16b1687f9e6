"""Classify 1,000,000 customers; compare with one numpy.sort of the same sales, in the same run.

Run by hand:  python benchmarks/bench_abc.py [customers] [repeats]
Target (issue 2): median classify time <= 3 x median numpy.sort time.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from addin.domain.abc_analysis import AbcRule, classify_abc


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(customers: int = 1_000_000, repeats: int = 7) -> None:
    rng = np.random.default_rng(42)
    sales = np.round(rng.lognormal(12, 1.6, customers), 2)
    sales[rng.random(customers) < 0.01] = 0.0  # some dormant customers, as in real exports
    frame = pd.DataFrame({"annual_sales": sales, "rep": rng.integers(0, 1000, customers)})
    baseline = median_seconds(lambda: np.sort(sales), repeats)
    results = {
        "classify_abc, value": median_seconds(lambda: classify_abc(frame), repeats),
        "classify_abc, count": median_seconds(
            lambda: classify_abc(frame, AbcRule(0.2, 0.5, "count")), repeats
        ),
        "classify_abc, by rep (1,000 reps)": median_seconds(
            lambda: classify_abc(frame, by="rep"), repeats
        ),
    }
    print(f"{customers:,} customers, median of {repeats} runs")
    print(f"  numpy.sort (baseline)                 {baseline * 1000:8.1f} ms")
    for name, seconds in results.items():
        print(f"  {name:<38}{seconds * 1000:8.1f} ms   ratio {seconds / baseline:5.2f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
