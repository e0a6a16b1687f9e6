"""The Month sheet: per rep and per rep-week, visits, km and hours on the road; coverage per
class; the days that drive too far; and the plan's scope, which refresh reads to plan again.

Tables sit side by side and one under another; dates are written as text so that every column
keeps one number format.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from addin.domain.i18n import text
from addin.domain.planning.plan import VisitPlan
from addin.domain.planning.tables import planner_note, records, span, weekday
from addin.domain.report import Report, ReportTable
from addin.domain.settings import Settings

MONTH_TABLE = "PlanByRep"
WEEK_TABLE = "PlanByWeek"
COVERAGE_TABLE = "PlanCoverage"
LONG_TABLE = "LongDays"
SCOPE_TABLE = "PlanScope"
RIGHT = 9
"""First column of the tables on the right (coverage, scope)."""
WIDTHS = (22, 12, 12, 14, 14, 12, 12, 20, 3, 22, 12, 12, 12, 12)


class Canvas:
    """Rows of cells filled block by block, and the tables laid over them."""

    def __init__(self) -> None:
        self.rows: list[list[object]] = []
        self.tables: list[ReportTable] = []
        self.styles: dict[int, str] = {}

    def put(self, row: int, col: int, values: list[object]) -> None:
        while len(self.rows) <= row:
            self.rows.append([])
        line = self.rows[row]
        line += [None] * (col + len(values) - len(line))
        line[col : col + len(values)] = values

    def table(
        self, name: str, row: int, col: int, header: list[object], body: list[list[object]]
    ) -> int:
        """A table with its header at (row, col); returns the first row below it."""
        self.put(row, col, list(header))
        for i, line in enumerate(body, start=1):
            self.put(row + i, col, line)
        self.tables.append(ReportTable(name, row, col, len(header), len(body)))
        return row + max(len(body), 1) + 1


def month_report(
    plan: VisitPlan, settings: Settings, lang: str, seconds: float, scope: dict[str, object]
) -> Report:
    """Per rep, per week, coverage, long days and the plan's scope on one sheet."""
    canvas = Canvas()
    canvas.put(0, 0, [text("month.title", lang, **span(plan))])
    canvas.put(1, 0, [planner_note(plan, seconds, lang)])
    canvas.put(1, RIGHT, [text("coverage.title", lang)])
    canvas.styles.update({0: "title", 1: "muted"})
    below = canvas.table(MONTH_TABLE, 2, 0, _rep_header(settings, lang), _by_rep(plan, settings))
    right = canvas.table(COVERAGE_TABLE, 2, RIGHT, _coverage_header(lang), _coverage(plan, lang))
    row = max(below, right) + 1
    canvas.put(row, 0, [text("month.by_week", lang)])
    canvas.put(row, RIGHT, [text("scope.title", lang)])
    canvas.styles[row] = "bold"
    header: list[object] = [text(k, lang) for k in ("scope.key", "scope.value")]
    canvas.table(SCOPE_TABLE, row + 1, RIGHT, header, _scope(scope, lang))
    row = canvas.table(WEEK_TABLE, row + 1, 0, _week_header(lang), _by_week(plan)) + 1
    canvas.put(row, 0, [text("month.long_title", lang, km=settings.long_day_km)])
    canvas.styles[row] = "bold"
    canvas.table(LONG_TABLE, row + 1, 0, _long_header(lang), _long_days(plan, settings, lang))
    return Report(
        canvas.rows,
        WIDTHS,
        styles=canvas.styles,
        tables=canvas.tables,
        formats={RIGHT + 4: "0%"},
    )


def _rep_header(settings: Settings, lang: str) -> list[object]:
    keys = (
        "plan.rep",
        "month.visits",
        "month.days",
        "month.km",
        "month.drive",
        "month.manager",
        "month.unscheduled",
    )
    return [*(text(k, lang) for k in keys), text("month.long_days", lang, km=settings.long_day_km)]


