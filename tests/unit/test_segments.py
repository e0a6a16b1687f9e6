"""Segmentation (domain §4): existing/potential, main/secondary, effort from competitor loyalty."""

from __future__ import annotations

import pandas as pd

from addin.domain.prospect_tables import segment_column
from addin.domain.segments import segment_matrix, segments


def frame(**columns: list) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(v, dtype="string") for k, v in columns.items()})


def test_low_loyalty_to_the_competitor_means_high_effort_and_high_loyalty_low_effort():
    got = segments(
        frame(kind=["customer", "prospect", "prospect"], competitor_loyalty=["low", "high", None])
    )
    assert got["effort"].tolist() == ["high", "low", pd.NA]
    assert got["existing"].tolist() == ["existing", "potential", "potential"]


def test_a_given_target_is_kept_and_a_blank_one_follows_the_class_and_stage():
    table = frame(
        kind=["customer", "customer", "customer", "prospect", "prospect"],
        target_level=["secondary", None, None, None, None],
        stage=[None, None, None, "short_term", "potential"],
    )
    classes = pd.Series(["A", "A", "C", None, None], dtype="string")
    assert segments(table, classes)["target"].tolist() == [
        "secondary",  # given: the rep's word wins over class A
        "main",  # A
        "secondary",  # C
        "main",  # yellow: likely to close soon
        "secondary",
    ]


def test_the_matrix_counts_every_row_once_in_its_cell():
    table = frame(
        kind=["customer", "customer", "prospect", "prospect", "prospect"],
        target_level=["main", "main", "secondary", "secondary", "main"],
        competitor_loyalty=["low", "high", "low", None, "low"],
    )
    matrix = segment_matrix(segments(table))
    assert matrix.loc[("existing", "main")].tolist() == [1, 1, 0]
    assert matrix.loc[("potential", "secondary")].tolist() == [1, 0, 1]
    assert matrix.loc[("potential", "main")].tolist() == [1, 0, 0]
    assert matrix.to_numpy().sum() == len(table)


def test_the_segment_column_reads_as_words_in_the_workbook_language():
    got = segments(frame(kind=["customer"], target_level=["main"], competitor_loyalty=["low"]))
    assert segment_column(got, "en") == ["Existing · Main · High effort"]
    assert segment_column(got, "zh") == ["现有客户 · 主要目标 · 投入大"]
