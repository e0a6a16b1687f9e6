"""Validated customer frames for the visit-plan tests, with the codes validation gives."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from addin.domain.planning.calendar import work_calendar
from addin.domain.planning.plan import PlanOptions, VisitPlan, plan_visits
from addin.domain.settings import Settings

HANGZHOU = (30.2741, 120.1551)
MARCH = dt.date(2026, 3, 2)
"""A Monday; March 2026 has no public holiday in China, so four clean weeks."""


def customers(classes: str, rep: str = "Li", **columns: object) -> tuple[pd.DataFrame, pd.Series]:
    """One customer per letter of `classes` ('AABC'), sales falling, rows numbered as a sheet's."""
    n = len(classes)
    frame = pd.DataFrame(
        {
            "customer_id": [f"{rep}{i:03d}" for i in range(n)],
            "name": [f"Customer {rep} {i}" for i in range(n)],
            "rep": rep,
            "kind": "customer",
            "annual_sales": np.linspace(1000.0, 10.0, n) if n else [],
            **columns,
        },
        index=pd.RangeIndex(2, n + 2),
    )
    return frame, pd.Series(list(classes), index=frame.index, name="abc_class")


def prospects(stages: list[str], follow_ups: list[str], rep: str = "Li") -> pd.DataFrame:
    n = len(stages)
    return pd.DataFrame(
        {
            "customer_id": [f"P{rep}{i:03d}" for i in range(n)],
            "name": [f"Prospect {i}" for i in range(n)],
            "rep": rep,
            "kind": "prospect",
            "annual_sales": np.nan,
            "stage": stages,
            "follow_up": follow_ups,
        },
        index=pd.RangeIndex(2, n + 2),
    )


def joined(*parts: tuple[pd.DataFrame, pd.Series]) -> tuple[pd.DataFrame, pd.Series]:
    """Several frames as one table, rows renumbered from 2."""
    frame = pd.concat([p[0] for p in parts], ignore_index=True)
    classes = pd.concat([p[1] for p in parts], ignore_index=True)
    index = pd.RangeIndex(2, len(frame) + 2)
    return frame.set_axis(index), classes.set_axis(index)


def plan(
    frame: pd.DataFrame,
    classes: pd.Series,
    start: dt.date = MARCH,
    weeks: int = 4,
    country: str = "CN",
    options: PlanOptions | None = None,
    **settings: object,
) -> VisitPlan:
    calendar = work_calendar(start, weeks, country)
    return plan_visits(
        frame,
        classes,
        Settings(**settings),  # type: ignore[arg-type]
        calendar,
        options=options,
    )


def city(
    n: int, rep: str = "Li", km: float = 6.0, seed: int = 3, centre: tuple[float, float] = HANGZHOU
) -> tuple[pd.DataFrame, pd.Series]:
    """`n` customers of one rep around a city centre (σ `km`), classed by the Pareto rule
    (about 20% A), sales heavy-tailed, last visits within the past two months."""
    rng = np.random.default_rng(seed)
    sales = np.sort(rng.lognormal(12, 1.8, n))[::-1]
    share = np.cumsum(sales) / sales.sum()
    classes = np.where(share - sales / sales.sum() < 0.8, "A", np.where(share < 0.95, "B", "C"))
    frame, series = customers("".join(classes), rep=rep)
    frame["annual_sales"] = sales
    frame["latitude"] = centre[0] + rng.normal(0, km / 111, n)
    frame["longitude"] = centre[1] + rng.normal(0, km / 96, n)
    frame["last_visit"] = pd.Timestamp(MARCH) - pd.to_timedelta(rng.integers(1, 60, n), unit="D")
    return frame, series


def dates_of(result: VisitPlan, customer_id: str) -> list[dt.date]:
    visits = result.visits[result.visits["customer_id"] == customer_id]
    return sorted(d.date() for d in visits["date"])
