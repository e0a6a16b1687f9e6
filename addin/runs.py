"""Use cases that run the service steps over one workbook: refresh it in place, or fill a template.

A run is a list of steps, each a function of (workbook port, options). Refresh runs
`REFRESH_STEPS` over a workbook the user has been editing; generate first puts one rep's (or one
region's) customers into a fresh copy of a template, then runs the same steps. Prospects and visit
plans slot in by adding their step to `REFRESH_STEPS`. Like services.py, this module imports only
the domain and the port.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.problems import Problem
from addin.domain.schema import BY_KEY, CLASS_COLUMN, canonical_key
from addin.domain.validation import CustomerTable
from addin.ports import WorkbookPort
from addin.services import (
    CUSTOMERS,
    classify_filled,
    classify_workbook,
    customers_for_template,
    read_settings,
)


@dataclass(frozen=True)
class RunOptions:
    """What a run was asked for: strictness, Settings overrides, and the visit-plan window."""

    strict: bool = False
    overrides: Mapping[str, object] = field(default_factory=dict)
    plan_start: dt.date | None = None
    plan_weeks: int | None = None


class StepReport(Protocol):
    @property
    def problems(self) -> list[Problem]: ...

    def message(self) -> str: ...

    def describe_problems(self) -> str: ...


Step = Callable[[WorkbookPort, RunOptions], "StepReport | None"]


def classify_step(book: WorkbookPort, options: RunOptions) -> StepReport:
    """ABC classes, their colours and the summary, from the book's own Customers and Settings."""
    return classify_workbook(book, options.strict, **options.overrides)


def plan_step(book: WorkbookPort, options: RunOptions) -> StepReport | None:
    """Where visit plans (issue 4) will be written from options.plan_start/plan_weeks.

    Nothing is planned in this release: the window is checked by the caller and carried here.
    """
    return None


REFRESH_STEPS: tuple[Step, ...] = (classify_step, plan_step)
GENERATE_STEPS: tuple[Step, ...] = (plan_step,)
"""What generate runs after the rep's customers are in and classified (from the validated input,
so that problems name the rows of the export and nothing is read or validated twice)."""


@dataclass(frozen=True)
class RunReport:
    """The reports of the steps that had something to say, in the order they ran."""

    reports: list[StepReport]

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.reports for p in r.problems]

    def message(self) -> str:
        return "\n".join(r.message() for r in self.reports)

    def describe_problems(self) -> str:
        return "\n".join(d for r in self.reports if (d := r.describe_problems()))

    def first(self, kind: type) -> object | None:
        return next((r for r in self.reports if isinstance(r, kind)), None)


def refresh_book(
    book: WorkbookPort, options: RunOptions | None = None, steps: Sequence[Step] = REFRESH_STEPS
) -> RunReport:
    """Recompute everything the add-in computes in `book`; nothing else is touched."""
    options = options or RunOptions()
    reports = [step(book, options) for step in steps]
    return RunReport([r for r in reports if r is not None])


def generate_book(
    book: WorkbookPort,
    table: CustomerTable,
    lang: str,
    options: RunOptions | None = None,
    steps: Sequence[Step] = GENERATE_STEPS,
) -> RunReport:
    """Fill a fresh template copy with `table` and classify it there, then run `steps` over it.

    The template's Settings (or the defaults) apply, with options.overrides on top.
    """
    options = options or RunOptions()
    settings = read_settings(book).with_overrides(**options.overrides)
    headers = fill_template(book, table, lang)
    known = {canonical_key(h): h for h in headers}
    header = known.get(CLASS_COLUMN.key) or CLASS_COLUMN.label(lang)
    report = classify_filled(book, table, settings, lang, header)
    return RunReport([report, *refresh_book(book, options, steps).reports])


def fill_template(book: WorkbookPort, table: CustomerTable, lang: str) -> list[str]:
    """Customers into the template's own Customers table: its columns, in its order, under its
    headers; input columns it lacks are appended after them. Returns the template's headers."""
    headers = [str(h) for h in book.read_table(CUSTOMERS).frame.columns]
    frame = customers_for_template(table, lang)
    by_key = {canonical_key(c): c for c in frame.columns if canonical_key(c)}
    used: set[object] = set()
    columns: dict[str, pd.Series] = {}
    for header in headers:
        key = canonical_key(header)
        source = by_key.get(key) if key else (header if header in frame else None)
        used.add(source)
        blank = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        columns[header] = frame[source] if source is not None else blank
    for name in frame.columns:
        if name not in used:
            columns[str(name)] = frame[name]
    book.write_table(CUSTOMERS, pd.DataFrame(columns).reset_index(drop=True))
    return headers


def template_language(headers: Sequence[str]) -> str:
    """'zh' when most of the headers we know are written as the Chinese labels, else 'en'."""
    known = [(h, canonical_key(h)) for h in headers]
    chinese = sum(1 for h, k in known if k and BY_KEY[k].zh == h.strip())
    english = sum(1 for h, k in known if k and h.strip() != BY_KEY[k].zh)
    return "zh" if chinese > english else "en"


def split_customers(table: CustomerTable, by: str) -> dict[str, CustomerTable]:
    """One table per rep (or region), sorted by name; rows without one go under a 'blank' group.

    Problems stay with the rows they name.
    """
    if by not in BY_KEY or by not in table.frame:
        column = BY_KEY.get(by)
        en, zh = (column.en, column.zh) if column else (by, by)
        raise SettingsError(text("error.group_column", where=table.layout.where(), en=en, zh=zh))
    keys = table.frame[by].astype("string").str.strip().fillna("")
    keys = keys.where(keys != "", text("batch.blank_group"))
    groups = {}
    for name, rows in table.frame.groupby(keys, sort=True).groups.items():
        frame = table.frame.loc[rows]
        index = set(frame.index)
        problems = [p for p in table.problems if p.row in index]
        groups[str(name)] = CustomerTable(frame, table.layout, problems)
    return groups
