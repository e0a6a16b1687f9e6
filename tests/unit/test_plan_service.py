"""The plan use case over the port: tables and pages written, settings, days off, errors."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from addin.domain.errors import SchemaError, SettingsError
from addin.domain.i18n import text
from addin.domain.planning.tables import PLAN_TABLE, UNSCHEDULED_TABLE
from addin.services import CUSTOMERS, DAYS_OFF, TOUCHES, plan_workbook
from tests.fakes import InMemoryBook

MONDAY = dt.date(2026, 3, 2)


def customer_rows(n: int = 12, rep: str = "Li") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Customer ID": [f"{rep}{i}" for i in range(n)],
            "Name": [f"Firm {rep} {i}" for i in range(n)],
            "Rep": rep,
            "Kind": "customer",
            "Annual sales": [1000.0 / (i + 1) for i in range(n)],
            "Birthday": [dt.date(1980, 3, 10)] + [None] * (n - 1),
        }
    )


def settings_rows(**values: object) -> pd.DataFrame:
    return pd.DataFrame({"Key": list(values), "Value": list(values.values())})


def test_planning_writes_the_plan_table_the_pages_and_a_summary_line():
    book = InMemoryBook({CUSTOMERS: customer_rows()})
    report = plan_workbook(book, MONDAY)
    plan = book.tables[PLAN_TABLE]
    assert list(plan.columns[:4]) == ["Date", "Day", "Slot", "Start"]
    assert len(plan) == len(report.plan.visits) > 0
    assert set(plan["Slot"]) == {"morning", "afternoon"}
    expected = {text(f"sheet.{k}", "en") for k in ("plan", "unscheduled", "week", "month")}
    expected |= {"Customer cards", "Checklist", "Touch calendar", "Manager visits"}
    assert expected == set(book.reports)
    assert UNSCHEDULED_TABLE in book.tables
    assert report.message().startswith(f"Planned {len(plan)} visits for 1 rep(s), 2026-03-02")


def test_each_rep_day_has_one_route_sheet_with_its_stops_and_every_item_of_the_playbook():
    book = InMemoryBook({CUSTOMERS: customer_rows()})
    report = plan_workbook(book, MONDAY)
    checklist = book.reports["Checklist"]
    titles = [row[0] for row in checklist.rows if row and str(row[0]).startswith("Route sheet")]
    items = [c for row in checklist.rows for c in row if isinstance(c, str) and c[:2] == "☐ "]
    stops = [row for row in checklist.rows if row and row[-1] == "☐"]
    days = report.plan.visits.groupby(["rep", "date"]).ngroups
    assert len(titles) == days and len(items) == 17 * days
    assert len(stops) == len(report.plan.visits)  # one line per visit, not a page per visit
    assert checklist.portrait


def test_customer_cards_show_contact_facts_and_the_next_visit_goal_for_visited_customers_only():
    book = InMemoryBook({CUSTOMERS: customer_rows()})
    report = plan_workbook(book, MONDAY)
    cards = book.reports["Customer cards"]
    cells = [c for row in cards.rows for c in row if isinstance(c, str)]
    titles = [c for c in cells if c.startswith("Firm Li")]
    assert len(titles) == report.plan.visits["customer_id"].nunique()
    assert "Firm Li 0 (Li0) · A" in titles
    labels = {c.split(":")[0] for c in cells if ":" in c}
    assert {"Next visit goal", "Sales · last visit", "Contact", "Visits in this plan"} <= labels


def test_weeks_and_country_from_the_settings_sheet_and_the_caller_wins():
    book = InMemoryBook(
        {CUSTOMERS: customer_rows(), "Settings": settings_rows(plan_weeks=2, country="none")}
    )
    assert plan_workbook(book, MONDAY).plan.calendar.end == dt.date(2026, 3, 15)
    assert plan_workbook(book, MONDAY, weeks=1).plan.calendar.end == dt.date(2026, 3, 8)


def test_days_off_and_manual_touches_come_from_their_tables():
    days_off = pd.DataFrame(
        {"Rep": ["Li"] * 5, "Date": [MONDAY + dt.timedelta(i) for i in range(5)]}
    )
    touches = pd.DataFrame(
        {"Customer ID": ["Li3"], "Date": [dt.date(2026, 3, 5)], "Occasion": ["新品资料"]}
    )
    book = InMemoryBook({CUSTOMERS: customer_rows(), DAYS_OFF: days_off, TOUCHES: touches})
    report = plan_workbook(book, MONDAY)
    assert report.plan.visits["date"].min() >= pd.Timestamp(MONDAY + dt.timedelta(7))
    assert set(report.touches["action"]) == {"gift", "brochure"}


def test_one_rep_can_be_planned_alone_and_an_unknown_rep_is_named():
    rows = pd.concat([customer_rows(6, "Li"), customer_rows(6, "Wu")], ignore_index=True)
    book = InMemoryBook({CUSTOMERS: rows})
    assert set(plan_workbook(book, MONDAY, rep=" wu ").plan.visits["rep"]) == {"Wu"}
    with pytest.raises(SchemaError, match=r"no customer belongs to rep 'Zhao'\. Reps in the table"):
        plan_workbook(book, MONDAY, rep="Zhao")


def test_a_bad_plan_setting_names_its_cell():
    book = InMemoryBook({CUSTOMERS: customer_rows(), "Settings": settings_rows(visits_a="often")})
    with pytest.raises(
        SettingsError, match=r"row 2 \(visits_a\): 'often' is not a number of visits"
    ):
        plan_workbook(book, MONDAY)


def test_a_chinese_workbook_gets_a_chinese_plan():
    rows = customer_rows().rename(
        columns={"Customer ID": "客户编号", "Name": "客户名称", "Rep": "业务员", "Kind": "类型"}
    )
    rows = rows.rename(columns={"Annual sales": "销售额", "Birthday": "生日"})
    rows["类型"] = "客户"
    book = InMemoryBook({CUSTOMERS: rows})
    plan_workbook(book, MONDAY)
    assert "拜访计划" in book.reports and book.tables[PLAN_TABLE].columns[0] == "日期"
