"""A rep's day on the road: the order of its stops and the time of each, from the base and back.

The day starts at the base at `morning_start`. A stop's visit starts when the rep arrives, or
when its half-day opens if the rep is early (mornings from the start, afternoons from
`afternoon_start`); a morning visit starts before noon; the rep is back at the base by `day_end`.
The quick planner orders stops by nearest neighbour and 2-opt and, when a day does not fit in
time, leaves out its least valuable visits; the solver's days already fit.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from addin.domain.planning.frequency import AFTERNOON, MORNING
from addin.domain.planning.problem import Placement, RepProblem
from addin.domain.planning.territory import Travel


@dataclass(frozen=True)
class Timetable:
    """One day of stops: each visit's start, the km and minutes of the leg before it, the time
    the rep is back at the base and the length of that last leg; `fits` when every rule holds."""

    starts: list[int]
    km: list[float]
    minutes: list[int]
    back: int
    back_km: float
    back_minutes: int
    fits: bool
    late: int = -1
    """The half-day that broke a rule (MORNING, AFTERNOON), -1 when it fits."""


def timetable(problem: RepProblem, legs: Travel, stops: list[int], halves: list[int]) -> Timetable:
    """When each stop of a day happens, in the given order."""
    clock = problem.clock
    here, now, late = 0, clock.start, -1
    starts, km, minutes = [], [], []
    for v, half in zip(stops, halves, strict=True):
        there = int(problem.point[v])
        now += int(legs.minutes[here, there])
        early, latest = clock.window(half)
        start = max(now, early)
        if start > latest and late < 0:
            late = half
        starts.append(start)
        km.append(float(legs.km[here, there]))
        minutes.append(int(legs.minutes[here, there]))
        now, here = start + clock.visit, there
    back = now + int(legs.minutes[here, 0])
    counts = [halves.count(MORNING), halves.count(AFTERNOON)]
    over = [h for h in (MORNING, AFTERNOON) if counts[h] > clock.caps[h]]
    if late < 0 and (over or back > clock.end or halves != sorted(halves)):
        late = over[0] if over else AFTERNOON if AFTERNOON in halves else MORNING
    back_km = float(legs.km[here, 0]) if stops else 0.0
    return Timetable(starts, km, minutes, back, back_km, int(legs.minutes[here, 0]), late < 0, late)


def quick_routes(problem: RepProblem, day: np.ndarray, half: np.ndarray) -> Placement:
    """Each day of a first assignment in driving order, least valuable visits left out until
    the day fits in time."""
    legs = problem.legs()
    cost = problem.cost_km(legs)
    placement = Placement(day.copy(), half.copy(), np.zeros(len(day), dtype=np.int64))
    for d in np.unique(day[day >= 0]):
        stops = [int(v) for v in np.flatnonzero(day == d)]
        while stops:
            ordered = day_order(problem, cost, stops, half)
            table = timetable(problem, legs, ordered, [int(half[v]) for v in ordered])
            if table.fits:
                placement.order[ordered] = np.arange(len(ordered))
                break
            culprits = [v for v in stops if half[v] == table.late] or stops
            dropped = min(culprits, key=lambda v: (problem.worth(v, int(half[v]), int(d)), v))
            placement.day[dropped] = -1
            stops.remove(dropped)
    return placement


def day_order(
    problem: RepProblem, cost: np.ndarray, stops: list[int], half: np.ndarray
) -> list[int]:
    """Mornings from the base, then afternoons on from the morning's last stop and home."""
    morning = [v for v in stops if half[v] == MORNING]
    afternoon = [v for v in stops if half[v] != MORNING]
    first = _path(problem, cost, morning, 0, 0 if not afternoon else None)
    last = int(problem.point[first[-1]]) if first else 0
    return first + _path(problem, cost, afternoon, last, 0)


def _path(
    problem: RepProblem, cost: np.ndarray, stops: list[int], start: int, end: int | None
) -> list[int]:
    """Stops in a short order from point `start` (to point `end` when given)."""
    if len(stops) < 2:
        return list(stops)
    points = [int(problem.point[v]) for v in stops]
    order = nearest_neighbour(cost, start, points)
    order = two_opt(cost, [start, *order] + ([end] if end is not None else []), end is not None)
    inner = order[1 : len(order) - (end is not None)]
    remaining = list(stops)
    chosen = []
    for p in inner:  # back from points to visits (two visits may share a point)
        v = next(v for v in remaining if problem.point[v] == p)
        remaining.remove(v)
        chosen.append(v)
    return chosen


def nearest_neighbour(cost: np.ndarray, start: int, points: list[int]) -> list[int]:
    """From `start`, always drive to the closest point not yet visited (ties: lowest index)."""
    order, left, here = [], sorted(points), start
    while left:
        step = min(range(len(left)), key=lambda i: (cost[here, left[i]], i))
        here = left.pop(step)
        order.append(here)
    return order


def two_opt(cost: np.ndarray, path: list[int], fixed_end: bool) -> list[int]:
    """Reverse any stretch of the path that shortens it, until none does; the first point (and
    the last, when fixed) stay where they are."""
    best = list(path)
    last = len(best) - 1 - fixed_end
    improved = True
    while improved:
        improved = False
        for i in range(1, last):
            for j in range(i + 1, last + 1):
                a, b, c = best[i - 1], best[i], best[j]
                d = best[j + 1] if j + 1 < len(best) else None
                before = cost[a, b] + (cost[c, d] if d is not None else 0.0)
                after = cost[a, c] + (cost[b, d] if d is not None else 0.0)
                if after < before - 1e-9:
                    best[i : j + 1] = reversed(best[i : j + 1])
                    improved = True
    return best


def path_length(cost: np.ndarray, path: list[int]) -> float:
    """Length of the path through `path`'s points in order."""
    return float(sum(cost[a, b] for a, b in itertools.pairwise(path)))
