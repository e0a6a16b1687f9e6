"""A free-form sheet as plain data: what the plan's printed pages hold, for any workbook adapter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportTable:
    """An Excel table over part of a report: its header row, first column and size (0-based)."""

    name: str
    row: int
    col: int
    columns: int
    rows: int


@dataclass(frozen=True)
class Report:
    """A free-form sheet (plan, calendar, cards, checklist): cells, styles and print layout.

    Rows and columns are 0-based. `styles` marks whole rows ('title', 'header', 'bold', 'muted');
    `breaks` are rows that start a new printed page; `portrait` pages are A4 upright, else
    landscape; both fit the width of one page.
    """

    rows: list[list[object]]
    widths: Sequence[float] = ()
    fills: Mapping[tuple[int, int], str] = field(default_factory=dict)
    styles: Mapping[int, str] = field(default_factory=dict)
    tables: Sequence[ReportTable] = ()
    breaks: Sequence[int] = ()
    formats: Mapping[int, str] = field(default_factory=dict)
    """Number format by column, e.g. {0: 'yyyy-mm-dd'}."""
    portrait: bool = False
    wrap: Sequence[int] = ()
    """Columns whose text wraps within the cell."""
    shrink: Sequence[int] = ()
    """Columns whose text shrinks to fit the cell, so that it never runs into the next one."""
