"""Scheduling: every visit due in the horizon, placed on a working day and half day, or listed
with the reason it did not fit (capacity, holidays, horizon). Nothing is dropped silently.

Each visit has a window: from its due date until the next visit of the customer falls due. The
first due date follows the last visit (overdue customers are due at once and go first); with no
last visit, due dates are staggered over the first interval so that the load is even. Days are
filled one after another, all reps at once: of the visits a rep could make that day, those whose
window closes soonest win (then overdue, class, sales). A visit waits for the weekday of its area
unless that day will not come again inside its window (an overdue visit waits a week at most),
so a rep's day stays in one area.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.domain.calendar import WorkCalendar
from addin.domain.routing import WEEKDAY_AREAS, area_of
from addin.domain.settings import Settings
from addin.domain.visit_demand import (
    GROUPS,
    MONTH_DAYS,
    half_of,
    monthly_visits,
    plan_group,
    priority,
    shown_group,
)

REASONS = ("capacity", "holidays", "horizon")


@dataclass(frozen=True)
class Demand:
    """One row per visit due in the horizon, with its customer's row, window and area."""

    row: np.ndarray  # position of the customer in the frame
    k: np.ndarray  # 0 for the customer's first visit in the horizon, 1 for the next...
    opens: np.ndarray  # first day index it may happen
    closes: np.ndarray  # last day index of its window (may lie past the horizon)
    due: np.ndarray


@dataclass(frozen=True)
class Schedule:
    """Visits placed (day index, or -1) and why the others were not."""

    day: np.ndarray
    reason: np.ndarray  # index into REASONS, -1 when placed


def customer_facts(
    frame: pd.DataFrame, classes: pd.Series, settings: Settings, calendar: WorkCalendar
) -> pd.DataFrame:
    """Per customer: group, visits a month, interval, first due day, overdue days, half, area."""
    group = plan_group(frame, classes)
    per_month = monthly_visits(frame, classes, settings)
    interval = np.divide(
        MONTH_DAYS, per_month, out=np.full(len(frame), np.inf), where=per_month > 0
    )
    since = _days_since_last_visit(frame, calendar.start)
    overdue = np.where(np.isfinite(since), since - interval, 0.0)
    first_due = np.where(np.isfinite(since), np.maximum(interval - since, 0.0), np.nan)
    rep = frame["rep"] if "rep" in frame else pd.Series("", index=frame.index)
    rep = rep.astype("string").fillna("")
    lat, lon = _numbers(frame, "latitude"), _numbers(frame, "longitude")
    ranks = priority(frame, group, overdue)
    facts = pd.DataFrame(
        {
            "rep": rep.to_numpy(),
            "group": group.to_numpy(),
            "shown": shown_group(frame, classes).to_numpy(),
            "per_month": per_month,
            "interval": interval,
            "overdue": np.maximum(overdue, 0.0),
            "half": half_of(group),
            "priority": ranks,
            "area": area_of(rep, per_month, lat, lon, _place(frame), ranks),
            "last_day": np.where(np.isfinite(since), -since, -np.inf),
        },
        index=frame.index,
    )
    stagger = _stagger(facts, len(calendar.days))
    facts["first_due"] = np.where(np.isnan(first_due), stagger, first_due)
    return facts


def _days_since_last_visit(frame: pd.DataFrame, start: dt.date) -> np.ndarray:
    if "last_visit" not in frame:
        return np.full(len(frame), np.nan)
    last = pd.to_datetime(frame["last_visit"], errors="coerce")
    return (pd.Timestamp(start) - last).dt.days.to_numpy(dtype=float)


def _stagger(facts: pd.DataFrame, horizon: int) -> np.ndarray:
    """First due day for customers never visited: spread over the interval so weeks weigh alike.

    Within each rep, group and area, in order of priority. Kept a week short of the interval's
    end, so that the window holds every weekday inside the horizon.
    """
    interval = facts["interval"].to_numpy()
    spread = np.clip(np.minimum(interval, horizon) - 7, 0, None)
    spread = np.where(np.isfinite(spread), spread, 0.0)
    ordered = facts.sort_values("priority", kind="stable")
    groups = ordered.groupby(["rep", "group", "area"], sort=False)
    rank = groups.cumcount().reindex(facts.index).to_numpy()
    size = groups["rep"].transform("size").reindex(facts.index).to_numpy()
    return np.floor(rank / size * spread)


def _numbers(frame: pd.DataFrame, key: str) -> np.ndarray | None:
    if key not in frame:
        return None
    return pd.to_numeric(frame[key], errors="coerce").to_numpy(dtype=float)


def _place(frame: pd.DataFrame) -> pd.Series | None:
    for key in ("city", "region"):
        if key in frame and frame[key].notna().any():
            return frame[key]
    return None


def visit_demand(facts: pd.DataFrame, horizon: int) -> Demand:
    """Every visit due before the horizon ends: customer k's visit is due first_due + k*interval."""
    interval = facts["interval"].to_numpy()
    first = facts["first_due"].to_numpy()
    due_here = np.isfinite(interval) & (first < horizon)
    left = np.where(due_here, horizon - first, 0.0)
    count = np.ceil(np.divide(left, interval, out=np.zeros(len(facts)), where=due_here))
    count = count.astype(np.int64)
    row = np.repeat(np.arange(len(facts)), count)
    k = np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
    due = first[row] + k * interval[row]
    opens = np.ceil(due - 1e-9).astype(np.int64)
    closes = np.maximum(np.ceil(due + interval[row] - 1e-9).astype(np.int64) - 1, opens)
    return Demand(row, k, opens, closes, due)


