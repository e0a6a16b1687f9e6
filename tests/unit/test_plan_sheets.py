"""Issue 15, the plan's sheets and runs: the manager's requests, refresh with the plan's scope,
the week grid's names, the Month sheet's subtitle, the fallback where the solver is missing,
and the same plan in parallel."""

from __future__ import annotations

import datetime as dt
import sys
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest

from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.planning.frequency import GROUPS
from addin.domain.planning.month import RIGHT, WIDTHS, month_report
from addin.domain.planning.plan import PlanOptions
from addin.domain.planning.route_sheets import BOX, ROUTE_WIDTHS, checklist_report
from addin.domain.planning.week import CELL_TEXT, clipped, week_report
from addin.domain.settings import Settings
from addin.services import CUSTOMERS, plan_workbook
from addin.services.runs import refresh_book
from tests.fakes import InMemoryBook
from tests.unit.plan_frames import city, customers, joined, plan

MONDAY = dt.date(2026, 3, 2)


def rows(frame: pd.DataFrame, with_manager: dict[str, str] | None = None) -> pd.DataFrame:
    """A Customers table as a workbook holds it, from a frame of plan_frames."""
    table = pd.DataFrame(
        {
            "Customer ID": frame["customer_id"],
            "Name": frame["name"],
            "Rep": frame["rep"],
            "Kind": "customer",
            "Annual sales": frame["annual_sales"],
            "Latitude": frame.get("latitude"),
            "Longitude": frame.get("longitude"),
        }
    )
    if with_manager is not None:
        table["With manager"] = frame["customer_id"].map(with_manager).fillna("")
    return table.reset_index(drop=True)


def test_a_b_customer_marked_with_manager_gets_him_or_a_reason_and_every_request_is_listed():
    frame, classes = city(30)
    b = frame["customer_id"][classes.eq("B")].iloc[0]
    book = InMemoryBook({CUSTOMERS: rows(frame, {b: "是"})})
    report = plan_workbook(book, MONDAY)
    requests = report.plan.manager
    mine = requests[requests["customer_id"] == b]
    assert len(mine) > 0 and set(mine["why"]) == {"flag"}
    assert set(requests["status"]) <= {"arranged", "manager_full", "manager_busy", "unscheduled"}
    arranged = requests["status"].eq("arranged").sum()
    assert arranged == report.plan.visits["with_manager"].sum()
    sheet = book.tables["ManagerVisits"]
    assert len(sheet) == len(requests) == report.plan.manager_wanted
    assert "Manager along: " in book.reports["Visit Plan"].rows[1][0]


def test_refresh_plans_again_for_the_rep_and_the_weeks_the_plan_was_made_for():
    frame, _ = joined(customers("AABBC", rep="Alice Wong"), customers("ABC", rep="Bo"))
    book = InMemoryBook({CUSTOMERS: rows(frame)})
    plan_workbook(book, MONDAY, weeks=2, rep="alice wong")
    refreshed = refresh_book(book).reports[-1].plan  # type: ignore[attr-defined]
    assert set(refreshed.visits["rep"]) == {"Alice Wong"}
    assert len(refreshed.calendar.days) == 14
    assert list(book.tables["PlanScope"].iloc[:, 0]) == ["rep", "weeks"]


def test_refresh_of_a_plan_for_every_rep_plans_every_rep_again():
    frame, _ = joined(customers("AB", rep="Li"), customers("AB", rep="Bo"))
    book = InMemoryBook({CUSTOMERS: rows(frame)})
    plan_workbook(book, MONDAY, weeks=1)
    refreshed = refresh_book(book).reports[-1].plan  # type: ignore[attr-defined]
    assert set(refreshed.visits["rep"]) == {"Li", "Bo"} and len(refreshed.calendar.days) == 7


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("09:30 Acme", "09:30 Acme"),
        ("09:30 Shanghai Pudong International Trading Co", "09:30 Shanghai Pudong Interna…"),
        ("09:30 北京华信科技有限公司东城分公司", "09:30 北京华信科技有限公司东…"),
    ],
)
def test_week_grid_names_are_clipped_to_the_cell_counting_chinese_characters_twice(name, shown):
    assert clipped(name, CELL_TEXT) == shown


