"""How each cell of a `Report` looks, as cell formats appended to styles.xml.

The rules are those of `addin.workbook.report_sheet` (the openpyxl writer), applied in the same
order so both adapters format a report alike: wrapped columns, per-cell fills with a readable
font, row styles (title, header, bold, muted), table header rows, number formats by column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from addin.domain.report import Report
from addin.workbook.package.styles_xml import Styles
from addin.workbook.styles import HEADER_FILL, MUTED, TITLE, text_color

WRAP = '<alignment vertical="top" wrapText="1"/>'
SHRINK = '<alignment shrinkToFit="1"/>'
CENTER = '<alignment vertical="center"/>'
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd h:mm:ss"
"""What openpyxl gives a date or datetime cell without a number format."""


def font_xml(size: float = 11, bold: bool = False, italic: bool = False, color: str = "") -> str:
    """The workbook's body font (Calibri 11) with changes, children in Excel's order."""
    parts = ["<b/>" if bold else "", "<i/>" if italic else "", f'<sz val="{size:g}"/>']
    parts.append(f'<color rgb="FF{color}"/>' if color else "")
    parts.append('<name val="Calibri"/><family val="2"/><scheme val="minor"/>')
    return f"<font>{''.join(parts)}</font>"


HEADER_FONT = font_xml(bold=True, color="FFFFFF")
ROW_FONTS = {
    "title": font_xml(size=14, bold=True, color=TITLE),
    "bold": font_xml(bold=True),
    "muted": font_xml(italic=True, color=MUTED),
}


@dataclass(frozen=True)
class Look:
    """What a cell format sets; None leaves the workbook's default."""

    font: str | None = None
    fill: str | None = None
    number_format: str | None = None
    alignment: str | None = None


class Looks:
    """The look of every cell of one report, and the cell format (xf index) of each look."""

    def __init__(self, report: Report, styles: Styles) -> None:
        self.report = report
        self.styles = styles
        self.width = max((len(row) for row in report.rows), default=1)
        self._xfs: dict[Look, int] = {Look(): 0}
        self._looks: dict[int, Look] = {0: Look()}
        self._headers = {(t.row, c) for t in report.tables for c in range(t.col, t.col + t.columns)}
        self.special_rows = {r for r, _ in report.fills} | set(report.styles)
        self.special_rows |= {r for r, _ in self._headers}
        self._columns: dict[int, int] = {}

    def xf(self, look: Look) -> int:
        if look not in self._xfs:
            self._xfs[look] = self.styles.new_format(
                look.font, look.fill, look.number_format, look.alignment
            )
            self._looks[self._xfs[look]] = look
        return self._xfs[look]

    def plain(self, col: int) -> int:
        """The format of a cell in a row with no row style, fill or table header."""
        if col not in self._columns:
            self._columns[col] = self.xf(self.look(-1, col, True))
        return self._columns[col]

    def cell(self, row: int, col: int) -> int:
        in_row = row < len(self.report.rows) and col < len(self.report.rows[row])
        return self.xf(self.look(row, col, in_row))

    def dated(self, style: int, value: object) -> int:
        """`style` with a date format when it has none and the value is a date."""
        look = self._looks.get(style, Look())
        if look.number_format is not None:
            return style
        wide = isinstance(value, (dt.datetime, pd.Timestamp))
        return self.xf(replace(look, number_format=DATETIME if wide else DATE))

    def look(self, row: int, col: int, in_row: bool) -> Look:
        """The openpyxl writer's rules, in its order: later rules override earlier ones."""
        report = self.report
        font = fill = alignment = None
        if in_row and col in report.wrap:
            alignment = WRAP
        elif in_row and col in report.shrink:
            alignment = SHRINK
        color = report.fills.get((row, col))
        if color is not None:
            fill, font = color, font_xml(color=text_color(color))
        style = report.styles.get(row)
        length = len(report.rows[row]) if 0 <= row < len(report.rows) else 0
        if style == "header" and col < max(length, 1):
            font, fill, alignment = HEADER_FONT, HEADER_FILL, CENTER
        elif style in ROW_FONTS and col < self.width:
            font = ROW_FONTS[style]
        if (row, col) in self._headers:
            font, fill, alignment = HEADER_FONT, HEADER_FILL, CENTER
        number_format = report.formats.get(col) if row < len(report.rows) else None
        return Look(font, fill, number_format, alignment)
