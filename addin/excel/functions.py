"""Excel functions (UDFs) for classic xlwings (Windows) and xlwings Lite, from one definition.

Conversion options sit in `Annotated[...]` hints, which both runtimes read; the docstrings become
Excel's function help. Results are lists of rows, so Excel spills them as dynamic arrays. A bad
argument returns a short message in the cell instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import pandas as pd
import xlwings as xw

from addin.domain.abc_analysis import AbcResult, AbcRule, classify_abc
from addin.domain.i18n import check_language, text
from addin.domain.planning.frequency import visits_for
from addin.domain.planning.inputs import make_plan, next_monday
from addin.domain.planning.plan import PlanOptions
from addin.domain.planning.tables import TABLE_ROW, plan_report
from addin.domain.problems import Layout, shown
from addin.domain.prospects import DECISION_VOCABULARY, fold
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable, validate_customers
from addin.domain.values import is_blank_cell, parse_text
from addin.excel.cells import (
    Grid,
    as_column,
    as_date,
    as_setting,
    as_share,
    as_text,
    cell_errors,
    spill_like,
)
from addin.excel.prospect_functions import CD_PIPELINE, CD_PROSPECT_COLOR, CD_SEGMENT
from addin.services import summary_frame

SALES_DOC = "Annual sales, one cell per customer (a column or a row)."
A_DOC = "Threshold for class A: 80% of sales (default), or 20% of customers with 'count'."
B_DOC = "Threshold for class B: 95% of sales (default), or 50% of customers with 'count'."
QUICK = PlanOptions(quick=True)
METHOD_DOC = "'value' (share of sales, default) or 'count' (share of customers: 20/30/50)."


@xw.func
@cell_errors
def CD_ABC(
    sales: Annotated[list, {"ndim": 2, "doc": SALES_DOC}],
    a_share: Annotated[Any, {"doc": A_DOC}] = None,
    b_share: Annotated[Any, {"doc": B_DOC}] = None,
    method: Annotated[Any, {"doc": METHOD_DOC}] = "value",
    groups: Annotated[
        Any,
        {
            "ndim": 2,
            "doc": "Optional: rep or region of each customer, to classify each group separately.",
        },
    ] = None,
) -> Grid:
    """ABC class of each customer by the Pareto rule; spills one class per customer. A while the
    customers with larger sales hold under a_share of all sales, B under b_share, else C. Zero
    or negative sales are C; blank or text sales get none."""
    result = _classified(sales, _rule(a_share, b_share, method), groups)
    return spill_like(sales, list(result.classes.astype(object).fillna("")))


@xw.func
@cell_errors
def CD_ABC_SUMMARY(
    sales: Annotated[list, {"ndim": 2, "doc": SALES_DOC}],
    a_share: Annotated[Any, {"doc": A_DOC}] = None,
    b_share: Annotated[Any, {"doc": B_DOC}] = None,
    method: Annotated[Any, {"doc": METHOD_DOC}] = "value",
    lang: Annotated[
        str, {"doc": "Language of the headings: 'en' (default) or 'zh' (中文)."}
    ] = "en",
) -> Grid:
    """ABC summary table: per class the number and share of customers and of sales (spills)."""
    language = check_language(as_text(lang, "en"))
    table = summary_frame(_classified(sales, _rule(a_share, b_share, method)).summary, language)
    return [list(table.columns), *table.to_numpy(dtype=object).tolist()]


def _classified(sales: list, rule: AbcRule, groups: list | None = None) -> AbcResult:
    """The one classification the functions share with the macro and the command line."""
    frame = pd.DataFrame({"annual_sales": pd.Series(as_column(sales), dtype=object)})
    if groups is None:
        return classify_abc(frame, rule)
    frame["group"] = _same_length(groups, len(frame))
    return classify_abc(frame, rule, by="group")


def _rule(a_share: object, b_share: object, method: object) -> AbcRule:
    """Blank shares take the method's defaults: 80/95% of sales, or 20/50% of customers."""
    default = Settings(abc_method=as_text(method, "value")).abc_rule()
    return AbcRule(
        as_share(a_share, default.a_share), as_share(b_share, default.b_share), default.method
    )


def _same_length(groups: list, length: int) -> pd.Series:
    """The group of each customer, read as the macro reads the Rep column ('Ann ' is 'Ann')."""
    flat = as_column(groups)
    if len(flat) != length:
        raise ValueError(text("error.group_size", groups=len(flat), sales=length))
    return parse_text(pd.Series(flat, dtype=object))


# --- visit plans (issue 4) ---------------------------------------------------------------------


