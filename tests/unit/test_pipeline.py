"""Pipeline health per rep and team, stale prospects, and sales = customers x average purchase."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from addin.domain.pipeline import NO_REP, TEAM, PipelineRule, pipeline_health

AS_OF = dt.date(2026, 11, 27)


def rows(*records: tuple) -> pd.DataFrame:
    """(rep, kind, stage, follow_up, last_visit, sales, previous_sales) per row."""
    frame = pd.DataFrame(
        records,
        columns=[
            "rep",
            "kind",
            "stage",
            "follow_up",
            "last_visit",
            "annual_sales",
            "previous_sales",
        ],
    )
    frame["last_visit"] = pd.to_datetime(frame["last_visit"])
    return frame.astype(
        {"rep": "string", "kind": "string", "stage": "string", "follow_up": "string"}
    )


def by_rep(health: pd.DataFrame) -> dict:
    return {r["rep"]: r for _, r in health.iterrows()}


def test_live_prospects_are_yellow_and_green_ones_not_given_up_counted_against_the_target():
    frame = rows(
        ("Ann", "prospect", "short_term", "keep", "2026-11-20", None, None),
        ("Ann", "prospect", "potential", None, "2026-11-20", None, None),
        ("Ann", "prospect", "potential", "give_up", "2026-11-20", None, None),
        ("Ann", "prospect", "closed", None, "2026-11-20", None, None),
        ("Ann", "prospect", None, "dont_give_up", "2026-11-20", None, None),
    )
    ann = by_rep(pipeline_health(frame, PipelineRule(target=25, as_of=AS_OF)))["Ann"]
    assert (ann["live"], ann["target"], ann["vs_target"]) == (3, 25, -22)
    assert (ann["red"], ann["yellow"], ann["green"], ann["given_up"]) == (1, 1, 2, 1)
    assert ann["no_next_step"] == 1  # the live one with no decision


def test_a_prospect_is_stale_after_n_days_without_a_visit_or_with_none_on_record():
    frame = rows(
        ("Ann", "prospect", "potential", "keep", "2026-09-28", None, None),  # 60 days: not yet
        ("Ann", "prospect", "potential", "keep", "2026-09-27", None, None),  # 61 days
        ("Ann", "prospect", "potential", "keep", None, None, None),  # never visited
        ("Ann", "prospect", "potential", "give_up", "2020-01-01", None, None),  # not live
    )
    health = pipeline_health(frame, PipelineRule(stale_days=60, as_of=AS_OF))
    assert by_rep(health)["Ann"]["stale"] == 2
    shorter = pipeline_health(frame, PipelineRule(stale_days=30, as_of=AS_OF))
    assert by_rep(shorter)["Ann"]["stale"] == 3


def test_reps_come_in_name_order_then_prospects_without_a_rep_then_the_team():
    frame = rows(
        ("Zoe", "prospect", "potential", None, None, None, None),
        (None, "prospect", "potential", None, None, None, None),
        ("Ann", "prospect", "potential", None, None, None, None),
    )
    health = pipeline_health(frame, PipelineRule(target=10, as_of=AS_OF))
    assert health["rep"].tolist()[:3] == ["Ann", "Zoe", NO_REP]
    assert health["rep"].iloc[-1] is TEAM or pd.isna(health["rep"].iloc[-1])
    team = health.iloc[-1]
    assert team["live"] == 3
    assert team["target"] == 20  # two reps, ten each; nobody's prospects have no target


def test_sales_are_customers_times_average_purchase_and_the_change_splits_into_both():
    frame = rows(
        ("Ann", "customer", None, None, None, 300.0, 100.0),
        ("Ann", "customer", None, None, None, 100.0, 100.0),
        ("Ann", "customer", None, None, None, 200.0, np.nan),  # new this period
        ("Ann", "prospect", "potential", None, None, np.nan, np.nan),
    )
    ann = by_rep(pipeline_health(frame, PipelineRule(as_of=AS_OF)))["Ann"]
    assert ann["customers"] * ann["average"] == pytest.approx(ann["sales"]) == 600
    assert (ann["previous_customers"], ann["previous_average"]) == (2, 100)
    assert ann["change"] == 400
    assert ann["from_customers"] == 100  # one more customer at the old average
    assert ann["from_average"] == 300  # three customers buying 100 more each
    assert ann["from_customers"] + ann["from_average"] == ann["change"]


def test_without_a_previous_period_the_change_is_left_blank():
    frame = rows(("Ann", "customer", None, None, None, 300.0, None)).drop(columns="previous_sales")
    ann = by_rep(pipeline_health(frame, PipelineRule(as_of=AS_OF)))["Ann"]
    assert ann["sales"] == 300
    assert all(pd.isna(ann[k]) for k in ("previous_sales", "change", "from_average"))


def test_the_team_row_adds_up_the_reps():
    rng = np.random.default_rng(3)
    n = 500
    frame = rows(
        *[
            (
                f"R{rng.integers(5)}",
                "prospect" if rng.random() < 0.5 else "customer",
                rng.choice(["closed", "short_term", "potential", None]),
                rng.choice(["keep", "dont_give_up", "give_up", None]),
                "2026-10-01" if rng.random() < 0.5 else None,
                float(rng.integers(0, 1000)),
                float(rng.integers(0, 1000)),
            )
            for _ in range(n)
        ]
    )
    health = pipeline_health(frame, PipelineRule(as_of=AS_OF))
    reps, team = health.iloc[:-1], health.iloc[-1]
    for key in ("live", "red", "yellow", "green", "given_up", "stale", "customers", "sales"):
        assert reps[key].sum() == pytest.approx(team[key]), key
    assert team["sales"] == pytest.approx(
        frame.loc[frame["kind"] == "customer", "annual_sales"].sum()
    )
