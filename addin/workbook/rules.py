"""Conditional formats and data validation: the parts of the template that work without Python."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.excel_sizes import MAX_ROWS
from addin.domain.i18n import text
from addin.workbook.styles import solid, text_color

MAX_ROW = MAX_ROWS


def whole_column(letter: str, first: int = 2) -> str:
    """'V2:V1048576': the column below its header, so rows added later are covered."""
    return f"{letter}{first}:{letter}{MAX_ROW}"


def add_class_colors(ws: Worksheet, cells: str, colors: Mapping[str, str]) -> None:
    """Fill cells equal to each class with its colour and a readable font."""
    for value, rgb in colors.items():
        rule = CellIsRule(
            operator="equal",
            formula=[f'"{value}"'],
            fill=solid(rgb),
            font=Font(color=text_color(rgb)),
        )
        ws.conditional_formatting.add(cells, rule)


def list_validation(
    items: Sequence[str], prompt: str, error: str, lang: str, title: str = ""
) -> DataValidation:
    """A drop-down of `items` that refuses anything else and says why in `lang`."""
    return _validation(
        prompt, error, lang, title, type="list", formula1='"' + ",".join(items) + '"'
    )


# What a setting's cell accepts: (Excel validation type, low, high), with its texts under
# 'validation.<name>' and 'validation.<name>_error'.
RANGES = {
    "share": ("decimal", "0", "1"),  # Excel shows 0% to 100%
    "color": ("textLength", "6", "7"),  # '2F75B5' or '#2F75B5'; the reader checks the digits
    "positive": ("decimal", "0.001", "100000"),
    "days": ("whole", "1", "3650"),
    "name": ("textLength", "1", "40"),
    "visits": ("decimal", "0", "31"),
    "count": ("whole", "0", "10000"),
    "clock": ("time", "0", "0.999305555555556"),  # 00:00 to 23:59
    "country": ("textLength", "2", "4"),  # CN, US, DEU ... or none
}


def range_validation(name: str, lang: str, title: str) -> DataValidation:
    """A value between the bounds of RANGES[name], explained in `lang`."""
    kind, low, high = RANGES[name]
    return _validation(
        text(f"validation.{name}", lang),
        text(f"validation.{name}_error", lang),
        lang,
        title,
        type=kind,
        operator="between",
        formula1=low,
        formula2=high,
    )


def _validation(prompt: str, error: str, lang: str, title: str, **rule: str) -> DataValidation:
    # Excel refuses titles over 32 characters when it opens the file.
    return DataValidation(
        **rule,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle=text("validation.invalid", lang)[:32],
        error=error,
        promptTitle=title[:32] or None,
        prompt=prompt,
    )


def validate(ws: Worksheet, validation: DataValidation, cells: str) -> None:
    """Attach `validation` to `cells` on the sheet."""
    validation.add(cells)
    ws.add_data_validation(validation)


def add_stage_colors(
    ws: Worksheet,
    cells: str,
    columns: Mapping[str, str],
    fills: Mapping[tuple[str, str | None], str],
    words: Mapping[str, Sequence[str]],
) -> None:
    """Prospect colours by formula on the row's own Stage (and Follow-up) cell, so they follow a
    rep's edit at once. `columns` maps 'stage', 'follow_up', 'kind' to letters; `fills` maps
    (stage, decision or None) to a fill; `words` maps each code to the spellings that mean it.
    Paler levels come first: in Excel and LibreOffice the first rule that holds wins."""
    row = cells.split(":")[0].lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    stage, decision = f"${columns['stage']}{row}", f"${columns['follow_up']}{row}"
    kind = f"${columns['kind']}{row}"
    ordered = sorted(fills.items(), key=lambda item: item[0][1] is None)
    for (code, level), rgb in ordered:
        condition = _any_of(stage, words[code])
        if code == "potential":  # a prospect with no stage yet is a potential customer
            condition = f'OR({condition},AND({stage}="",{_any_of(kind, words["prospect"])}))'
        if level is not None:
            condition = f"AND({condition},{_any_of(decision, words[level])})"
        rule = FormulaRule(formula=[condition], fill=solid(rgb), font=Font(color=text_color(rgb)))
        ws.conditional_formatting.add(cells, rule)


def _any_of(cell: str, spellings: Sequence[str]) -> str:
    """'OR($N2="Closed",$N2="已成交")'; Excel compares text without regard to case."""
    quoted = [s.replace('"', '""') for s in dict.fromkeys(spellings)]
    return "OR(" + ",".join(f'{cell}="{s}"' for s in quoted) + ")"
