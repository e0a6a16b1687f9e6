"""From the demand of all reps to one `RepProblem` per rep, and the quick planner's first
placement of it.

A visit reaches a rep's problem when some working day of its window lies in the plan and it can
be reached from the base and back within a working day. When a rep has far more visits due
than slots, only the most valuable few times the slots go to the solver (the rest could not win
a slot from them), which keeps each rep's solve short.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.domain.planning.demand import Demand, numbers
from addin.domain.planning.frequency import AFTERNOON, MORNING
from addin.domain.planning.problem import EITHER, DayClock, Placement, RepProblem
from addin.domain.planning.routes import quick_routes
from addin.domain.planning.territory import base_of, haversine_km
from addin.domain.settings import Settings, minutes_of

CANDIDATES_PER_SLOT = 2.5
"""How many visits per free slot of a half-day the solver may choose from."""


@dataclass(frozen=True)
class Territory:
    """Every rep's base, and each visit's one-way drive from it in minutes."""

    base_lat: np.ndarray
    base_lon: np.ndarray
    drive: np.ndarray


def clock_of(settings: Settings) -> DayClock:
    """The working day of the Settings, in minutes after midnight."""
    return DayClock(
        minutes_of(settings.morning_start),
        minutes_of(settings.afternoon_start),
        minutes_of(settings.day_end),
        settings.visit_minutes,
        (settings.morning_visits, settings.afternoon_visits),
    )


def halves_of(group: np.ndarray, settings: Settings) -> np.ndarray:
    """Half-days each visit may take: A the morning (or either, when mornings are preferred)."""
    a = MORNING if settings.a_mornings == "strict" else EITHER
    return np.where(group == "A", a, AFTERNOON)


def territory(
    frame: pd.DataFrame, rep_code: np.ndarray, demand: Demand, settings: Settings
) -> Territory:
    """Each rep's base (the middle of its customers) and each visit's drive from it."""
    lat = _coordinate(frame, "latitude")
    lon = _coordinate(frame, "longitude")
    reps = int(rep_code.max()) + 1 if len(rep_code) else 0
    bases = [base_of(lat[rep_code == r], lon[rep_code == r]) for r in range(reps)]
    base_lat = np.array([b[0] for b in bases])
    base_lon = np.array([b[1] for b in bases])
    rep, row = rep_code[demand.row], demand.row
    km = haversine_km(base_lat[rep], base_lon[rep], lat[row], lon[row])
    drive = np.ceil(km / settings.travel_speed_kmh * 60 - 1e-9)
    drive = np.where(np.isnan(drive), float(settings.travel_minutes), drive)
    return Territory(base_lat, base_lon, drive)


def too_far(drive: np.ndarray, halves: np.ndarray, clock: DayClock) -> np.ndarray:
    """Visits no working day can hold: the drive out, the visit and the drive back do not fit
    in any half-day the visit may take."""
    fits = np.zeros(len(drive), dtype=bool)
    for half in (MORNING, AFTERNOON):
        allowed = (halves == half) | (halves == EITHER)
        early, late = clock.window(half)
        start = np.maximum(clock.start + drive, early)
        fits |= allowed & (start <= late) & (start + clock.visit + drive <= clock.end)
    return ~fits


def _coordinate(frame: pd.DataFrame, key: str) -> np.ndarray:
    values = numbers(frame, key)
    return np.full(len(frame), np.nan) if values is None else values


def rep_problem(
    rep: str,
    r: int,
    visits: np.ndarray,
    days: np.ndarray,
    frame: pd.DataFrame,
    demand: Demand,
    halves: np.ndarray,
    land: Territory,
    settings: Settings,
    rank: np.ndarray,
) -> RepProblem:
    """The problem of rep `rep` (code r) over `visits` (positions in the demand), in an order
    that does not depend on the order of the rows: by customer rank, then visit."""
    visits = visits[np.lexsort((demand.k[visits], rank[demand.row[visits]]))]
    rows = demand.row[visits]
    customers, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
    seen = np.empty(len(customers), dtype=np.int64)
    seen[np.argsort(first, kind="stable")] = np.arange(len(customers))  # points by first visit
    point = seen[inverse]
    customers = customers[np.argsort(first, kind="stable")]
    lat = np.r_[land.base_lat[r], _coordinate(frame, "latitude")[customers]]
    lon = np.r_[land.base_lon[r], _coordinate(frame, "longitude")[customers]]
    return RepProblem(
        rep,
        days,
        visits,
        point + 1,
        lat,
        lon,
        demand.value[visits],
        demand.due[visits],
        demand.opens[visits],
        demand.closes[visits],
        halves[visits],
        clock_of(settings),
        settings.travel_speed_kmh,
        settings.travel_minutes,
        max(settings.min_gap_days, 1),
    )


def candidates(
    mine: np.ndarray, demand: Demand, halves: np.ndarray, days: np.ndarray, caps: tuple[int, int]
) -> np.ndarray:
    """The visits of one rep worth offering: a working day in their window, and among the most
    valuable CANDIDATES_PER_SLOT times the slots of the mornings (visits that may take one) or
    of the afternoons (visits that may take nothing else)."""
    if not len(days):
        return mine[:0]
    first = np.searchsorted(days, demand.opens[mine])  # the first working day from its opening
    has_day = (first < len(days)) & (days[np.minimum(first, len(days) - 1)] <= demand.closes[mine])
    ranked = mine[has_day][np.argsort(-demand.value[mine[has_day]], kind="stable")]
    morning = halves[ranked] != AFTERNOON
    keep = np.zeros(len(ranked), dtype=bool)
    for half, able in ((MORNING, morning), (AFTERNOON, ~morning)):
        limit = int(np.ceil(CANDIDATES_PER_SLOT * caps[half] * len(days)))
        keep |= able & (np.cumsum(able) <= limit)
    return np.sort(ranked[keep])


def first_placement(problem: RepProblem, heuristic_day: np.ndarray) -> Placement:
    """The quick planner's days for this rep's visits, ordered and fitted to the clock."""
    day = heuristic_day[problem.ids]
    half = np.where(problem.halves == EITHER, MORNING, problem.halves)
    day = np.where(np.isin(day, problem.days), day, -1)
    return quick_routes(problem, day, half)
