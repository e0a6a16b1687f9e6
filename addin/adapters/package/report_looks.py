"""How each cell of a `Report` looks, as cell formats appended to styles.xml.

Rules, applied in this order so later ones win: wrapped columns, per-cell fills with a readable
font, row styles (title, header, bold, muted), table header rows, number formats by column. A
look is plain data (`Look`, with the `Font` and `Alignment` of `styles`), so a new kind of look
(shrink to fit, say) is one more field and one more rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import NamedTuple

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
        self._cells: dict[_Facts, int] = {}

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
            self._columns[col] = self.xf(_look(self._facts(-1, col, True)))
        return self._columns[col]

    def cell(self, row: int, col: int) -> int:
        in_row = row < len(self.report.rows) and col < len(self.report.rows[row])
        facts = self._facts(row, col, in_row)
        if facts not in self._cells:
            self._cells[facts] = self.xf(_look(facts))
        return self._cells[facts]

    def dated(self, style: int, value: object) -> int:
        """`style` with a date format when it has none and the value is a date."""
        look = self._looks.get(style, Look())
        if look.number_format is not None:
            return style
        wide = isinstance(value, (dt.datetime, pd.Timestamp))
        return self.xf(replace(look, number_format=DATETIME if wide else DATE))

    def _facts(self, row: int, col: int, in_row: bool) -> _Facts:
        report = self.report
        length = len(report.rows[row]) if 0 <= row < len(report.rows) else 0
        return _Facts(
            in_row and col in report.wrap,
            in_row and col in report.shrink,
            report.fills.get((row, col)),
            report.styles.get(row),
            col < max(length, 1),
            col < self.width,
            (row, col) in self._headers,
            report.formats.get(col) if row < len(report.rows) else None,
        )


class _Facts(NamedTuple):
    """All that a cell's look depends on, as plain values: the same for most cells of a sheet,
    and far cheaper to key formats on than the Look they give (a dataclass of dataclasses)."""

    wrap: bool
    shrink: bool
    fill: str | None
    row_style: str | None
    within_row: bool
    """Within the row's values (at least its first cell): how far a header row style reaches."""
    within_width: bool
    """Within the report's widest row: how far the other row styles reach."""
    table_header: bool
    number_format: str | None


def _look(facts: _Facts) -> Look:
    """The rules, in order: later rules override earlier ones."""
    font = fill = alignment = None
    if facts.wrap:
        alignment = WRAP
    elif facts.shrink:
        alignment = SHRINK
    if facts.fill is not None:
        fill, font = facts.fill, Font(color=text_color(facts.fill))
    style = facts.row_style
    if style == "header" and facts.within_row:
        font, fill, alignment = HEADER_FONT, HEADER_FILL, CENTER
    elif style in ROW_FONTS and facts.within_width:
        font = ROW_FONTS[style]
    if facts.table_header:
        font, fill, alignment = HEADER_FONT, HEADER_FILL, CENTER
    return Look(font, fill, facts.number_format, alignment)
