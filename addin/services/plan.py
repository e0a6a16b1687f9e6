"""Visit plans over the port: plan the customers of a book and write the plan sheets into it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from addin.domain import plan_input
from addin.domain.i18n import text
from addin.domain.plan_pages import plan_sheets
from addin.domain.problems import Layout, Problem, describe_all
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.domain.visit_plan import VisitPlan
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
        return describe_all(self.problems, self.layout)


def plan_workbook(
    book: WorkbookPort,
    start: dt.date,
    weeks: int | None = None,
    country: str | None = None,
    rep: str | None = None,
    strict: bool = False,
) -> PlanReport:
    """Read Customers, Settings, DaysOff and Touches; write the plan sheets into the same book.

    `weeks` and `country` win over the Settings sheet; `rep` plans one rep's customers only.
    """
    overrides = {"plan_weeks": weeks, "country": country}
    settings, _, table = read_checked(book, strict, overrides)
    extras = planning_extras(book)
    lang = workbook_language(table.layout)
    return plan_into(book, table, settings, start, lang, rep, *extras)


def plan_into(
    book: WorkbookPort,
    table: CustomerTable,
    settings: Settings,
    start: dt.date,
    lang: str,
    rep: str | None = None,
    days_off: Mapping[str, list[dt.date]] | None = None,
    manual: pd.DataFrame | None = None,
) -> PlanReport:
    """Classify `table`, plan its visits from `start` and write every plan sheet into `book`."""
    result = classify_table(table, settings)
    frame, classes = plan_input.for_rep(table, result.classes, rep)
    plan, touches = plan_input.make_plan(frame, classes, settings, start, lang, days_off, manual)
    for key, report in plan_sheets(plan, touches, frame, settings, lang):
        book.write_report(text(f"sheet.{key}", lang), report)
    return PlanReport(plan, touches, result.problems, table.layout, lang)


def planning_extras(
    book: WorkbookPort,
) -> tuple[dict[str, list[dt.date]] | None, pd.DataFrame | None]:
    """The optional DaysOff (rep, date) and Touches (customer, date, occasion, note) tables."""
    found = [book.read_table(n).frame if book.has_table(n) else None for n in (DAYS_OFF, TOUCHES)]
    return plan_input.extras_of(*found)
