"""A `Report` as SpreadsheetML: the worksheet part and its table parts, written from scratch.

Elements follow the order CT_Worksheet requires (sheetPr, dimension, sheetViews, sheetFormatPr,
cols, sheetData, pageMargins, pageSetup, rowBreaks, tableParts). Text is an inline string, so
data that looks like a formula stays text. The page is A4, one page wide, as the openpyxl writer
sets it up.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.domain.report import Report, ReportTable
from addin.workbook.package.cells import (
    cell_xml,
    column_letters,
    escape_attribute,
    is_blank,
    is_date,
)
from addin.workbook.package.parts import DOC_REL, MAIN_NS
from addin.workbook.package.report_looks import Looks
from addin.workbook.package.styles_xml import Styles
from addin.workbook.styles import TABLE_STYLE

MARGINS = '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'


def sheet_xml(report: Report, styles: Styles, table_ids: Sequence[str]) -> str:
    """The worksheet part; `table_ids` are the relationship ids of its table parts, in order."""
    looks = Looks(report, styles)
    last = f"{column_letters(max(looks.width, 1))}{max(len(report.rows), 1)}"
    orientation = "portrait" if report.portrait else "landscape"
    parts = [
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{DOC_REL}">',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
        _cols(report.widths),
        "<sheetData>",
        *_rows(report, looks),
        "</sheetData>",
        MARGINS,
        f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>',
        _breaks(report.breaks),
    ]
    if table_ids:
        tables = "".join(f'<tablePart r:id="{rid}"/>' for rid in table_ids)
        parts.append(f'<tableParts count="{len(table_ids)}">{tables}</tableParts>')
    parts.append("</worksheet>")
    return "".join(parts)


def table_xml(report: Report, table: ReportTable, table_id: int) -> str:
    """A table part over the header at (row, col) and its body (one blank row if none)."""
    first = table.row + 1
    ref = (
        f"{column_letters(table.col + 1)}{first}:"
        f"{column_letters(table.col + table.columns)}{first + max(table.rows, 1)}"
    )
    columns = "".join(
        f'<tableColumn id="{i}" name="{escape_attribute(name)}"/>'
        for i, name in enumerate(table_headers(report, table), start=1)
    )
    name = escape_attribute(table.name)
    return (
        f'<table xmlns="{MAIN_NS}" id="{table_id}" name="{name}" displayName="{name}" '
        f'ref="{ref}" totalsRowShown="0"><autoFilter ref="{ref}"/>'
        f'<tableColumns count="{table.columns}">{columns}</tableColumns>'
        f'<tableStyleInfo name="{TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" '
        'showRowStripes="1" showColumnStripes="0"/></table>'
    )


def table_headers(report: Report, table: ReportTable) -> list[str]:
    """The header cells' text, as Excel names table columns ('Column3' for a blank one)."""
    row = report.rows[table.row] if table.row < len(report.rows) else []
    names = []
    for i in range(table.columns):
        value = row[table.col + i] if table.col + i < len(row) else None
        names.append(f"Column{i + 1}" if value is None or value == "" else str(value))
    return names


def _cols(widths: Sequence[float]) -> str:
    if not widths:
        return ""
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'
        for c, w in enumerate(widths, start=1)
    )
    return f"<cols>{cols}</cols>"


def _rows(report: Report, looks: Looks) -> list[str]:
    out = []
    special = looks.special_rows
    reach: dict[int, int] = {}  # row -> columns its fills and table headers reach
    for r, c in report.fills:
        reach[r] = max(reach.get(r, 0), c + 1)
    for t in report.tables:
        reach[t.row] = max(reach.get(t.row, 0), t.col + t.columns)
    last = max([len(report.rows) - 1, *special], default=-1)
    for r in range(last + 1):
        values = report.rows[r] if r < len(report.rows) else []
        if r in special:
            width = max(len(values), looks.width if r in report.styles else 0, reach.get(r, 0))
            styles = [looks.cell(r, c) for c in range(width)]
        else:
            styles = [looks.plain(c) for c in range(len(values))]
        cells = []
        for c, style in enumerate(styles):
            value = values[c] if c < len(values) else None
            if is_blank(value) or (isinstance(value, str) and not value):
                if not style:
                    continue
                value = None
            if is_date(value):
                style = looks.dated(style, value)
            cells.append(cell_xml(f"{column_letters(c + 1)}{r + 1}", value, style))
        if cells:
            out.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    return out


def _breaks(rows: Sequence[int]) -> str:
    if not rows:
        return ""
    breaks = "".join(f'<brk id="{r}" max="16383" man="1"/>' for r in sorted(set(rows)))
    count = len(set(rows))
    return f'<rowBreaks count="{count}" manualBreakCount="{count}">{breaks}</rowBreaks>'
