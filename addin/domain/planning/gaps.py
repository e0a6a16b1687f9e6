"""Days between two visits of a customer: find the pairs a placement put too close, cut their
windows apart, and, as a last resort, leave the later visit out.

Windows of a customer only touch where keeping them apart would cost a working day
(demand.spaced), so pairs come up rarely: around holidays and make-up days, or when a window
does not start on a Monday.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from addin.domain.planning.problem import Placement, RepProblem


def too_close(problem: RepProblem, placement: Placement) -> list[tuple[int, int]]:
    """(earlier, later) visits of one customer placed fewer than `gap` days apart."""
    placed = np.flatnonzero(placement.day >= 0)
    order = placed[np.lexsort((placement.day[placed], problem.point[placed]))]
    same = problem.point[order[1:]] == problem.point[order[:-1]]
    close = (placement.day[order[1:]] - placement.day[order[:-1]]) < problem.gap
    found = np.flatnonzero(same & close)
    return [(int(order[i]), int(order[i + 1])) for i in found]


def cut_apart(
    problem: RepProblem, placement: Placement, pairs: list[tuple[int, int]]
) -> RepProblem:
    """The problem with each pair's windows cut at the earlier visit's day."""
    opens, closes = problem.opens.copy(), problem.closes.copy()
    for earlier, later in pairs:
        day = int(placement.day[earlier])
        closes[earlier] = min(int(closes[earlier]), day)
        opens[later] = max(int(opens[later]), day + problem.gap)
    return dataclasses.replace(problem, opens=opens, closes=closes)


def within(problem: RepProblem, placement: Placement) -> Placement:
    """The placement without the visits that now fall outside their windows."""
    day = placement.day.copy()
    outside = (day >= 0) & ((day < problem.opens) | (day > problem.closes))
    day[outside] = -1
    return Placement(day, placement.half.copy(), placement.order.copy())


def apart(problem: RepProblem, placement: Placement) -> Placement:
    """The placement without the later visit of every pair still too close."""
    day = placement.day.copy()
    pairs = too_close(problem, placement)
    while pairs:
        day[[later for _, later in pairs]] = -1
        pairs = too_close(problem, Placement(day, placement.half, placement.order))
    return Placement(day, placement.half.copy(), placement.order.copy())
