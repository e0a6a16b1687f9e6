"""Pipeline, segment and prospect figures under a workbook's own headings, in its language."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from addin.domain.i18n import text
from addin.domain.pipeline import HEALTH_COLUMNS, NO_REP
from addin.domain.prospects import COLORS, DECISION_LABELS, DECISIONS, STAGE_LABELS, STAGES
from addin.domain.segments import TARGETS

MATRIX_COLUMNS = ("high", "low", "unknown")


def health_headers(lang: str, stage_labels: Sequence[str] | None = None) -> list[str]:
    """The Pipeline table's headings. The red, yellow and green counts are headed by the words
    the Stage column shows ('Short term', not a colour word; Settings may rename them)."""
    by_colour = dict(
        zip((COLORS[s] for s in STAGES), stage_labels or STAGE_LABELS[lang], strict=True)
    )
    return [by_colour.get(key) or text(f"pipeline.{key}", lang) for key in HEALTH_COLUMNS]


def health_table(
    health: pd.DataFrame, lang: str, stage_labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """The Pipeline table: reps by name, then the team row, under translated headings."""
    frame = health.copy()
    frame["rep"] = [_rep_label(rep, lang) for rep in frame["rep"]]
    headers = dict(zip(HEALTH_COLUMNS, health_headers(lang, stage_labels), strict=True))
    return frame.rename(columns=headers)


def _rep_label(rep: object, lang: str) -> str:
    if not isinstance(rep, str):  # the team row: None, or NaN once in a frame
        return text("pipeline.team", lang)
    return text("pipeline.no_rep", lang) if rep == NO_REP else str(rep)


def matrix_table(matrix: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The Segments table: one row per (existing/potential, main/secondary), effort columns."""
    rows = [segment_words(existing, target, None, lang) for existing, target in matrix.index]
    body = matrix.set_axis(rows, axis=0).reset_index()
    headers = [text("segments.segment", lang)] + [text(f"effort.{e}", lang) for e in MATRIX_COLUMNS]
    return body.set_axis(headers, axis=1)


def matrix_tables(counts: np.ndarray, lang: str) -> pd.DataFrame:
    """matrix_table of each group's counts (segment_counts), one group's 4 rows after another."""
    rows = [segment_words(e, t, None, lang) for e in ("existing", "potential") for t in TARGETS]
    headers = [text("segments.segment", lang)] + [text(f"effort.{e}", lang) for e in MATRIX_COLUMNS]
    cells = counts.reshape(-1, len(MATRIX_COLUMNS))
    columns = {headers[0]: np.array(rows * len(counts), dtype=object)}
    columns |= {h: cells[:, i] for i, h in enumerate(headers[1:])}
    return pd.DataFrame(columns)


def segment_words(existing: object, target: object, effort: object, lang: str) -> str:
    """'Existing · Main · High effort' / '现有客户 · 主要目标 · 投入大'."""
    parts = [text(f"segment.{existing}", lang), text(f"segment.{target}", lang)]
    if isinstance(effort, str):
        parts.append(text(f"segment.effort_{effort}", lang))
    return " · ".join(parts)


def segment_column(segmented: pd.DataFrame, lang: str) -> list[str]:
    """The Segment cell of every row, worded once per distinct segment: tables run to a million
    rows, and the rows are numbered by their segment in one pass (groupby's ngroup) instead of
    building a tuple per row."""
    keys = segmented[["existing", "target", "effort"]].astype(object)
    keys = keys.where(keys.notna(), None)
    groups = keys.groupby(list(keys.columns), dropna=False, sort=False)
    codes = groups.ngroup().to_numpy()
    words = [
        segment_words(existing, target, None if pd.isna(effort) else effort, lang)
        for existing, target, effort in groups.size().index
    ]
    return np.asarray(words, dtype=object)[codes].tolist() if words else []


def decision_labels(lang: str) -> dict[str, str]:
    return dict(zip(DECISIONS, DECISION_LABELS[lang], strict=True))


def colour_word(stage: str, level: int, lang: str) -> str:
    """'yellow', 'yellow (lighter)' or 'yellow (palest)'; '黄色', '浅黄色', '淡黄色'."""
    return text(f"colour.{COLORS[stage]}.{level}", lang)
