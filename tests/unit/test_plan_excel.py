"""Visit plans in Excel: the functions through xlwings' conversion (macros: test_excel_macros)."""

from __future__ import annotations

import datetime as dt

from addin.excel.functions import CD_VISIT_PLAN, CD_VISITS_PER_MONTH
from tests.udf_harness import column, excel_call

HEADERS = ("Customer ID", "Name", "Rep", "Kind", "Annual sales")
ROWS = tuple((f"C{i}", f"Firm {i}", "Li", "customer", 1000.0 / (i + 1)) for i in range(8))


def test_visits_per_month_by_class_and_colour_spill_down():
    result = excel_call(CD_VISITS_PER_MONTH, column("A", "B", "C", "yellow", "绿色", "red"))
    assert result == [[4.0], [2.0], [1.0], [2.0], [1.0], [1.0]]


def test_visits_per_month_follow_the_follow_up_decision():
    assert excel_call(CD_VISITS_PER_MONTH, "yellow", "不放弃") == [[1.0]]
    assert excel_call(CD_VISITS_PER_MONTH, "green", "give up") == [[0.0]]


def test_an_unknown_class_shows_a_short_message_in_the_cell():
    [[message]] = excel_call(CD_VISITS_PER_MONTH, "purple")
    assert message.startswith("Error: 'purple' is not a class (A, B, C)")


def test_the_visit_plan_spills_a_header_and_one_row_per_visit():
    result = excel_call(CD_VISIT_PLAN, (HEADERS, *ROWS), dt.datetime(2026, 3, 2), 2.0)
    header, *visits = result
    assert header[:4] == ["Date", "Day", "Slot", "Start"]
    assert visits and all(isinstance(row[0], dt.datetime) for row in visits)
    assert {row[2] for row in visits if row[7] == "A"} == {"morning"}
    assert max(row[0] for row in visits) < dt.datetime(2026, 3, 16)


def test_the_visit_plan_speaks_chinese_and_reads_a_text_date():
    [header, *_] = excel_call(CD_VISIT_PLAN, (HEADERS, *ROWS), "2026-03-02", None, "none", "zh")
    assert header[0] == "日期"


def test_a_plan_without_customers_or_with_a_bad_date_says_so_in_the_cell():
    assert excel_call(CD_VISIT_PLAN, (HEADERS,))[0][0].startswith("Error: customers needs")
    [[message]] = excel_call(CD_VISIT_PLAN, (HEADERS, *ROWS), "next week")
    assert "'next week' is not a date" in message