def test_the_week_grid_never_wraps_and_shrinks_its_day_columns():
    frame, classes = city(40)
    report = week_report(plan(frame, classes), Settings(), "zh")
    assert not report.wrap and set(report.shrink) == set(range(1, 8))
    texts = [c for row in report.rows[1:] for c in row[1:] if isinstance(c, str) and ":" in c]
    assert texts and all(len(clipped(t, CELL_TEXT)) == len(t) for t in texts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_route_sheet_goals_fit_their_column_and_the_other_long_texts_shrink_to_theirs(lang):
    frame, classes = city(40)
    report = checklist_report(plan(frame, classes), frame, lang)
    stops = [row for row in report.rows if len(row) == len(ROUTE_WIDTHS) and row[-1] == BOX]
    assert stops and {row[4] for row in stops} <= {text(f"purpose.{g}", lang) for g in GROUPS}
    goal_width = ROUTE_WIDTHS[4]
    assert all(clipped(text(f"purpose.{g}", lang), goal_width) == text(f"purpose.{g}", lang)
               for g in GROUPS)  # fmt: skip
    assert {2, 3, 5} <= set(report.shrink) and 4 not in report.shrink  # checklist items overflow


def test_each_route_sheet_says_when_to_leave_the_base_to_reach_the_first_stop_on_time():
    frame, classes = city(40)
    result = plan(frame, classes)
    summaries = [
        row[0]
        for row in checklist_report(result, frame, "en").rows
        if "leave the base" in str(row[0])
    ]
    firsts = result.visits.sort_values(["rep", "date", "route_order"]).groupby(["rep", "date"])
    expected = []
    for (_, day), stops in firsts:
        first = stops.iloc[0]
        start = dt.datetime.combine(day, dt.time.fromisoformat(first["start"]))
        expected.append(f"{start - dt.timedelta(minutes=int(first['drive_min'])):%H:%M}")
    assert len(summaries) == len(expected) > 5
    assert [s.split("leave the base ")[1][:5] for s in summaries] == expected


def test_the_chinese_month_subtitle_fits_left_of_the_coverage_table():
    frame, classes = city(40)
    report = month_report(plan(frame, classes), Settings(), "zh", 1.0, {"rep": "", "weeks": 4})
    subtitle = str(report.rows[1][0])
    width = sum(2 if ord(c) > 0x2E80 else 1 for c in subtitle)
    assert width <= sum(WIDTHS[:RIGHT])
    assert report.rows[1][RIGHT] == "各类别覆盖率"


def test_where_the_solver_is_missing_the_quick_planner_plans_and_the_subtitle_says_so(
    monkeypatch,
):
    monkeypatch.setitem(sys.modules, "addin.domain.planning.solver", None)  # import fails
    frame, _ = customers("AABC")
    book = InMemoryBook({CUSTOMERS: rows(frame)})
    report = plan_workbook(book, MONDAY)
    assert report.plan.planner == "fallback" and len(report.plan.visits) > 0
    assert "route solver is not installed here" in book.reports["Visit Plan"].rows[1][0]


def test_reps_planned_side_by_side_get_the_same_plan_as_one_after_the_other(fresh_solver):
    frame, classes = joined(city(30, rep="Li"), city(30, rep="Wu", seed=5))
    alone = plan(frame, classes)
    with ProcessPoolExecutor(2) as pool:
        parallel = plan(frame, classes, options=PlanOptions(mapper=pool.map))
    pd.testing.assert_frame_equal(alone.visits, parallel.visits)
    again = plan(frame, classes)
    pd.testing.assert_frame_equal(alone.visits, again.visits)


def test_progress_hears_of_every_rep():
    heard: list[tuple[int, int]] = []
    frame, classes = joined(customers("AB", rep="Li"), customers("AB", rep="Wu"))
    plan(frame, classes, options=PlanOptions(progress=lambda d, t: heard.append((d, t))))
    assert heard == [(1, 2), (2, 2)]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"a_mornings": "sometimes"}, "a_mornings is 'sometimes'"),
        ({"day_end": "09:30"}, "day_end 09:30 leaves no time for a visit"),
        ({"travel_speed_kmh": 0.0}, "travel_speed_kmh is 0.0"),
    ],
)
def test_bad_route_settings_say_what_to_write(values, message):
    with pytest.raises(SettingsError, match=message):
        Settings(**values)
