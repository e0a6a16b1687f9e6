"""Prospects over the port: stage colours, the Segment column, the Pipeline and Segments tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from addin.domain.i18n import text
from addin.domain.pipeline import NO_REP, PipelineRule, pipeline_health
from addin.domain.problems import Layout, Problem, describe_all
from addin.domain.prospect_tables import health_table, matrix_table, segment_column
from addin.domain.prospects import (
    effective_stages,
    prospect_fills,
)
from addin.domain.schema import (
    BY_KEY,
    SEGMENT_COLUMN,
)
from addin.domain.segments import (
    segment_matrix,
    segments,
)
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.ports import RawTable, WorkbookPort
from addin.services.classify import ClassifyReport, classify_checked
from addin.services.common import (
    CUSTOMERS,
    PIPELINE,
    REFRESHED_KEYS,
    SEGMENTS,
    cell_values,
    read_checked,
    workbook_language,
)


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
    settings, raw, table = read_checked(book, strict, overrides)
    classes = table.frame.get("abc_class")
    return colour_checked(book, raw, table, settings, classes, as_of, append_segment)


def classify_and_colour(
    book: WorkbookPort,
    strict: bool = False,
    as_of: dt.date | None = None,
    overrides: Mapping[str, object] | None = None,
) -> tuple[ClassifyReport, ProspectReport]:
    """What a refresh recomputes in the Customers table, reading and checking it once: the
    classes, then the prospect colours and segments from those fresh classes. A table without
    a Segment column gets none. Only the columns these use are checked (REFRESHED_KEYS), so
    problems name the cells that affect the result."""
    settings, raw, table = read_checked(book, strict, overrides, REFRESHED_KEYS)
    classified = classify_checked(book, raw, table, settings)
    colour = colour_checked(book, raw, table, settings, classified.classes, as_of, False)
    return classified, colour


def colour_checked(
    book: WorkbookPort,
    raw: RawTable,
    table: CustomerTable,
    settings: Settings,
    classes: pd.Series | None,
    as_of: dt.date | None = None,
    append_segment: bool = True,
) -> ProspectReport:
    """colour_workbook after the table was read (`raw`) and checked (`table`)."""
    rows = pd.RangeIndex(len(raw.frame)) + raw.layout.header_row + 1
    lang = workbook_language(table.layout)
    headers = dict(table.layout.headers)
    if append_segment:
        headers.setdefault(SEGMENT_COLUMN.key, SEGMENT_COLUMN.label(lang))
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
    colours = cell_values(fills)
    for key in ("stage", "follow_up"):
        if key in headers:
            book.set_fills(CUSTOMERS, headers[key], colours)
    segmented = segments(frame, classes)
    if SEGMENT_COLUMN.key in headers:
        words = pd.Series(segment_column(segmented, lang), index=frame.index, dtype=object)
        segment_cells = cell_values(words.reindex(rows))
        book.write_column(CUSTOMERS, headers[SEGMENT_COLUMN.key], segment_cells)
    rule = PipelineRule(settings.pipeline_target, settings.stale_days, as_of)
    health = pipeline_health(frame, rule)
    matrix = segment_matrix(segmented)
    if book.has_table(PIPELINE):
        book.write_table(PIPELINE, health_table(health, lang, settings.stage_labels(lang)))
    if book.has_table(SEGMENTS):
        book.write_table(SEGMENTS, matrix_table(matrix, lang))
    return ProspectReport(health, matrix, table.problems, table.layout, lang)


def _codes(frame: pd.DataFrame, key: str) -> pd.Series:
    if key in frame:
        return frame[key].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")
