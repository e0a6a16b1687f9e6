"""How good the plans are: the default plan against the same solver given ten times the budget,
and against the quick planner (today's heuristic), on the same customers in the same run.

Territories: 3 reps × 40 and 3 reps × 120 customers around real city centres (Shanghai,
Chengdu, Beijing), spread normally with σ = 10 km and none beyond 30 km; one in five a prospect.
Four weeks from 2026-09-14 (China: Mid-Autumn and National Day, make-up Sunday 2026-09-20 and
Saturday 2026-10-10). Prints, per size and planner: km per rep-week, visits planned per class,
coverage of the top decile of A customers by sales, seconds, and the rule checker's count of
broken rules (target 0). Targets: the default plan's km within 5% of the 10× plan's; top-decile
A coverage 100% when mornings allow.
Run: python benchmarks/bench_plan_quality.py [runs]
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


def territory(per_rep: int, seed: int = 11) -> pd.DataFrame:
    """`per_rep` customers and prospects around each city, one rep per city."""
    rng = np.random.default_rng(seed)
    parts = []
    for r, (city, (lat0, lon0)) in enumerate(CITIES.items()):
        n = per_rep
        dx, dy = rng.normal(0, SPREAD_KM, n), rng.normal(0, SPREAD_KM, n)
        far = np.hypot(dx, dy) > RADIUS_KM
        dx[far], dy[far] = (
            dx[far] / np.hypot(dx, dy)[far] * RADIUS_KM,
            dy[far] / np.hypot(dx, dy)[far] * RADIUS_KM,
        )
        prospect = rng.random(n) < 0.2
        parts.append(
            pd.DataFrame(
                {
                    "customer_id": [f"{city[:2].upper()}{i:04d}" for i in range(n)],
                    "name": [f"{city} customer {i}" for i in range(n)],
                    "rep": f"Rep {city}",
                    "latitude": lat0 + dy / 111.0,
                    "longitude": lon0 + dx / (111.0 * np.cos(np.radians(lat0))),
                    "kind": np.where(prospect, "prospect", "customer"),
                    "annual_sales": np.where(prospect, np.nan, rng.lognormal(12, 1.8, n)),
                    "stage": np.where(
                        prospect, rng.choice(["closed", "short_term", "potential"], n), None
                    ),
                    "follow_up": np.where(
                        prospect,
                        rng.choice(["keep", "dont_give_up", "give_up"], n, p=[0.6, 0.3, 0.1]),
                        None,
                    ),
                    "last_visit": pd.Timestamp(START)
                    - pd.to_timedelta(rng.integers(1, 60, n), unit="D"),
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame.set_axis(pd.RangeIndex(2, len(frame) + 2))


def top_a_coverage(plan: VisitPlan, frame: pd.DataFrame, classes: pd.Series) -> float:
    """Share of the visits due to the top tenth of each rep's A customers (by sales) planned,
    of those a working day of the plan could hold."""
    a = frame[classes.eq("A")]
    top = a.groupby("rep", group_keys=False).apply(
        lambda g: g.nlargest(max(1, len(g) // 10), "annual_sales")
    )
    ids = set(top["customer_id"])
    planned = plan.visits["customer_id"].isin(ids).sum()
    possible = plan.unscheduled["reason"].eq("capacity")  # not after the plan, holidays, too far
    left = (plan.unscheduled["customer_id"].isin(ids) & possible).sum()
    return planned / max(planned + left, 1)


def measure(
    frame: pd.DataFrame, options: PlanOptions, runs: int
) -> tuple[VisitPlan, float, pd.Series]:
    classes = classify_abc(frame, by="rep").classes
    calendar = work_calendar(START, WEEKS, "CN")
    settings = Settings()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        plan = plan_visits(frame, classes, settings, calendar, options=options)
        times.append(time.perf_counter() - began)
    broken = violations(plan, frame, classes, settings)
    return (
        plan,
        statistics.median(times),
        pd.Series({"broken": len(broken), "cover": top_a_coverage(plan, frame, classes)}),
    )


def main(runs: int = 3) -> None:
    planners = {
        "default": PlanOptions(),
        "10x": PlanOptions(seconds=10 * SECONDS_PER_REP),
        "quick": PlanOptions(quick=True),
    }
    for per_rep in (40, 120):
        frame = territory(per_rep)
        reps = frame["rep"].nunique()
        print(f"\n3 reps x {per_rep} customers, {WEEKS} weeks from {START} (CN)")
        print(
            f"{'planner':8} {'km/rep-week':>11} {'visits':>6} {'km/visit':>8} "
            + " ".join(f"{g:>6}" for g in GROUPS)
            + f" {'topA':>5} {'s':>6} {'broken':>6}"
        )
        km = {}
        for name, options in planners.items():
            plan, seconds, extra = measure(frame, options, 1 if name == "10x" else runs)
            km[name] = plan.days["km"].sum() / (reps * WEEKS)
            per = plan.visits.groupby("group").size().reindex(list(GROUPS)).fillna(0).astype(int)
            print(
                f"{name:8} {km[name]:11.1f} {len(plan.visits):6d} {plan.days['km'].sum() / max(len(plan.visits), 1):8.2f} "
                + " ".join(f"{x:6d}" for x in per)
                + f" {extra['cover']:5.0%} {seconds:6.2f} {int(extra['broken']):6d}"
            )
        print(
            f"default km / 10x km = {km['default'] / km['10x']:.3f} (target within 5%); default / quick = {km['default'] / km['quick']:.3f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
