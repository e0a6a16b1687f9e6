"""A `Report` as SpreadsheetML: the worksheet part and its table parts, written by the emitter.

One `_write_*` method per element, in the order CT_Worksheet requires (sheetPr, dimension,
sheetViews, sheetFormatPr, cols, sheetData, pageMargins, pageSetup, rowBreaks, tableParts).
Text is an inline string, so data that looks like a formula stays text. The page is A4, one page
wide.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.adapters.package.cells import cell_xml, is_blank, is_date
from addin.adapters.package.emitter import XmlWriter
from addin.adapters.package.parts import DOC_REL, MAIN_NS
from addin.adapters.package.refs import column_letters
from addin.adapters.package.report_looks import Looks
from addin.adapters.package.styles import Styles
from addin.domain.palette import TABLE_STYLE
from addin.domain.report import Report, ReportTable


class ReportSheetWriter(XmlWriter):
    """The worksheet part of one report; `table_ids` are its table parts' relationship ids."""

    def __init__(self, report: Report, styles: Styles, table_ids: Sequence[str]) -> None:
        super().__init__()
        self.report = report
        self.looks = Looks(report, styles)
        self.table_ids = table_ids

    def xml(self) -> bytes:
        self._xml_declaration()
        self._xml_start_tag("worksheet", [("xmlns", MAIN_NS), ("xmlns:r", DOC_REL)])
        self._write_sheet_pr()
        self._write_dimension()
        self._write_sheet_views()
        self._xml_empty_tag("sheetFormatPr", [("defaultRowHeight", 15)])
        self._write_cols()
        self._write_sheet_data()
        self._write_page_margins()
        self._write_page_setup()
        self._write_row_breaks()
        self._write_table_parts()
        self._xml_end_tag("worksheet")
        return self.text().encode()

    def _write_sheet_pr(self) -> None:
        self._xml_start_tag("sheetPr")
        self._xml_empty_tag("pageSetUpPr", [("fitToPage", 1)])
        self._xml_end_tag("sheetPr")

    def _write_dimension(self) -> None:
        last = f"{column_letters(max(self.looks.width, 1))}{max(len(self.report.rows), 1)}"
        self._xml_empty_tag("dimension", [("ref", f"A1:{last}")])

    def _write_sheet_views(self) -> None:
        self._xml_start_tag("sheetViews")
        self._xml_empty_tag("sheetView", [("workbookViewId", 0)])
        self._xml_end_tag("sheetViews")

    def _write_cols(self) -> None:
        if not self.report.widths:
            return
        self._xml_start_tag("cols")
        for col, width in enumerate(self.report.widths, start=1):
            attributes = [("min", col), ("max", col), ("width", f"{width:g}"), ("customWidth", 1)]
            self._xml_empty_tag("col", attributes)
        self._xml_end_tag("cols")

    def _write_sheet_data(self) -> None:
        self._xml_start_tag("sheetData")
        report, looks = self.report, self.looks
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
            self._write_row(r, values, styles)
        self._xml_end_tag("sheetData")

    def _write_row(self, r: int, values: Sequence[object], styles: list[int]) -> None:
        cells = []
        for c, style in enumerate(styles):
            value = values[c] if c < len(values) else None
            if is_blank(value) or (isinstance(value, str) and not value):
                if not style:
                    continue
                value = None
            if is_date(value):
                style = self.looks.dated(style, value)
            cells.append(cell_xml(self.prefix, f"{column_letters(c + 1)}{r + 1}", value, style))
        if cells:
            self._xml_start_tag("row", [("r", r + 1)])
            self._xml_raw("".join(cells))
            self._xml_end_tag("row")

    def _write_page_margins(self) -> None:
        margins = [("left", 0.4), ("right", 0.4), ("top", 0.5), ("bottom", 0.5)]
        self._xml_empty_tag("pageMargins", [*margins, ("header", 0.3), ("footer", 0.3)])

    def _write_page_setup(self) -> None:
        orientation = "portrait" if self.report.portrait else "landscape"
        attributes = [("paperSize", 9), ("orientation", orientation)]
        self._xml_empty_tag("pageSetup", [*attributes, ("fitToWidth", 1), ("fitToHeight", 0)])

    def _write_row_breaks(self) -> None:
        rows = sorted(set(self.report.breaks))
        if not rows:
            return
        self._xml_start_tag("rowBreaks", [("count", len(rows)), ("manualBreakCount", len(rows))])
        for row in rows:
            self._xml_empty_tag("brk", [("id", row), ("max", 16383), ("man", 1)])
        self._xml_end_tag("rowBreaks")

    def _write_table_parts(self) -> None:
        if not self.table_ids:
            return
        self._xml_start_tag("tableParts", [("count", len(self.table_ids))])
        for rid in self.table_ids:
            self._xml_empty_tag("tablePart", [("r:id", rid)])
        self._xml_end_tag("tableParts")


class ReportTableWriter(XmlWriter):
    """A table part over the header at (row, col) and its body (one blank row if none)."""

    def __init__(self, report: Report, table: ReportTable, table_id: int) -> None:
        super().__init__()
        self.report, self.table, self.table_id = report, table, table_id

    def xml(self) -> bytes:
        table = self.table
        first = table.row + 1
        ref = (
            f"{column_letters(table.col + 1)}{first}:"
            f"{column_letters(table.col + table.columns)}{first + max(table.rows, 1)}"
        )
        self._xml_declaration()
        self._xml_start_tag(
            "table",
            [
                ("xmlns", MAIN_NS),
                ("id", self.table_id),
                ("name", table.name),
                ("displayName", table.name),
                ("ref", ref),
                ("totalsRowShown", 0),
            ],
        )
        self._xml_empty_tag("autoFilter", [("ref", ref)])
        self._write_table_columns()
        self._xml_empty_tag(
            "tableStyleInfo",
            [
                ("name", TABLE_STYLE),
                ("showFirstColumn", 0),
                ("showLastColumn", 0),
                ("showRowStripes", 1),
                ("showColumnStripes", 0),
            ],
        )
        self._xml_end_tag("table")
        return self.text().encode()

    def _write_table_columns(self) -> None:
        names = table_headers(self.report, self.table)
        self._xml_start_tag("tableColumns", [("count", len(names))])
        for i, name in enumerate(names, start=1):
            self._xml_empty_tag("tableColumn", [("id", i), ("name", name)])
        self._xml_end_tag("tableColumns")


def table_headers(report: Report, table: ReportTable) -> list[str]:
    """The header cells' text, as Excel names table columns ('Column3' for a blank one)."""
    row = report.rows[table.row] if table.row < len(report.rows) else []
    names = []
    for i in range(table.columns):
        value = row[table.col + i] if table.col + i < len(row) else None
        names.append(f"Column{i + 1}" if value is None or value == "" else str(value))
    return names
