"""The visit plan for a horizon: who is visited when, in which order, with whom; what did not fit.

Inputs are the validated customer frame (canonical keys, indexed by sheet row) and the ABC
classes. The result holds plain frames of codes (slot 'morning', reason 'capacity'); the service
layer puts them into words. Same input, same plan: every choice has a stable tie-break.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.domain.calendar import WorkCalendar
from addin.domain.routing import best_route, distance_matrix, haversine_km
from addin.domain.scheduling import REASONS, coverage, customer_facts, schedule, visit_demand
from addin.domain.settings import Settings
from addin.domain.visit_demand import MORNING, sales_of

HALVES = ("morning", "afternoon")


@dataclass(frozen=True)
class VisitPlan:
    visits: pd.DataFrame
    """date, half, slot, start, rep, customer_id, name, group, with_manager, route_order,
    distance_km, area, row (the customer's sheet row); sorted by rep, date and route."""
    unscheduled: pd.DataFrame
    """rep, customer_id, name, group, due, reason, row."""
    coverage: pd.DataFrame
    """Per group: customers, due, planned, share."""
    calendar: WorkCalendar
    manager_wanted: int = 0
    """A visits that should have had the manager along (with_manager shows those that do)."""


def plan_visits(
    frame: pd.DataFrame,
    classes: pd.Series,
    settings: Settings,
    calendar: WorkCalendar,
    days_off: Mapping[str, Iterable[dt.date]] | None = None,
    manager_flags: pd.Series | None = None,
) -> VisitPlan:
    """Plan every customer's visits over the calendar's horizon (see scheduling for the rule)."""
    facts = customer_facts(frame, classes, settings, calendar)
    demand = visit_demand(facts, len(calendar.days))
    placed = schedule(facts, demand, calendar, settings, days_off)
    done = placed.day >= 0
    visits = _visit_rows(frame, facts, demand.row[done], placed.day[done], calendar)
    visits = _routed(visits, frame, settings)
    wanted = frame.index[_manager_wanted(frame, facts, settings, manager_flags)]
    visits["with_manager"] = _manager_along(visits, wanted, settings, calendar.start)
    left = ~done
    unscheduled = _visit_rows(frame, facts, demand.row[left], np.floor(demand.due[left]), calendar)
    unscheduled = unscheduled.rename(columns={"date": "due"})
    unscheduled["reason"] = np.array(REASONS)[placed.reason[left]]
    unscheduled = unscheduled[["rep", "customer_id", "name", "group", "due", "reason", "row"]]
    return VisitPlan(
        visits,
        unscheduled.sort_values(["rep", "due", "customer_id"], kind="stable").reset_index(
            drop=True
        ),
        coverage(facts, demand, placed),
        calendar,
        int((visits["row"].isin(wanted) & visits["half"].eq("morning")).sum()),
    )


def _visit_rows(
    frame: pd.DataFrame, facts: pd.DataFrame, rows: np.ndarray, days: np.ndarray, cal: WorkCalendar
) -> pd.DataFrame:
    """One row per visit with the customer's id, name and plan facts."""
    dates = pd.Timestamp(cal.start) + pd.to_timedelta(np.asarray(days, dtype=np.int64), unit="D")
    return pd.DataFrame(
        {
            "date": dates,
            "half": facts["half"].to_numpy()[rows],
            "rep": facts["rep"].to_numpy()[rows],
            "customer_id": frame["customer_id"].to_numpy()[rows],
            "name": frame["name"].to_numpy()[rows],
            "group": facts["shown"].to_numpy()[rows],
            "area": facts["area"].to_numpy()[rows],
            "priority": facts["priority"].to_numpy()[rows],
            "row": frame.index.to_numpy()[rows],
        }
    )


def _routed(visits: pd.DataFrame, frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Each rep-day in driving order (mornings first), with slot, start time and leg distance."""
    visits = visits.sort_values(["rep", "date", "half", "area", "priority"], kind="stable")
    visits = visits.reset_index(drop=True)
    lat = _coordinate(frame, "latitude", visits["row"])
    lon = _coordinate(frame, "longitude", visits["row"])
    order = np.arange(len(visits))
    legs = np.full(len(visits), np.nan)
    if np.isfinite(lat).any():
        keys = visits["rep"].astype(str) + visits["date"].astype(str)
        bounds = np.flatnonzero(np.r_[True, keys.to_numpy()[1:] != keys.to_numpy()[:-1], True])
        half = visits["half"].to_numpy()
        for a, b in itertools.pairwise(bounds):
            order[a:b] = a + _day_route(lat[a:b], lon[a:b], half[a:b])
            legs[a:b] = _legs(lat[order[a:b]], lon[order[a:b]])
        visits = visits.iloc[order].reset_index(drop=True)
    visits["distance_km"] = np.round(legs, 1)
    visits["route_order"] = visits.groupby(["rep", "date"]).cumcount() + 1
    visits["slot"] = visits.groupby(["rep", "date", "half"]).cumcount() + 1
    visits["start"] = _start_times(visits, settings)
    visits["half"] = np.array(HALVES)[visits["half"].to_numpy(dtype=np.int64)]
    return visits


def _coordinate(frame: pd.DataFrame, key: str, rows: pd.Series) -> np.ndarray:
    if key not in frame:
        return np.full(len(rows), np.nan)
    values = pd.to_numeric(frame[key], errors="coerce")
    return values.reindex(rows.to_numpy()).to_numpy(dtype=float)


def _day_route(lat: np.ndarray, lon: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Positions of one day's visits in driving order: the morning, then on from its last stop."""
    morning = np.flatnonzero(half == MORNING)
    afternoon = np.flatnonzero(half != MORNING)
    order = list(morning[best_route(distance_matrix(lat[morning], lon[morning]))])
    if len(afternoon):
        stops = np.concatenate([np.asarray(order[-1:], dtype=np.int64), afternoon])
        route = best_route(distance_matrix(lat[stops], lon[stops]), 0 if order else None)
        order += list(stops[route][1:] if order else stops[route])
    return np.asarray(order, dtype=np.int64)


def _legs(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """km from the previous stop of the day (0 for the first)."""
    return np.r_[0.0, haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:])]


def _start_times(visits: pd.DataFrame, settings: Settings) -> np.ndarray:
    """Start of each visit: the half day's start plus a visit and a drive per earlier slot."""
    starts = np.array([_minutes(settings.morning_start), _minutes(settings.afternoon_start)])
    step = settings.visit_minutes + settings.travel_minutes
    half = visits["half"].to_numpy(dtype=np.int64)
    minutes = starts[half] + (visits["slot"].to_numpy() - 1) * step
    hours = pd.Series(minutes // 60 % 24).astype(str).str.zfill(2)
    return (hours + ":" + pd.Series(minutes % 60).astype(str).str.zfill(2)).to_numpy()


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _manager_wanted(
    frame: pd.DataFrame, facts: pd.DataFrame, settings: Settings, flags: pd.Series | None
) -> np.ndarray:
    """A customers the senior manager should meet: the top N by sales, and those flagged."""
    is_a = facts["group"].eq("A").to_numpy()
    sales = sales_of(frame)
    ranked = np.lexsort((frame["customer_id"].astype(str).to_numpy(), -sales))
    top = np.zeros(len(frame), dtype=bool)
    top[ranked[is_a[ranked]][: settings.manager_top_n]] = True
    flagged = (
        np.zeros(len(frame), dtype=bool)
        if flags is None
        else flags.reindex(frame.index).fillna(False).to_numpy(dtype=bool)
    )
    return is_a & (top | flagged)


def _manager_along(
    visits: pd.DataFrame, wanted: pd.Index, settings: Settings, start: dt.date
) -> np.ndarray:
    """Which wanted visits the manager joins: one rep per morning, at most N visits a week.

    The most important visit of the morning picks the rep; a week's visits go by date order.
    """
    want = visits["row"].isin(wanted) & visits["half"].eq("morning")
    along = np.zeros(len(visits), dtype=bool)
    if not want.any() or settings.manager_visits_per_week == 0:
        return along
    chosen = visits[want].sort_values(["date", "priority"], kind="stable")
    chosen = chosen[chosen["rep"] == chosen.groupby("date")["rep"].transform("first")]
    week = (chosen["date"] - pd.Timestamp(start)).dt.days // 7
    kept = chosen.groupby(week.to_numpy()).cumcount() < settings.manager_visits_per_week
    along[chosen.index[kept.to_numpy()]] = True
    return along