def _by_rep(plan: VisitPlan, settings: Settings) -> list[list[object]]:
    """Visits, days, km, hours of driving, manager visits, not fitted, long days per rep."""
    v, d, u = plan.visits, plan.days, plan.unscheduled
    reps = sorted(set(v["rep"]) | set(u["rep"]))
    visits, manager = v.groupby("rep").size(), v.groupby("rep")["with_manager"].sum()
    days, km = d.groupby("rep").size(), d.groupby("rep")["km"].sum()
    drive = d.groupby("rep")["drive_min"].sum()
    long = d[d["km"] > settings.long_day_km].groupby("rep").size()
    left = u["rep"].value_counts()
    return [
        [
            rep,
            int(visits.get(rep, 0)),
            int(days.get(rep, 0)),
            round(float(km.get(rep, 0.0)), 1),
            round(float(drive.get(rep, 0)) / 60, 1),
            int(manager.get(rep, 0)),
            int(left.get(rep, 0)),
            int(long.get(rep, 0)),
        ]
        for rep in reps
    ]


def _week_header(lang: str) -> list[object]:
    keys = ("plan.rep", "month.week", "month.visits", "month.days", "month.km", "month.drive")
    return [text(k, lang) for k in keys]


def _by_week(plan: VisitPlan) -> list[list[object]]:
    """Visits, days on the road, km and hours of driving per rep and week."""
    d = plan.days.assign(week=(plan.days["date"] - pd.Timestamp(plan.calendar.start)).dt.days // 7)
    rows = []
    for (rep, week), days in d.groupby(["rep", "week"], sort=True):
        number = int(cast(Any, week))
        first = pd.Timestamp(plan.calendar.start) + pd.Timedelta(days=7 * number)
        rows.append(
            [
                rep,
                f"{number + 1}: {first:%m-%d}",
                int(days["visits"].sum()),
                len(days),
                round(float(days["km"].sum()), 1),
                round(float(days["drive_min"].sum()) / 60, 1),
            ]
        )
    return rows


def _long_header(lang: str) -> list[object]:
    keys = ("plan.rep", "month.date", "month.visits", "month.km", "plan.drive", "month.back")
    return [text(k, lang) for k in keys]


def _long_days(plan: VisitPlan, settings: Settings, lang: str) -> list[list[object]]:
    """The rep-days that drive more than the Settings' long_day_km."""
    long = plan.days[plan.days["km"] > settings.long_day_km]
    return [
        [
            r.rep,
            f"{r.date:%Y-%m-%d} {weekday(r.date, lang)}",
            int(r.visits),
            float(r.km),
            int(r.drive_min),
            r.back,
        ]
        for r in records(long)
    ]


def _coverage_header(lang: str) -> list[object]:
    keys = ("plan.group", "coverage.customers", "coverage.due", "coverage.planned")
    return [*(text(k, lang) for k in keys), text("coverage.share", lang)]


def _coverage(plan: VisitPlan, lang: str) -> list[list[object]]:
    return [
        [text(f"group.{r.group}", lang), int(r.customers), int(r.due), int(r.planned), r.share]
        for r in records(plan.coverage)
    ]


def _scope(scope: dict[str, object], lang: str) -> list[list[object]]:
    """Key and value of each part of the scope; a blank rep reads '(all reps)'."""
    everyone = text("scope.all", lang)
    return [
        [key, everyone if key == "rep" and not value else value] for key, value in scope.items()
    ]


def read_scope(frame: pd.DataFrame) -> dict[str, str]:
    """The scope written by month_report, from its PlanScope table (key column, value column);
    '(all reps)' in either language reads as a blank rep."""
    if frame.shape[1] < 2:
        return {}
    everyone = {text("scope.all", lang) for lang in ("en", "zh")}
    scope = {}
    for key, value in zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True):
        if pd.notna(key):
            shown = "" if pd.isna(value) else str(value).strip()
            scope[str(key).strip()] = "" if shown in everyone else shown
    return scope
