"""The grouped forms of the domain's figures (a batch's workbooks in one pass) give each group
exactly what the single form gives for that group's rows alone."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest

from addin.domain.abc_analysis import AbcRule, classify_abc, classify_abc_groups
from addin.domain.pareto import pareto_groups, pareto_points
from addin.domain.pipeline import PipelineRule, pipeline_health, pipeline_health_groups
from addin.domain.segments import segment_counts, segment_matrix, segments

GROUPS = 7


def customers(rows: int = 400) -> tuple[pd.DataFrame, np.ndarray]:
    """Mixed customers and prospects, ties, blanks and a group of one row, in random order."""
    rng = np.random.default_rng(3)
    sales = np.round(rng.lognormal(9, 2, rows), 2)
    sales[rng.random(rows) < 0.2] = 5000.0  # ties
    sales[rng.random(rows) < 0.05] = np.nan
    prospect = rng.random(rows) < 0.3

    def text(values: list[object]) -> pd.Series:
        return pd.Series(rng.choice(np.array(values, dtype=object), rows), dtype="string")

    frame = pd.DataFrame(
        {
            "name": [f"C{i}" for i in range(rows)],
            "kind": np.where(prospect, "prospect", "customer"),
            "annual_sales": np.where(prospect, np.nan, sales),
            "previous_sales": np.where(rng.random(rows) < 0.5, rng.lognormal(9, 2, rows), np.nan),
            "rep": text(["Li", "Zhang", "张伟", None]),
            "region": text(["North", "South", None]),
            "stage": text(["closed", "short_term", "potential", None]),
            "follow_up": text(["keep_visiting", "give_up", None]),
            "competitor_loyalty": text(["low", "high", None]),
            "last_visit": pd.Timestamp("2026-01-01")
            + pd.to_timedelta(rng.integers(0, 300, rows), unit="D"),
        }
    )
    groups = rng.integers(0, GROUPS - 1, rows)
    groups[rng.integers(rows)] = GROUPS - 1  # a group of a single row
    return frame, groups


def parts(whole: pd.DataFrame, starts: np.ndarray) -> list[pd.DataFrame]:
    return [whole.iloc[a:b].reset_index(drop=True) for a, b in itertools.pairwise(starts)]


@pytest.mark.parametrize("by", [None, "region"])
def test_classes_and_summaries_per_group_are_each_groups_own(by):
    frame, groups = customers()
    rule = AbcRule()
    together, starts = classify_abc_groups(frame, groups, rule, by)
    for g, summary in enumerate(parts(together.summary, starts)):
        alone = classify_abc(frame[groups == g], rule, by)
        pd.testing.assert_series_equal(together.classes[groups == g], alone.classes)
        pd.testing.assert_frame_equal(summary, alone.summary)


def test_pipeline_health_per_group_is_each_groups_own_to_the_last_digit():
    frame, groups = customers()
    rule = PipelineRule(25, 60, dt.date(2026, 11, 1))
    together, starts = pipeline_health_groups(frame, rule, groups, GROUPS)
    for g, health in enumerate(parts(together, starts)):
        pd.testing.assert_frame_equal(
            health, pipeline_health(frame[groups == g], rule), check_exact=True
        )


def test_segment_counts_and_pareto_points_per_group_are_each_groups_own():
    frame, groups = customers()
    segmented = segments(frame, classify_abc(frame).classes)
    counts = segment_counts(segmented, groups, GROUPS)
    points, starts = pareto_groups(frame["annual_sales"], frame["name"], groups, GROUPS)
    for g, pareto in enumerate(parts(points, starts)):
        alone = segment_matrix(segmented[groups == g])
        np.testing.assert_array_equal(counts[g], alone.to_numpy())
        expected = pareto_points(frame["annual_sales"][groups == g], frame["name"])
        pd.testing.assert_frame_equal(pareto, expected, check_dtype=False, check_exact=True)
