"""Prospects by colour (domain §3): stages, follow-up decisions, and the shade each row gets.

Red = deal closed (已成交), yellow = likely to close soon (短期有望成交),
green = potential (潜在客户).
Within a colour the follow-up decision picks the shade: keep visiting is the full colour, don't give
up a lighter one, give up the palest, so a rep sees at a glance whom to work on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from addin.domain.stages import COLORS, DECISION_LABELS, DECISIONS, STAGE_LABELS, STAGES
from addin.domain.values import TextCells, blank_mask

STAGE_WORDS = {
    "closed": (
        "closed",
        "won",
        "closed won",
        "deal closed",
        "red",
        "signed",
        "已成交",
        "成交",
        "已成交客户",
        "红",
        "红色",
        "签约",
    ),
    "short_term": (
        "short term",
        "shortterm",
        "likely",
        "likely soon",
        "hot",
        "yellow",
        "短期",
        "短期有望成交",
        "有望成交",
        "短期成交",
        "黄",
        "黄色",
    ),
    "potential": (
        "potential",
        "potential customer",
        "prospect",
        "lead",
        "cold",
        "green",
        "潜在",
        "潜在客户",
        "绿",
        "绿色",
    ),
}
DECISION_WORDS = {
    "keep": (
        "keep",
        "keep visiting",
        "continue",
        "continue visiting",
        "继续拜访",
        "继续",
        "继续拜访的",
    ),
    "dont_give_up": (
        "don't give up",
        "dont give up",
        "do not give up",
        "not give up",
        "不放弃",
        "不放弃的",
    ),
    "give_up": (
        "give up",
        "giveup",
        "gave up",
        "given up",
        "dropped",
        "lost",
        "放弃",
        "放弃的",
        "已放弃",
    ),
}

LEVEL_LIGHTEN = {"keep": 0.0, None: 0.0, "dont_give_up": 0.45, "give_up": 0.75}
"""How far each decision moves the stage colour towards white: the finer levels of a colour."""


def fold(word: object) -> str:
    """'Short-Term ', 'short_term' and 'SHORT TERM' fold to 'short term'; full width too."""
    folded = unicodedata.normalize("NFKC", str(word)).casefold().replace("’", "'")
    return re.sub(r"[\s_\-./]+", " ", folded).strip()


def vocabulary(
    words: Mapping[str, Iterable[str]], labels: Mapping[str, Iterable[str]], codes: Iterable[str]
) -> dict[str, str]:
    """Folded spelling -> code, from the codes, their labels in each language and the aliases."""
    codes = list(codes)
    lookup = {fold(code): code for code in codes}
    for names in labels.values():
        lookup |= {fold(name): code for name, code in zip(names, codes, strict=True)}
    for code, aliases in words.items():
        lookup |= {fold(alias): code for alias in aliases}
    return lookup


def stage_vocabulary(names: Mapping[str, Iterable[str]] | None = None) -> dict[str, str]:
    """Every accepted spelling of a stage, plus the names a workbook's Settings give them."""
    return vocabulary(STAGE_WORDS, STAGE_LABELS, STAGES) | vocabulary({}, names or {}, STAGES)


DECISION_VOCABULARY = vocabulary(DECISION_WORDS, DECISION_LABELS, DECISIONS)


def parse_codes(raw: pd.Series, lookup: Mapping[str, str]) -> tuple[pd.Series, pd.Series]:
    """Codes for the cells (blank stays <NA>) and a mask of the cells that are none of them."""
    cells = TextCells.of(raw)
    if cells is not None:
        blank = cells.blank(raw.index)
        found = cells.each(lambda c: lookup.get(fold(c)) if isinstance(c, str) else None)
        codes = pd.Series(pd.array(found, dtype="string"), raw.index, name=raw.name)
    else:  # numbers among the words (a workbook's cells): each distinct cell read as text once
        blank = blank_mask(raw)
        words = pd.Series(pd.unique(raw[~blank].astype(str)), dtype=object)
        code_of = dict(zip(words, [lookup.get(fold(w)) for w in words], strict=True))
        codes = raw[~blank].astype(str).map(code_of).reindex(raw.index).astype("string")
    return codes.where(~blank), codes.isna() & ~blank


def effective_stages(stages: pd.Series, kinds: pd.Series | None) -> pd.Series:
    """A prospect with no stage yet is a potential customer (green); customers keep theirs."""
    if kinds is None:
        return stages
    return stages.mask(stages.isna() & kinds.eq("prospect").fillna(False), "potential")


def lighten(rgb: str, amount: float) -> str:
    """The colour moved `amount` of the way to white ('C00000', 0.5 -> 'E08080')."""
    channels = [int(rgb[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)


def shade(base: str, decision: str | None) -> str:
    """The fill for a stage colour at the level its follow-up decision sets."""
    return lighten(base, LEVEL_LIGHTEN.get(decision, 0.0))


def prospect_fills(
    stages: pd.Series, decisions: pd.Series, palette: Mapping[str, str]
) -> list[str | None]:
    """One fill per row: the stage colour shaded by the decision, None where there is no stage."""
    # A lookup table indexed by category codes: -1 (no stage / no decision) is the last row/column.
    table = np.array(
        [[shade(palette[s], d) for d in (*DECISIONS, None)] for s in STAGES] + [[None] * 4],
        dtype=object,
    )
    stage = pd.Categorical(stages.astype(object), categories=STAGES).codes
    decision = pd.Categorical(decisions.astype(object), categories=DECISIONS).codes
    return table[stage, decision].tolist()


def colour_name(stage: str | None, decision: str | None) -> tuple[str, int] | None:
    """('yellow', 2) for a short-term prospect not to give up on; None without a stage."""
    if stage is None:
        return None
    return COLORS[stage], DECISIONS.index(decision) + 1 if decision else 1
