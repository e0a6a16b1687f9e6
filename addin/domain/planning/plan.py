"""The visit plan for a horizon: who is visited when, in which order, with whom; what did not fit.

Inputs are the validated customer frame (canonical keys, indexed by sheet row) and the ABC
classes. The quick planner (heuristic.py) places every rep's visits at once; then each rep's
horizon goes to the route solver (solver.py), which improves it within its budget. Reps are
independent, so `mapper` may solve them in parallel. The result holds plain frames of codes
(slot 'morning', reason 'capacity'); the report modules put them into words. Same input, same
plan: every choice has a stable tie-break and the solver a fixed seed and iteration budget.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.domain.planning import SECONDS_PER_REP, build, gaps, manager, outcome
from addin.domain.planning.calendar import WorkCalendar
from addin.domain.planning.demand import Demand, customer_facts, spaced, visit_demand
from addin.domain.planning.heuristic import schedule
from addin.domain.planning.problem import Placement, RepProblem
from addin.domain.settings import Settings


@dataclass(frozen=True)
class Job:
    """One rep's solve: its problem, the quick planner's placement and the budget (0: keep)."""

    problem: RepProblem
    first: Placement
    seconds: float


Mapper = Callable[[Callable[[Job], Placement], list[Job]], Iterable[Placement]]
"""Runs the reps' jobs, in order: the builtin map, or a process pool's (--jobs)."""
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PlanOptions:
    """How hard to plan and how to run it: the quick planner only, or the solver's budget per
    rep in seconds; `mapper` runs the reps (in parallel with a pool's map); `progress` hears
    of each rep done."""

    quick: bool = False
    seconds: float = SECONDS_PER_REP
    mapper: Mapper = map
    progress: Progress | None = None

    @classmethod
    def asked(
        cls,
        quick: bool,
        time_limit: float | None,
        mapper: Mapper = map,
        progress: Progress | None = None,
    ) -> PlanOptions:
        """What `--quick` and `--time-limit` ask for: `time_limit` seconds a rep, else the
        default budget."""
        seconds = SECONDS_PER_REP if time_limit is None else time_limit
        return cls(quick, seconds, mapper, progress)


@dataclass(frozen=True)
class VisitPlan:
    visits: pd.DataFrame
    """date, half, slot, start, rep, customer_id, name, group, with_manager, route_order,
    distance_km, drive_min, row (the customer's sheet row), value; by rep, date and route."""
    unscheduled: pd.DataFrame
    """rep, customer_id, name, group, due, reason, row."""
    coverage: pd.DataFrame
    """Per group: customers, due, planned, share."""
    calendar: WorkCalendar
    days: pd.DataFrame
    """One row per rep-day on the road: rep, date, visits, km, drive_min, back (at the base)."""
    manager: pd.DataFrame
    """Every visit the manager was asked for: rep, customer, date, status, reason, why."""
    planner: str = "solver"
    """How it was made: 'solver', 'quick' (the quick planner asked for, --quick) or 'fallback'
    (the quick planner because the solver is not installed, as in xlwings Lite)."""

    @property
    def manager_wanted(self) -> int:
        """Visits that should have had the manager along (with_manager shows those that do)."""
        return len(self.manager)


def solver_available() -> bool:
    """Whether the route solver (PyVRP 0.14 or later) is installed; xlwings Lite has no wheel
    of it."""
    try:
        importlib.import_module("addin.domain.planning.solver")
    except ImportError:
        return False
    return True


def run_job(job: Job) -> Placement:
    """A rep's final placement: the quick planner's, or the solver's within the budget.

    Where the solver put two visits of a customer too close, their windows are cut apart at
    the earlier one and the solver goes on from there (a tenth more of the budget a round);
    what is still too close after two rounds loses its later visit.
    """
    if job.seconds <= 0:
        return job.first
    solver = importlib.import_module("addin.domain.planning.solver")  # loads only when used
    problem = job.problem
    placement = solver.improve(problem, job.first, job.seconds)
    for _ in range(2):
        pairs = gaps.too_close(problem, placement)
        if not pairs:
            return placement
        problem = gaps.cut_apart(problem, placement, pairs)
        placement = solver.improve(problem, gaps.within(problem, placement), job.seconds * 0.1)
    return gaps.apart(problem, placement)


def plan_visits(
    frame: pd.DataFrame,
    classes: pd.Series,
    settings: Settings,
    calendar: WorkCalendar,
    days_off: Mapping[str, Iterable[dt.date]] | None = None,
    manager_flags: pd.Series | None = None,
    options: PlanOptions | None = None,
) -> VisitPlan:
    """Plan every customer's visits over the calendar's horizon (see the module docstring)."""
    options = options or PlanOptions()
    planner = "quick" if options.quick else "solver" if solver_available() else "fallback"
    facts = customer_facts(frame, classes, settings, calendar)
    reps, code = np.unique(facts["rep"].to_numpy(dtype=str), return_inverse=True)
    working = np.array([calendar.rep_working((days_off or {}).get(r, ())) for r in reps])
    working = working.reshape(len(reps), len(calendar.days))
    raw = visit_demand(facts, len(calendar.days))
    demand = spaced(
        raw, facts["last_day"].to_numpy(), working[code[raw.row]], settings.min_gap_days
    )
    halves = build.halves_of(facts["group"].to_numpy()[demand.row], settings)
    land = build.territory(frame, code, demand, settings)
    far = build.too_far(land.drive, halves, build.clock_of(settings))
    caps = (settings.morning_visits, settings.afternoon_visits)
    gap = settings.min_gap_days
    first_days = schedule(facts, demand, calendar, working, code[demand.row], caps, far, gap)
    rank = facts["priority"].to_numpy()
    seconds = options.seconds if planner == "solver" else 0.0
    jobs = []
    for r, rep in enumerate(reps):
        days = np.flatnonzero(working[r])
        mine = np.flatnonzero((code[demand.row] == r) & ~far)
        visits = build.candidates(mine, demand, halves, days, caps)
        problem = build.rep_problem(
            rep, r, visits, days, frame, demand, halves, land, settings, rank
        )
        jobs.append(Job(problem, build.first_placement(problem, first_days), seconds))
    placements = _solved(jobs, options.mapper, options.progress)
    return _assembled(
        frame,
        facts,
        demand,
        calendar,
        settings,
        manager_flags,
        jobs,
        placements,
        far,
        working,
        code,
        planner,
    )


def _solved(jobs: list[Job], mapper: Mapper, progress: Progress | None) -> list[Placement]:
    done = []
    for placement in mapper(run_job, jobs):
        done.append(placement)
        if progress is not None:
            progress(len(done), len(jobs))
    return done


def _assembled(
    frame: pd.DataFrame,
    facts: pd.DataFrame,
    demand: Demand,
    calendar: WorkCalendar,
    settings: Settings,
    flags: pd.Series | None,
    jobs: list[Job],
    placements: list[Placement],
    far: np.ndarray,
    working: np.ndarray,
    code: np.ndarray,
    planner: str,
) -> VisitPlan:
    """The plan's frames from every rep's placement."""
    routed, days = outcome.routed([(j.problem, p) for j, p in zip(jobs, placements, strict=True)])
    customers = pd.DataFrame(
        {
            "rep": facts["rep"],
            "customer_id": frame["customer_id"],
            "name": frame["name"],
            "group": facts["shown"],
            "per_month": facts["per_month"],
        },
        index=frame.index,
    )
    visits = _visits(routed, customers, demand, calendar)
    placed = np.zeros(len(demand.row), dtype=bool)
    placed[routed["id"].to_numpy(dtype=np.int64)] = True
    why = outcome.reasons(demand, far, working, code, len(calendar.days))
    unscheduled = outcome.unscheduled_frame(
        np.flatnonzero(~placed), why, demand, customers, calendar
    )
    asked = pd.Series(
        manager.requested(frame, facts["group"].to_numpy(), settings, flags), index=frame.index
    )
    status = manager.manager_along(visits, asked, settings, calendar.start)
    visits["with_manager"] = status.eq("arranged").to_numpy()
    requests = manager.requests_frame(visits, status, unscheduled, asked[asked != ""])
    return VisitPlan(
        visits.drop(columns="id"),
        unscheduled.drop(columns="id"),
        outcome.coverage(customers["group"].to_numpy()[demand.row], placed, customers),
        calendar,
        _days(days, calendar),
        requests,
        planner,
    )


def _visits(
    routed: pd.DataFrame, customers: pd.DataFrame, demand: build.Demand, calendar: WorkCalendar
) -> pd.DataFrame:
    """One row per visit placed, with the customer's id, name and plan facts, in route order."""
    ids = routed["id"].to_numpy(dtype=np.int64)
    people = customers.iloc[demand.row[ids]]
    visits = pd.DataFrame(
        {
            "date": outcome.dates(calendar, routed["day"]).to_numpy(),
            "half": np.array(outcome.HALVES)[routed["half"].to_numpy(dtype=np.int64)],
            "slot": routed["slot"].to_numpy(dtype=np.int64),
            "start": outcome.clock_text(routed["start"]).to_numpy(),
            "rep": people["rep"].to_numpy(),
            "customer_id": people["customer_id"].to_numpy(),
            "name": people["name"].to_numpy(),
            "group": people["group"].to_numpy(),
            "route_order": routed["order"].to_numpy(dtype=np.int64),
            "distance_km": np.round(routed["distance_km"].to_numpy(dtype=float), 1),
            "drive_min": routed["drive_min"].to_numpy(dtype=np.int64),
            "row": people.index.to_numpy(),
            "value": demand.value[ids],
            "id": ids,
        }
    )
    return visits.sort_values(["rep", "date", "route_order"], kind="stable").reset_index(drop=True)


def _days(days: pd.DataFrame, calendar: WorkCalendar) -> pd.DataFrame:
    """The rep-days on the road, with the date and the time back at the base."""
    out = pd.DataFrame(
        {
            "rep": days["rep"].to_numpy(dtype=object),
            "date": outcome.dates(calendar, days["day"]).to_numpy(),
            "visits": days["visits"].to_numpy(dtype=np.int64),
            "km": np.round(days["km"].to_numpy(dtype=float), 1),
            "drive_min": days["drive_min"].to_numpy(dtype=np.int64),
            "back": outcome.clock_text(days["back"]).to_numpy(),
        }
    )
    return out.sort_values(["rep", "date"], kind="stable").reset_index(drop=True)
