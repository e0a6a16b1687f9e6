"""Issue 15, the defects of the old plans, one test each: km, travel time, value when capacity is
short, visits left out with room free, uneven weeks, the too-far stop, the long-day warning."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pandas as pd

from addin.demo_data import demo_customers
from addin.domain.abc_analysis import classify_abc
from addin.domain.planning.plan import PlanOptions
from addin.domain.planning.rules import violations
from addin.domain.planning.territory import haversine_km
from addin.domain.problems import Layout
from addin.domain.schema import BY_KEY
from addin.domain.settings import Settings
from addin.domain.validation import validate_customers
from addin.services.plan import PlanReport
from tests.unit.plan_frames import city, customers, joined, plan

QUICK = PlanOptions(quick=True)


def test_the_solver_drives_fewer_km_per_visit_than_the_quick_planner_on_the_same_customers(
    full_solver_budget,
):
    frame, classes = city(40)
    solved, quick = plan(frame, classes), plan(frame, classes, options=QUICK)
    assert len(solved.visits) >= len(quick.visits)
    per_visit = solved.days["km"].sum() / len(solved.visits)
    assert per_visit < 0.95 * quick.days["km"].sum() / len(quick.visits)


def test_start_times_leave_room_to_drive_between_stops_at_the_settings_speed():
    frame, classes = city(40, km=12)
    result = plan(frame, classes, travel_speed_kmh=20)
    for _, day in result.visits.groupby(["rep", "date"]):
        starts = day["start"].map(lambda t: int(t[:2]) * 60 + int(t[3:])).to_numpy()
        drive = np.ceil(day["distance_km"].to_numpy() / 20 * 60 - 1e-6)
        assert (day["drive_min"].to_numpy() >= drive - 1).all()  # km are rounded to 0.1
        assert (starts[1:] >= starts[:-1] + 60 + day["drive_min"].to_numpy()[1:]).all()
        assert starts[0] >= 9 * 60 + day["drive_min"].iloc[0]  # out of the base at 09:00


def test_a_customer_a_working_day_cannot_reach_is_listed_as_too_far_and_never_planned():
    frame, classes = city(20)
    frame.loc[frame.index[-1], ["latitude", "longitude"]] = (30.5728, 104.0668)  # Chengdu
    result = plan(frame, classes)
    far = frame["customer_id"].iloc[-1]
    assert far not in set(result.visits["customer_id"])
    assert set(result.unscheduled.loc[result.unscheduled["customer_id"] == far, "reason"]) == {
        "too_far"
    }
    assert result.days["km"].max() < 150


def test_a_day_driving_more_than_the_threshold_is_warned_about():
    frame, classes = city(30, km=25)
    result = plan(frame, classes, long_day_km=40)
    long = result.days[result.days["km"] > 40]
    assert len(long) > 0  # this territory is wide: some days drive more
    report = PlanReport(result, pd.DataFrame(), [], Layout("x.csv", None), "en", 40)
    lines = report.describe_problems().splitlines()
    assert len(lines) == len(long) and all("(more than 40 km" in line for line in lines)


def test_when_capacity_is_short_the_most_valuable_visits_stay():
    frame, classes = city(120)
    result = plan(frame, classes)
    share = result.coverage.set_index("group")["share"]
    assert share["A"] >= share["B"] >= share["C"]
    top = frame[classes.eq("A")].nlargest(len(frame[classes.eq("A")]) // 2, "annual_sales")
    left = result.unscheduled[result.unscheduled["customer_id"].isin(top["customer_id"])]
    assert set(left["reason"]) <= {"horizon", "holidays"}  # the better half of A: every visit


def test_a_visits_take_an_afternoon_before_a_c_visit_does_when_mornings_are_short():
    frame, classes = city(120)
    result = plan(frame, classes, morning_visits=1)
    a = result.visits[result.visits["group"] == "A"]
    assert (a["half"] == "afternoon").any()
    strict = plan(frame, classes, morning_visits=1, a_mornings="strict")
    assert set(strict.visits.loc[strict.visits["group"] == "A", "half"]) == {"morning"}


def test_in_a_territory_that_fits_no_visit_due_in_the_plan_is_left_out():
    frame, classes = city(40)
    result = plan(frame, classes)
    assert set(result.unscheduled["reason"]) <= {"horizon"}


def test_the_demo_plan_uses_the_make_up_sunday_of_new_year_2026():
    frame, classes = _demo(shift_days=306)  # last visits in 2025
    result = plan(frame, classes, start=dt.date(2025, 12, 29), weeks=2)
    assert pd.Timestamp(2026, 1, 4) in set(result.visits["date"])


def test_weeks_carry_a_similar_load_and_every_week_has_afternoon_visits(full_solver_budget):
    # With room to spare, overdue and new customers are spread over the weeks rather than all
    # put in the first one (the old plan: 15, 14, 8 and 4 afternoons).
    result = plan(*_demo(), start=DEMO_START)
    afternoons = result.visits[result.visits["half"] == "afternoon"]
    week = (afternoons["date"] - pd.Timestamp(DEMO_START)).dt.days // 7
    per_week = afternoons.groupby([afternoons["rep"], week]).size().unstack(fill_value=0)
    assert per_week.shape[1] == 4 and (per_week > 0).all().all()
    assert (per_week.max(axis=1) <= 3 * per_week.min(axis=1)).all()


def test_the_demo_territories_are_compact_so_a_rep_drives_tens_of_km_a_day():
    frame = demo_customers(240)
    for _, mine in frame.groupby("rep"):
        lat, lon = mine["latitude"].to_numpy(), mine["longitude"].to_numpy()
        far = haversine_km(lat, lon, np.median(lat), np.median(lon))
        assert np.percentile(far, 90) < 40 and math.isfinite(far.max())


def test_the_quick_planner_and_the_solver_keep_every_rule():
    frame, classes = joined(city(60, rep="Li"), city(40, rep="Wu", seed=5))
    for options in (None, QUICK):
        for a_mornings in ("preferred", "strict"):
            settings = Settings(a_mornings=a_mornings, manager_top_n=6)
            result = plan(frame, classes, options=options, a_mornings=a_mornings, manager_top_n=6)
            assert violations(result, frame, classes, settings) == [], (options, a_mornings)


def test_the_rule_checker_catches_a_broken_plan():
    frame, classes = customers("ABC")
    result = plan(frame, classes)
    broken = result.visits.copy()
    c_visit = broken.index[broken["group"] == "C"][0]
    broken.loc[c_visit, ["half", "start"]] = ["morning", "08:00"]
    found = violations(dataclasses.replace(result, visits=broken), frame, classes, Settings())
    assert any(v.startswith("mornings:") for v in found)
    assert any(v.startswith("slots:") for v in found)


DEMO_START = dt.date(2026, 11, 2)
"""The Monday after the demo's data (api.DEMO_PLAN_START)."""


def _demo(shift_days: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """The demo's 240 customers, validated as the demo CSV is, last visits moved back."""
    demo = demo_customers(240)
    demo["last_visit"] = pd.to_datetime(demo["last_visit"]) - pd.Timedelta(days=shift_days)
    labelled = demo.rename(columns={k: BY_KEY[k].en for k in demo.columns}).astype(object)
    frame = validate_customers(labelled, Layout("demo.csv", None)).frame
    return frame, classify_abc(frame).classes
