"""The Customers sheet's prospect rules: stage colours and the drop-downs for coded columns.

They live in the template, so a rep who picks a stage sees its colour with no Python running.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.i18n import text
from addin.domain.prospects import DECISION_LABELS, DECISIONS, STAGE_LABELS, STAGES, shade
from addin.domain.schema import ALL_COLUMNS, BY_KEY, KIND_LABELS
from addin.domain.segments import LOYALTY_LABELS, SOURCE_LABELS, TARGET_LABELS
from addin.domain.settings import Settings
from addin.workbook.rules import add_stage_colors, list_validation, validate, whole_column

LEVELS = (None, "dont_give_up", "give_up")
"""Keep visiting shows the full colour, like no decision; the other two are paler."""


def letter(key: str) -> str:
    """The template's column letter of a schema key."""
    return get_column_letter([c.key for c in ALL_COLUMNS].index(key) + 1)


def prospect_rules(ws: Worksheet, lang: str, settings: Settings) -> None:
    """Stage colours on Stage and Follow-up, and drop-downs for the coded prospect columns."""
    palette = settings.stage_palette()
    fills = {(s, level): shade(palette[s], level) for s in STAGES for level in LEVELS}
    names = settings.stage_names()
    words: dict[str, list[str]] = {
        code: [names[lang][i] for lang in names] + [STAGE_LABELS[lang][i] for lang in names]
        for i, code in enumerate(STAGES)
    }
    words |= {
        code: [DECISION_LABELS[lang][i] for lang in DECISION_LABELS]
        for i, code in enumerate(DECISIONS)
    }
    words["prospect"] = [KIND_LABELS[lang][1] for lang in KIND_LABELS]
    columns = {key: letter(key) for key in ("stage", "follow_up", "kind")}
    cells = f"{whole_column(columns['stage'])} {whole_column(columns['follow_up'])}"
    add_stage_colors(ws, cells, columns, fills, words)
    drop_downs = {
        "stage": settings.stage_labels(lang),
        "follow_up": DECISION_LABELS[lang],
        "competitor_loyalty": LOYALTY_LABELS[lang],
        "target_level": TARGET_LABELS[lang],
        "source": SOURCE_LABELS[lang],
    }
    for key, items in drop_downs.items():
        check = list_validation(
            list(items),
            text(f"validation.{key}", lang),
            text("validation.choice_error", lang),
            lang,
            BY_KEY[key].label(lang),
        )
        validate(ws, check, whole_column(letter(key)))
