"""Use cases that run the service steps over one workbook: refresh it in place, or fill a template.

A run is a list of steps, each a function of (workbook port, options). Refresh runs
`REFRESH_STEPS` over a workbook the user has been editing; generate first puts one rep's (or one
region's) customers into a fresh copy of a template, classifies and colours them, then plans when
asked. Like the other services, this module imports only the domain and the port; a batch of
many workbooks is computed in one pass by services/generate.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pandas as pd

from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.planning.inputs import next_monday
from addin.domain.run_report import RunOptions, RunReport, StepReport
from addin.domain.schema import BY_KEY, CLASS_COLUMN, canonical_key
from addin.domain.validation import CustomerTable
from addin.ports import WorkbookPort
from addin.services.classify import classify_filled
from addin.services.common import VISIT_PLAN, fill_customers, read_settings
from addin.services.plan import plan_into, plan_workbook, planned_scope, planning_extras
from addin.services.prospects import classify_and_colour, write_prospects

Step = Callable[[WorkbookPort, RunOptions], "StepReport | Sequence[StepReport] | None"]
"""One part of a run; it may report once, several times (one per use case) or not at all."""


def customers_step(book: WorkbookPort, options: RunOptions) -> Sequence[StepReport]:
    """Classes and their colours, the summary, prospect colours, segments and pipeline health,
    from the book's own Customers and Settings, read and checked once (a refresh of 100,000
    rows spends most of its time there). A user's table never gets a Segment column added."""
    return classify_and_colour(book, options.strict, overrides=options.overrides)


def plan_step(book: WorkbookPort, options: RunOptions) -> StepReport | None:
    """Visit plans: from options.plan_start when one is asked for (generate --start), else again
    in a workbook that already holds a plan (refresh), from next Monday, for the rep and the
    weeks the plan was made for."""
    start, rep, weeks = options.plan_start, None, options.plan_weeks
    if start is None:
        if not book.has_table(VISIT_PLAN):
            return None
        start = next_monday(dt.date.today())
        rep, planned_weeks = planned_scope(book)
        weeks = weeks or planned_weeks
    return plan_workbook(
        book, start, weeks, rep=rep, strict=options.strict, options=options.planning
    )


REFRESH_STEPS: tuple[Step, ...] = (customers_step, plan_step)


def refresh_book(
    book: WorkbookPort, options: RunOptions | None = None, steps: Sequence[Step] = REFRESH_STEPS
) -> RunReport:
    """Recompute everything the add-in computes in `book`; nothing else is touched."""
    options = options or RunOptions()
    reports: list[StepReport] = []
    for step in steps:
        said = step(book, options)
        reports += [] if said is None else list(said) if isinstance(said, Sequence) else [said]
    return RunReport(reports)


def generate_book(
    book: WorkbookPort,
    table: CustomerTable,
    lang: str,
    options: RunOptions | None = None,
) -> RunReport:
    """Fill a fresh template copy with `table`, classify and colour it there, and plan its
    visits when options.plan_start asks for a plan.

    Every step works from the validated input, never from the copy just written: its problems
    name the rows of the export, each once, and nothing is read twice. The template's Settings
    (or the defaults) apply, with options.overrides on top.
    """
    options = options or RunOptions()
    settings = read_settings(book).with_overrides(**options.overrides)
    headers = fill_customers(book, table, lang, settings)
    known = {canonical_key(h): h for h in headers}
    header = known.get(CLASS_COLUMN.key) or CLASS_COLUMN.label(lang)
    report = classify_filled(book, table, settings, lang, header)
    in_book = {  # where each column sits now: the template's header, or the appended label
        key: known.get(key, column.label(lang))
        for key, column in BY_KEY.items()
        if key in known or key in table.frame
    }
    prospects = write_prospects(book, table, settings, lang, report.classes, headers=in_book)
    if options.plan_start is None:
        return RunReport([report, prospects])
    plan_settings = settings.with_overrides(plan_weeks=options.plan_weeks)
    extras = planning_extras(book)
    planned = plan_into(
        book, table, plan_settings, options.plan_start, lang, None, *extras, options.planning
    )
    return RunReport([report, prospects, planned])


def split_customers(table: CustomerTable, by: str) -> dict[str, CustomerTable]:
    """One table per rep (or region), sorted by name; rows without one go under the group ''
    (a rep really called '(blank)' is a rep like any other). Names are compared as the
    validation left them: trimmed and in Unicode NFC, so 'José' typed on a Mac is one rep.

    Problems stay with the rows they name.
    """
    keys = group_keys(table, by)
    groups = {}
    for name, rows in table.frame.groupby(keys, sort=True).groups.items():
        frame = table.frame.loc[rows]
        index = set(frame.index)
        problems = [p for p in table.problems if p.row in index]
        groups[str(name)] = CustomerTable(frame, table.layout, problems)
    return groups


def group_keys(table: CustomerTable, by: str) -> pd.Series:
    """Each row's rep (or region) as split_customers groups them: trimmed, '' where blank."""
    if by not in BY_KEY or by not in table.frame:
        column = BY_KEY.get(by)
        en, zh = (column.en, column.zh) if column else (by, by)
        raise SettingsError(text("error.group_column", where=table.layout.where(), en=en, zh=zh))
    return table.frame[by].astype("string").str.strip().fillna("")
