"""How `generate --jobs N` cuts the groups into runs of work for its workers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from addin.batch import _shares


def export_codes(customers: int, reps: int, seed: int = 5) -> np.ndarray:
    """Each customer's group code, reps of uneven size (as split_customers codes them)."""
    rng = np.random.default_rng(seed)
    return np.sort(rng.zipf(1.3, customers) % reps)


def rows(codes: np.ndarray, runs: list[tuple[int, int]]) -> list[int]:
    sizes = np.bincount(codes)
    return [int(sizes[a:b].sum()) for a, b in runs]


@pytest.mark.parametrize(("customers", "reps"), [(300_000, 1_000), (20_000, 100), (164, 14)])
@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_the_runs_give_every_group_once_in_order(customers, reps, jobs):
    codes = export_codes(customers, reps)
    runs = _shares(codes, jobs)
    groups = [g for a, b in runs for g in range(a, b)]
    assert groups == list(range(int(codes.max()) + 1))
    assert sum(rows(codes, runs)) == customers


def test_the_runs_shrink_so_that_the_workers_end_together():
    # With runs of equal size the worker done first sat idle for up to a run at the end.
    codes = np.sort(np.random.default_rng(5).integers(0, 1_000, 300_000))
    sizes = rows(codes, _shares(codes, 2))
    assert sizes[0] <= 300_000 / 4 * 1.01
    assert all(later <= earlier * 1.01 for earlier, later in itertools.pairwise(sizes[:-1]))
    assert sum(sizes[-4:]) < sizes[0] / 3  # the last ones small: a short wait at most


@pytest.mark.parametrize("jobs", [2, 4])
def test_a_small_batch_still_gives_every_worker_work(jobs):
    codes = export_codes(164, 14)
    assert len(_shares(codes, jobs)) >= jobs


def test_one_group_is_one_run():
    assert _shares(np.zeros(50, dtype=np.int64), 2) == [(0, 1)]
