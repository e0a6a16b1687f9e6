"""Check a raw customer table once, at the edge, and report every bad cell (not just the first).

Fatal: missing required columns, no rows, blank or duplicate ids, blank names. Cell-level problems
(a number or date that cannot be read, an unknown kind) are kept as `Problem`s: the cell counts as
blank and the caller decides whether to go on (the default) or stop (strict mode).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from addin.domain.errors import (
    DuplicateIdError,
    EmptyTableError,
    InvalidValuesError,
    MissingColumnError,
    SchemaError,
)
from addin.domain.i18n import text
from addin.domain.problems import MAX_LISTED, Layout, Problem, column_letter, describe_all
from addin.domain.prospects import DECISION_VOCABULARY, parse_codes, stage_vocabulary
from addin.domain.schema import BY_KEY, canonical_key, closest_header, required_keys
from addin.domain.segments import LOYALTY_VOCABULARY, SOURCE_VOCABULARY, TARGET_VOCABULARY
from addin.domain.values import (
    blank_mask,
    is_blank_cell,
    parse_dates,
    parse_kinds,
    parse_numbers,
    parse_text,
)

EXPECTED = {  # message keys: what a cell should hold, and what happens when it does not
    "number": ("expected.number", "then.blank"),
    "date": ("expected.date", "then.blank"),
    "kind": ("expected.kind", "then.not_classified"),
    "stage": ("expected.stage", "then.no_colour"),
    "decision": ("expected.decision", "then.no_decision"),
    "loyalty": ("expected.loyalty", "then.no_effort"),
    "target": ("expected.target_level", "then.target_derived"),
    "source": ("expected.source", "then.blank"),
}
CODED: dict[str, Mapping[str, str]] = {
    "decision": DECISION_VOCABULARY,
    "loyalty": LOYALTY_VOCABULARY,
    "target": TARGET_VOCABULARY,
    "source": SOURCE_VOCABULARY,
}
"""Columns of a fixed vocabulary: accepted spellings -> code (stages also take Settings names)."""
MAX_NUMBER = 1e15
"""Largest figure read from a number cell: 15 digits, which is all Excel keeps."""
GROUPED = ("rep", "region")
"""Columns whose values name groups (a workbook per rep, pipeline per rep): compared as NFC."""


@dataclass(frozen=True)
class CustomerTable:
    """Validated rows under canonical keys; the index is the sheet row (or CSV line) number."""

    frame: pd.DataFrame
    layout: Layout
    problems: list[Problem] = field(default_factory=list)

    def describe_problems(self) -> str:
        return describe_all(self.problems, self.layout)


def validate_customers(
    raw: pd.DataFrame,
    layout: Layout,
    stage_names: Mapping[str, Sequence[str]] | None = None,
    only: Collection[str] | None = None,
) -> CustomerTable:
    """Rename headers to canonical keys, type every column, and check ids and names.

    `stage_names` are the workbook's own names of the stages (Settings), by language. With
    `only`, just those columns are typed and checked; the others keep their raw cells (a refresh
    of 100,000 rows has no use for phones and birthdays).
    """
    raw = raw.set_axis(unique_headers(list(raw.columns), layout.first_col), axis=1)
    keys = _header_keys(list(raw.columns), layout)
    layout = replace(
        layout,
        headers={key: str(h) for h, key in zip(raw.columns, keys, strict=True) if key},
        positions={key: i for i, key in enumerate(keys) if key},
    )
    frame = raw.set_axis([k or str(h) for h, k in zip(raw.columns, keys, strict=True)], axis=1)
    frame = frame.set_axis(pd.RangeIndex(len(frame)) + layout.header_row + 1, axis=0)
    frame = frame[~_blank_rows(frame)]
    problems: list[Problem] = []
    if "kind" in frame:  # an unknown kind keeps its row, unclassified, rather than losing it
        frame["kind"] = _typed(frame["kind"], "kind", problems)
    _check_columns(frame, layout)
    if frame.empty:
        raise EmptyTableError(text("error.no_rows", where=layout.where()))
    vocabularies = {**CODED, "stage": stage_vocabulary(stage_names)}
    for key in frame.columns.intersection(list(BY_KEY)):
        if key != "kind" and (only is None or key in only):
            frame[key] = _typed(frame[key], BY_KEY[key].type, problems, vocabularies)
    for key in frame.columns.intersection(list(GROUPED)):
        frame[key] = _nfc(frame[key])
    _check_ids_and_names(frame, layout)
    return CustomerTable(frame, layout, sorted(problems, key=lambda p: (p.row, p.column)))


def _nfc(column: pd.Series) -> pd.Series:
    """Text in Unicode NFC: 'José' typed on a Mac (e + combining accent) is the same rep as
    'José' typed on Windows. Only the distinct values are looked at (a few hundred reps)."""
    if column.dtype != "string":
        return column
    changed = {
        value: unicodedata.normalize("NFC", value)
        for value in pd.unique(column.dropna())
        if not unicodedata.is_normalized("NFC", value)
    }
    return column.replace(changed) if changed else column


def unique_headers(headers: Sequence[object], first_col: int = 0) -> list[str]:
    """Headers fit for a table: a blank one is named after its column letter ('Column E') and
    repeats of one we do not know are numbered ('Memo (2)'). A repeated header we know stays,
    so that the check below can name both columns."""
    named = [
        _letter_name(first_col + i) if is_blank_cell(h) else str(h).strip()
        for i, h in enumerate(headers)
    ]
    seen: dict[str, int] = {}
    unique = []
    for name in named:
        folded = name.casefold()  # Excel tables treat 'Memo' and 'memo' as the same column
        seen[folded] = seen.get(folded, 0) + 1
        repeat = seen[folded] > 1 and canonical_key(name) is None
        unique.append(f"{name} ({seen[folded]})" if repeat else name)
    return unique


def _letter_name(index: int) -> str:
    return f"Column {column_letter(index)}"


def _header_keys(headers: list[object], layout: Layout) -> list[str | None]:
    keys = [canonical_key(h) for h in headers]
    seen: dict[str, object] = {}
    for header, key in zip(headers, keys, strict=True):
        if key is None:
            continue
        if key in seen:
            column = BY_KEY[key]
            raise SchemaError(
                text(
                    "error.same_column",
                    where=layout.where(),
                    first=seen[key],
                    second=header,
                    en=column.en,
                    zh=column.zh,
                )
            )
        seen[key] = header
    return keys


def _blank_rows(frame: pd.DataFrame) -> pd.Series:
    """Rows with every cell empty. Each column is looked at only in the rows still blank so far:
    after the first column that is a handful, not 100,000."""
    blank = pd.Series(True, index=frame.index)
    for name in frame.columns:
        candidates = blank[blank].index
        if candidates.empty:
            break
        blank[candidates] = blank_mask(frame.loc[candidates, name]).to_numpy()
    return blank


def _on_one_line(header: str) -> str:
    """A header typed with Alt+Enter ('ABC\\r\\nDEF', stored as _x000D_) shown as 'ABC↵DEF', so
    the message naming it stays one line."""
    return "↵".join(header.splitlines()) if any(c in header for c in "\r\n") else header


def _check_columns(frame: pd.DataFrame, layout: Layout) -> None:
    has_customers = "kind" not in frame or bool(frame["kind"].eq("customer").any()) or frame.empty
    missing = [k for k in required_keys(has_customers) if k not in frame]
    if not missing:
        return
    found = list(layout.headers.values()) + [str(c) for c in frame.columns if c not in BY_KEY]
    found = [_on_one_line(h) for h in found]
    lines = []
    for key in missing:
        column = BY_KEY[key]
        hint = closest_header(column, found)
        names = {"en": column.en, "zh": column.zh}
        fix = text("fix.rename", found=hint, **names) if hint else text("fix.add_column", **names)
        lines.append(text("error.missing_column", fix=fix, **names))
    raise MissingColumnError(
        text(
            "error.missing_columns",
            where=layout.where(),
            missing="; ".join(lines),
            found=", ".join(found) or text("none"),
        )
    )


def _typed(
    raw: pd.Series,
    value_type: str,
    problems: list[Problem],
    vocabularies: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.Series:
    if value_type in ("text", "id"):
        return parse_text(raw)
    if value_type in (vocabularies or {}):
        typed, bad = parse_codes(raw, (vocabularies or {})[value_type])
    else:
        parser = {"number": parse_numbers, "date": parse_dates, "kind": parse_kinds}[value_type]
        typed, bad = parser(raw)
    if value_type == "number":
        typed, bad = _within_bounds(typed, bad, raw, problems)
    expected, consequence = EXPECTED[value_type]
    problems.extend(
        Problem(int(row), str(raw.name), value, expected, consequence)  # type: ignore[call-overload]
        for row, value in raw[bad].items()
    )
    return typed


def _within_bounds(
    numbers: pd.Series, bad: pd.Series, raw: pd.Series, problems: list[Problem]
) -> tuple[pd.Series, pd.Series]:
    """Numbers beyond ±MAX_NUMBER made problems of their own: no sales figure is that large
    (Excel keeps 15 digits of it) and sums of such figures overflow to infinity."""
    huge = numbers.abs().gt(MAX_NUMBER).fillna(False).astype(bool)
    if not huge.any():
        return numbers, bad
    problems.extend(
        Problem(int(row), str(raw.name), value, "expected.number_in_range", "then.blank")  # type: ignore[call-overload]
        for row, value in raw[huge].items()
    )
    return numbers.where(~huge), bad & ~huge


def _check_ids_and_names(frame: pd.DataFrame, layout: Layout) -> None:
    blanks = sorted(
        (int(row), key) for key in ("customer_id", "name") for row in frame.index[frame[key].isna()]
    )
    if blanks:
        listed = [
            text("blank_cell", where=layout.where(key, row)) for row, key in blanks[:MAX_LISTED]
        ]
        if len(blanks) > MAX_LISTED:
            listed.append(text("problem.more", count=len(blanks) - MAX_LISTED))
        raise InvalidValuesError(
            "\n".join([text("error.blank_required", count=len(blanks)), *listed])
        )
    ids = frame["customer_id"]
    if len(set(ids.to_numpy(dtype=object).tolist())) == len(ids):  # half what duplicated takes
        return
    duplicated = ids[ids.duplicated(keep=False)]
    groups = duplicated.groupby(duplicated, sort=True).groups
    lines = [
        text("duplicate_rows", id=cid, rows=", ".join(map(str, rows)))
        for cid, rows in list(groups.items())[:MAX_LISTED]
    ]
    if len(groups) > MAX_LISTED:
        lines.append(text("more_ids", count=len(groups) - MAX_LISTED))
    where = layout.where("customer_id")
    raise DuplicateIdError(
        "\n".join([text("error.duplicate_ids", where=where, count=len(groups)), *lines])
    )
