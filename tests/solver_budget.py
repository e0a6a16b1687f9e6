"""The route solver in tests: 3% of its budget, unless a test is about plan quality.

The solver stops after a number of iterations worked out from its budget in seconds (about a
second a rep), so a plan with 3% of it is as deterministic and goes through the same code; it
only searches less (the planning code's lines run by the tests are the same as with a tenth,
which the tests had until December 2026). Most tests check what a plan must always be (its
rules, its sheets, that reps planned side by side plan alike), not how short its routes are:
they get the 3%. A test about the routes' quality asks for the `full_solver_budget` fixture.
The scaling is a wrapper around `solver.improve`, so it holds for every way in (API, CLI
in-process, macros) and in forked process pools (--jobs); a CLI run in a subprocess of its own
plans at the full budget.

The scaled solver also remembers its answers: the same problem, first placement and budget give
the placement it gave before, so a plan computed again (each runtime, the second run of a
macro, the expected plan beside it) costs nothing the second time. The solver is deterministic
for a given input (seeded, stopped by an iteration count), so this changes no result; what the
tests check about our code (which problem it builds, what it does with the answer) still runs
every time. Tests about determinism itself (the same plan side by side, whatever the row order)
ask for `fresh_solver`: every problem solved anew.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from addin.domain.planning import solver
from addin.domain.planning.problem import Placement, RepProblem

SCALE = 0.03
_IMPROVE = solver.improve


_ANSWERS: dict[bytes, bytes] = {}
"""Digest of (problem, first placement, budget) -> the pickled placement the solver gave."""


def _scaled_improve(problem: RepProblem, first: Placement, seconds: float) -> Placement:
    return _IMPROVE(problem, first, seconds * SCALE)


def _remembered_improve(problem: RepProblem, first: Placement, seconds: float) -> Placement:
    key = hashlib.blake2b(pickle.dumps((problem, first, seconds))).digest()
    if key not in _ANSWERS:
        _ANSWERS[key] = pickle.dumps(_scaled_improve(problem, first, seconds))
    return pickle.loads(_ANSWERS[key])  # a copy: no caller can change what is remembered


@contextmanager
def scaled_budget(remembered: bool = True) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "improve", _remembered_improve if remembered else _scaled_improve)
        yield


@contextmanager
def full_budget() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "improve", _IMPROVE)
        yield