def schedule(
    facts: pd.DataFrame,
    demand: Demand,
    calendar: WorkCalendar,
    settings: Settings,
    days_off: Mapping[str, Iterable[dt.date]] | None = None,
) -> Schedule:
    """Place the visits day by day; see the module docstring for the rule."""
    horizon = len(calendar.days)
    reps, rep_code = np.unique(facts["rep"].to_numpy(dtype=str), return_inverse=True)
    working = np.array([calendar.rep_working((days_off or {}).get(r, ())) for r in reps])
    working = working.reshape(len(reps), horizon)
    caps = np.array([settings.morning_visits, settings.afternoon_visits])
    rep, half = rep_code[demand.row], facts["half"].to_numpy()[demand.row]
    lane = rep * 2 + half  # a rep's morning or afternoon
    area = facts["area"].to_numpy()[demand.row]
    pri = facts["priority"].to_numpy()[demand.row]
    overdue = (facts["overdue"].to_numpy()[demand.row] > 0) & (demand.k == 0)
    order = np.lexsort((pri, demand.closes, ~overdue, lane))  # overdue first, then EDF
    wait_until = np.where(overdue, np.minimum(demand.closes, demand.opens + 6), demand.closes)
    last = facts["last_day"].to_numpy(dtype=float).copy()
    weekday_area = np.array([d.weekday() % WEEKDAY_AREAS for d in calendar.days])
    next_area_day = _next_area_day(weekday_area, calendar)
    day = np.full(len(demand.row), -1, dtype=np.int64)
    open_ = np.ones(len(demand.row), dtype=bool)
    gap = max(settings.min_gap_days, 1)
    for d in range(horizon):
        cap_today = working[:, d][:, None] * caps[None, :]
        if cap_today.any():
            later = next_area_day[area, d] <= wait_until  # its area's day comes again in time
            fits = (area == weekday_area[d]) | ~later
            ready = open_ & (demand.opens <= d) & fits & (d >= last[demand.row] + gap)
            chosen = _first_per_lane(order[ready[order]], lane, cap_today.ravel())
            day[chosen], open_[chosen] = d, False
            last[demand.row[chosen]] = d
        open_ &= demand.closes > d
    return Schedule(day, _reasons(day, demand, rep, working, horizon))


def _next_area_day(weekday_area: np.ndarray, calendar: WorkCalendar) -> np.ndarray:
    """[area, d]: the next working day after d given to the area (past the horizon: by weekday)."""
    horizon = len(calendar.days)
    table = np.zeros((WEEKDAY_AREAS, horizon), dtype=np.int64)
    for area in range(WEEKDAY_AREAS):
        following = horizon + next(
            offset
            for offset in range(7)
            if (calendar.end + dt.timedelta(days=offset + 1)).weekday() == area
        )
        for d in range(horizon - 1, -1, -1):
            table[area, d] = following
            if calendar.working[d] and weekday_area[d] == area:
                following = d
    return table


def _first_per_lane(candidates: np.ndarray, lane: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """The first `caps[lane]` candidates of each lane, candidates being in lane order already."""
    if candidates.size == 0:
        return candidates
    lanes = lane[candidates]
    starts = np.flatnonzero(np.r_[True, lanes[1:] != lanes[:-1]])
    sizes = np.diff(np.r_[starts, len(lanes)])
    rank = np.arange(len(lanes)) - np.repeat(starts, sizes)
    return candidates[rank < caps[lanes]]


def _reasons(
    day: np.ndarray, demand: Demand, rep: np.ndarray, working: np.ndarray, horizon: int
) -> np.ndarray:
    """Why each visit left out did not fit: horizon, else holidays, else capacity."""
    counts = np.concatenate([np.zeros((len(working), 1)), np.cumsum(working, axis=1)], axis=1)
    end = np.minimum(demand.closes, horizon - 1) + 1
    workdays = counts[rep, end] - counts[rep, np.minimum(demand.opens, horizon)]
    reason = np.where(demand.closes >= horizon, 2, np.where(workdays == 0, 1, 0))
    return np.where(day >= 0, -1, reason)


def coverage(facts: pd.DataFrame, demand: Demand, placed: Schedule) -> pd.DataFrame:
    """Per plan group: customers to visit, visits due, visits planned and the share planned."""
    groups = facts["shown"].to_numpy()[demand.row]
    frame = pd.DataFrame({"group": groups, "planned": placed.day >= 0})
    table = frame.groupby("group").agg(due=("planned", "size"), planned=("planned", "sum"))
    customers = facts[facts["per_month"] > 0].groupby("shown").size()
    table = table.reindex(list(GROUPS)).fillna(0).astype(int)
    table.insert(0, "customers", customers.reindex(list(GROUPS)).fillna(0).astype(int))
    table["share"] = np.divide(table["planned"], table["due"].where(table["due"] > 0, 1))
    return table[table["customers"] > 0].rename_axis("group").reset_index()
