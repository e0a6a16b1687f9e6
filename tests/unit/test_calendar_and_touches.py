"""Working days, visit-plan settings and the touch calendar."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from addin.domain.errors import SettingsError
from addin.domain.planning.calendar import work_calendar
from addin.domain.planning.frequency import visits_for
from addin.domain.planning.touches import holiday_breaks, occasion_code, touch_calendar
from addin.domain.settings import Settings, parse_settings
from tests.unit.plan_frames import customers


def test_china_has_make_up_working_days_on_weekends_and_holidays_off():
    calendar = work_calendar(dt.date(2026, 1, 26), 5, "CN")
    working = set(calendar.working_days())
    assert dt.date(2026, 2, 14) in working  # Saturday worked (调休)
    assert dt.date(2026, 2, 17) not in working  # Spring Festival
    assert calendar.makeup_days() == [dt.date(2026, 2, 14), dt.date(2026, 2, 28)]


def test_holiday_names_follow_the_language():
    calendar = work_calendar(dt.date(2026, 9, 28), 1, "CN", lang="zh")
    assert calendar.holiday_names[dt.date(2026, 10, 1)] == "国庆节"


def test_an_unknown_country_is_refused_with_a_fix():
    with pytest.raises(SettingsError, match=r"'XX' is not a country.*Fix: use a code"):
        work_calendar(dt.date(2026, 3, 2), 4, "XX")


@pytest.mark.parametrize("weeks", [0, 53, 100_000])
def test_a_plan_covers_one_to_fifty_two_weeks(weeks):
    with pytest.raises(SettingsError, match=f"1 to 52 weeks, not {weeks}"):
        work_calendar(dt.date(2026, 3, 2), weeks)


def test_a_reps_days_off_come_off_the_calendar():
    calendar = work_calendar(dt.date(2026, 3, 2), 1, "CN")
    assert list(calendar.rep_working([dt.date(2026, 3, 3)]))[:3] == [True, False, True]


def test_plan_settings_are_read_from_the_sheet_and_bad_cells_are_named():
    settings = parse_settings(
        {"visits_a": "2", "morning_start": "8:30", "country": "de", "plan_weeks": 6.0}, str
    )
    assert (settings.visits_a, settings.morning_start, settings.country) == (2.0, "08:30", "DE")
    assert settings.plan_weeks == 6
    with pytest.raises(SettingsError, match=r"morning_start: '25:00' is not a time such as 09:00"):
        parse_settings({"morning_start": "25:00"}, str)
    with pytest.raises(SettingsError, match="no visit fits in a day"):
        Settings(morning_visits=0, afternoon_visits=0)


def test_visits_per_month_are_known_by_class_and_colour():
    settings = Settings()
    assert [visits_for(c, settings) for c in ("A", "b", "C", "red", "yellow", "green")] == [
        4,
        2,
        1,
        1,
        2,
        1,
    ]
    assert visits_for("green", settings, "放弃") == 0
    assert visits_for("黄色", settings, "不放弃") == 1
    assert visits_for("B类", settings) == 2
    with pytest.raises(KeyError):
        visits_for("purple", settings)


def test_birthdays_get_a_gift_due_ahead_and_holidays_a_card_round_per_rep():
    frame, _ = customers("AB", birthday=[dt.date(1980, 10, 3), dt.date(1975, 1, 20)])
    calendar = work_calendar(dt.date(2026, 9, 21), 4, "CN", lang="en")
    manual = pd.DataFrame(
        {
            "customer_id": ["Li001"],
            "date": [dt.date(2026, 9, 30)],
            "occasion": ["慰问信"],
            "note": ["father"],
        }
    )
    touches = touch_calendar(frame, np.ones(2, bool), calendar, Settings(), manual)
    gift = touches[touches["action"] == "gift"].iloc[0]
    assert (gift["customer_id"], gift["due"].date()) == ("Li000", dt.date(2026, 9, 30))
    cards = touches[touches["occasion"] == "holiday"]
    assert list(cards["note"]) == ["Mid-Autumn Festival", "National Day"]
    assert list(cards["count"]) == [2, 2]
    letter = touches[touches["action"] == "letter"].iloc[0]
    assert (letter["rep"], letter["note"]) == ("Li", "father")


def test_a_holiday_break_is_named_once_from_its_first_day():
    calendar = work_calendar(dt.date(2026, 2, 9), 3, "CN", lang="en")
    assert [d for d, _ in holiday_breaks(calendar)] == [dt.date(2026, 2, 16)]


@pytest.mark.parametrize(
    ("word", "code"),
    [("新品资料", "brochure"), ("Condolence", "condolence"), ("贺卡", "celebration"), ("?", None)],
)
def test_occasions_are_read_in_both_languages(word, code):
    assert occasion_code(word) == code


def test_a_gift_due_on_a_holiday_or_a_weekend_falls_due_on_the_working_day_before():
    born = [dt.date(1980, 1, 4), dt.date(1975, 1, 5)]  # due 2027-01-01 (New Year), 01-02 (Sat)
    frame, _ = customers("AB", birthday=born)
    calendar = work_calendar(dt.date(2026, 12, 21), 3, "CN", lang="en")
    touches = touch_calendar(frame, np.ones(2, bool), calendar, Settings())
    gifts = touches[touches["action"] == "gift"]
    assert [d.date() for d in gifts["due"]] == [dt.date(2026, 12, 31)] * 2
    assert [d.date() for d in gifts["date"]] == [dt.date(2027, 1, 4), dt.date(2027, 1, 5)]
    working = set(calendar.working_days())
    assert all(d.date() in working for d in touches["due"])  # holiday cards too


def test_a_gift_due_before_any_working_day_of_the_plan_falls_on_its_first_one():
    frame, _ = customers("A", birthday=[dt.date(1990, 1, 3)])  # the plan starts on Saturday
    calendar = work_calendar(dt.date(2027, 1, 2), 1, "CN", lang="en")
    touches = touch_calendar(frame, np.ones(1, bool), calendar, Settings())
    assert [d.date() for d in touches["due"]] == [dt.date(2027, 1, 4)]
