"""How each cell of a `Report` looks, as cell formats appended to styles.xml.

Rules, applied in this order so later ones win: wrapped columns, per-cell fills with a readable
font, row styles (title, header, bold, muted), table header rows, number formats by column. A
look is plain data (`Look`, with the `Font` and `Alignment` of `styles`), so a new kind of look
(shrink to fit, say) is one more field and one more rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from addin.adapters.package.styles import Alignment, Font, Styles
from addin.domain.palette import HEADER_FILL, MUTED, TITLE, text_color
from addin.domain.report import Report

WRAP = Alignment(vertical="top", wrap_text=True)
SHRINK = Alignment(shrink_to_fit=True)
CENTER = Alignment(vertical="center")
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd h:mm:ss"
"""The formats a date or datetime cell gets when its column has none."""
HEADER_FONT = Font(bold=True, color="FFFFFF")
ROW_FONTS = {
    "title": Font(size=14, bold=True, color=TITLE),
    "bold": Font(bold=True),
    "muted": Font(italic=True, color=MUTED),
}


@dataclass(frozen=True)
class Look:
    """What a cell format sets; None leaves the workbook's default."""

    font: Font | None = None
    fill: str | None = None
    number_format: str | None = None
    alignment: Alignment | None = None


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
        self._cells: dict[tuple[object, ...], int] = {}

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
        report = self.report
        in_row = row < len(report.rows) and col < len(report.rows[row])
        length = len(report.rows[row]) if 0 <= row < len(report.rows) else 0
        # Everything look() reads, as plain values: far cheaper to key on than the Look itself
        # (a dataclass of dataclasses), and the same for most cells of a sheet.
        reads = (
            in_row and col in report.wrap,
            in_row and col in report.shrink,
            report.fills.get((row, col)),
            report.styles.get(row),
            col < max(length, 1),
            col < self.width,
            (row, col) in self._headers,
            report.formats.get(col) if row < len(report.rows) else None,
        )
        if reads not in self._cells:
            self._cells[reads] = self.xf(self.look(row, col, in_row))
        return self._cells[reads]

    def dated(self, style: int, value: object) -> int:
        """`style` with a date format when it has none and the value is a date."""
        look = self._looks.get(style, Look())
        if look.number_format is not None:
            return style
        wide = isinstance(value, (dt.datetime, pd.Timestamp))
        return self.xf(replace(look, number_format=DATETIME if wide else DATE))

    def look(self, row: int, col: int, in_row: bool) -> Look:
        """The rules, in order: later rules override earlier ones."""
        report = self.report
        font = fill = alignment = None
        if in_row and col in report.wrap:
            alignment = WRAP
        elif in_row and col in report.shrink:
            alignment = SHRINK
        color = report.fills.get((row, col))
        if color is not None:
            fill, font = color, Font(color=text_color(color))
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
