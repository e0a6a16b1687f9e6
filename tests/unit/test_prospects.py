"""Prospect stages, follow-up decisions and their colours (domain §3)."""

from __future__ import annotations

import pandas as pd
import pytest

from addin.domain.errors import SettingsError
from addin.domain.i18n import use_language
from addin.domain.problems import Layout
from addin.domain.prospects import (
    DECISION_VOCABULARY,
    effective_stages,
    fold,
    lighten,
    parse_codes,
    prospect_fills,
    stage_vocabulary,
)
from addin.domain.settings import Settings, parse_settings
from addin.domain.validation import validate_customers


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Closed", "closed"),
        ("已成交", "closed"),
        ("short-term", "short_term"),
        ("Short Term", "short_term"),
        ("short_term", "short_term"),
        ("短期", "short_term"),
        ("短期有望成交", "short_term"),
        ("ＳＨＯＲＴ　ＴＥＲＭ", "short_term"),  # full width, as a Chinese IME types it
        ("potential", "potential"),
        ("潜在客户", "potential"),
        ("green", "potential"),
    ],
)
def test_stages_are_read_in_english_chinese_and_common_spellings(spelling, code):
    codes, bad = parse_codes(pd.Series([spelling], dtype=object), stage_vocabulary())
    assert codes.tolist() == [code]
    assert not bad.any()


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Keep visiting", "keep"),
        ("继续拜访", "keep"),
        ("don't give up", "dont_give_up"),
        ("Don’t give up", "dont_give_up"),
        ("不放弃", "dont_give_up"),
        ("give-up", "give_up"),
        ("放弃", "give_up"),
    ],
)
def test_follow_up_decisions_are_read_in_both_languages(spelling, code):
    codes, _ = parse_codes(pd.Series([spelling], dtype=object), DECISION_VOCABULARY)
    assert codes.tolist() == [code]


def test_a_workbooks_own_stage_names_are_read_as_those_stages():
    names = Settings(stage_short_term_en="Hot", stage_short_term_zh="热").stage_names()
    codes, bad = parse_codes(
        pd.Series(["hot", "热", "closed"], dtype=object), stage_vocabulary(names)
    )
    assert codes.tolist() == ["short_term", "short_term", "closed"]
    assert not bad.any()


def test_fold_ignores_case_width_and_separators():
    assert fold(" Short_Term ") == fold("short-term") == fold("SHORT  TERM") == "short term"


def test_an_unknown_stage_is_a_problem_naming_the_cell_and_listing_the_stages_in_both_languages():
    raw = pd.DataFrame(
        {"id": ["P1", "P2"], "name": ["A", "B"], "kind": ["prospect"] * 2, "stage": ["warm", "红"]}
    )
    table = validate_customers(raw, Layout("in.xlsx", "Customers"))
    (problem,) = table.problems
    said = table.describe_problems()
    assert (problem.row, problem.column) == (2, "stage")
    assert "column 'stage' (D), row 2" in said and "'warm'" in said
    for word in ("Closed", "已成交", "Short term", "短期有望成交", "Potential", "潜在客户"):
        assert word in said
    assert table.frame["stage"].tolist()[1] == "closed"
    with use_language("zh"):
        assert "不是阶段" in table.describe_problems()


def test_an_unknown_follow_up_decision_lists_the_three_decisions():
    raw = pd.DataFrame({"id": ["P1"], "name": ["A"], "kind": ["prospect"], "follow_up": ["maybe"]})
    said = validate_customers(raw, Layout("in.csv")).describe_problems()
    assert "Keep visiting" in said and "不放弃" in said and "Give up" in said


def test_keep_visiting_shows_the_full_colour_and_the_other_decisions_paler_shades():
    palette = Settings().stage_palette()
    stages = pd.Series(["short_term"] * 4, dtype="string")
    decisions = pd.Series(["keep", None, "dont_give_up", "give_up"], dtype="string")
    keep, none, later, given_up = prospect_fills(stages, decisions, palette)
    assert keep == none == palette["short_term"]
    assert _brightness(keep) < _brightness(later) < _brightness(given_up)


def test_each_stage_has_its_colour_and_customers_without_a_stage_have_none():
    stages = pd.Series(["closed", "short_term", "potential", None], dtype="string")
    fills = prospect_fills(
        stages, pd.Series([None] * 4, dtype="string"), Settings().stage_palette()
    )
    assert fills == ["C00000", "FFC000", "70AD47", None]


def test_a_prospect_without_a_stage_counts_as_potential_but_a_customer_does_not():
    stages = pd.Series([None, None], dtype="string")
    kinds = pd.Series(["prospect", "customer"], dtype="string")
    assert effective_stages(stages, kinds).tolist() == ["potential", pd.NA]


def test_lighten_moves_towards_white():
    assert lighten("C00000", 0.0) == "C00000"
    assert lighten("C00000", 1.0) == "FFFFFF"
    assert lighten("000000", 0.5) == "808080"


def where(key: str) -> str:
    return f"sheet 'Settings', row 9 ({key})"


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("color_short_term", "yellowish", "not a colour as 6 hex digits"),
        ("pipeline_target", "0", "not a number above zero"),
        ("pipeline_target", "-5", "not a number above zero"),
        ("pipeline_target", "lots", "not a number above zero"),
        ("stale_days", "1.5", "not a whole number of days"),
        ("stage_closed_en", "a,b", "without commas"),
    ],
)
def test_bad_prospect_settings_name_the_cell_and_say_what_is_expected(key, value, fragment):
    with pytest.raises(SettingsError) as caught:
        parse_settings({key: value}, where)
    assert f"row 9 ({key})" in str(caught.value)
    assert fragment in str(caught.value)


def test_two_stages_with_one_name_are_refused_naming_the_second():
    with pytest.raises(SettingsError) as caught:
        parse_settings({"stage_potential_zh": "已成交"}, where)
    assert "(stage_potential_zh)" in str(caught.value)


def test_prospect_settings_are_read_from_the_sheet():
    settings = parse_settings(
        {"pipeline_target": "30", "stale_days": 45, "color_closed": "#ff0000"}, where
    )
    assert (settings.pipeline_target, settings.stale_days) == (30, 45)
    assert settings.stage_palette()["closed"] == "FF0000"


def _brightness(rgb: str) -> int:
    return sum(int(rgb[i : i + 2], 16) for i in (0, 2, 4))
