"""How good the plans are: the default plan against the same solver given ten times the budget,
and against the quick planner (today's heuristic), on the same customers in the same run.

Territories: 3 reps × 40 and 3 reps × 120 customers around real city centres (Shanghai,
Chengdu, Beijing), spread normally with σ = 10 km and none beyond 30 km; one in five a
prospect. Four weeks from 2026-09-14 (China: Mid-Autumn and National Day, make-up Sunday
2026-09-20 and Saturday 2026-10-10). For each size, three territories (seeds); per planner:
km per rep-week, visits planned per class, coverage of the top tenth of each rep's A customers
by sales (of the visits a working day of the plan could hold), seconds, and the rule checker's
count of broken rules (target 0). Targets: the default plan's km within 5% of the 10× plan's;
top-decile A coverage 100%.
Run: python benchmarks/bench_plan_quality.py [seeds]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

import numpy as np
import pandas as pd

from addin.domain.abc_analysis import classify_abc
from addin.domain.planning.calendar import work_calendar
from addin.domain.planning.frequency import GROUPS
from addin.domain.planning.plan import SECONDS_PER_REP, PlanOptions, VisitPlan, plan_visits
from addin.domain.planning.rules import violations
from addin.domain.settings import Settings

START = dt.date(2026, 9, 14)
WEEKS = 4
CITIES = {
    "Shanghai": (31.2304, 121.4737),
    "Chengdu": (30.5728, 104.0668),
    "Beijing": (39.9042, 116.4074),
}
SPREAD_KM, RADIUS_KM = 10.0, 30.0
PLANNERS = {
    "default": PlanOptions(),
    "10x": PlanOptions(seconds=10 * SECONDS_PER_REP),
    "quick": PlanOptions(quick=True),
}


def territory(per_rep: int, seed: int = 11) -> pd.DataFrame:
    """`per_rep` customers and prospects around each city, one rep per city."""
    rng = np.random.default_rng(seed)
    parts = [_around(city, centre, per_rep, rng) for city, centre in CITIES.items()]
    frame = pd.concat(parts, ignore_index=True)
    return frame.set_axis(pd.RangeIndex(2, len(frame) + 2))


def _around(
    city: str, centre: tuple[float, float], n: int, rng: np.random.Generator
) -> pd.DataFrame:
    dx, dy = rng.normal(0, SPREAD_KM, n), rng.normal(0, SPREAD_KM, n)
    scale = np.minimum(1.0, RADIUS_KM / np.maximum(np.hypot(dx, dy), 1e-9))
    prospect = rng.random(n) < 0.2
    stages = rng.choice(["closed", "short_term", "potential"], n)
    decisions = rng.choice(["keep", "dont_give_up", "give_up"], n, p=[0.6, 0.3, 0.1])
    return pd.DataFrame(
        {
            "customer_id": [f"{city[:2].upper()}{i:04d}" for i in range(n)],
            "name": [f"{city} customer {i}" for i in range(n)],
            "rep": f"Rep {city}",
            "latitude": centre[0] + dy * scale / 111.0,
            "longitude": centre[1] + dx * scale / (111.0 * np.cos(np.radians(centre[0]))),
            "kind": np.where(prospect, "prospect", "customer"),
            "annual_sales": np.where(prospect, np.nan, rng.lognormal(12, 1.8, n)),
            "stage": np.where(prospect, stages, None),
            "follow_up": np.where(prospect, decisions, None),
            "last_visit": pd.Timestamp(START) - pd.to_timedelta(rng.integers(1, 60, n), unit="D"),
        }
    )


def top_a_coverage(plan: VisitPlan, frame: pd.DataFrame, classes: pd.Series) -> float:
    """Share of the visits due to the top tenth of each rep's A customers (by sales) planned,
    of those a working day of the plan could hold."""
    a = frame[classes.eq("A")].sort_values("annual_sales", ascending=False)
    top = a.groupby("rep").head(max(1, len(a) // (10 * a["rep"].nunique())))
    ids = set(top["customer_id"])
    planned = plan.visits["customer_id"].isin(ids).sum()
    possible = plan.unscheduled["reason"].eq("capacity")  # not after the plan, holidays, too far
    left = (plan.unscheduled["customer_id"].isin(ids) & possible).sum()
    return float(planned / max(planned + left, 1))


def measure(frame: pd.DataFrame, options: PlanOptions) -> dict[str, object]:
    """One plan of `frame`: its figures and the time it took."""
    classes = classify_abc(frame, by="rep").classes
    settings = Settings()
    began = time.perf_counter()
    calendar = work_calendar(START, WEEKS, "CN")
    plan = plan_visits(frame, classes, settings, calendar, options=options)
    seconds = time.perf_counter() - began
    per_group = plan.visits.groupby("group").size().reindex(list(GROUPS), fill_value=0)
    return {
        "km": plan.days["km"].sum() / (frame["rep"].nunique() * WEEKS),
        "visits": len(plan.visits),
        "groups": per_group.astype(int).tolist(),
        "top_a": top_a_coverage(plan, frame, classes),
        "seconds": seconds,
        "broken": len(violations(plan, frame, classes, settings)),
    }


def main(seeds: int = 3) -> None:
    for per_rep in (40, 120):
        print(f"\n3 reps x {per_rep} customers, {WEEKS} weeks from {START} (CN), {seeds} seeds")
        head = f"{'planner':8} {'km/rep-week':>11} {'visits':>6} {'topA':>5} {'s':>6} {'broken':>6}"
        print(head + "  " + " ".join(f"{g:>6}" for g in GROUPS))
        ratios: dict[str, list[float]] = {"10x": [], "quick": []}
        for seed in range(seeds):
            found = {n: measure(territory(per_rep, 11 + seed), o) for n, o in PLANNERS.items()}
            for name, f in found.items():
                print(_line(name, f))
            for other in ratios:
                ratios[other].append(float(found["default"]["km"]) / float(found[other]["km"]))
            print()
        for other, target in (("10x", " (target within 5%)"), ("quick", "")):
            values = [round(r, 3) for r in ratios[other]]
            median = statistics.median(ratios[other])
            print(f"default km / {other} km, median: {median:.3f}{target}; each: {values}")


def _line(name: str, f: dict[str, object]) -> str:
    groups = " ".join(f"{x:6d}" for x in f["groups"])  # type: ignore[attr-defined]
    figures = f"{f['km']:11.1f} {f['visits']:6d} {f['top_a']:5.0%} {f['seconds']:6.2f}"
    return f"{name:8} {figures} {f['broken']:6d}  {groups}"


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
