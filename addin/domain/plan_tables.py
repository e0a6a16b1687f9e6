"""The visit plan as sheets of tables in the workbook's language: plan, unscheduled, month, touches.

Service-layer helpers: they turn the domain's frames of codes into `Report`s the port can write
in any workbook, a file or a live one. Colours follow the class colours of the Settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pandas as pd

from addin.domain.i18n import text
from addin.domain.report import Report, ReportTable
from addin.domain.settings import Settings
from addin.domain.visit_demand import COLOURS
from addin.domain.visit_plan import VisitPlan

PLAN_TABLE = "VisitPlan"
UNSCHEDULED_TABLE = "Unscheduled"
MONTH_TABLE = "PlanByRep"
COVERAGE_TABLE = "PlanCoverage"
TOUCHES_TABLE = "TouchPlan"
DATE = "yyyy-mm-dd"
TABLE_ROW = 2
"""Tables start on the third row, under a title and a note."""


def records(frame: pd.DataFrame) -> Iterator[Any]:
    """Rows as named tuples, typed loosely: pandas cannot type the fields of a row."""
    return frame.itertuples(index=False)


def group_colors(settings: Settings) -> dict[str, str]:
    """Fill of each plan group: the class colours, and the stage colours for red, yellow, green."""
    palette = settings.stage_palette()
    return settings.class_colors() | {colour: palette[stage] for stage, colour in COLOURS.items()}


def weekday(day: dt.date, lang: str) -> str:
    return text(f"weekday.{day.weekday()}", lang)


def span(plan: VisitPlan) -> dict[str, str]:
    return {"start": plan.calendar.start.isoformat(), "end": plan.calendar.end.isoformat()}


def plan_report(plan: VisitPlan, settings: Settings, lang: str) -> Report:
    """Title, manager line and the VisitPlan table, class cells coloured."""
    v = plan.visits
    header: list[object] = [text(f"plan.{k}", lang) for k in PLAN_KEYS]
    yes = text("plan.yes", lang)
    body = [
        [
            row.date.to_pydatetime(),
            weekday(row.date, lang),
            text(f"half.{row.half}", lang),
            row.start,
            row.rep,
            row.customer_id,
            row.name,
            text(f"group.{row.group}", lang),
            text(f"purpose.{row.group}", lang),
            yes if row.with_manager else "",
            int(row.route_order),
            None if pd.isna(row.distance_km) else float(row.distance_km),
        ]
        for row in records(v)
    ]
    manager = text(
        "manager.line", lang, given=int(v["with_manager"].sum()), wanted=plan.manager_wanted
    )
    colors = group_colors(settings)
    column = PLAN_KEYS.index("group")
    fills = {(TABLE_ROW + 1 + i, column): colors[g] for i, g in enumerate(v["group"])}
    return _table_sheet(
        text("plan.title", lang, **span(plan)),
        manager,
        PLAN_TABLE,
        header,
        body,
        fills,
        PLAN_WIDTHS,
    )


PLAN_KEYS = (
    "date",
    "weekday",
    "slot",
    "start",
    "rep",
    "customer_id",
    "name",
    "group",
    "purpose",
    "manager",
    "route",
    "distance",
)
PLAN_WIDTHS = (12, 7, 10, 9, 16, 13, 28, 20, 36, 11, 11, 14)


def unscheduled_report(plan: VisitPlan, settings: Settings, lang: str) -> Report:
    """The Unscheduled table: every visit that did not fit, with its reason."""
    u = plan.unscheduled
    keys = ("rep", "customer_id", "name", "group", "due", "reason")
    header: list[object] = [text(f"plan.{k}", lang) for k in keys]
    body = [
        [
            r.rep,
            r.customer_id,
            r.name,
            text(f"group.{r.group}", lang),
            r.due.to_pydatetime(),
            text(f"reason.{r.reason}", lang),
        ]
        for r in records(u)
    ]
    colors = group_colors(settings)
    fills = {(TABLE_ROW + 1 + i, 3): colors[g] for i, g in enumerate(u["group"])}
    title = text("sheet.unscheduled", lang) + f" ({len(u)})"
    note = _coverage_line(plan, lang)
    return _table_sheet(
        title, note, UNSCHEDULED_TABLE, header, body, fills, (16, 13, 28, 18, 12, 52), date_col=4
    )


def month_report(plan: VisitPlan, lang: str) -> Report:
    """Per rep: visits, visit days, km, manager visits, not fitted; then coverage per class."""
    v, u = plan.visits, plan.unscheduled
    reps = sorted(set(v["rep"]) | set(u["rep"]))
    by_rep = v.groupby("rep")
    header: list[object] = [
        text(k, lang)
        for k in (
            "plan.rep",
            "month.visits",
            "month.days",
            "month.km",
            "month.manager",
            "month.unscheduled",
        )
    ]
    # Each figure once for all reps, then looked up per rep.
    visits, days = by_rep.size(), by_rep["date"].nunique()
    km, manager = by_rep["distance_km"].sum(), by_rep["with_manager"].sum()
    unplaced = u["rep"].value_counts()
    body: list[list[object]] = [
        [
            rep,
            int(visits.get(rep, 0)),
            int(days.get(rep, 0)),
            round(float(km.get(rep, 0.0)), 1),
            int(manager.get(rep, 0)),
            int(unplaced.get(rep, 0)),
        ]
        for rep in reps
    ]
    cover_header: list[object] = [
        text(k, lang)
        for k in (
            "plan.group",
            "coverage.customers",
            "coverage.due",
            "coverage.planned",
            "coverage.share",
        )
    ]
    cover_body = [
        [text(f"group.{r.group}", lang), int(r.customers), int(r.due), int(r.planned), r.share]
        for r in records(plan.coverage)
    ]
    # Coverage sits right of the reps' table, so each column keeps one number format.
    left: list[list[object]] = [
        [text("month.title", lang, **span(plan))],
        [_coverage_line(plan, lang)],
        header,
        *body,
    ]
    right: list[list[object]] = [[], [text("coverage.title", lang)], cover_header, *cover_body]
    height = max(len(left), len(right))
    rows = [
        _padded(left[i] if i < len(left) else [], COVER_COL) + (right[i] if i < len(right) else [])
        for i in range(height)
    ]
    tables = [
        ReportTable(MONTH_TABLE, TABLE_ROW, 0, len(header), len(body)),
        ReportTable(COVERAGE_TABLE, TABLE_ROW, COVER_COL, len(cover_header), len(cover_body)),
    ]
    widths = (22, 12, 12, 14, 14, 12, 3, 22, 12, 12, 12, 12)
    return Report(
        rows, widths, styles={0: "title", 1: "muted"}, tables=tables, formats={COVER_COL + 4: "0%"}
    )


COVER_COL = 7


def _padded(row: list[object], width: int) -> list[object]:
    return row + [None] * (width - len(row))


def touches_report(touches: pd.DataFrame, lang: str) -> Report:
    """The TouchPlan table: gifts, cards, brochures and letters with due dates per rep."""
    keys = (
        "touch.due",
        "plan.rep",
        "plan.customer_id",
        "plan.name",
        "touch.occasion",
        "touch.action",
        "touch.date",
        "touch.note",
    )
    header: list[object] = [text(k, lang) for k in keys]
    body = [
        [
            pd.Timestamp(r.due).to_pydatetime(),
            r.rep,
            r.customer_id,
            r.name,
            text(f"occasion.{r.occasion}", lang),
            text(f"action.{r.action}", lang),
            pd.Timestamp(r.date).to_pydatetime(),
            text("touch.cards_for", lang, holiday=r.note, count=r.count)
            if r.occasion == "holiday"
            else r.note,
        ]
        for r in records(touches)
    ]
    title = text("sheet.touches", lang)
    return _table_sheet(
        title,
        "",
        TOUCHES_TABLE,
        header,
        body,
        {},
        (12, 16, 13, 28, 16, 22, 12, 40),
        date_col=(0, 6),
    )


def _coverage_line(plan: VisitPlan, lang: str) -> str:
    """'A 98% · B 95% · …' in the workbook's words."""
    return " · ".join(
        f"{text(f'group.{r.group}', lang)} {r.share:.0%}" for r in records(plan.coverage)
    )


def _table_sheet(
    title: str,
    note: str,
    name: str,
    header: list[object],
    body: list[list[object]],
    fills: dict[tuple[int, int], str],
    widths: tuple[float, ...],
    date_col: int | tuple[int, ...] = 0,
) -> Report:
    """A titled sheet holding one table from the third row."""
    dates = date_col if isinstance(date_col, tuple) else (date_col,)
    return Report(
        [[title], [note], header, *body],
        widths,
        fills,
        styles={0: "title", 1: "muted"},
        tables=[ReportTable(name, TABLE_ROW, 0, len(header), len(body))],
        formats=dict.fromkeys(dates, DATE),
    )
