"""The Pareto rule of domain §2, as the foundation issue states it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from addin.domain.abc_analysis import AbcRule, abc_codes, classify_abc, summarise
from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.pareto import pareto_points


def classes(sales: list[object], **rule: object) -> list[object]:
    frame = pd.DataFrame({"annual_sales": pd.Series(sales, dtype=object)})
    result = classify_abc(frame, AbcRule(**rule))  # type: ignore[arg-type]
    return [None if pd.isna(c) else c for c in result.classes]


def reference_classes(sales: list[float], a: float = 0.8, b: float = 0.95) -> list[str]:
    """The rule read literally, one customer at a time (slow, obviously right)."""
    positive = [s for s in sales if s > 0]
    total = sum(positive)
    out = []
    for s in sales:
        if s <= 0:
            out.append("C")
            continue
        larger = sum(x for x in positive if x > s) / total
        out.append("A" if larger < a else "B" if larger < b else "C")
    return out


def test_the_customer_that_crosses_80_percent_is_still_a():
    # 50 + 30 = 80 hold exactly 80%: the customer with 20 sees 80% above it, so it is B.
    assert classes([50, 30, 15, 5]) == ["A", "A", "B", "C"]
    # 50 alone holds 50% < 80%: the 30 crosses the line and is A.
    assert classes([50, 30, 20]) == ["A", "A", "B"]


def test_a_single_dominant_customer_is_a_and_the_rest_follow_the_rule():
    assert classes([1000, 1, 1, 1]) == ["A", "C", "C", "C"]


def test_equal_sales_always_share_a_class():
    assert classes([40, 20, 20, 20]) == ["A", "A", "A", "A"]
    assert len(set(classes([10] * 7))) == 1


def test_all_equal_values_are_all_a_because_nobody_sells_more():
    assert classes([5, 5, 5, 5]) == ["A"] * 4


def test_the_result_never_depends_on_row_order():
    rng = np.random.default_rng(3)
    sales = np.round(rng.lognormal(10, 1.5, 500), -1)
    forward = abc_codes(sales)
    order = rng.permutation(len(sales))
    assert (abc_codes(sales[order]) == forward[order]).all()


def test_random_tables_agree_with_the_rule_read_literally():
    rng = np.random.default_rng(11)
    for _ in range(30):
        sales = list(rng.integers(-3, 40, rng.integers(1, 60)).astype(float))
        assert classes(sales) == reference_classes(sales)
        assert classes(sales, a_share=0.5, b_share=0.7) == reference_classes(sales, 0.5, 0.7)


def test_zero_sales_are_c_without_a_complaint():
    result = classify_abc(pd.DataFrame({"annual_sales": [100.0, 0.0]}))
    assert list(result.classes) == ["A", "C"]
    assert result.problems == []


def test_negative_sales_are_c_and_reported_with_their_row():
    frame = pd.DataFrame({"annual_sales": [100.0, -20.0]}, index=[2, 3])
    result = classify_abc(frame)
    assert list(result.classes) == ["A", "C"]
    assert [(p.row, p.column) for p in result.problems] == [(3, "annual_sales")]
    assert "class C" in text(result.problems[0].consequence, "en")


def test_missing_and_non_numeric_sales_get_no_class_and_are_reported():
    frame = pd.DataFrame(
        {"annual_sales": [100, None, "lots", "1,200"]}, index=[5, 6, 7, 8], dtype=object
    )
    result = classify_abc(frame)
    assert [None if pd.isna(c) else c for c in result.classes] == ["B", None, None, "A"]
    assert [p.row for p in result.problems] == [6, 7]


def test_prospects_are_not_classified_and_do_not_count_in_the_shares():
    frame = pd.DataFrame(
        {
            "annual_sales": [50.0, 30.0, 1000.0, 20.0],
            "kind": ["customer", "customer", "prospect", "customer"],
        }
    )
    result = classify_abc(frame)
    assert [None if pd.isna(c) else c for c in result.classes] == ["A", "A", None, "B"]
    assert result.problems == []


def test_one_customer_is_a():
    assert classes([123.0]) == ["A"]


def test_empty_input_gives_empty_classes_and_a_zero_summary():
    result = classify_abc(pd.DataFrame({"annual_sales": pd.Series([], dtype=float)}))
    assert result.classes.empty
    assert list(result.summary["customers"]) == [0, 0, 0]


def test_the_count_method_applies_the_rule_to_the_share_of_customers():
    # ten customers: the top two have < 20% of customers above them, the next three < 50%.
    sales = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10]
    assert classes(sales, method="count", a_share=0.2, b_share=0.5) == list("AABBBCCCCC")


def test_classifying_within_each_rep_uses_each_reps_own_totals():
    frame = pd.DataFrame(
        {"annual_sales": [100.0, 1.0, 10.0, 9.0], "rep": ["Li", "Li", "Wang", "Wang"]}
    )
    result = classify_abc(frame, by="rep")
    assert list(result.classes) == ["A", "C", "A", "A"]
    assert set(result.summary["group"]) == {"Li", "Wang"}


def test_thresholds_are_checked_before_anything_is_classified():
    with pytest.raises(SettingsError, match="below b_share"):
        AbcRule(a_share=0.9, b_share=0.8)
    with pytest.raises(SettingsError, match="between 0 and 1"):
        AbcRule(a_share=1.5)
    with pytest.raises(SettingsError, match="'value' or 'count'"):
        AbcRule(method="sales")  # type: ignore[arg-type]


def test_the_summary_counts_customers_and_sales_per_class():
    sales = pd.Series([50.0, 30.0, 15.0, 5.0])
    classes_ = pd.Series(pd.Categorical(["A", "A", "B", "C"], categories=list("ABC")))
    summary = summarise(sales, classes_).set_index("abc_class")
    assert summary.loc["A", "customers"] == 2
    assert summary.loc["A", "sales_share"] == pytest.approx(0.8)
    assert summary.loc["C", "customer_share"] == pytest.approx(0.25)
    assert summary["sales_share"].sum() == pytest.approx(1.0)


def test_pareto_points_show_few_customers_one_by_one_and_many_in_bands():
    few = pareto_points(pd.Series([10.0, 30.0, 60.0]), pd.Series(["x", "y", "z"]))
    assert list(few["label"]) == ["z", "y", "x"]
    assert list(few["cumulative_share"]) == pytest.approx([0.6, 0.9, 1.0])
    many = pareto_points(pd.Series(np.arange(1.0, 1001.0)), pd.Series(range(1000)))
    assert len(many) == 20
    assert many["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert many["sales"].is_monotonic_decreasing


def test_the_summary_from_the_sort_matches_counting_the_classes():
    rng = np.random.default_rng(5)
    for method, shares in (("value", (0.8, 0.95)), ("count", (0.2, 0.5))):
        sales = pd.Series(rng.integers(-5, 60, 400).astype(float))
        sales[rng.random(400) < 0.05] = np.nan
        result = classify_abc(pd.DataFrame({"annual_sales": sales}), AbcRule(*shares, method))
        counted = summarise(sales.where(result.classes.notna()), result.classes)
        pd.testing.assert_frame_equal(result.summary, counted, check_dtype=False)


def test_exactly_80_percent_in_cents_is_not_below_80_percent():
    # 7.8 + 1.8 = 9.6 of 12.0 is exactly 80%, though binary floats make it 79.99999...%.
    assert classes([7.8, 1.8, 1.0, 1.0, 0.3, 0.1]) == ["A", "A", "B", "B", "C", "C"]


def test_a_list_of_prospects_only_needs_no_sales_column():
    result = classify_abc(pd.DataFrame({"kind": ["prospect", "prospect"]}))
    assert result.classes.isna().all() and result.problems == []


def test_the_per_rep_summary_from_the_sort_matches_counting_the_classes():
    rng = np.random.default_rng(8)
    sales = pd.Series(rng.integers(-5, 60, 300).astype(float))
    rep = pd.Series(rng.choice(["Li", "Wang", "Zhao", None], 300), dtype=object)
    kind = pd.Series(np.where(rep.eq("Zhao"), "prospect", "customer"))  # Zhao: prospects only
    frame = pd.DataFrame({"annual_sales": sales, "rep": rep, "kind": kind})
    result = classify_abc(frame, by="rep")
    counted = summarise(sales.where(result.classes.notna()), result.classes, frame["rep"])
    pd.testing.assert_frame_equal(result.summary, counted, check_dtype=False)
    assert list(result.summary["group"].unique()) == ["", "Li", "Wang"]
