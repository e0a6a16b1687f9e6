"""The route solver: one rep's horizon as a prize-collecting VRP with time windows, by PyVRP.

Each working day is a vehicle whose shift runs from the base at `morning_start` back to it by
`day_end`, with room for the morning's and the afternoon's visits (two load dimensions). Each
visit due is a group of alternatives, one per working day of its window and half-day it may
take (a morning and an afternoon for class A when mornings are only preferred); at most one of
a group is visited, and visiting it collects the visit's value as a prize. Days follow each
other on one clock (day i starts at i * 1440 minutes), so an alternative fits only its own
day's vehicle. The solver minimises km driven minus prizes collected: the most valuable
visits stay when time is short, then the fewest km. Gaps between visits of a customer hold by
construction (demand.spaced). Runs are deterministic: a fixed seed and an iteration budget,
the wall-clock limit only a safety net.

PyVRP is imported here and nowhere else; without it (xlwings Lite) the quick plan stands.
"""

from __future__ import annotations

import warnings

import numpy as np
import pyvrp
from pyvrp.search import NeighbourhoodParams, PerturbationParams
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria

from addin.domain.planning.problem import Placement, RepProblem

if not hasattr(pyvrp, "Location"):  # before 0.14 clients had no shared locations
    raise ImportError("the route solver needs PyVRP 0.14 or later")

DAY = 24 * 60
UNITS_PER_KM = 10
"""Distances in units of 100 m: fine enough for a route, small enough for PyVRP's penalties."""
WAIT_WEIGHT = 2.0
"""How far apart (in units) a minute of waiting puts two stops when PyVRP picks neighbours:
alternatives of other days then never look near."""
DAY_COST_KM = 10.0
"""What a day on the road costs besides its km: full days beat two half-empty ones, which
leaves whole days free for the office and prints fewer route sheets."""
SEED = 20260914
HISTORY = 20
"""Late acceptance over the last 20 solutions: a short memory converges faster on these
problems than PyVRP's default of 300 (benchmarks/bench_plan_quality.py)."""
NEIGHBOURS = 30
PERTURB = 10
MS_PER_ITERATION = (0.15, 0.09)
"""An iteration's CPU time on this project's two-core machine: 0.15 ms plus 0.09 ms per
thousand alternatives. A budget in seconds becomes a number of iterations with it, and the
iterations, not the seconds, stop the search: a slower machine takes longer but plans alike."""
SAFETY = 5.0
"""The wall-clock limit, as a multiple of the budget: a net for a machine far too busy."""


def improve(problem: RepProblem, first: Placement, seconds: float) -> Placement:
    """A better placement than `first` (or `first` itself when the solver finds no better)."""
    model = _Model(problem)
    if not model.clients:
        return first
    data = model.data()
    start = model.solution(data, first)
    base, per_thousand = MS_PER_ITERATION
    iterations = max(1, round(seconds * 1000 / (base + per_thousand * len(model.clients) / 1000)))
    stop = MultipleCriteria([MaxIterations(iterations), MaxRuntime(SAFETY * seconds + 1.0)])
    params = pyvrp.SolveParams(
        ils=pyvrp.IteratedLocalSearchParams(history_length=HISTORY),
        neighbourhood=NeighbourhoodParams(weight_wait_time=WAIT_WEIGHT, num_neighbours=NEIGHBOURS),
        perturbation=PerturbationParams(1, PERTURB),
    )
    with warnings.catch_warnings():  # penalty bounds reached are the solver's business
        warnings.simplefilter("ignore")
        result = pyvrp.solve(
            data, stop, seed=SEED, collect_stats=False, params=params, initial_solution=start
        )
    best = result.best
    if not best.is_feasible():
        return first
    return model.placement(best, len(problem.ids))


class _Model:
    """PyVRP's clients, groups and vehicles for one rep, and the way back to visits."""

    def __init__(self, problem: RepProblem) -> None:
        self.problem = problem
        self.clients: list[pyvrp.Client] = []
        self.groups: list[pyvrp.ClientGroup] = []
        self.alternative: list[tuple[int, int, int]] = []  # client -> (visit, day, half)
        self.client_of: dict[tuple[int, int, int], int] = {}
        self.vehicle_of = {int(d): i for i, d in enumerate(problem.days)}
        for v in range(len(problem.ids)):
            self._add_visit(v)

    def _add_visit(self, v: int) -> None:
        problem, clock = self.problem, self.problem.clock
        ids = []
        for d in problem.days_of(v):
            offset = self.vehicle_of[int(d)] * DAY
            for half in problem.allowed_halves(v):
                early, late = clock.window(half)
                key = (v, int(d), half)
                self.client_of[key] = len(self.clients)
                ids.append(len(self.clients))
                self.alternative.append(key)
                self.clients.append(
                    pyvrp.Client(
                        location=int(problem.point[v]),
                        delivery=[1 - half, half],
                        service_duration=clock.visit,
                        tw_early=offset + early,
                        tw_late=offset + late,
                        prize=round(problem.worth(v, half, int(d)) * UNITS_PER_KM),
                        required=False,
                        group=len(self.groups),  # the group this visit's loop adds
                    )
                )
        if ids:
            self.groups.append(pyvrp.ClientGroup(ids, required=False))

    def data(self) -> pyvrp.ProblemData:
        problem, clock = self.problem, self.problem.clock
        legs = problem.legs()
        distance = np.round(problem.cost_km(legs) * UNITS_PER_KM).astype(np.int64)
        xy = zip(np.nan_to_num(problem.lon), np.nan_to_num(problem.lat), strict=True)
        locations = [pyvrp.Location(float(x), float(y)) for x, y in xy]
        vehicles = [
            pyvrp.VehicleType(
                1,
                capacity=list(clock.caps),
                fixed_cost=round(DAY_COST_KM * UNITS_PER_KM),
                tw_early=i * DAY + clock.start,
                tw_late=i * DAY + clock.end,
                name=str(int(d)),
            )
            for i, d in enumerate(problem.days)
        ]
        return pyvrp.ProblemData(
            locations,
            self.clients,
            [pyvrp.Depot(0)],
            vehicles,
            [distance],
            [legs.minutes.astype(np.int64)],  # type: ignore[list-item]  # pyvrp's stub types
            self.groups,
        )

    def solution(self, data: pyvrp.ProblemData, first: Placement) -> pyvrp.Solution:
        """The first placement as PyVRP routes (visits it cannot express are left out)."""
        routes = []
        for day, visits in first.routes().items():
            clients = [
                self.client_of[key]
                for v in visits
                if (key := (v, day, int(first.half[v]))) in self.client_of
            ]
            if clients:
                routes.append(pyvrp.Route(data, clients, self.vehicle_of[day]))
        return pyvrp.Solution(data, routes)

    def placement(self, solution: pyvrp.Solution, size: int) -> Placement:
        placement = Placement.empty(size)
        for route in solution.routes():
            clients = [stop.idx for stop in route if stop.is_client()]
            for position, client in enumerate(clients):
                v, day, half = self.alternative[client]
                placement.day[v], placement.half[v], placement.order[v] = day, half, position
        return placement
