"""The template's four sheets: Customers, Settings, Summary and xlwings.conf."""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.abc_rule import CLASSES, METHODS
from addin.domain.i18n import text
from addin.domain.schema import ALL_COLUMNS, BY_KEY, CLASS_COLUMN, KIND_LABELS
from addin.domain.settings import (
    A_MORNINGS,
    GROUPINGS,
    KEYS,
    PARSERS,
    Settings,
    clock,
    count,
    country_code,
    name,
    positive,
    visits,
    whole_days,
)
from addin.services import CUSTOMERS, PARETO, SETTINGS, SUMMARY
from addin.workbook.cell_writes import put
from addin.workbook.charts import PARETO_POINTS, pareto_chart
from addin.workbook.prospect_rules import letter, prospect_rules
from addin.workbook.rules import (
    add_class_colors,
    list_validation,
    range_validation,
    validate,
    whole_column,
)
from addin.workbook.styles import (
    MUTED,
    TITLE,
    add_table,
    display_width,
    font,
    format_column,
    set_widths,
    solid,
    text_color,
)

XLWINGS_CONF = "xlwings.conf"
UDF_MODULES = "addin.excel.functions"
WIDTHS = {
    "customer_id": 10,
    "name": 18,
    "company": 18,
    "rep": 11,
    "region": 10,
    "city": 10,
    "address": 22,
    "latitude": 10,
    "longitude": 10,
    "kind": 10,
    "annual_sales": 13,
    "previous_sales": 13,
    "stage": 13,
    "follow_up": 13,
    "competitor_loyalty": 12,
    "target_level": 11,
    "source": 14,
    "contact": 11,
    "phone": 14,
    "birthday": 11,
    "decision_maker": 12,
    "interests": 14,
    "last_visit": 11,
    "notes": 20,
    "abc_class": 8,
    "segment": 26,
}
"""Customers column widths, tight enough that 26 columns print two A4 pages wide at about 8.5
pt: headers wrap onto two lines instead of widening their column."""
FILTER_BUTTON = 3
"""Width the header's filter button takes beside the last word."""
PRINT_PAGES_WIDE = 2
"""The Customers table prints two pages wide, ID and name repeated on the second."""
NUMBER_FORMATS = {
    "annual_sales": "#,##0",
    "previous_sales": "#,##0",
    "birthday": "yyyy-mm-dd",
    "last_visit": "yyyy-mm-dd",
    "latitude": "0.000000",
    "longitude": "0.000000",
}
SUMMARY_FORMATS = {
    "customers": "0",
    "customer_share": "0.0%",
    "sales": "#,##0",
    "sales_share": "0.0%",
}
CHOICES = {
    "abc_method": (METHODS, "validation.method"),
    "abc_by": (GROUPINGS[1:], "validation.by"),
    "a_mornings": (A_MORNINGS, "validation.a_mornings"),
}
"""Drop-down items and prompt for the settings chosen from a list."""
RANGE_OF_PARSER: dict[object, str] = {
    positive: "positive",
    whole_days: "days",
    name: "name",
    visits: "visits",
    count: "count",
    clock: "clock",
    country_code: "country",
}
"""Which cell validation (rules.RANGES) fits the values each Settings parser accepts."""
SUMMARY_ROW, PARETO_COL = 4, 7


def customers_sheet(ws: Worksheet, lang: str, settings: Settings) -> None:
    """The Customers table with one empty row, formats, class colours and a kind drop-down."""
    ws.title = text("sheet.customers", lang)
    headers = [c.label(lang) for c in ALL_COLUMNS]
    add_table(ws, CUSTOMERS, headers)
    for col, column in enumerate(ALL_COLUMNS, start=1):
        longest = max(display_width(word) for word in headers[col - 1].split())
        set_widths(ws, {col: max(WIDTHS[column.key], longest + FILTER_BUTTON)})
        ws.cell(1, col).alignment = Alignment(wrap_text=True, vertical="top")
        if column.key in NUMBER_FORMATS:
            format_column(ws, col, NUMBER_FORMATS[column.key], first=2, count=1)
    ws.row_dimensions[1].height = 30  # two lines of header
    ws.freeze_panes = "B2"  # keeps the id in view while scrolling right
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:B"  # which customer a row is, on the second page too
    _customer_rules(ws, lang, settings)


def _customer_rules(ws: Worksheet, lang: str, settings: Settings) -> None:
    """Class colours and drop-downs down the whole column, for rows added after the build."""
    class_cells = whole_column(letter(CLASS_COLUMN.key))
    add_class_colors(ws, class_cells, settings.class_colors())
    kinds = list_validation(
        list(KIND_LABELS[lang]),
        text("validation.kind", lang),
        text("validation.kind_error", lang),
        lang,
        BY_KEY["kind"].label(lang),
    )
    validate(ws, kinds, whole_column(letter("kind")))
    classes = list_validation(
        list(CLASSES),
        text("validation.class", lang),
        text("validation.class_error", lang),
        lang,
        CLASS_COLUMN.label(lang),
    )
    validate(ws, classes, class_cells)
    prospect_rules(ws, lang, settings)


