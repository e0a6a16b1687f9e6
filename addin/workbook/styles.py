"""Cell styles, tables, widths and page setup shared by the template's sheets; the colours
come from `addin.domain.palette`, shared with the package adapter's report writer."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.palette import HEADER_FILL, MUTED, TABLE_STYLE, TITLE, luminance, text_color
from addin.workbook.cell_writes import put


def font(size: float = 11, **style: object) -> Font:
    """The workbook's body font with changes; a nameless Font shows in a serif in LibreOffice."""
    return Font(name="Calibri", family=2, scheme="minor", size=size, **style)


def solid(rgb: str) -> PatternFill:
    """A solid fill; both colours set because Excel reads bgColor in conditional formats."""
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def display_width(text: str) -> int:
    """Width in Excel character units: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


CJK_UNITS = 2.1
"""Width units a Chinese character takes at 11 pt in Excel and LibreOffice: a little over 2."""
ONE_LINE_CHARACTERS = 7
"""A Chinese heading up to this long stays on one line; a longer one takes two."""


def wrapped_width(heading: str) -> int:
    """A column width at which `heading` wraps well: its longest word when it has spaces (words
    wrap whole). Chinese wraps between any two characters, so a width that leaves one character
    (or a closing bracket) alone on a line is avoided: short headings get one line, longer ones
    two of about equal length."""
    if " " in heading.strip():
        return max(display_width(word) for word in heading.split()) + 2
    characters = display_width(heading) / 2
    if characters > ONE_LINE_CHARACTERS:
        characters = math.ceil(characters / 2)
    return math.ceil(characters * CJK_UNITS) + 1


def style_header(ws: Worksheet, row: int, first: int, last: int) -> None:
    """Bold white on dark blue, the same in Excel and LibreOffice."""
    for col in range(first, last + 1):
        cell = ws.cell(row, col)
        cell.font = font(bold=True, color="FFFFFF")
        cell.fill = solid(HEADER_FILL)
        cell.alignment = Alignment(vertical="center")


def add_table(
    ws: Worksheet, name: str, headers: list[str], row: int = 1, col: int = 1, rows: int = 1
) -> Table:
    """Headers at (row, col) and an Excel table over them plus `rows` body rows."""
    for offset, header in enumerate(headers):
        put(ws, row, col + offset, header)
    last = col + len(headers) - 1
    ref = f"{get_column_letter(col)}{row}:{get_column_letter(last)}{row + rows}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(
        name=TABLE_STYLE,
        showRowStripes=True,
        showColumnStripes=False,
        showFirstColumn=False,
        showLastColumn=False,
    )
    ws.add_table(table)
    style_header(ws, row, col, last)
    return table


def set_widths(ws: Worksheet, widths: Mapping[int, float]) -> None:
    """Column widths by 1-based column number."""
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def format_column(ws: Worksheet, col: int, number_format: str, first: int, count: int) -> None:
    """Number format on the whole column (<col style>) and on `count` cells from row `first`.

    The column's style formats every row typed or written later (the package editor gives new
    cells the first body row's format, else the column's), so no empty rows are written ahead:
    a template of 5,000 formatted empty rows took most of a small run to write and parse."""
    ws.column_dimensions[get_column_letter(col)].number_format = number_format
    for row in range(first, first + count):
        ws.cell(row, col).number_format = number_format


def fit_to_width(sheets: Iterable[Worksheet]) -> None:
    """A4 landscape, one page wide and as many pages tall as needed."""
    for ws in sheets:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)


__all__ = [
    "HEADER_FILL",
    "MUTED",
    "TABLE_STYLE",
    "TITLE",
    "add_table",
    "display_width",
    "fit_to_width",
    "font",
    "format_column",
    "luminance",
    "set_widths",
    "solid",
    "style_header",
    "text_color",
]
