"""Excel functions for prospects: colour by stage, pipeline health, segments (domain §3-§4).

Registered through `addin.excel.functions` (the module xlwings.conf names), so one UDF module
still serves classic xlwings and xlwings Lite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

import pandas as pd
import xlwings as xw

from addin.domain.i18n import check_language, text
from addin.domain.pipeline import PipelineRule, pipeline_health
from addin.domain.problems import shown
from addin.domain.prospect_tables import colour_word, health_table, segment_column
from addin.domain.prospects import (
    DECISION_VOCABULARY,
    colour_name,
    parse_codes,
    stage_vocabulary,
)
from addin.domain.segments import LOYALTY_VOCABULARY, TARGET_VOCABULARY, segments
from addin.domain.settings import Settings
from addin.domain.values import (
    is_blank_cell,
    parse_dates,
    parse_kinds,
    parse_numbers,
    parse_text,
)
from addin.excel.cells import Grid, as_column, as_setting, as_text, cell_errors, spill_like

COLUMN = {"ndim": 2}
LANG_DOC = "Language of the result: 'en' (default) or 'zh' (中文)."


@xw.func
@cell_errors
def CD_PROSPECT_COLOR(
    stage: Annotated[list, {**COLUMN, "doc": "Stage of each prospect: Closed, Short term, …"}],
    follow_up: Annotated[
        Any, {**COLUMN, "doc": "Optional: Keep visiting, Don't give up or Give up (shade)."}
    ] = None,
    lang: Annotated[str, {"doc": LANG_DOC}] = "en",
) -> Grid:
    """Colour of each prospect: red = closed, yellow = likely soon, green = potential; lighter
    for 'don't give up', palest for 'give up'. Spills one colour per prospect."""
    language = check_language(as_text(lang, "en"))
    stages = _coded(stage, stage_vocabulary(), "expected.stage")
    decisions = _coded(follow_up, DECISION_VOCABULARY, "expected.decision", len(stages))
    words = []
    for s, d in zip(stages, decisions, strict=True):
        named = colour_name(None if pd.isna(s) else str(s), None if pd.isna(d) else str(d))
        words.append("" if named is None else colour_word(s, named[1], language))
    return spill_like(stage, words)


@xw.func
@cell_errors
def CD_PIPELINE(
    kind: Annotated[list, {**COLUMN, "doc": "Kind of each row: customer or prospect."}],
    stage: Annotated[list, {**COLUMN, "doc": "Stage of each row (blank for customers)."}],
    follow_up: Annotated[list, {**COLUMN, "doc": "Follow-up decision of each row."}],
    rep: Annotated[list, {**COLUMN, "doc": "Rep of each row."}],
    target: Annotated[Any, {"doc": "Live prospects each rep should hold (default 25)."}] = None,
    last_visit: Annotated[Any, {**COLUMN, "doc": "Optional: last visit date of each row."}] = None,
    stale_days: Annotated[Any, {"doc": "Days without a visit before stale (default 60)."}] = None,
    sales: Annotated[Any, {**COLUMN, "doc": "Optional: annual sales of each row."}] = None,
    previous_sales: Annotated[Any, {**COLUMN, "doc": "Optional: previous period's sales."}] = None,
    lang: Annotated[str, {"doc": LANG_DOC}] = "en",
) -> Grid:
    """Pipeline health per rep and for the team (spills a table with headings): live prospects
    against the target, counts by colour, given up, no next step, stale, and sales = customers x
    average purchase with the change against the previous period."""
    language = check_language(as_text(lang, "en"))
    length = len(as_column(kind))
    frame = pd.DataFrame(
        {
            "kind": _read(as_column(kind), parse_kinds, "expected.kind"),
            "stage": _coded(stage, stage_vocabulary(), "expected.stage", length),
            "follow_up": _coded(follow_up, DECISION_VOCABULARY, "expected.decision", length),
            "rep": parse_text(pd.Series(_sized(rep, length), dtype=object)),
            "last_visit": _read(_optional(last_visit, length), parse_dates, "expected.date"),
            "annual_sales": _read(_optional(sales, length), parse_numbers, "expected.number"),
        }
    )
    if previous_sales is not None:
        previous = _sized(previous_sales, length)
        frame["previous_sales"] = _read(previous, parse_numbers, "expected.number")
    settings = Settings().with_overrides(
        pipeline_target=as_setting(target, "pipeline_target", "target"),
        stale_days=as_setting(stale_days, "stale_days", "stale_days"),
    )
    rule = PipelineRule(settings.pipeline_target, settings.stale_days, dt.date.today())
    table = health_table(pipeline_health(frame, rule), language)
    return [list(table.columns), *table.astype(object).where(table.notna(), "").to_numpy().tolist()]