def settings_sheet(ws: Worksheet, lang: str, settings: Settings) -> None:
    """One row per setting: the key the code reads, a label, the value and what it does."""
    ws.title = text("sheet.settings", lang)
    headers = [text(f"settings.{k}", lang) for k in ("key", "setting", "value", "description")]
    add_table(ws, SETTINGS, headers, rows=len(KEYS))
    for row, key in enumerate(KEYS, start=2):
        put(ws, row, 1, key).font = font(color=MUTED)
        put(ws, row, 2, text(f"setting.{key}", lang))
        # A blank cell, not "", is what 'whole table' looks like to the reader. A value is the
        # user's (a stage name may read '=1+1'): put() keeps it text.
        value = put(ws, row, 3, getattr(settings, key) or None)
        value.alignment = Alignment(horizontal="left")
        put(ws, row, 4, text(f"help.{key}", lang))
        _setting_rule(ws, value, key, lang)
    key_width = max(len(key) for key in KEYS) + 2  # printed whole, never cut
    set_widths(ws, {1: key_width, 2: 34, 3: 14, 4: 90})


def _setting_rule(ws: Worksheet, cell: Cell, key: str, lang: str) -> None:
    """The format and validation that fit one setting's value cell."""
    label = text(f"setting.{key}", lang)
    if key.endswith("_share"):
        cell.number_format = "0%"
        validate(ws, range_validation("share", lang, label), cell.coordinate)
    elif key.startswith("color_"):
        cell.number_format = "@"  # keeps 000000 from turning into a number
        cell.fill = solid(str(cell.value))
        cell.font = font(color=text_color(str(cell.value)))
        validate(ws, range_validation("color", lang, label), cell.coordinate)
    elif PARSERS[key][0] in RANGE_OF_PARSER:
        name = RANGE_OF_PARSER[PARSERS[key][0]]
        validate(ws, range_validation(name, lang, label), cell.coordinate)
    elif key in CHOICES:
        items, prompt = CHOICES[key]
        # Blank (the whole table) is allowed by allow_blank rather than an empty list item.
        check = list_validation(
            items,
            text(prompt, lang),
            text("validation.choice_error", lang),
            lang,
            label,
        )
        validate(ws, check, cell.coordinate)


def summary_sheet(ws: Worksheet, lang: str) -> None:
    """Title, visit note, the AbcSummary table, ParetoData and the Pareto chart."""
    ws.title = text("sheet.summary", lang)
    put(ws, 1, 1, text("summary.title", lang)).font = font(size=14, bold=True, color=TITLE)
    put(ws, 2, 1, text("summary.note", lang)).font = font(italic=True, color=MUTED)
    keys = list(SUMMARY_FORMATS)
    add_table(
        ws,
        SUMMARY,
        [text(f"summary.{k}", lang) for k in ["class", *keys]],
        row=SUMMARY_ROW,
        rows=len(CLASSES),
    )
    for offset, abc in enumerate(CLASSES, start=1):
        put(ws, SUMMARY_ROW + offset, 1, abc).alignment = Alignment(horizontal="center")
        for col in range(2, 6):
            put(ws, SUMMARY_ROW + offset, col, 0)
    for col, key in enumerate(keys, start=2):
        format_column(ws, col, SUMMARY_FORMATS[key], SUMMARY_ROW + 1, len(CLASSES))
    _pareto_data(ws, lang)
    set_widths(ws, {1: 14, 2: 14, 3: 20, 4: 16, 5: 20, 6: 4, 7: 26, 8: 14, 9: 18})


def _pareto_data(ws: Worksheet, lang: str) -> None:
    """ParetoData right of the summary, formatted for its 20 rows, and the chart right of it."""
    headers = [text(k, lang) for k in ("pareto.label", "pareto.sales", "pareto.cumulative")]
    add_table(ws, PARETO, headers, row=SUMMARY_ROW, col=PARETO_COL)
    first = SUMMARY_ROW + 1
    format_column(ws, PARETO_COL + 1, "#,##0", first, PARETO_POINTS)
    format_column(ws, PARETO_COL + 2, "0.0%", first, PARETO_POINTS)
    # Right of the data, not below the summary: per-rep summaries grow downwards.
    chart_col = get_column_letter(PARETO_COL + 4)
    ws.add_chart(pareto_chart(ws, SUMMARY_ROW, PARETO_COL, lang), f"{chart_col}{SUMMARY_ROW}")


def xlwings_conf_sheet(ws: Worksheet) -> None:
    """xlwings' workbook config: key in A, value in B, no header; it tells Excel where UDFs live.

    Hidden, so that printing the workbook prints no page of it; xlwings reads it all the same."""
    ws.title = XLWINGS_CONF
    ws.sheet_state = "hidden"
    put(ws, 1, 1, "UDF Modules")
    put(ws, 1, 2, UDF_MODULES)
    set_widths(ws, {1: 16, 2: 28})
