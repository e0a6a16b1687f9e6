"""Every visit due in the horizon: its customer, its window of days, and what it is worth.

A visit's window runs from its due date until the next visit of the customer falls due. The
first due date follows the last visit; customers never visited and those overdue have their
first due dates staggered over the first interval, most overdue first, so that the weeks weigh
alike (an overdue visit is also worth a little more). Windows of
one customer are then cut apart by `min_gap_days`, the cut falling on days off where it can, so
any choice of days inside the windows keeps the gap.

What a visit is worth (its value, in km a rep would drive for it) orders the visits when the
days are short: class first (A, then B, yellow, C, green), then sales within the rep's class,
then, a little, how overdue it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.domain.planning.areas import area_of
from addin.domain.planning.calendar import WorkCalendar
from addin.domain.planning.frequency import (
    MONTH_DAYS,
    half_of,
    monthly_visits,
    plan_group,
    priority,
    sales_of,
    shown_group,
)
from addin.domain.settings import Settings

GROUP_VALUE = {"A": 100.0, "B": 40.0, "yellow": 30.0, "C": 15.0, "green": 12.0}
"""What a visit of each group is worth, in km of driving: an A visit is worth a long detour."""
SALES_WEIGHT = 2.0
OVERDUE_WEIGHT = 0.25


@dataclass(frozen=True)
class Demand:
    """One row per visit due in the horizon, with its customer's row, window and value."""

    row: np.ndarray  # position of the customer in the frame
    k: np.ndarray  # 0 for the customer's first visit in the horizon, 1 for the next...
    opens: np.ndarray  # first day index it may happen
    closes: np.ndarray  # last day index of its window (may lie past the horizon)
    due: np.ndarray
    value: np.ndarray


def customer_facts(
    frame: pd.DataFrame, classes: pd.Series, settings: Settings, calendar: WorkCalendar
) -> pd.DataFrame:
    """Per customer: group, visits a month, interval, first due day, overdue days, half, area,
    the day of the last visit and the share of the rep's sales in its group below it."""
    group = plan_group(frame, classes)
    per_month = monthly_visits(frame, classes, settings, group)
    interval = np.divide(
        MONTH_DAYS, per_month, out=np.full(len(frame), np.inf), where=per_month > 0
    )
    since = _days_since_last_visit(frame, calendar.start)
    overdue = np.where(np.isfinite(since), since - interval, 0.0)
    # Customers never visited, and those already overdue, are spread over the first interval
    # (most overdue first, by priority) so that the weeks weigh alike; the others fall due one
    # interval after their last visit.
    first_due = np.where(np.isfinite(since) & (since < interval), interval - since, np.nan)
    rep = frame["rep"] if "rep" in frame else pd.Series("", index=frame.index)
    rep = rep.astype("string").fillna("")
    lat, lon = numbers(frame, "latitude"), numbers(frame, "longitude")
    ranks = priority(frame, group, overdue)
    facts = pd.DataFrame(
        {
            "rep": rep.to_numpy(),
            "group": group.to_numpy(),
            "shown": shown_group(frame, classes, group).to_numpy(),
            "per_month": per_month,
            "interval": interval,
            "overdue": np.maximum(overdue, 0.0),
            "half": half_of(group),
            "priority": ranks,
            "area": area_of(rep, per_month, lat, lon, _place(frame), ranks),
            "last_day": np.where(np.isfinite(since), -since, -np.inf),
            "sales": sales_of(frame),
        },
        index=frame.index,
    )
    facts["sales_share"] = facts.groupby(["rep", "group"])["sales"].rank(pct=True).to_numpy()
    stagger = _stagger(facts, np.isnan(first_due), len(calendar.days))
    facts["first_due"] = np.where(np.isnan(first_due), stagger, first_due)
    return facts


def _days_since_last_visit(frame: pd.DataFrame, start: dt.date) -> np.ndarray:
    if "last_visit" not in frame:
        return np.full(len(frame), np.nan)
    last = pd.to_datetime(frame["last_visit"], errors="coerce")
    return (pd.Timestamp(start) - last).dt.days.to_numpy(dtype=float)


