"""Use cases over the workbook port: read and check customers, classify them, refresh the summary.

The same functions serve the Excel macro (live workbook), the command line and the Python API
(files), so a rule is applied one way whichever door the user came in by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from addin.domain import plan_input
from addin.domain.abc_analysis import CLASSES, AbcResult, classify_abc
from addin.domain.errors import InvalidValuesError, SettingsError
from addin.domain.i18n import text
from addin.domain.pareto import pareto_points
from addin.domain.pipeline import NO_REP, PipelineRule, pipeline_health
from addin.domain.plan_pages import plan_sheets
from addin.domain.plan_tables import PLAN_TABLE
from addin.domain.problems import Layout, Problem, describe_all
from addin.domain.prospect_tables import health_table, matrix_table, segment_column
from addin.domain.prospects import (
    DECISION_LABELS,
    DECISIONS,
    STAGES,
    effective_stages,
    fold,
    prospect_fills,
)
from addin.domain.schema import (
    ALL_COLUMNS,
    BY_KEY,
    CLASS_COLUMN,
    KIND_LABELS,
    KINDS,
    SEGMENT_COLUMN,
)
from addin.domain.segments import (
    LOYALTIES,
    LOYALTY_LABELS,
    SOURCE_LABELS,
    SOURCE_VOCABULARY,
    SOURCES,
    TARGET_LABELS,
    TARGETS,
    segment_matrix,
    segments,
)
from addin.domain.settings import Settings, parse_settings
from addin.domain.validation import CustomerTable, validate_customers
from addin.domain.visit_plan import VisitPlan
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


def check_customers(
    raw: RawTable, strict: bool = False, settings: Settings | None = None
) -> CustomerTable:
    """Validate a raw customer table; in strict mode any unreadable cell stops the run.

    The settings name the workbook's stages, so a renamed stage is still read.
    """
    names = settings.stage_names() if settings else None
    table = validate_customers(raw.frame, raw.layout, names)
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
    table = check_customers(raw, strict, settings)
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
) -> None:
    """Put validated customers into the book's Customers table (a fresh copy of a template)."""
    columns = [c.label(lang) for c in ALL_COLUMNS]
    frame = customers_for_template(table, lang, settings)
    extras = [c for c in frame.columns if c not in columns]
    book.write_table(CUSTOMERS, frame.reindex(columns=columns + extras))


# --- prospects: colours, segments and pipeline health (issue 3) ---
PIPELINE = "Pipeline"
SEGMENTS = "Segments"


@dataclass(frozen=True)
class ProspectReport:
    """What colouring prospects found, for a status bar, a log line or a test."""

    health: pd.DataFrame
    """pipeline_health's figures: one row per rep, then the team row."""
    matrix: pd.DataFrame
    problems: list[Problem]
    layout: Layout
    lang: str = "en"

    def message(self) -> str:
        team, reps = self.health.iloc[-1], self.health.iloc[:-1]
        below = int((reps["vs_target"][reps["rep"] != NO_REP] < 0).sum())
        return text(
            "done.prospects",
            red=int(team["red"]),
            yellow=int(team["yellow"]),
            green=int(team["green"]),
            live=int(team["live"]),
            target=f"{team['target']:g}",
            below=below,
            stale=int(team["stale"]),
            problems=len(self.problems),
        )

    def describe_problems(self) -> str:
        return describe_all(self.problems, self.layout)


def colour_workbook(
    book: WorkbookPort,
    strict: bool = False,
    as_of: dt.date | None = None,
    append_segment: bool = True,
    overrides: Mapping[str, object] | None = None,
) -> ProspectReport:
    """Read Customers and Settings; write prospect colours, the Segment column, Pipeline and
    Segments. Classes already in the table feed the segments; nothing else is touched.

    Columns are found under the user's own headers. Stage and Follow-up are coloured only where
    they exist; without `append_segment` a table with no Segment column gets none (refresh).
    `overrides` are Settings fields that win over the sheet.
    """
    settings = read_settings(book).with_overrides(**(overrides or {}))
    raw = book.read_table(CUSTOMERS)
    table = check_customers(raw, strict, settings)
    rows = pd.RangeIndex(len(raw.frame)) + raw.layout.header_row + 1
    lang = workbook_language(table.layout)
    headers = dict(table.layout.headers)
    if append_segment:
        headers.setdefault(SEGMENT_COLUMN.key, SEGMENT_COLUMN.label(lang))
    classes = table.frame.get("abc_class")
    return write_prospects(book, table, settings, lang, classes, rows, as_of, headers)


def write_prospects(
    book: WorkbookPort,
    table: CustomerTable,
    settings: Settings,
    lang: str,
    classes: pd.Series | None,
    rows: pd.Index | None = None,
    as_of: dt.date | None = None,
    headers: Mapping[str, str] | None = None,
) -> ProspectReport:
    """Static fills on Stage and Follow-up (for copies that leave the workbook), the Segment
    column, and the Pipeline and Segments tables when the workbook has them.

    `headers` names the columns in the book (key -> header); by default the template's labels.
    Stage, Follow-up and Segment are written only where `headers` names them.
    """
    headers = headers or {key: column.label(lang) for key, column in BY_KEY.items()}
    frame = table.frame
    rows = frame.index if rows is None else rows
    stages = effective_stages(_codes(frame, "stage"), _codes(frame, "kind"))
    fills = pd.Series(
        prospect_fills(stages, _codes(frame, "follow_up"), settings.stage_palette()),
        index=frame.index,
        dtype=object,
    ).reindex(rows)
    colours = [None if pd.isna(f) else str(f) for f in fills]
    for key in ("stage", "follow_up"):
        if key in headers:
            book.set_fills(CUSTOMERS, headers[key], colours)
    segmented = segments(frame, classes)
    if SEGMENT_COLUMN.key in headers:
        words = pd.Series(segment_column(segmented, lang), index=frame.index, dtype=object)
        segment_cells = [None if pd.isna(w) else w for w in words.reindex(rows)]
        book.write_column(CUSTOMERS, headers[SEGMENT_COLUMN.key], segment_cells)
    rule = PipelineRule(settings.pipeline_target, settings.stale_days, as_of)
    health = pipeline_health(frame, rule)
    matrix = segment_matrix(segmented)
    if book.has_table(PIPELINE):
        book.write_table(PIPELINE, health_table(health, lang))
    if book.has_table(SEGMENTS):
        book.write_table(SEGMENTS, matrix_table(matrix, lang))
    return ProspectReport(health, matrix, table.problems, table.layout, lang)


def source_code(value: str | None) -> str | None:
    """The code of a former customer's source given on the command line, in either language."""
    if value is None:
        return None
    code = SOURCE_VOCABULARY.get(fold(value))
    if code is None:
        raise SettingsError(
            text("error.cell_value", value=repr(value), expected=text("expected.source"))
        )
    return code


def _codes(frame: pd.DataFrame, key: str) -> pd.Series:
    if key in frame:
        return frame[key].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


# --- visit plans (issue 4) ---------------------------------------------------------------------


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
    settings = read_settings(book).with_overrides(plan_weeks=weeks, country=country)
    table = check_customers(book.read_table(CUSTOMERS), strict, settings)
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


DAYS_OFF = "DaysOff"
TOUCHES = "Touches"
VISIT_PLAN = PLAN_TABLE
