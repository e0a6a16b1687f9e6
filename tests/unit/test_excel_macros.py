"""The macros on small workbooks built in memory, on both runtime doubles (tests/xlwings_double)."""

from __future__ import annotations

import pytest

from addin.domain.i18n import use_language
from addin.domain.prospects import shade
from addin.domain.settings import Settings
from addin.excel.macros import classify_customers, colour_prospects, plan_visits
from tests.xlwings_double import RUNTIMES, ExcelState, SheetState, run

HEADERS = ["Customer ID", "Name", "Rep", "Kind", "Annual sales"]
ROWS = [[f"C{i}", f"Firm {i}", "Li", "customer", 1000.0 / (i + 1)] for i in range(8)]


def book(*sheets: SheetState, name: str = "rep.xlsm") -> ExcelState:
    return ExcelState(name, list(sheets))


def customers_sheet(
    rows: list[list[object]],
    name: str = "Customers",
    top: int = 1,
    left: int = 1,
    headers: list[str] = HEADERS,
) -> SheetState:
    sheet = SheetState(name)
    sheet.add_table("Customers", top, left, [headers, *rows])
    return sheet


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_macro_classifies_a_chinese_table_in_place_and_refreshes_its_summary(runtime):
    rows = [
        ["C1", "甲", 50.0, None],
        ["C2", "乙", 30.0, None],
        ["C3", "丙", 15.0, None],
        ["C4", "丁", 5.0, None],
    ]
    sheet = customers_sheet(rows, "客户", 3, 2, ["客户编号", "客户名称", "销售额", "ABC分类"])
    summary = SheetState("ABC汇总")
    summary.add_table("AbcSummary", 4, 1, [["类别", "客户数"], ["A", 0.0], ["B", 0.0], ["C", 0.0]])
    state = book(sheet, summary)
    run(runtime, state, classify_customers)
    assert [sheet.cells[(r, 5)] for r in range(4, 8)] == ["A", "A", "B", "C"]
    assert sheet.fills[(4, 5)] == "#" + Settings().color_a.upper()
    assert sheet.fills[(7, 5)] == "#" + Settings().color_c.upper()
    table = summary.table_rows("AbcSummary")
    assert table[0] == ["类别", "客户数", "客户占比", "销售额", "销售额占比"]
    assert [row[:2] for row in table[1:]] == [["A", 2.0], ["B", 1.0], ["C", 1.0]]
    assert runtime == "lite" or "已分类 4 个客户" in state.status_bar


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_macro_appends_the_class_column_once_and_leaves_other_cells_alone(runtime):
    sheet = SheetState("Customers")
    sheet.add_table(
        "Customers",
        1,
        1,
        [["Customer ID", "Name", "Annual sales"], ["C1", "=cmd", 10.0], ["C2", "B", 1.0]],
    )
    state = book(sheet)
    run(runtime, state, classify_customers)
    run(runtime, state, classify_customers)
    assert sheet.rows(1, 1, 3, 5) == [
        ["Customer ID", "Name", "Annual sales", "Class", None],
        ["C1", "=cmd", 10.0, "A", None],  # text the user typed with an apostrophe
        ["C2", "B", 1.0, "B", None],  # 1 has 91% of the sales above it
    ]
    assert (sheet.tables[0].right, sheet.tables[0].bottom) == (4, 3)


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_macro_refuses_to_add_a_column_over_the_users_cells_beside_the_table(runtime):
    sheet = customers_sheet(ROWS)
    sheet.cells[(3, 6)] = "my note"
    state = book(sheet)
    run(runtime, state, classify_customers)
    assert "F3" in state.alerts[0] and "my note" in state.alerts[0]
    assert sheet.cells[(3, 6)] == "my note" and sheet.tables[0].right == 5


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_macro_colours_prospects_and_fills_the_pipeline_table(runtime):
    sheet = SheetState("Customers")
    sheet.add_table(
        "Customers",
        1,
        1,
        [
            ["Customer ID", "Name", "Rep", "Kind", "Stage", "Follow-up"],
            ["P1", "Bolt", "Ann", "prospect", "Closed", None],
            ["P2", "Core", "Ann", "prospect", "Potential", "Give up"],
        ],
    )
    dashboard = SheetState("Dashboard")
    dashboard.add_table("Pipeline", 1, 1, [["Rep", "Live prospects"], [None, None]])
    state = book(sheet, dashboard)
    run(runtime, state, colour_prospects)
    assert sheet.fills[(2, 5)] == "#" + Settings().color_closed.upper()
    assert sheet.fills[(3, 6)] == "#" + shade(Settings().color_potential, "give_up").upper()
    assert sheet.cells[(1, 7)] == "Segment"
    assert dashboard.table_rows("Pipeline")[1][0] == "Ann"


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_a_workbook_without_a_customers_table_is_told_in_its_own_language(runtime):
    state = book(SheetState("客户"), name="业务员.xlsx")
    with use_language("en"):
        run(runtime, state, plan_visits)
    assert "没有名为“Customers”的 Excel 表格" in state.alerts[0]


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_planning_twice_replaces_the_plan_sheets_and_their_tables(runtime):
    state = book(customers_sheet(ROWS))
    run(runtime, state, plan_visits)
    first = state.sheet_names()
    run(runtime, state, plan_visits)
    assert state.sheet_names() == first
    assert first[:3] == ["Customers", "Visit Plan", "Unscheduled"]
    assert {"Week", "Month", "Customer cards", "Checklist", "Touch calendar"} <= set(first)
    plan = state.sheet("Visit Plan")
    assert [t.name for t in plan.tables] == ["VisitPlan"] and plan.cells[(3, 1)] == "Date"
    assert plan.fills and state.alerts == []


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_macro_never_replaces_a_sheet_holding_the_users_own_table(runtime):
    week = SheetState("Week")
    week.add_table("MyNotes", 1, 1, [["Note"], ["keep me"]])
    state = book(customers_sheet(ROWS), week)
    run(runtime, state, plan_visits)
    assert "sheet 'Week' holds the table 'MyNotes'" in state.alerts[0]
    assert week in state.sheets and week.table_rows("MyNotes") == [["Note"], ["keep me"]]


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_a_table_with_a_total_row_is_read_without_it(runtime):
    sheet = customers_sheet([*ROWS[:3], ["Total", None, None, None, 1583.3]])
    sheet.tables[0].show_totals = True
    state = book(sheet)
    run(runtime, state, classify_customers)
    assert [sheet.cells.get((r, 6)) for r in range(2, 6)] == ["A", "A", "B", None]
