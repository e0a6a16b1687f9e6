"""The three macros (classic xlwings) and the three Lite scripts, run on doubles of both runtimes.

The doubles (tests/xlwings_double) are as strict as the runtimes: on xlwings Lite a string address
is one rectangle, reads come from the snapshot taken at the start and writes land after the
script; on Windows an address may hold several areas but no more than 255 characters. The
workbook is the shipped template with 54 realistic customers, in id order or shuffled, in English
and Chinese. Expected cells come from the domain functions, so each cell is checked on its own.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd
import pytest
import xlwings as xw

from addin.domain.abc_analysis import classify_abc
from addin.domain.pareto import pareto_points
from addin.domain.planning import inputs as plan_input
from addin.domain.planning.inputs import next_monday
from addin.domain.planning.pages import plan_sheets
from addin.domain.planning.plan import PlanOptions
from addin.domain.problems import Layout
from addin.domain.prospects import effective_stages, prospect_fills
from addin.domain.schema import BY_KEY, CLASS_COLUMN, SEGMENT_COLUMN
from addin.domain.settings import Settings
from addin.domain.validation import validate_customers
from addin.excel import macros
from addin.excel.macros import classify_customers, colour_prospects, plan_visits
from addin.excel.runtimes import Runtime
from addin.excel.xlwings_book import XlwingsBook, as_cell
from tests.xlwings_double import RUNTIMES, ExcelState, run, typed_in
from tests.xlwings_double.workbooks import customer_rows, customers_state

SETTINGS = Settings()
SCOPE: dict[str, object] = {"rep": "", "weeks": SETTINGS.plan_weeks}  # what the macro plans
SECONDS = PlanOptions().seconds
CASES = [
    pytest.param(runtime, lang, order, id=f"{runtime}-{lang}-{order}")
    for runtime in RUNTIMES
    for lang in ("en", "zh")
    for order in ("id", "random")
]
PLAN_CASES = [  # every pair of runtime, language and order once: a plan costs a second a case
    case
    for case in CASES
    if case.id in ("lite-en-id", "lite-zh-random", "classic-en-random", "classic-zh-id")
]
UNIT = {"lite": Runtime("remote", width_in_points=True), "classic": Runtime("excel")}


def checked(rows: pd.DataFrame, lang: str):
    return validate_customers(rows.astype(object), Layout("rep.xlsm", "Customers"))


def column_cells(state: ExcelState, header: str) -> tuple[list[object], list[object]]:
    """The values and fills down the Customers column `header`, one per table row."""
    sheet, table = state.table("Customers")
    headers = sheet.rows(table.top, table.left, table.top, table.right)[0]
    column = table.left + headers.index(header)
    rows = range(table.top + 1, table.bottom + 1)
    return [sheet.cells.get((r, column)) for r in rows], [
        sheet.fills.get((r, column)) for r in rows
    ]


@pytest.mark.parametrize(("runtime", "lang", "order"), CASES)
def test_classify_writes_every_class_and_its_fill_cell_by_cell(runtime, lang, order):
    rows = customer_rows(lang, order=order)
    state = customers_state(lang, rows)
    expected = classify_abc(checked(rows, lang).frame, SETTINGS.abc_rule()).classes
    for _ in range(2):  # a second run finds the column and replaces the same cells
        run(runtime, state, classify_customers)
        values, fills = column_cells(state, CLASS_COLUMN.label(lang))
        colours = SETTINGS.class_colors()
        assert values == [None if pd.isna(c) else c for c in expected]
        assert fills == [None if pd.isna(c) else "#" + colours[c].upper() for c in expected]
    assert state.alerts == []
    summary = state.table_rows("AbcSummary")
    counts = expected.value_counts()
    assert [(r[0], r[1]) for r in summary[1:]] == [(c, float(counts.get(c, 0))) for c in "ABC"]
    frame = checked(rows, lang).frame
    points = pareto_points(frame["annual_sales"].where(expected.notna()), frame["name"])
    assert [r[1] for r in state.table_rows("ParetoData")[1:]] == list(points["sales"])


@pytest.mark.parametrize(("runtime", "lang", "order"), CASES)
def test_colour_prospects_fills_every_stage_and_follow_up_cell_and_both_tables(
    runtime, lang, order
):
    rows = customer_rows(lang, order=order)
    state = customers_state(lang, rows)
    frame = checked(rows, lang).frame
    stages = effective_stages(frame["stage"].astype("string"), frame["kind"].astype("string"))
    wanted = prospect_fills(stages, frame["follow_up"].astype("string"), SETTINGS.stage_palette())
    for _ in range(2):
        run(runtime, state, colour_prospects)
        for key in ("stage", "follow_up"):
            _, fills = column_cells(state, BY_KEY[key].label(lang))
            assert fills == [None if c is None else "#" + c.upper() for c in wanted], key
    segments, _ = column_cells(state, SEGMENT_COLUMN.label(lang))
    assert all(segments)
    sheet, table = state.table("Customers")
    headers = sheet.rows(table.top, table.left, table.top, table.right)[0]
    assert headers.count(SEGMENT_COLUMN.label(lang)) == 1
    reps = rows[BY_KEY["rep"].label(lang)].nunique()
    assert len(state.table_rows("Pipeline")) == 1 + reps + 1  # header, each rep, the team
    assert len(state.table_rows("Segments")) > 1
    assert state.alerts == []


def excel_value(value: object) -> object:
    """What a cell holds after custdev wrote `value` to it, as Excel types it in."""
    cell = as_cell(value)
    if isinstance(cell, dt.date) and not isinstance(cell, dt.datetime):
        cell = dt.datetime(cell.year, cell.month, cell.day)
    if isinstance(cell, (int, np.integer)) and not isinstance(cell, bool):
        cell = float(cell)
    return typed_in(cell)


@functools.cache
def expected_plan_of(lang: str, order: str) -> list[tuple[str, object]]:
    """The plan sheets the macro must write, computed once per input: both runtimes get the same
    (the route solver takes a second a rep)."""
    return expected_plan(customer_rows(lang, order=order), lang)


def expected_plan(rows: pd.DataFrame, lang: str) -> list[tuple[str, object]]:
    table = checked(rows, lang)
    classes = classify_abc(table.frame, SETTINGS.abc_rule()).classes
    frame, classes = plan_input.for_rep(table, classes, None)
    start = next_monday(dt.date.today())
    plan, touches = plan_input.make_plan(frame, classes, SETTINGS, start, lang)
    from addin.domain.i18n import text

    return [
        (text(f"sheet.{key}", lang), report)
        for key, report in plan_sheets(plan, touches, frame, SETTINGS, lang, SCOPE, SECONDS)
    ]


@pytest.mark.parametrize(("runtime", "lang", "order"), PLAN_CASES)
def test_plan_visits_writes_every_plan_sheet_its_tables_fills_widths_and_bold_rows(
    runtime, lang, order
):
    rows = customer_rows(lang, order=order)
    state = customers_state(lang, rows)
    before = state.sheet_names()
    expected = expected_plan_of(lang, order)  # first: the processes planning reps inherit its
    for _ in range(2):  # the second run replaces the sheets instead of adding more
        run(runtime, state, plan_visits)
    assert state.sheet_names() == before + [name for name, _ in expected]
    assert state.alerts == []
    for name, report in expected:
        sheet = state.sheet(name)
        for r, row in enumerate(report.rows, 1):
            for c, value in enumerate(row, 1):
                assert sheet.cells.get((r, c)) == excel_value(value), (name, r, c)
        for t in report.tables:
            table = sheet.table(t.name)
            assert (table.top, table.left) == (t.row + 1, t.col + 1)
            assert (table.bottom, table.right) == (t.row + 1 + max(t.rows, 1), t.col + t.columns)
        assert sheet.fills == {
            (r + 1, c + 1): "#" + colour.upper() for (r, c), colour in report.fills.items()
        }
        assert sheet.widths == {c: UNIT[runtime].width(w) for c, w in enumerate(report.widths, 1)}
        bold = {r + 1 for r, style in report.styles.items() if style != "muted"}
        assert {r for r, _ in sheet.bold} == bold


def test_lite_gets_column_widths_in_points_and_classic_excel_in_characters():
    # A file width of 10 is 70 pixels in Calibri 11 (7 a digit): 52.5 points, or 9.29
    # characters once Excel's 5 pixels of padding are left out.
    assert UNIT["lite"].width(10) == 52.5
    assert UNIT["classic"].width(10) == 9.29
    assert UNIT["classic"].width(10.71) == 10


@pytest.mark.skipif(
    not hasattr(xw.main.Range, "set_colors"),
    reason="xlwings before 0.37.5 has no Range.set_colors: the test below covers that Lite",
)
def test_on_lite_each_column_is_one_value_write_and_one_block_of_fills():
    state = customers_state("en", customer_rows("en", order="random"))
    actions = run("lite", state, colour_prospects)
    customers = state.sheet_names().index("Customers")
    on_customers = [a for a in actions if a["sheet_position"] == customers]
    assert [a["func"] for a in on_customers].count("setRangeColors") == 2  # Stage, Follow-up
    assert [a["func"] for a in on_customers].count("setValues") == 1  # the Segment column


def test_classic_excel_colours_and_bolds_in_areas_of_at_most_255_characters():
    state = customers_state("en", customer_rows("en", n=400, order="random"))
    calls = run("classic", state, classify_customers)
    colours = [address for func, address in calls if func == "setRangeColor"]
    assert colours and all(len(a) <= 255 for a in colours)
    assert len(colours) < 40  # far fewer calls than the 400 cells (runs of one colour)
    state = customers_state("en", customer_rows("en", n=60))
    calls = run("classic", state, plan_visits)
    bold = [address for func, address in calls if func == "setFontProperty"]
    assert len(bold) < 20 and all(len(a) <= 255 for a in bold)


def test_a_phone_number_or_an_id_of_digits_stays_text_in_excel():
    assert typed_in(as_cell("19837576283")) == "19837576283"
    assert typed_in(as_cell("00123")) == "00123"
    assert typed_in(as_cell("=1+1")) == "=1+1"
    assert typed_in(as_cell("Acme 1")) == "Acme 1"


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unexpected_error_inside_a_macro_reaches_the_rep_as_one_short_message(
    runtime, lang, monkeypatch
):
    def broken(self, table, header, values):
        raise ValueError("too many values to unpack (expected 2)")

    monkeypatch.setattr(XlwingsBook, "write_column", broken)
    state = customers_state(lang, customer_rows(lang, n=10))
    run(runtime, state, classify_customers)
    [message] = state.alerts
    assert "ValueError" in message and "too many values to unpack" in message
    assert "Traceback" not in message and "\n" not in message and len(message) < 300
    assert message.startswith("custdev stopped" if lang == "en" else "custdev 因意外错误")


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_a_workbook_without_the_customers_table_is_told_so_in_its_language(runtime):
    state = ExcelState("业务员.xlsm", [])
    from tests.xlwings_double import SheetState

    state.sheets.append(SheetState("客户"))
    run(runtime, state, classify_customers)
    assert "没有名为“Customers”的 Excel 表格" in state.alerts[0]


def test_classic_macros_report_in_the_status_bar_and_lite_prints_instead(capsys):
    state = customers_state("en", customer_rows("en", n=12))
    run("classic", state, classify_customers)
    assert state.status_bar.startswith("Classified ")
    lite = customers_state("en", customer_rows("en", n=12))
    run("lite", lite, classify_customers)
    assert lite.status_bar is None and lite.alerts == []
    assert "Classified " in capsys.readouterr().out
    assert macros.MAX_ALERT_LINES == 12


def test_a_lite_without_set_colors_gets_one_colour_call_per_rectangle(monkeypatch):
    # Range.set_colors came with xlwings 0.37.5; an older Lite colours run by run instead.
    monkeypatch.delattr(xw.main.Range, "set_colors", raising=False)
    rows = customer_rows("en", order="random")
    state = customers_state("en", rows)
    actions = run("lite", state, classify_customers)
    expected = classify_abc(checked(rows, "en").frame, SETTINGS.abc_rule()).classes
    colours = SETTINGS.class_colors()
    _, fills = column_cells(state, CLASS_COLUMN.label("en"))
    assert fills == [None if pd.isna(c) else "#" + colours[c].upper() for c in expected]
    painted = [a for a in actions if a["func"].startswith("setRangeColor")]
    assert {a["func"] for a in painted} == {"setRangeColor"} and len(painted) > 3
