"""Use cases over the workbook port: read and check customers, classify them, refresh the summary.

The same functions serve the Excel macro (live workbook), the command line and the Python API
(files), so a rule is applied one way whichever door the user came in by.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from addin.domain.abc_analysis import CLASSES, AbcResult, classify_abc
from addin.domain.errors import InvalidValuesError, SettingsError
from addin.domain.i18n import text
from addin.domain.pareto import pareto_points
from addin.domain.problems import Layout, Problem, describe_all
from addin.domain.schema import ALL_COLUMNS, BY_KEY, CLASS_COLUMN, KIND_LABELS, KINDS
from addin.domain.settings import Settings, parse_settings
from addin.domain.validation import CustomerTable, validate_customers
from addin.ports import RawTable, WorkbookPort

CUSTOMERS = "Customers"
SETTINGS = "Settings"
SUMMARY = "AbcSummary"
PARETO = "ParetoData"


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


def workbook_language(layout: Layout) -> str:
    """'zh' when the headers are mostly the Chinese labels, else 'en'."""
    chinese = sum(BY_KEY[k].zh == h for k, h in layout.headers.items())
    return "zh" if chinese * 2 > len(layout.headers) else "en"


def read_settings(book: WorkbookPort) -> Settings:
    """The Settings table's values by key; a workbook without one uses the defaults."""
    return (
        settings_from_table(book.read_table(SETTINGS)) if book.has_table(SETTINGS) else Settings()
    )


def settings_from_table(raw: RawTable) -> Settings:
    """Settings from a table whose first column holds the keys and a 'Value' column the values."""
    frame = raw.frame
    keys = frame[frame.columns[0]].astype("string").str.strip()
    values = dict(zip(keys, frame[_value_column(frame)], strict=True))
    rows = {k: raw.layout.header_row + 1 + i for i, k in enumerate(keys)}
    return parse_settings(values, lambda key: raw.layout.where(None, rows.get(key)) + f" ({key})")


def _value_column(frame: pd.DataFrame) -> object:
    for name in frame.columns:
        if str(name).strip().casefold() in ("value", "值"):
            return name
    return frame.columns[2] if len(frame.columns) > 2 else frame.columns[-1]


def check_customers(raw: RawTable, strict: bool = False) -> CustomerTable:
    """Validate a raw customer table; in strict mode any unreadable cell stops the run."""
    table = validate_customers(raw.frame, raw.layout)
    if strict and table.problems:
        heading = text("error.strict", count=len(table.problems))
        raise InvalidValuesError(f"{heading}\n{table.describe_problems()}")
    return table


def classify_table(table: CustomerTable, settings: Settings) -> AbcResult:
    """Classes for a validated table, with its cell problems and the rule's own problems merged."""
    by = settings.abc_by or None
    if by is not None and by not in table.frame:
        column = BY_KEY[by]
        raise SettingsError(
            text("error.group_column", where=table.layout.where(), en=column.en, zh=column.zh)
        )
    result = classify_abc(table.frame, settings.abc_rule(), by=by)
    seen = {(p.row, p.column) for p in table.problems}
    fresh = [p for p in result.problems if (p.row, p.column) not in seen]
    problems = sorted([*table.problems, *fresh], key=lambda p: (p.row, p.column))
    return AbcResult(result.classes, result.summary, problems)


def classify_workbook(
    book: WorkbookPort, strict: bool = False, **overrides: object
) -> ClassifyReport:
    """Read Customers and Settings, write the class column, its colours and the summary.

    Touches nothing but the class column, its fills and the summary tables.
    """
    settings = read_settings(book).with_overrides(**overrides)
    raw = book.read_table(CUSTOMERS)
    table = check_customers(raw, strict)
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
    fill_customers(book, table, lang)
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
    values = [None if pd.isna(v) else str(v) for v in classes.astype("string")]
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


def customers_for_template(table: CustomerTable, lang: str) -> pd.DataFrame:
    """Validated customers in template column order under the template's headers, extras last."""
    known = [c for c in ALL_COLUMNS if c.key in table.frame]
    extras = [c for c in table.frame.columns if c not in BY_KEY]
    frame = table.frame[[c.key for c in known] + extras].copy()
    if "kind" in frame:
        frame["kind"] = frame["kind"].map(dict(zip(KINDS, KIND_LABELS[lang], strict=True)))
    typed = {(p.row, p.column): p.value for p in table.problems if p.column in frame}
    for column in {column for _, column in typed}:  # unreadable cells keep what the user typed
        originals = pd.Series({r: v for (r, c), v in typed.items() if c == column}, dtype=object)
        frame[column] = frame[column].astype(object)
        frame.loc[originals.index.intersection(frame.index), column] = originals
    return frame.rename(columns={c.key: c.label(lang) for c in known})


def fill_customers(book: WorkbookPort, table: CustomerTable, lang: str) -> None:
    """Put validated customers into the book's Customers table (a fresh copy of a template)."""
    columns = [c.label(lang) for c in ALL_COLUMNS]
    frame = customers_for_template(table, lang)
    extras = [c for c in frame.columns if c not in columns]
    book.write_table(CUSTOMERS, frame.reindex(columns=columns + extras))
