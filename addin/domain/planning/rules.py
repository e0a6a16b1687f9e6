"""The rule checker: every promise of the visit plan, checked on a finished plan, whichever
planner made it. Tests and benchmarks/bench_plan_quality.py run it on every plan; an empty
list means no rule is broken.

Rules: calendar (working days of the rep only), slots (visits per half-day, start times in
their half-day, time to drive between stops, back at the base by day_end), gaps (visits of a
customer at least min_gap_days apart), mornings (only A in the morning; with a_mornings strict,
A only in the morning), manager (only for customers who asked, within his week, one rep per
half-day), given-up (no visit to a prospect given up), accounted (every visit due is planned
or listed in Unscheduled).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

import numpy as np
import pandas as pd

from addin.domain.planning.build import clock_of
from addin.domain.planning.frequency import AFTERNOON, MORNING, monthly_visits, plan_group
from addin.domain.planning.outcome import HALVES
from addin.domain.planning.plan import VisitPlan
from addin.domain.planning.tables import records
from addin.domain.settings import Settings, minutes_of


def violations(
    plan: VisitPlan,
    frame: pd.DataFrame,
    classes: pd.Series,
    settings: Settings,
    days_off: Mapping[str, Iterable[dt.date]] | None = None,
) -> list[str]:
    """Every broken rule, one line each ('rule: what and where')."""
    v = plan.visits
    group = plan_group(frame, classes).reindex(v["row"]).to_numpy()
    return [
        *_calendar(v, plan, days_off or {}),
        *_slots(v, settings),
        *_gaps(v, settings.min_gap_days),
        *_mornings(v, group, settings),
        *_manager(plan, settings),
        *_given_up(v, frame, classes, settings),
        *_accounted(plan),
    ]


def _calendar(
    v: pd.DataFrame, plan: VisitPlan, days_off: Mapping[str, Iterable[dt.date]]
) -> list[str]:
    working = set(plan.calendar.working_days())
    off = {(rep, day) for rep, days in days_off.items() for day in days}
    return [
        f"calendar: {r.rep} visits {r.customer_id} on {r.date.date()}, not a working day"
        for r in records(v)
        if r.date.date() not in working or (r.rep, r.date.date()) in off
    ]


def _slots(v: pd.DataFrame, settings: Settings) -> list[str]:
    clock, found = clock_of(settings), []
    for (rep, date), day in v.groupby(["rep", "date"], sort=True):
        where = f"{rep} {pd.Timestamp(cast(Any, date)).date()}"
        for half, name in enumerate(HALVES):
            mine = day[day["half"] == name]
            if len(mine) > clock.caps[half]:
                found.append(
                    f"slots: {where} has {len(mine)} {name} visits (at most {clock.caps[half]})"
                )
            early, late = clock.window(half)
            begins = mine["start"].map(minutes_of)
            if ((begins < early) | (begins > late)).any():
                found.append(f"slots: {where} has a {name} visit starting outside {name} hours")
        ordered = day.sort_values("route_order")
        starts = ordered["start"].map(minutes_of).to_numpy()
        ends = starts + clock.visit
        drive = ordered["drive_min"].to_numpy()
        if (starts[1:] < ends[:-1] + drive[1:]).any() or starts[0] < clock.start + drive[0]:
            found.append(f"slots: {where} leaves too little time to drive between visits")
        if (ordered["half"].map(HALVES.index).diff().fillna(0) < 0).any():
            found.append(f"slots: {where} has a morning visit after an afternoon one")
    return found


def _gaps(v: pd.DataFrame, gap: int) -> list[str]:
    found = []
    for cid, seen in v.groupby("customer_id"):
        days = np.sort(seen["date"].to_numpy()).astype("datetime64[D]").astype(np.int64)
        if (np.diff(days) < max(gap, 1)).any():
            found.append(f"gaps: {cid} is visited twice within {max(gap, 1)} days")
    return found


def _mornings(v: pd.DataFrame, group: np.ndarray, settings: Settings) -> list[str]:
    half = v["half"].map(HALVES.index).to_numpy()
    found = [
        f"mornings: {r.customer_id} ({g}) has a morning visit on {r.date.date()}"
        for r, g, h in zip(records(v), group, half, strict=True)
        if h == MORNING and g != "A"
    ]
    if settings.a_mornings == "strict":
        found += [
            f"mornings: A customer {r.customer_id} has an afternoon visit on {r.date.date()}"
            for r, g, h in zip(records(v), group, half, strict=True)
            if h == AFTERNOON and g == "A"
        ]
    return found


def _manager(plan: VisitPlan, settings: Settings) -> list[str]:
    v, found = plan.visits, []
    along = v[v["with_manager"]]
    asked = set(plan.manager["row"])
    found += [
        f"manager: along to {r.customer_id}, who did not ask"
        for r in records(along)
        if r.row not in asked
    ]
    week = (along["date"] - pd.Timestamp(plan.calendar.start)).dt.days // 7
    most = settings.manager_visits_per_week
    counts = along.groupby(week.to_numpy()).size()
    found += [
        f"manager: {n} visits in week {int(cast(Any, w)) + 1} (at most {most})"
        for w, n in counts.items()
        if n > most
    ]
    shared = along.groupby(["date", "half"])["rep"].nunique()
    found += [f"manager: with {n} reps on {key}" for key, n in shared.items() if n > 1]
    arranged = plan.manager[plan.manager["status"] == "arranged"]
    if len(arranged) != len(along):
        found.append("manager: the requests list and the plan disagree")
    return found


def _given_up(
    v: pd.DataFrame, frame: pd.DataFrame, classes: pd.Series, settings: Settings
) -> list[str]:
    never = set(frame.index[monthly_visits(frame, classes, settings) == 0])
    return [
        f"given-up: {r.customer_id} is visited but should never be"
        for r in records(v)
        if r.row in never
    ]


def _accounted(plan: VisitPlan) -> list[str]:
    due = int(plan.coverage["due"].sum())
    listed = len(plan.visits) + len(plan.unscheduled)
    return [] if due == listed else [f"accounted: {due} visits due, {listed} planned or listed"]
