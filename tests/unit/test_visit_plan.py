"""The rules of the visit plan (issue 4), one test per rule, on small validated frames."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from addin.domain.planning.calendar import work_calendar
from addin.domain.planning.manager import manager_along
from addin.domain.planning.outcome import REASONS
from addin.domain.planning.plan import plan_visits
from addin.domain.settings import Settings
from tests.unit.plan_frames import MARCH, customers, dates_of, joined, plan, prospects


def test_frequency_by_class_is_met_when_capacity_allows():
    result = plan(*customers("AABBCC"))
    counts = result.visits.groupby("customer_id").size()
    assert list(counts.sort_index()) == [4, 4, 2, 2, 1, 1]
    assert result.unscheduled.empty


def test_visits_of_one_customer_keep_their_rhythm_one_in_each_interval():
    result = plan(*customers("AAAABBBB"))
    for cid, klass in zip(customers("AAAABBBB")[0]["customer_id"], "AAAABBBB", strict=True):
        days = [(d - MARCH).days for d in dates_of(result, cid)]
        interval = 7 if klass == "A" else 14
        assert [d // interval for d in days] == list(range(28 // interval)), cid
        assert (np.diff(days) >= 3).all(), cid


def test_a_customers_are_visited_only_in_the_morning_and_the_rest_in_the_afternoon():
    frame, classes = customers("AAABBCCC")
    result = plan(frame, classes)
    halves = result.visits.groupby("group")["half"].unique()
    assert list(halves["A"]) == ["morning"]
    assert all(list(halves[g]) == ["afternoon"] for g in ("B", "C"))
    assert (result.visits[result.visits["half"] == "morning"]["start"] < "12:00").all()


def test_start_times_follow_the_settings_and_the_drive_from_the_base_between_visits():
    # Without coordinates each leg takes travel_minutes: out at 08:30, there at 08:45, and so on.
    result = plan(*customers("AAA"), morning_start="08:30", visit_minutes=45, travel_minutes=15)
    first_day = result.visits[result.visits["date"] == result.visits["date"].min()]
    assert list(first_day["start"]) == ["08:45", "09:45", "10:45"][: len(first_day)]
    assert set(first_day["drive_min"]) == {15}


def test_no_visit_falls_on_a_weekend_or_a_public_holiday_of_spring_festival():
    result = plan(*customers("A" * 12 + "B" * 10 + "C" * 20), start=dt.date(2026, 2, 9))
    dates = {d.date() for d in result.visits["date"]}
    calendar = work_calendar(dt.date(2026, 2, 9), 4, "CN")
    assert dates <= set(calendar.working_days())
    assert not dates & {dt.date(2026, 2, 16) + dt.timedelta(days=i) for i in range(8)}


def test_a_chinese_make_up_working_day_is_used_and_the_new_year_break_is_not():
    # 2026-01-04 is a Sunday worked in exchange for 2 January (调休).
    result = plan(*customers("A" * 15), start=dt.date(2025, 12, 29))
    dates = {d.date() for d in result.visits["date"]}
    assert dt.date(2026, 1, 4) in dates
    assert not dates & {dt.date(2026, 1, 1), dt.date(2026, 1, 2), dt.date(2026, 1, 3)}


def test_without_a_country_only_weekends_are_days_off():
    result = plan(*customers("A" * 15), start=dt.date(2025, 12, 29), country="none")
    dates = {d.date() for d in result.visits["date"]}
    assert dt.date(2026, 1, 1) in dates and dt.date(2026, 1, 4) not in dates


def test_a_reps_personal_days_off_get_no_visits():
    frame, classes = customers("AAAABBCC")
    calendar = work_calendar(MARCH, 4, "CN")
    off = {MARCH + dt.timedelta(days=i) for i in (0, 1, 9)}
    result = plan_visits(frame, classes, Settings(), calendar, {"Li": off})
    assert not {d.date() for d in result.visits["date"]} & off


def test_a_visit_whose_whole_window_is_days_off_is_listed_under_holidays():
    frame, classes = customers("A")
    calendar = work_calendar(MARCH, 4, "CN")
    off = {MARCH + dt.timedelta(days=i) for i in range(7)}
    result = plan_visits(frame, classes, Settings(), calendar, {"Li": off})
    assert list(result.unscheduled["reason"]) == ["holidays"]
    assert len(result.visits) == 3


def test_capacity_overflow_is_listed_with_reasons_and_nothing_is_dropped():
    frame, classes = customers("A" * 20 + "C" * 80)
    result = plan(frame, classes, morning_visits=2, afternoon_visits=2)
    per_day = result.visits.groupby(["date", "half"]).size()
    assert per_day.max() <= 2
    assert set(result.unscheduled["reason"]) <= set(REASONS)
    assert "capacity" in set(result.unscheduled["reason"])
    due = result.coverage.set_index("group")["due"]
    assert len(result.visits) + len(result.unscheduled) == due.sum() == 20 * 4 + 80
    assert result.coverage.set_index("group").loc["A", "share"] < 1


def test_overdue_customers_are_all_planned_and_come_early():
    long_ago = MARCH - dt.timedelta(days=90)
    frame, classes = customers("C" * 30, last_visit=[long_ago] * 3 + [pd.NaT] * 27)
    result = plan(frame, classes, afternoon_visits=1)  # 20 slots for 30 visits
    overdue = result.visits[result.visits["customer_id"].isin(frame["customer_id"][:3])]
    assert len(overdue) == 3
    assert overdue["date"].max() < pd.Timestamp(MARCH + dt.timedelta(days=14))


def test_the_last_visit_decides_when_the_next_one_is_due():
    frame, classes = customers("CB", last_visit=[MARCH - dt.timedelta(days=7)] * 2)
    result = plan(frame, classes)
    assert dates_of(result, "Li000")[0] >= MARCH + dt.timedelta(days=21)
    assert dates_of(result, "Li001")[0] >= MARCH + dt.timedelta(days=7)


def test_a_customer_is_never_visited_twice_on_one_day_or_closer_than_the_minimum_gap():
    frame, classes = customers("A" * 30 + "B" * 30)
    result = plan(frame, classes, visits_a=12, min_gap_days=2)
    for cid in frame["customer_id"]:
        assert (np.diff([d.toordinal() for d in dates_of(result, cid)]) >= 2).all()


def test_given_up_prospects_are_not_visited_nor_listed():
    frame = prospects(["short_term", "potential", "short_term"], ["give_up", "give_up", "keep"])
    result = plan(frame, pd.Series(np.nan, index=frame.index))
    assert set(result.visits["customer_id"]) == {"PLi002"}
    assert result.unscheduled.empty


def test_yellow_prospects_to_keep_visiting_are_seen_more_often_than_green_ones():
    frame = prospects(["short_term", "potential", "potential"], ["keep", "keep", "dont_give_up"])
    result = plan(frame, pd.Series(np.nan, index=frame.index))
    counts = result.visits.groupby("customer_id").size()
    assert counts["PLi000"] == 2 and counts["PLi001"] == 1
    assert counts.get("PLi002", 0) <= 1
    assert set(result.visits["group"]) == {"yellow", "green"}


def test_red_prospects_are_visited_like_c_customers_and_shown_red():
    frame = prospects(["closed"], ["keep"])
    result = plan(frame, pd.Series(np.nan, index=frame.index))
    assert list(result.visits["group"]) == ["red"] and list(result.visits["half"]) == ["afternoon"]


def test_the_manager_joins_the_top_a_visits_within_his_weekly_capacity():
    frame, classes = joined(customers("AAAAAA", rep="Li"), customers("AAAAAA", rep="Wang"))
    result = plan(frame, classes, manager_top_n=12, manager_visits_per_week=3)
    along = result.visits[result.visits["with_manager"]]
    weeks = (along["date"] - pd.Timestamp(MARCH)).dt.days // 7
    assert along.groupby(weeks.to_numpy()).size().max() == 3
    assert along.groupby("date")["rep"].nunique().max() == 1  # one rep per morning
    assert result.manager_wanted == 48


def test_the_manager_only_joins_the_top_n_by_sales_or_flagged_customers():
    frame, classes = customers("AAAAAA")
    flags = pd.Series([False] * 5 + [True], index=frame.index)
    calendar = work_calendar(MARCH, 4, "CN")
    result = plan_visits(frame, classes, Settings(manager_top_n=1), calendar, manager_flags=flags)
    assert set(result.visits[result.visits["with_manager"]]["customer_id"]) == {"Li000", "Li005"}


def test_each_week_the_manager_first_joins_the_customers_he_has_seen_least():
    # Two customers ask for him every week, and he has one visit a week to give: the more
    # valuable one first, then the other, turn about (not the more valuable one every week).
    days = [MARCH + dt.timedelta(days=7 * week + shift) for week in range(4) for shift in (0, 1)]
    visits = pd.DataFrame(
        {
            "date": pd.to_datetime(days),
            "half": "morning",
            "rep": ["Li", "Wu"] * 4,
            "customer_id": ["big", "small"] * 4,
            "row": [0, 1] * 4,
            "value": [100.0, 50.0] * 4,
        }
    )
    why = pd.Series(["top", "flag"])
    status = manager_along(visits, why, Settings(manager_visits_per_week=1), MARCH)
    arranged = visits.loc[status.eq("arranged").to_numpy(), "customer_id"]
    assert list(arranged) == ["big", "small", "big", "small"]
    assert set(status[status.ne("arranged")]) == {"manager_full"}


def test_the_same_input_gives_the_same_plan_whatever_the_row_order(fresh_solver):
    frame, classes = joined(customers("AABBBCCCCC" * 3, rep="Li"), customers("ABCC" * 5, rep="Wu"))
    first = plan(frame, classes, afternoon_visits=1)
    again = plan(frame, classes, afternoon_visits=1)
    pd.testing.assert_frame_equal(first.visits, again.visits)
    shuffled = np.random.default_rng(1).permutation(len(frame))
    other = plan(frame.iloc[shuffled], classes.iloc[shuffled], afternoon_visits=1)
    key = ["customer_id", "date"]
    pd.testing.assert_frame_equal(
        first.visits.sort_values(key)[key].reset_index(drop=True),
        other.visits.sort_values(key)[key].reset_index(drop=True),
    )


@pytest.mark.parametrize("per_month", [0.0, 4.0])
def test_frequencies_come_from_the_settings(per_month):
    result = plan(*customers("C"), visits_c=per_month)
    assert len(result.visits) == per_month


def test_a_visit_due_inside_the_plan_whose_days_are_full_is_listed_under_capacity():
    # Due on Friday, the last working day of a one-week plan; its window runs on after the
    # plan, but the plan's Friday is full: that is capacity, not horizon (issue 15).
    frame, classes = customers("A" * 10, last_visit=[MARCH - dt.timedelta(days=3)] * 10)
    result = plan(frame, classes, weeks=1)
    assert len(result.visits) + len(result.unscheduled) == 10
    assert set(result.unscheduled["reason"]) == {"capacity"}
    assert (result.unscheduled["due"] == pd.Timestamp(MARCH + dt.timedelta(days=4))).all()


def test_horizon_is_only_for_a_visit_that_can_happen_only_after_the_plan_ends():
    # Due on the plan's last Saturday: no working day of its window lies in the plan.
    frame, classes = customers("A", last_visit=[MARCH - dt.timedelta(days=2)])
    result = plan(frame, classes, weeks=1)
    assert list(result.unscheduled["reason"]) == ["horizon"]
    assert (result.unscheduled["due"] > pd.Timestamp(result.calendar.end)).all()
