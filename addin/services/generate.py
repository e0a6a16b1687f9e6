"""Generate: every rep's (or region's) workbook computed in one pass over the whole export, then
each one rendered into a fresh copy of the template.

Per workbook, the old path spent most of its time in pandas' fixed costs (crosstab, pivot
tables, Series built for 200 rows), paid again for each of 1,000 workbooks. Here classes,
colours, segments, pipeline and summaries are computed grouped (a class still depends only on
its own workbook's customers), and a workbook is a list of cells and tables to write.
`generate_book` (services/runs.py) is the same result one workbook at a time: the reference
the tests compare with, and the way taken when the one pass refuses the export.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.domain.abc_analysis import CLASSES, AbcResult, classify_abc_groups
from addin.domain.errors import CustdevError
from addin.domain.pareto import pareto_groups
from addin.domain.pipeline import PipelineRule, pipeline_health_groups
from addin.domain.problems import Layout, Problem, describe_all
from addin.domain.prospect_tables import health_table, matrix_tables, segment_column
from addin.domain.prospects import effective_stages, prospect_fills
from addin.domain.run_report import RunOptions, RunReport
from addin.domain.schema import BY_KEY, CLASS_COLUMN, SEGMENT_COLUMN, canonical_key
from addin.domain.segments import segment_counts, segments
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.ports import WorkbookPort
from addin.services.classify import ClassifyReport, merged_problems, pareto_frame, summary_frame
from addin.services.common import (
    CUSTOMERS,
    PARETO,
    PIPELINE,
    SEGMENTS,
    SUMMARY,
    arranged_customers,
    cell_values,
    read_settings,
)
from addin.services.plan import plan_into, planning_extras
from addin.services.runs import generate_book, group_keys

Edit = tuple[str, str, object]
"""('table', name, frame), ('column', header, cells) or ('fills', header, colours)."""


@dataclass(frozen=True)
class Prepared:
    """One workbook of a batch, computed with the others: what to write, in generate_book's
    order, and what its run reports."""

    edits: tuple[Edit, ...]
    counts: dict[str, int]
    problems: tuple[list[Problem], list[Problem]]
    """The classification's problems, then the input's: generate_book reports both."""
    layout: Layout
    rows: int
    table: CustomerTable | None = None
    """The group's customers, kept only when a visit plan is asked for."""


@dataclass(frozen=True)
class Rendered:
    """What a generated workbook's manifest line says: classes counted, problems described."""

    counts: dict[str, int]
    problems: list[str]


Work = Prepared | CustomerTable
"""A workbook computed in the one pass, or the group's customers to run on their own."""


def group_names(table: CustomerTable, by: str) -> list[str]:
    """The batch's groups as prepare_batch names them: sorted, '' for rows without one."""
    return group_codes(table, by)[1]


def group_codes(table: CustomerTable, by: str) -> tuple[np.ndarray, list[str]]:
    """Each row's group as a number, and the groups' names (sorted, '' for rows without one):
    row i is in group names[codes[i]]."""
    codes, names = pd.factorize(group_keys(table, by), sort=True)
    return np.asarray(codes, np.intp), [str(n) for n in names]


def rows_of(work: Work) -> int:
    return len(work.frame) if isinstance(work, CustomerTable) else work.rows


def prepare_batch(
    template: WorkbookPort,
    table: CustomerTable,
    by: str,
    lang: str,
    options: RunOptions,
    coded: tuple[np.ndarray, list[str]] | None = None,
) -> dict[str, Work]:
    """Every group's workbook by name (sorted, as split_customers names them), computed in one
    pass. When the pass refuses the export (a Settings value, a missing column), each group
    runs on its own instead, so each workbook reports its own error as before. `coded` is
    `group_codes(table, by)` when the caller has it already."""
    codes, names = coded or group_codes(table, by)
    try:
        prepared = _prepare(template, table, codes, lang, options)
    except CustdevError:
        return {n: group_rows(table, codes == i) for i, n in enumerate(names)}
    return dict(zip(names, prepared, strict=True))


def group_rows(table: CustomerTable, mask: np.ndarray) -> CustomerTable:
    """The customers of `table` where `mask` holds, with their problems."""
    frame = table.frame[mask]
    rows = set(frame.index)
    return CustomerTable(frame, table.layout, [p for p in table.problems if p.row in rows])


