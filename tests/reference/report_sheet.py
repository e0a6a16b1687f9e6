"""Write a free-form `Report` (visit plan, calendar, cards, checklist) as a print-ready sheet.

A4, one page wide, page breaks where the report asks, a print area over what was written, and
the header row of a sheet's table repeated on every printed page.
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from addin.ports import Report, sheet_taken
from addin.workbook.cell_writes import put
from addin.workbook.styles import MUTED, TABLE_STYLE, TITLE, font, solid, style_header, text_color
from tests.reference.openpyxl_book import cell_value

LAST_SHEETS = ("xlwings.conf",)
"""Sheets that stay at the end of the workbook; new report sheets go before them."""


def write_report(wb: Workbook, name: str, report: Report, source: str = "workbook") -> Worksheet:
    """Replace (or add) the sheet `name` with the report's cells, styles, tables and page setup.

    A sheet holding a table the report does not own (the user's) is never replaced.
    """
    if name in wb.sheetnames:
        taken = sheet_taken(source, name, list(wb[name].tables), report)
        if taken is not None:
            raise taken
        index = wb.sheetnames.index(name)
        del wb[name]
    else:
        index = next((wb.sheetnames.index(s) for s in LAST_SHEETS if s in wb.sheetnames), None)
    ws = wb.create_sheet(name, index)
    width = max((len(row) for row in report.rows), default=1)
    _cells(ws, report)
    _styles(ws, report, width)
    for table in report.tables:
        _table(ws, table.name, table.row + 1, table.col + 1, table.columns, table.rows)
    for col, number_format in report.formats.items():
        for row in range(1, len(report.rows) + 1):
            ws.cell(row, col + 1).number_format = number_format
    for col, size in enumerate(report.widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size
    _print_layout(ws, report, width)
    return ws


def _cells(ws: Worksheet, report: Report) -> None:
    wrap, shrink = set(report.wrap), set(report.shrink)
    for r, row in enumerate(report.rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = put(ws, r, c, cell_value(value))
            if c - 1 in wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif c - 1 in shrink:
                cell.alignment = Alignment(shrink_to_fit=True)
    for (r, c), color in report.fills.items():
        cell = ws.cell(r + 1, c + 1)
        cell.fill = solid(color)
        cell.font = font(color=text_color(color))


def _styles(ws: Worksheet, report: Report, width: int) -> None:
    for row, style in report.styles.items():
        if style == "header":
            style_header(ws, row + 1, 1, max(len(report.rows[row]), 1))
            continue
        look = {
            "title": font(size=14, bold=True, color=TITLE),
            "bold": font(bold=True),
            "muted": font(italic=True, color=MUTED),
        }[style]
        for col in range(1, width + 1):
            ws.cell(row + 1, col).font = look


def _table(ws: Worksheet, name: str, row: int, col: int, columns: int, rows: int) -> None:
    """An Excel table over the header at (row, col) and `rows` rows (one blank row if none)."""
    last = f"{get_column_letter(col + columns - 1)}{row + max(rows, 1)}"
    table = Table(displayName=name, ref=f"{get_column_letter(col)}{row}:{last}")
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    style_header(ws, row, col, col + columns - 1)


def _print_layout(ws: Worksheet, report: Report, width: int) -> None:
    """A4 upright or landscape, one page wide, breaks as asked, print area over the report."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait" if report.portrait else "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.row_breaks = RowBreak()
    for row in report.breaks:
        ws.row_breaks.append(Break(id=row))  # the break falls after 1-based row `row`
    last = max(len(report.rows), 1)
    ws.print_area = f"A1:{get_column_letter(max(width, 1))}{last}"
    if len(report.tables) == 1:
        header = report.tables[0].row + 1
        ws.print_title_rows = f"{header}:{header}"
