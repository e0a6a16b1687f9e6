"""The visit plan as sheets of tables in the workbook's language: plan, unscheduled, manager,
touches; shared helpers for the other plan sheets.

They turn the domain's frames of codes into `Report`s the port can write in any workbook, a
file or a live one. Colours follow the class colours of the Settings.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

import pandas as pd

from addin.domain.i18n import text
from addin.domain.planning import PLAN_TABLE
from addin.domain.planning.frequency import COLOURS
from addin.domain.planning.plan import SECONDS_PER_REP, VisitPlan
from addin.domain.report import Report, ReportTable
from addin.domain.settings import Settings

UNSCHEDULED_TABLE = "Unscheduled"
MANAGER_TABLE = "ManagerVisits"
TOUCHES_TABLE = "TouchPlan"
DATE = "yyyy-mm-dd"
TABLE_ROW = 2
"""Tables start on the third row, under a title and a note."""
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
    "drive",
)
PLAN_WIDTHS = (12, 7, 10, 9, 16, 13, 28, 20, 36, 11, 11, 14, 12)


def records(frame: pd.DataFrame) -> Iterator[Any]:
    """Rows as named tuples, typed loosely: pandas cannot type the fields of a row.

    As `frame.itertuples(index=False)` gives them, but the tuple type of each set of columns is
    made once: itertuples makes it anew each call, which costs more than the rows of a rep."""
    kind = _row_type(tuple(map(str, frame.columns)))
    return map(kind._make, zip(*(column for _, column in frame.items()), strict=True))


@functools.lru_cache(maxsize=64)
def _row_type(fields: tuple[str, ...]) -> Any:
    return collections.namedtuple("Row", fields, rename=True)


def group_colors(settings: Settings) -> dict[str, str]:
    """Fill of each plan group: the class colours, and the stage colours for red, yellow, green."""
    palette = settings.stage_palette()
    return settings.class_colors() | {colour: palette[stage] for stage, colour in COLOURS.items()}


def weekday(day: dt.date, lang: str) -> str:
    return text(f"weekday.{day.weekday()}", lang)


def span(plan: VisitPlan) -> dict[str, str]:
    return {"start": plan.calendar.start.isoformat(), "end": plan.calendar.end.isoformat()}


def planner_note(plan: VisitPlan, seconds: float, lang: str) -> str:
    """Which planner made the plan (the quick one in xlwings Lite, where the solver is missing)."""
    return text(f"plan.by.{plan.planner}", lang, seconds=seconds)


def plan_report(
    plan: VisitPlan, settings: Settings, lang: str, seconds: float = SECONDS_PER_REP
) -> Report:
    """Title, manager and planner line, and the VisitPlan table, class cells coloured."""
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
            int(row.drive_min),
        ]
        for row in records(v)
    ]
    manager = text(
        "manager.line",
        lang,
        given=int(v["with_manager"].sum()),
        wanted=plan.manager_wanted,
        sheet=text("sheet.manager", lang),
    )
    colors = group_colors(settings)
    column = PLAN_KEYS.index("group")
    fills = {(TABLE_ROW + 1 + i, column): colors[g] for i, g in enumerate(v["group"])}
    return table_sheet(
        text("plan.title", lang, **span(plan)),
        f"{manager} · {planner_note(plan, seconds, lang)}",
        PLAN_TABLE,
        header,
        body,
        fills,
        PLAN_WIDTHS,
    )


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
    return table_sheet(
        title,
        coverage_line(plan, lang),
        UNSCHEDULED_TABLE,
        header,
        body,
        fills,
        (16, 13, 28, 18, 12, 60),
        date_col=4,
    )


def manager_report(plan: VisitPlan, settings: Settings, lang: str) -> Report:
    """Every visit the manager was asked for: arranged, or why not."""
    m = plan.manager
    keys = ("plan.date", "plan.rep", "plan.customer_id", "plan.name", "plan.group")
    header: list[object] = [text(k, lang) for k in (*keys, "manager.why", "manager.status")]
    body = [
        [
            pd.Timestamp(r.date).to_pydatetime(),
            r.rep,
            r.customer_id,
            r.name,
            text(f"group.{r.group}", lang),
            text(f"manager.why.{r.why}", lang),
            text(
                f"manager.{r.status}",
                lang,
                reason=text(f"reason.{r.reason}", lang) if r.reason else "",
            ),
        ]
        for r in records(m)
    ]
    colors = group_colors(settings)
    fills = {(TABLE_ROW + 1 + i, 4): colors[g] for i, g in enumerate(m["group"])}
    given = int((m["status"] == "arranged").sum())
    note = text(
        "manager.note",
        lang,
        top=settings.manager_top_n,
        per_week=settings.manager_visits_per_week,
    )
    return table_sheet(
        text("manager.title", lang, given=given, wanted=len(m)),
        note,
        MANAGER_TABLE,
        header,
        body,
        fills,
        (12, 16, 13, 28, 18, 20, 60),
    )


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
    return table_sheet(
        text("sheet.touches", lang),
        "",
        TOUCHES_TABLE,
        header,
        body,
        {},
        (12, 16, 13, 28, 16, 22, 12, 40),
        date_col=(0, 6),
    )


def coverage_line(plan: VisitPlan, lang: str) -> str:
    """'A 98% · B 95% · …' in the workbook's words."""
    return " · ".join(
        f"{text(f'group.{r.group}', lang)} {r.share:.0%}" for r in records(plan.coverage)
    )


def table_sheet(
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
