"""The plan's frames from the placements of every rep: visits in driving order with their times
and legs, the days on the road, and every visit due that found no day, with the true reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from addin.domain.planning.calendar import WorkCalendar
from addin.domain.planning.demand import Demand
from addin.domain.planning.frequency import GROUPS
from addin.domain.planning.problem import Placement, RepProblem
from addin.domain.planning.routes import timetable

REASONS = ("capacity", "holidays", "horizon", "too_far")
HALVES = ("morning", "afternoon")
VISIT_COLUMNS = ["id", "rep", "day", "half", "slot", "start", "distance_km", "drive_min", "order"]
DAY_COLUMNS = ["rep", "day", "visits", "km", "drive_min", "back"]


def routed(pairs: list[tuple[RepProblem, Placement]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per visit placed (in driving order) and one per rep-day on the road."""
    visits: list[tuple[object, ...]] = []
    days: list[tuple[object, ...]] = []
    for problem, placement in pairs:
        legs = problem.legs()
        for day, stops in placement.routes().items():
            halves = [int(placement.half[v]) for v in stops]
            table = timetable(problem, legs, stops, halves)
            slot = {0: 0, 1: 0}
            for order, (v, half) in enumerate(zip(stops, halves, strict=True)):
                slot[half] += 1
                visits.append(
                    (
                        int(problem.ids[v]),
                        problem.rep,
                        day,
                        half,
                        slot[half],
                        table.starts[order],
                        table.km[order],
                        table.minutes[order],
                        order + 1,
                    )
                )
            km = np.nansum([*table.km, table.back_km]) if stops else 0.0
            drive = sum(table.minutes) + table.back_minutes
            days.append((problem.rep, day, len(stops), float(km), drive, table.back))
    return pd.DataFrame(visits, columns=VISIT_COLUMNS), pd.DataFrame(days, columns=DAY_COLUMNS)


def clock(minutes: int) -> str:
    """Minutes after midnight as 'HH:MM' (a day later or earlier reads as the same time)."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def clock_text(minutes: pd.Series) -> pd.Series:
    """Each of `minutes` as `clock` writes it: one f-string a value, where pandas' string
    methods cost half a millisecond a call however few the values."""
    times = [clock(m) for m in minutes.astype(np.int64).tolist()]
    return pd.Series(times, index=minutes.index, dtype=str)


def dates(calendar: WorkCalendar, days: pd.Series | np.ndarray) -> pd.Series:
    """Day indices of the horizon as timestamps."""
    offsets = pd.to_timedelta(np.asarray(days, dtype=np.int64), unit="D")
    return pd.Series(pd.Timestamp(calendar.start) + offsets)


def reasons(
    demand: Demand, far: np.ndarray, working: np.ndarray, rep_code: np.ndarray, horizon: int
) -> np.ndarray:
    """Why each visit would be left out: too far, else no working day of its window in the plan
    (horizon when its window goes on after the plan, holidays when not), else capacity."""
    rep = rep_code[demand.row]
    counts = np.concatenate([np.zeros((len(working), 1)), np.cumsum(working, axis=1)], axis=1)
    low = np.clip(demand.opens, 0, horizon)
    high = np.clip(demand.closes + 1, low, horizon)
    workdays = counts[rep, high] - counts[rep, low]
    idle = np.where(demand.closes >= horizon, REASONS.index("horizon"), REASONS.index("holidays"))
    reason = np.where(workdays > 0, REASONS.index("capacity"), idle)
    return np.where(far, REASONS.index("too_far"), reason)


def unscheduled_frame(
    left: np.ndarray,
    why: np.ndarray,
    demand: Demand,
    customers: pd.DataFrame,
    calendar: WorkCalendar,
) -> pd.DataFrame:
    """Every visit due and not placed: rep, customer, group, due date and reason.

    A visit that can only happen after the plan ends shows the first day it can.
    """
    horizon = len(calendar.days)
    code = why[left]
    due = np.floor(demand.due[left]).astype(np.int64)
    due = np.where(code == REASONS.index("horizon"), np.maximum(demand.opens[left], horizon), due)
    people = customers.iloc[demand.row[left]]
    frame = pd.DataFrame(
        {
            "rep": people["rep"].to_numpy(),
            "customer_id": people["customer_id"].to_numpy(),
            "name": people["name"].to_numpy(),
            "group": people["group"].to_numpy(),
            "due": dates(calendar, due).to_numpy(),
            "reason": np.array(REASONS)[code],
            "row": people.index.to_numpy(),
            "id": left,
        }
    )
    return frame.sort_values(["rep", "due", "customer_id"], kind="stable").reset_index(drop=True)


def coverage(groups: np.ndarray, placed: np.ndarray, customers: pd.DataFrame) -> pd.DataFrame:
    """Per plan group: customers to visit, visits due, visits planned and the share planned."""
    number = {group: i for i, group in enumerate(GROUPS)}

    def counts(of: Iterable[Any]) -> np.ndarray:  # how many of each plan group
        codes = np.array([number.get(g, -1) for g in of], dtype=np.int64)
        return np.bincount(codes[codes >= 0], minlength=len(GROUPS))

    due, planned = counts(groups), counts(groups[placed])
    table = pd.DataFrame(
        {
            "group": list(GROUPS),
            "customers": counts(customers["group"][customers["per_month"] > 0]),
            "due": due,
            "planned": planned,
            "share": planned / np.where(due > 0, due, 1),
        }
    )
    return table[table["customers"] > 0].reset_index(drop=True)
