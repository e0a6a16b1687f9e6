"""The route solver in tests: a tenth of its budget, unless a test is about plan quality.

The solver stops after a number of iterations worked out from its budget in seconds (about a
second a rep), so a plan with a tenth of it is as deterministic and goes through the same code;
it only searches less. Most tests check what a plan must always be (its rules, its sheets, that
reps planned side by side plan alike), not how short its routes are: they get the tenth. A test
about the routes' quality asks for the `full_solver_budget` fixture. The scaling is a wrapper
around `solver.improve`, so it holds for every way in (API, CLI in-process, macros) and in forked
process pools (--jobs); a CLI run in a subprocess of its own plans at the full budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from addin.domain.planning import solver
from addin.domain.planning.problem import Placement, RepProblem

SCALE = 0.1
_IMPROVE = solver.improve


def _scaled_improve(problem: RepProblem, first: Placement, seconds: float) -> Placement:
    return _IMPROVE(problem, first, seconds * SCALE)


@contextmanager
def scaled_budget() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "improve", _scaled_improve)
        yield


@contextmanager
def full_budget() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "improve", _IMPROVE)
        yield