def render(book: WorkbookPort, work: Work, lang: str, options: RunOptions) -> Rendered:
    """Write one workbook of the batch into `book`, a fresh copy of the template."""
    if isinstance(work, CustomerTable):
        return _rendered(generate_book(book, work, lang, options))
    for kind, name, payload in work.edits:
        if kind == "table":
            book.write_table(name, payload)  # type: ignore[arg-type]
        elif kind == "column":
            book.write_column(CUSTOMERS, name, payload)  # type: ignore[arg-type]
        else:
            book.set_fills(CUSTOMERS, name, payload)  # type: ignore[arg-type]
    found, given = work.problems
    lines = describe_all(found, work.layout).splitlines()
    lines += describe_all(given, work.layout).splitlines()
    if options.plan_start is not None and work.table is not None:
        settings = read_settings(book).with_overrides(**options.overrides)
        plan_settings = settings.with_overrides(plan_weeks=options.plan_weeks)
        planned = plan_into(
            book,
            work.table,
            plan_settings,
            options.plan_start,
            lang,
            None,
            *planning_extras(book),
            options.planning,
        )
        lines += planned.describe_problems().splitlines()
    return Rendered(work.counts, [line for line in dict.fromkeys(lines) if line])


def _rendered(report: RunReport) -> Rendered:
    classify = report.first(ClassifyReport)
    counts = dict(classify.counts) if isinstance(classify, ClassifyReport) else {}
    return Rendered(counts, report.describe_problems().splitlines())


def _prepare(
    template: WorkbookPort,
    table: CustomerTable,
    codes: np.ndarray,
    lang: str,
    options: RunOptions,
) -> list[Prepared]:
    settings = read_settings(template).with_overrides(**options.overrides)
    headers = [str(h) for h in template.read_table(CUSTOMERS).frame.columns]
    known = {canonical_key(h): h for h in headers}
    in_book = {  # as generate_book finds them: the template's header, or the appended label
        key: known.get(key, column.label(lang))
        for key, column in BY_KEY.items()
        if key in known or key in table.frame
    }
    count = int(codes.max()) + 1 if len(codes) else 0
    frame = table.frame
    abc, summary_at = classify_abc_groups(
        frame, codes, settings.abc_rule(), settings.abc_by or None
    )
    header = known.get(CLASS_COLUMN.key) or CLASS_COLUMN.label(lang)
    segmented = segments(frame, abc.classes)
    in_order: list[list[Whole]] = [  # generate_book's order: some edits share cells
        [("table", CUSTOMERS, arranged_customers(headers, table, lang, settings), None)],
        _class_edits(abc.classes, settings, header),
        _abc_tables(template, frame, abc, summary_at, codes, count, lang),
        _prospect_edits(frame, segmented, settings, lang, in_book),
        _prospect_tables(template, frame, segmented, settings, codes, count, lang),
    ]
    order = np.argsort(codes, kind="stable")  # each group's rows together, in export order
    bounds = np.searchsorted(codes[order], np.arange(count + 1))
    edits = [_by_group(edit, order, bounds) for step in in_order for edit in step]
    counts = np.bincount(codes * 4 + abc.classes.cat.codes.to_numpy() + 1, minlength=count * 4)
    problems = _problems(table, abc.problems, codes, count)
    plan = options.plan_start is not None
    return [
        Prepared(
            tuple((kind, name, parts[g]) for kind, name, parts in edits),
            dict(zip(CLASSES, map(int, counts.reshape(count, 4)[g, 1:]), strict=True)),
            problems[g],
            table.layout,
            int(bounds[g + 1] - bounds[g]),
            group_rows(table, codes == g) if plan else None,
        )
        for g in range(count)
    ]


Whole = tuple[str, str, object, "np.ndarray | None"]
"""An edit for every group at once: rows of the export (starts None) or tables one after
another, group g's in rows starts[g]:starts[g + 1]."""


