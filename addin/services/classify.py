"""ABC classification over the port: the class column, its colours, the summary and Pareto data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from addin.domain.abc_analysis import CLASSES, AbcResult, classify_abc
from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.pareto import pareto_points
from addin.domain.problems import Layout, Problem, describe_all
from addin.domain.schema import (
    BY_KEY,
    CLASS_COLUMN,
)
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.ports import RawTable, WorkbookPort
from addin.services.common import (
    CUSTOMERS,
    PARETO,
    SUMMARY,
    cell_values,
    fill_customers,
    read_checked,
    workbook_language,
)


@dataclass(frozen=True)
class ClassifyReport:
    """What a classification did, for a status bar, a log line or a test."""

    counts: Mapping[str, int]
    problems: list[Problem]
    layout: Layout
    settings: Settings
    lang: str = "en"
    classes: pd.Series = field(default_factory=lambda: pd.Series(dtype="string"))

    @property
    def classified(self) -> int:
        return sum(self.counts.values())

    def message(self) -> str:
        c = self.counts
        return text(  # in the language of the run, like the problems listed after it
            "done.classified",
            classified=self.classified,
            a=c["A"],
            b=c["B"],
            c=c["C"],
            problems=len(self.problems),
        )

    def describe_problems(self) -> str:
        return describe_all(self.problems, self.layout)


def classify_table(table: CustomerTable, settings: Settings) -> AbcResult:
    """Classes for a validated table, with its cell problems and the rule's own problems merged."""
    by = settings.abc_by or None
    if by is not None and by not in table.frame:
        column = BY_KEY[by]
        raise SettingsError(
            text("error.group_column", where=table.layout.where(), en=column.en, zh=column.zh)
        )
    result = classify_abc(table.frame, settings.abc_rule(), by=by)
    return AbcResult(result.classes, result.summary, merged_problems(table, result.problems))


def merged_problems(table: CustomerTable, found: list[Problem]) -> list[Problem]:
    """The table's problems and those the rule `found` in other cells, by row and column."""
    seen = {(p.row, p.column) for p in table.problems}
    fresh = [p for p in found if (p.row, p.column) not in seen]
    return sorted([*table.problems, *fresh], key=lambda p: (p.row, p.column))


def classify_workbook(
    book: WorkbookPort, strict: bool = False, **overrides: object
) -> ClassifyReport:
    """Read Customers and Settings, write the class column, its colours and the summary.

    Touches nothing but the class column, its fills and the summary tables.
    """
    settings, raw, table = read_checked(book, strict, overrides)
    return classify_checked(book, raw, table, settings)


def classify_checked(
    book: WorkbookPort, raw: RawTable, table: CustomerTable, settings: Settings
) -> ClassifyReport:
    """classify_workbook after the table was read (`raw`) and checked (`table`)."""
    result = classify_table(table, settings)
    lang = workbook_language(table.layout)
    rows = pd.RangeIndex(len(raw.frame)) + raw.layout.header_row + 1
    header = table.layout.headers.get(CLASS_COLUMN.key, CLASS_COLUMN.label(lang))
    write_classes(book, header, result.classes.reindex(rows), settings)
    write_summary(book, table, result, lang)
    return _report(table, result, settings, lang)


def classify_into(
    book: WorkbookPort, table: CustomerTable, settings: Settings, lang: str
) -> ClassifyReport:
    """Fill a fresh template's Customers table with `table` and classify it there.

    Problems keep naming the rows of the input the table was read from.
    """
    fill_customers(book, table, lang, settings)
    return classify_filled(book, table, settings, lang, CLASS_COLUMN.label(lang))


def classify_filled(
    book: WorkbookPort, table: CustomerTable, settings: Settings, lang: str, header: str
) -> ClassifyReport:
    """Classify `table`, already in the book's Customers table in the same row order, writing
    the classes under `header`: no second read or validation of what was just written."""
    result = classify_table(table, settings)
    write_classes(book, header, result.classes, settings)
    write_summary(book, table, result, lang)
    return _report(table, result, settings, lang)


def _report(
    table: CustomerTable, result: AbcResult, settings: Settings, lang: str
) -> ClassifyReport:
    counts = result.classes.value_counts().reindex(list(CLASSES), fill_value=0)
    return ClassifyReport(
        {str(k): int(v) for k, v in counts.items()},
        result.problems,
        table.layout,
        settings,
        lang,
        result.classes,
    )


def write_classes(book: WorkbookPort, header: str, classes: pd.Series, settings: Settings) -> None:
    """The class of each table row (blank where none) and its static fill."""
    values = cell_values(classes.astype("string"))
    colors = settings.class_colors()
    book.write_column(CUSTOMERS, header, values)
    book.set_fills(CUSTOMERS, header, [colors.get(v) if v else None for v in values])


def write_summary(book: WorkbookPort, table: CustomerTable, result: AbcResult, lang: str) -> None:
    sales = table.frame["annual_sales"] if "annual_sales" in table.frame else pd.Series(dtype=float)
    if book.has_table(SUMMARY):  # per rep (or region) as well when classified within them
        book.write_table(SUMMARY, summary_frame(result.summary, lang))
    if book.has_table(PARETO):
        names = table.frame["name"] if "name" in table.frame else pd.Series(dtype="string")
        book.write_table(
            PARETO, pareto_frame(pareto_points(sales.where(result.classes.notna()), names), lang)
        )


def summary_frame(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The summary under the workbook's own headings."""
    keys = ["customers", "customer_share", "sales", "sales_share"]
    renamed = {"group": text("summary.group", lang), "abc_class": text("summary.class", lang)}
    renamed |= {k: text(f"summary.{k}", lang) for k in keys}
    return summary.rename(columns=renamed)


def pareto_frame(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    return points.rename(
        columns={
            "label": text("pareto.label", lang),
            "sales": text("pareto.sales", lang),
            "cumulative_share": text("pareto.cumulative", lang),
        }
    )