@xw.func
@cell_errors
def CD_VISITS_PER_MONTH(
    class_or_stage: Annotated[
        list,
        {"ndim": 2, "doc": "A, B or C; or a prospect colour or stage: red, yellow, green (红色…)."},
    ],
    follow_up: Annotated[
        Any, {"doc": "Optional, for prospects: keep (default), dont_give_up or give_up (放弃)."}
    ] = None,
) -> Grid:
    """Visits per month (four weeks) the plan gives a class or prospect colour; spills per cell.

    Defaults: A 4 (weekly), B 2, C 1; yellow 2, green 1; don't give up 1 and 0.5; given up 0.
    """
    settings = Settings()
    decision = _decision(follow_up)
    values = [_visits(code, decision, settings) for code in as_column(class_or_stage)]
    return spill_like(class_or_stage, values)


@xw.func
@cell_errors
def CD_VISIT_PLAN(
    customers: Annotated[
        list,
        {"ndim": 2, "doc": "The customer table with its header row, e.g. Customers[#All]."},
    ],
    start: Annotated[Any, {"doc": "First day of the plan (a date); default: next Monday."}] = None,
    weeks: Annotated[Any, {"doc": "Weeks to plan, 1 to 52 (default 4)."}] = None,
    country: Annotated[Any, {"doc": "Public holidays of: CN (default), US, DE…, or none."}] = None,
    lang: Annotated[
        Any, {"doc": "Language of the headings: 'en' (default) or 'zh' (中文)."}
    ] = None,
) -> Grid:
    """The visit plan, day by day (spills): date, slot, start, rep, customer, class, purpose,
    manager along, route order and distance. Classes by the Pareto rule; A in the mornings."""
    language = check_language(as_text(lang, "en"))
    settings = Settings().with_overrides(
        plan_weeks=as_setting(weeks, "plan_weeks", "weeks"),
        country=as_setting(country, "country", "country"),
    )
    table = _customer_table(customers)
    classes = classify_abc(table.frame, settings.abc_rule()).classes
    first = as_date(start, next_monday(dt.date.today()))
    # A function recalculates on every edit: the quick planner answers at once, where the route
    # solver takes about a second a rep (the Plan visits macro and `custdev plan` use it).
    plan, _ = make_plan(table.frame, classes, settings, first, language, options=QUICK)
    if plan.visits.empty:
        raise ValueError(_why_nothing_is_due(table.frame, plan.calendar.start, plan.calendar.end))
    rows = plan_report(plan, settings, language).rows[TABLE_ROW:]
    return [[_cell(v) for v in row] for row in rows]


def _why_nothing_is_due(frame: pd.DataFrame, start: dt.date, end: dt.date) -> str:
    """Why a plan came out empty: most often a start before the customers' last visits."""
    visits = pd.to_datetime(frame["last_visit"], errors="coerce") if "last_visit" in frame else None
    last = None if visits is None else visits.max()
    dates = {"start": start.isoformat(), "end": end.isoformat()}
    if last is not None and not pd.isna(last) and last.date() >= start:
        return text("error.no_visits_due", last=last.date().isoformat(), **dates)
    return text("error.nothing_to_plan", **dates)


def _visits(code: object, decision: str, settings: Settings) -> float:
    try:
        return visits_for("" if is_blank_cell(code) else str(code), settings, decision)
    except KeyError:
        value = text("problem.blank") if is_blank_cell(code) else shown(code)
        raise ValueError(text("error.visit_code", value=value)) from None


def _decision(follow_up: object) -> str:
    """The follow-up argument as a decision code (blank: keep visiting)."""
    if is_blank_cell(follow_up):
        return "keep"
    code = DECISION_VOCABULARY.get(fold(follow_up))
    if code is None:
        expected = text("expected.decision")
        raise ValueError(
            text("error.argument", name="follow_up", value=shown(follow_up), expected=expected)
        )
    return code


def _customer_table(grid: list) -> CustomerTable:
    """The selected range as a validated customer table: headers first, one customer a row."""
    if not grid or len(grid) < 2:
        raise ValueError(text("error.plan_columns", detail=f"{len(grid or [])} row(s)"))
    frame = pd.DataFrame(grid[1:], columns=[str(h) for h in grid[0]], dtype=object)
    return validate_customers(frame, Layout("Excel", None))


def _cell(value: object) -> object:
    """Blank for missing numbers; everything else as it is (dates stay dates)."""
    return "" if value is None or (isinstance(value, float) and value != value) else value


__all__ = [
    "CD_ABC",
    "CD_ABC_SUMMARY",
    "CD_PIPELINE",
    "CD_PROSPECT_COLOR",
    "CD_SEGMENT",
    "CD_VISITS_PER_MONTH",
    "CD_VISIT_PLAN",
]
