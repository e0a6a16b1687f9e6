"""Visit plans over the port: plan the customers of a book and write the plan sheets into it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from addin.domain.i18n import text
from addin.domain.planning import inputs
from addin.domain.planning.month import SCOPE_TABLE, read_scope
from addin.domain.planning.pages import plan_sheets
from addin.domain.planning.plan import PlanOptions, VisitPlan
from addin.domain.problems import Layout, Problem, describe_all
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.ports import WorkbookPort
from addin.services.classify import classify_table
from addin.services.common import (
    DAYS_OFF,
    TOUCHES,
    read_checked,
    workbook_language,
)


@dataclass(frozen=True)
class PlanReport:
    """What planning did: the plan, the touch calendar, the cells that could not be read."""

    plan: VisitPlan
    touches: pd.DataFrame
    problems: list[Problem]
    layout: Layout
    lang: str = "en"
    long_day_km: float = Settings.long_day_km

    def message(self) -> str:
        return text(
            "done.planned",
            planned=len(self.plan.visits),
            reps=self.plan.visits["rep"].nunique(),
            start=self.plan.calendar.start.isoformat(),
            end=self.plan.calendar.end.isoformat(),
            unscheduled=len(self.plan.unscheduled),
        )

    def describe_problems(self) -> str:
        """Cells that could not be read, then every day that drives too far."""
        lines = [describe_all(self.problems, self.layout)] if self.problems else []
        long = self.plan.days[self.plan.days["km"] > self.long_day_km]
        lines += [
            text(
                "warning.long_day",
                rep=r.rep,
                km=f"{r.km:.0f}",
                date=f"{r.date:%Y-%m-%d}",
                limit=self.long_day_km,
            )
            for r in long.itertuples()
        ]
        return "\n".join(lines)


def plan_workbook(
    book: WorkbookPort,
    start: dt.date,
    weeks: int | None = None,
    country: str | None = None,
    rep: str | None = None,
    strict: bool = False,
    options: PlanOptions | None = None,
) -> PlanReport:
    """Read Customers, Settings, DaysOff and Touches; write the plan sheets into the same book.

    `weeks` and `country` win over the Settings sheet; `rep` plans one rep's customers only.
    """
    overrides = {"plan_weeks": weeks, "country": country}
    settings, _, table = read_checked(book, strict, overrides)
    extras = planning_extras(book)
    lang = workbook_language(table.layout)
    return plan_into(book, table, settings, start, lang, rep, *extras, options=options)


def plan_into(
    book: WorkbookPort,
    table: CustomerTable,
    settings: Settings,
    start: dt.date,
    lang: str,
    rep: str | None = None,
    days_off: Mapping[str, list[dt.date]] | None = None,
    manual: pd.DataFrame | None = None,
    options: PlanOptions | None = None,
) -> PlanReport:
    """Classify `table`, plan its visits from `start` and write every plan sheet into `book`.

    The Month sheet keeps the scope (rep, weeks), so that refresh plans the same again.
    """
    options = options or PlanOptions()
    result = classify_table(table, settings)
    frame, classes = inputs.for_rep(table, result.classes, rep)
    plan, touches = inputs.make_plan(
        frame, classes, settings, start, lang, days_off, manual, options
    )
    scope: dict[str, object] = {"rep": rep or "", "weeks": settings.plan_weeks}
    for key, report in plan_sheets(plan, touches, frame, settings, lang, scope, options.seconds):
        book.write_report(text(f"sheet.{key}", lang), report)
    return PlanReport(plan, touches, result.problems, table.layout, lang, settings.long_day_km)


def planned_scope(book: WorkbookPort) -> tuple[str | None, int | None]:
    """The rep and weeks a book's plan was made for (None: every rep, the Settings' weeks)."""
    if not book.has_table(SCOPE_TABLE):
        return None, None
    scope = read_scope(book.read_table(SCOPE_TABLE).frame)
    try:
        weeks = int(float(scope.get("weeks", "")))
    except ValueError:
        weeks = None
    return scope.get("rep") or None, weeks


def planning_extras(
    book: WorkbookPort,
) -> tuple[dict[str, list[dt.date]] | None, pd.DataFrame | None]:
    """The optional DaysOff (rep, date) and Touches (customer, date, occasion, note) tables."""
    found = [book.read_table(n).frame if book.has_table(n) else None for n in (DAYS_OFF, TOUCHES)]
    return inputs.extras_of(*found)