@xw.func
@cell_errors
def CD_SEGMENT(
    kind: Annotated[list, {**COLUMN, "doc": "Kind of each row: customer or prospect."}],
    target: Annotated[Any, {**COLUMN, "doc": "Main or Secondary (blank: from the class)."}],
    loyalty: Annotated[Any, {**COLUMN, "doc": "Loyalty to the competitor: Low or High."}],
    abc_class: Annotated[Any, {**COLUMN, "doc": "Optional: ABC class, for blank targets."}] = None,
    lang: Annotated[str, {"doc": LANG_DOC}] = "en",
) -> Grid:
    """Segment of each row: existing or potential, main or secondary target, and the effort to
    invest (high where loyalty to the competitor is low). Spills one segment per row."""
    language = check_language(as_text(lang, "en"))
    length = len(as_column(kind))
    frame = pd.DataFrame(
        {
            "kind": _read(as_column(kind), parse_kinds, "expected.kind"),
            "target_level": _coded(target, TARGET_VOCABULARY, "expected.target_level", length),
            "competitor_loyalty": _coded(loyalty, LOYALTY_VOCABULARY, "expected.loyalty", length),
        }
    )
    classes = None if abc_class is None else _classes(_sized(abc_class, length))
    return spill_like(kind, segment_column(segments(frame, classes), language))


def _coded(
    cells: Any, vocabulary: dict[str, str], expected: str, length: int | None = None
) -> pd.Series:
    """Codes for the cells; the first cell that is none of the words stops with its value."""
    values = _optional(cells, length) if length is not None else as_column(cells)
    codes, bad = parse_codes(pd.Series(values, dtype=object), vocabulary)
    if bad.any():
        value = values[int(bad.to_numpy().argmax())]
        raise ValueError(text("error.cell_value", value=repr(value), expected=text(expected)))
    return codes.reset_index(drop=True)


def _read(
    values: list[Any], parse: Callable[[pd.Series], tuple[pd.Series, pd.Series]], expected: str
) -> pd.Series:
    """Cells read as the Customers table reads them; the first unreadable one stops with its
    value, in our words (a function has no problem list to report it in)."""
    parsed, bad = parse(pd.Series(values, dtype=object))
    if bad.any():
        value = values[int(bad.to_numpy().argmax())]
        said = text(expected, example="")
        raise ValueError(text("error.cell_value", value=shown(value), expected=said))
    return parsed.reset_index(drop=True)


def _classes(values: list[Any]) -> pd.Series:
    """ABC classes as typed (A, b, 'C类'); blank stays blank, anything else is refused."""
    classes = pd.Series(
        [None if is_blank_cell(v) else str(v).strip().upper().removesuffix("类") for v in values],
        dtype=object,
    )
    wrong = classes.notna() & ~classes.isin(["A", "B", "C"])
    if wrong.any():
        value = values[int(wrong.to_numpy().argmax())]
        said = text("expected.abc_class")
        raise ValueError(text("error.cell_value", value=shown(value), expected=said))
    return classes


def _optional(cells: Any, length: int) -> list[Any]:
    return [None] * length if cells is None else _sized(cells, length)


def _sized(cells: Any, length: int) -> list[Any]:
    """The cells of an argument that must line up with the first one."""
    flat = as_column(cells if isinstance(cells, list) else [[cells]])
    if len(flat) != length:
        raise ValueError(text("error.same_size", found=len(flat), wanted=length))
    return flat