def _stagger(facts: pd.DataFrame, due_now: np.ndarray, horizon: int) -> np.ndarray:
    """First due day for the customers `due_now` (never visited, or overdue): spread over the
    interval so weeks weigh alike.

    Within each rep, group and area, in order of priority (the most overdue first). Kept a week
    short of the interval's end, so that every window holds a whole week inside the horizon.
    """
    interval = facts["interval"].to_numpy()
    spread = np.clip(np.minimum(interval, horizon) - 7, 0, None)
    spread = np.where(np.isfinite(spread), spread, 0.0)
    ordered = facts[due_now].sort_values("priority", kind="stable")
    groups = ordered.groupby(["rep", "group", "area"], sort=False)
    rank = groups.cumcount().reindex(facts.index).fillna(0).to_numpy()
    size = groups["rep"].transform("size").reindex(facts.index).fillna(1).to_numpy()
    return np.floor(rank / size * spread)


def numbers(frame: pd.DataFrame, key: str) -> np.ndarray | None:
    """A numeric column as floats (NaN where unreadable), None when the table lacks it."""
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
    return Demand(row, k, opens, closes, due, _values(facts, row, k))


def _values(facts: pd.DataFrame, row: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Each visit's worth: its group's value, up to three times as much for the rep's best
    sellers in the group, and up to a quarter more for the first visit of a customer overdue by
    a whole interval (so that the top A customers keep their visits when mornings are short)."""
    base = facts["group"].map(GROUP_VALUE).fillna(GROUP_VALUE["green"]).to_numpy(dtype=float)
    share = np.where(facts["sales"].to_numpy() > 0, facts["sales_share"].to_numpy(), 0.0)
    sales = 1.0 + SALES_WEIGHT * share
    interval = facts["interval"].to_numpy()
    late = np.divide(
        facts["overdue"].to_numpy(), interval, out=np.zeros(len(facts)), where=np.isfinite(interval)
    )
    overdue = np.where(k == 0, 1.0 + OVERDUE_WEIGHT * np.clip(late[row], 0.0, 1.0), 1.0)
    return base[row] * sales[row] * overdue


def spaced(demand: Demand, last_day: np.ndarray, working: np.ndarray, gap: int) -> Demand:
    """Windows that open `gap` days after the last visit, and that stop short of the next
    window where that costs no working day.

    `working[i]` tells the working days of visit i's rep (one horizon per visit). Between two
    visits of a customer, the `gap - 1` days kept free are moved onto days off (a weekend) when
    some place for them holds no working day; elsewhere the windows still touch, and the
    planners keep the gap as they place visits (plan.py, heuristic.py).
    """
    gap = max(gap, 1)
    last = last_day[demand.row]
    after_last = np.where(np.isfinite(last), np.ceil(np.nan_to_num(last) + gap), 0)
    opens = np.maximum(demand.opens, after_last.astype(np.int64))
    closes = demand.closes.copy()
    follows = np.flatnonzero(demand.row[1:] == demand.row[:-1])  # visit i+1 follows visit i
    if gap > 1 and len(follows):
        horizon = working.shape[1]
        counts = np.concatenate([np.zeros((len(working), 1)), np.cumsum(working, axis=1)], axis=1)
        ends, cuts = closes[follows], np.full(len(follows), -1)
        for shift in range(gap):  # the latest free place wins: visits stay near their due date
            cut = ends - shift  # the last day of the earlier window
            low, high = np.clip(cut + 1, 0, horizon), np.clip(cut + gap, 0, horizon)
            free = (counts[follows, high] == counts[follows, low]) & (cut >= opens[follows])
            cuts = np.where(free & (cuts < 0), cut, cuts)
        found = cuts >= 0
        closes[follows[found]] = cuts[found]
        opens[follows[found] + 1] = np.maximum(opens[follows[found] + 1], cuts[found] + gap)
    return Demand(demand.row, demand.k, opens, closes, demand.due, demand.value)
