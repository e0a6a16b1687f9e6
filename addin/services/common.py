"""What every use case shares: the table names, the Settings table, reading and checking the
customer table, and putting customers into a template."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import pandas as pd

from addin.domain.errors import InvalidValuesError
from addin.domain.i18n import text
from addin.domain.planning import PLAN_TABLE
from addin.domain.problems import Layout
from addin.domain.prospects import (
    DECISION_LABELS,
    DECISIONS,
    STAGES,
)
from addin.domain.schema import (
    ALL_COLUMNS,
    BY_KEY,
    CUSTOMERS,
    KIND_LABELS,
    KINDS,
    canonical_key,
    headers_language,
)
from addin.domain.segments import (
    LOYALTIES,
    LOYALTY_LABELS,
    SOURCE_LABELS,
    SOURCES,
    TARGET_LABELS,
    TARGETS,
)
from addin.domain.settings import Settings, parse_settings
from addin.domain.validation import CustomerTable, validate_customers
from addin.ports import RawTable, WorkbookPort

SETTINGS = "Settings"
SUMMARY = "AbcSummary"
PARETO = "ParetoData"


def cell_values(column: pd.Series) -> list[Any]:
    """A column as cell values for the port: missing ones (NA, NaN) as None, in one pass."""
    return column.astype(object).where(column.notna(), None).tolist()


def workbook_language(layout: Layout) -> str:
    """'zh' when the table's headers are mostly the Chinese labels, else 'en'."""
    return headers_language(layout.headers.values())


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


def read_checked(
    book: WorkbookPort,
    strict: bool = False,
    overrides: Mapping[str, object] | None = None,
    only: Collection[str] | None = None,
) -> tuple[Settings, RawTable, CustomerTable]:
    """What every in-place use case starts from: the book's Settings (with `overrides` on top),
    its Customers table as read, and the same table checked."""
    settings = read_settings(book).with_overrides(**(overrides or {}))
    raw = book.read_table(CUSTOMERS)
    return settings, raw, check_customers(raw, strict, settings, only)


def check_customers(
    raw: RawTable,
    strict: bool = False,
    settings: Settings | None = None,
    only: Collection[str] | None = None,
) -> CustomerTable:
    """Validate a raw customer table; in strict mode any unreadable cell stops the run.

    The settings name the workbook's stages, so a renamed stage is still read. `only` limits the
    typing and checking to the columns a use case needs.
    """
    names = settings.stage_names() if settings else None
    table = validate_customers(raw.frame, raw.layout, names, only)
    if strict and table.problems:
        heading = text("error.strict", count=len(table.problems))
        raise InvalidValuesError(f"{heading}\n{table.describe_problems()}")
    return table


def customers_for_template(
    table: CustomerTable, lang: str, settings: Settings | None = None
) -> pd.DataFrame:
    """Validated customers in template column order under the template's headers, extras last.

    Coded cells (kind, stage, follow-up, ...) are written as the template's drop-downs list them.
    """
    known = [c for c in ALL_COLUMNS if c.key in table.frame]
    extras = [c for c in table.frame.columns if c not in BY_KEY]
    frame = table.frame[[c.key for c in known] + extras].copy()
    for key, labels in coded_labels(lang, settings or Settings()).items():
        if key in frame:
            frame[key] = frame[key].map(labels)
    typed = {(p.row, p.column): p.value for p in table.problems if p.column in frame}
    for column in {column for _, column in typed}:  # unreadable cells keep what the user typed
        originals = pd.Series({r: v for (r, c), v in typed.items() if c == column}, dtype=object)
        frame[column] = frame[column].astype(object)
        frame.loc[originals.index.intersection(frame.index), column] = originals
    return frame.rename(columns={c.key: c.label(lang) for c in known})


def coded_labels(lang: str, settings: Settings) -> dict[str, dict[str, str]]:
    """Code -> how a workbook in `lang` writes it, for every column with a fixed vocabulary."""
    lists = {
        "kind": (KINDS, KIND_LABELS[lang]),
        "stage": (STAGES, settings.stage_labels(lang)),
        "follow_up": (DECISIONS, DECISION_LABELS[lang]),
        "competitor_loyalty": (LOYALTIES, LOYALTY_LABELS[lang]),
        "target_level": (TARGETS, TARGET_LABELS[lang]),
        "source": (SOURCES, SOURCE_LABELS[lang]),
    }
    return {key: dict(zip(codes, labels, strict=True)) for key, (codes, labels) in lists.items()}


def fill_customers(
    book: WorkbookPort, table: CustomerTable, lang: str, settings: Settings | None = None
) -> list[str]:
    """Validated customers into the book's Customers table (a fresh copy of a template): its
    columns, in its order, under its headers; input columns it lacks are appended after them.
    Returns the template's headers."""
    headers = [str(h) for h in book.read_table(CUSTOMERS).frame.columns]
    frame = arranged_customers(headers, table, lang, settings)
    book.write_table(CUSTOMERS, frame.reset_index(drop=True))
    return headers


def arranged_customers(
    headers: list[str], table: CustomerTable, lang: str, settings: Settings | None = None
) -> pd.DataFrame:
    """The rows fill_customers writes under a template's `headers`, indexed as `table`."""
    frame = customers_for_template(table, lang, settings)
    by_key = {canonical_key(c): c for c in frame.columns if canonical_key(c)}
    used: set[object] = set()
    columns: dict[str, pd.Series] = {}
    blank = pd.Series(None, index=frame.index, dtype=object)  # one for every column left blank
    for header in headers:
        key = canonical_key(header)
        source = by_key.get(key) if key else (header if header in frame else None)
        used.add(source)
        columns[header] = frame[source] if source is not None else blank
    for name in frame.columns:
        if name not in used:
            columns[str(name)] = frame[name]
    return pd.DataFrame(columns)


REFRESHED_KEYS = frozenset(
    {
        "customer_id",
        "name",
        "kind",
        "annual_sales",
        "previous_sales",
        "rep",
        "region",
        "stage",
        "follow_up",
        "competitor_loyalty",
        "target_level",
        "last_visit",
        "abc_class",
    }
)
"""The columns classes, prospect colours, segments and pipeline health are computed from."""
PIPELINE = "Pipeline"
SEGMENTS = "Segments"
DAYS_OFF = "DaysOff"
TOUCHES = "Touches"
VISIT_PLAN = PLAN_TABLE