def _by_group(edit: Whole, order: np.ndarray, bounds: np.ndarray) -> tuple[str, str, list[object]]:
    """One edit for every group at once, cut into each group's part."""
    kind, name, whole, starts = edit
    if starts is not None:  # tables one after another
        frame = whole if isinstance(whole, pd.DataFrame) else pd.DataFrame()
        return kind, name, [frame.iloc[a:b] for a, b in itertools.pairwise(starts)]
    if isinstance(whole, pd.DataFrame):  # the customers: one row per export row
        grouped = whole.iloc[order]
        return kind, name, [grouped.iloc[a:b] for a, b in itertools.pairwise(bounds)]
    cells = np.asarray(whole, dtype=object)[order].tolist()
    return kind, name, [cells[a:b] for a, b in itertools.pairwise(bounds)]


def _class_edits(classes: pd.Series, settings: Settings, header: str) -> list[Whole]:
    """write_classes' cells: the class (blank where none) and its fill."""
    values = cell_values(classes.astype("string"))
    colors = settings.class_colors()
    fills = [colors.get(v) if v else None for v in values]
    return [("column", header, values, None), ("fills", header, fills, None)]


def _abc_tables(
    template: WorkbookPort,
    frame: pd.DataFrame,
    abc: AbcResult,
    summary_at: np.ndarray,
    codes: np.ndarray,
    count: int,
    lang: str,
) -> list[Whole]:
    """write_summary's tables, where the template has them."""
    tables: list[Whole] = []
    if template.has_table(SUMMARY):
        tables.append(("table", SUMMARY, summary_frame(abc.summary, lang), summary_at))
    if template.has_table(PARETO):
        sales = frame.get("annual_sales", pd.Series(np.nan, index=frame.index))
        names = frame.get("name", pd.Series(pd.NA, index=frame.index, dtype="string"))
        points, at = pareto_groups(sales.where(abc.classes.notna()), names, codes, count)
        tables.append(("table", PARETO, pareto_frame(points, lang), at))
    return tables


def _prospect_edits(
    frame: pd.DataFrame,
    segmented: pd.DataFrame,
    settings: Settings,
    lang: str,
    in_book: dict[str, str],
) -> list[Whole]:
    """write_prospects' cells: Stage and Follow-up fills, the Segment column."""
    stages = effective_stages(_codes(frame, "stage"), _codes(frame, "kind"))
    fills = prospect_fills(stages, _codes(frame, "follow_up"), settings.stage_palette())
    edits: list[Whole] = [
        ("fills", in_book[key], fills, None) for key in ("stage", "follow_up") if key in in_book
    ]
    if SEGMENT_COLUMN.key in in_book:
        words = segment_column(segmented, lang)
        edits.append(("column", in_book[SEGMENT_COLUMN.key], words, None))
    return edits


def _prospect_tables(
    template: WorkbookPort,
    frame: pd.DataFrame,
    segmented: pd.DataFrame,
    settings: Settings,
    codes: np.ndarray,
    count: int,
    lang: str,
) -> list[Whole]:
    """write_prospects' Pipeline and Segments tables, where the template has them."""
    tables: list[Whole] = []
    if template.has_table(PIPELINE):
        rule = PipelineRule(settings.pipeline_target, settings.stale_days)
        health, at = pipeline_health_groups(frame, rule, codes, count)
        labels = settings.stage_labels(lang)
        tables.append(("table", PIPELINE, health_table(health, lang, labels), at))
    if template.has_table(SEGMENTS):
        matrix = segment_counts(segmented, codes, count)
        tables.append(("table", SEGMENTS, matrix_tables(matrix, lang), np.arange(count + 1) * 4))
    return tables


def _problems(
    table: CustomerTable, found: list[Problem], codes: np.ndarray, count: int
) -> list[tuple[list[Problem], list[Problem]]]:
    """Each group's classification problems and input problems, as its own run lists them."""
    group_of = dict(zip(table.frame.index, codes.tolist(), strict=True))
    merged: list[list[Problem]] = [[] for _ in range(count)]
    given: list[list[Problem]] = [[] for _ in range(count)]
    for problem in merged_problems(table, found):
        if problem.row in group_of:
            merged[group_of[problem.row]].append(problem)
    for problem in table.problems:
        if problem.row in group_of:
            given[group_of[problem.row]].append(problem)
    return list(zip(merged, given, strict=True))


def _codes(frame: pd.DataFrame, key: str) -> pd.Series:
    if key in frame:
        return frame[key].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


__all__: Sequence[str] = [
    "Prepared",
    "Rendered",
    "Work",
    "group_codes",
    "group_names",
    "group_rows",
    "prepare_batch",
    "render",
    "rows_of",
]
