"""The quick planner: days filled one after another, all reps at once, by array operations.

Of the visits a rep could make that day, the most valuable win (demand.py: class, sales, how
overdue), then those whose window closes soonest; A visits take the mornings, the others the
afternoons, up to the slots of each. A visit waits for the weekday of its area (areas.py) unless
that day will not come again inside its window (an overdue visit waits a week at most), so a
rep's day stays in one area. It runs
in a fraction of a second for 100,000 customers; its days are the solver's first solution, and
the whole plan with `--quick` or where the solver is not installed (xlwings Lite).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from addin.domain.planning.areas import WEEKDAY_AREAS
from addin.domain.planning.calendar import WorkCalendar
from addin.domain.planning.demand import Demand


def schedule(
    facts: pd.DataFrame,
    demand: Demand,
    calendar: WorkCalendar,
    working: np.ndarray,
    rep_code: np.ndarray,
    caps: tuple[int, int],
    skip: np.ndarray,
    gap: int,
) -> np.ndarray:
    """The day index of each visit (-1: not placed); see the module docstring for the rule.

    `working[r]` holds rep r's working days, `rep_code[i]` the rep of visit i; `skip` marks
    visits the quick planner must leave out (too far to reach); a customer's visits stay `gap`
    days apart.
    """
    horizon = len(calendar.days)
    rep, half = rep_code, facts["half"].to_numpy()[demand.row]
    lane = rep * 2 + half  # a rep's morning or afternoon
    area = facts["area"].to_numpy()[demand.row]
    pri = facts["priority"].to_numpy()[demand.row]
    order = np.lexsort((pri, demand.closes, -demand.value, lane))  # most valuable first
    overdue = (facts["overdue"].to_numpy()[demand.row] > 0) & (demand.k == 0)
    wait_until = np.where(overdue, np.minimum(demand.closes, demand.opens + 6), demand.closes)
    weekday_area = np.array([d.weekday() % WEEKDAY_AREAS for d in calendar.days])
    next_area_day = _next_area_day(weekday_area, calendar)
    day = np.full(len(demand.row), -1, dtype=np.int64)
    open_ = ~skip
    last = facts["last_day"].to_numpy(dtype=float).copy()
    for d in range(horizon):
        cap_today = working[:, d][:, None] * np.array(caps)[None, :]
        if cap_today.any():
            later = next_area_day[area, d] <= wait_until  # its area's day comes again in time
            fits = (area == weekday_area[d]) | ~later
            ready = open_ & (demand.opens <= d) & fits & (d >= last[demand.row] + max(gap, 1))
            chosen = _first_per_lane(order[ready[order]], lane, cap_today.ravel())
            day[chosen], open_[chosen] = d, False
            last[demand.row[chosen]] = d
        open_ &= demand.closes > d
    return day


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
