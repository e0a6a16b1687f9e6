"""One rep's planning problem, the same for every planner: the visits that may happen, the days
they may happen on, what each is worth, and the clock of a working day.

A planner turns a `RepProblem` and a first `Placement` into a better `Placement`; the quick
planner keeps the first one, the solver improves it. Both are checked by the same rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from addin.domain.planning.frequency import AFTERNOON, MORNING
from addin.domain.planning.territory import Travel, travel

EITHER = 2
"""A visit that may take the morning or the afternoon (class A when mornings are preferred)."""
NOON = 12 * 60
"""A morning visit starts before noon (上午)."""
FLOOR_KM = 60.0
"""Every visit is worth at least a 60 km detour, so that in a city no visit stays out while a
slot and the time for it are free; above that, its value decides."""
RHYTHM = 0.05
"""Share of a visit's value lost for each week it happens after its due date."""


@dataclass(frozen=True)
class DayClock:
    """A working day in minutes after midnight: it starts and ends at the base."""

    start: int
    afternoon: int
    end: int
    visit: int
    caps: tuple[int, int]
    """Visits per morning and per afternoon."""

    def window(self, half: int) -> tuple[int, int]:
        """Earliest and latest start of a visit in the morning or the afternoon."""
        if half == MORNING:
            return self.start, max(self.start, min(NOON, self.end - self.visit))
        return self.afternoon, max(self.afternoon, self.end - self.visit)


@dataclass(frozen=True)
class RepProblem:
    """The visits of one rep that a planner may place, and where and when they can go.

    Point 0 of `lat`/`lon` is the base; `point[v]` is visit v's customer. A visit may go on any
    working day of `days` within [opens, closes], in the half-days `halves` allows.
    """

    rep: str
    days: np.ndarray
    ids: np.ndarray
    """The visits' positions in the plan's demand."""
    point: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    value: np.ndarray
    due: np.ndarray
    """The day each visit falls due (a fraction of a day), for keeping a customer's rhythm."""
    opens: np.ndarray
    closes: np.ndarray
    halves: np.ndarray
    clock: DayClock
    speed_kmh: float
    unknown_minutes: int
    gap: int = 1
    """Days at least between two visits of a customer (visits of a customer share a point)."""
    afternoon_share: float = 0.8
    """What an A visit is worth in the afternoon, as a share of its morning value."""

    def legs(self) -> Travel:
        """km and minutes between every two points (computed on demand: problems travel to
        worker processes, so they stay small)."""
        return travel(self.lat, self.lon, self.speed_kmh, self.unknown_minutes)

    def cost_km(self, legs: Travel) -> np.ndarray:
        """What a leg costs in km: its length, nothing when unknown (it still takes time)."""
        return np.nan_to_num(legs.km, nan=0.0)

    def allowed_halves(self, v: int) -> tuple[int, ...]:
        """The half-days visit v may take, morning first."""
        code = int(self.halves[v])
        halves = (MORNING, AFTERNOON) if code == EITHER else (code,)
        return tuple(h for h in halves if self.clock.caps[h] > 0)

    def worth(self, v: int, half: int, day: int) -> float:
        """Visit v's value on that day and half-day: an A visit keeps the morning as a
        preference, and every visit a little more on its due date, so that a customer's visits
        keep their rhythm when nothing else decides."""
        share = self.afternoon_share if self.halves[v] == EITHER and half != MORNING else 1.0
        weeks_late = abs(day - float(self.due[v])) / 7
        return (FLOOR_KM + float(self.value[v]) * share) * max(1 - RHYTHM * weeks_late, 0.5)

    def days_of(self, v: int) -> np.ndarray:
        """The working days visit v may take."""
        return self.days[(self.days >= self.opens[v]) & (self.days <= self.closes[v])]


@dataclass(frozen=True)
class Placement:
    """Where each visit of a problem went: day (-1: left out), half-day, and order in the day."""

    day: np.ndarray
    half: np.ndarray
    order: np.ndarray

    @staticmethod
    def empty(size: int) -> Placement:
        return Placement(
            np.full(size, -1, dtype=np.int64),
            np.zeros(size, dtype=np.int64),
            np.zeros(size, dtype=np.int64),
        )

    def routes(self) -> dict[int, list[int]]:
        """day -> its visits in driving order."""
        placed = np.flatnonzero(self.day >= 0)
        ordered = placed[np.lexsort((self.order[placed], self.day[placed]))]
        routes: dict[int, list[int]] = {}
        for v in ordered:
            routes.setdefault(int(self.day[v]), []).append(int(v))
        return routes


Planner = Callable[[RepProblem, Placement], Placement]
"""Improves a first placement of a rep's visits (the quick planner returns it unchanged)."""
