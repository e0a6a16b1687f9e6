"""The Week sheet: per rep and week, a grid of days (columns) by morning and afternoon slots
(rows), each visit's start and customer, coloured by class or colour; under it the day's km
and minutes of driving, and the week's totals in its title.

Names are clipped to what a cell shows (a CJK character counts twice) and the writer shrinks
them to fit, so a long name never runs into the next slot. Four weeks print on a page, and each
rep starts on a new page.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, cast

import pandas as pd

from addin.domain.i18n import text
from addin.domain.planning.plan import VisitPlan
from addin.domain.planning.tables import group_colors, records, weekday
from addin.domain.report import Report
from addin.domain.settings import Settings

HOLIDAY_FILL = "D9D9D9"
LONG_DAY_FILL = "F8CBAD"
DAY_WIDTH = 24
CELL_TEXT = 30
"""Width (in Latin characters) a slot's text is clipped to; the writer shrinks the rest."""
WEEKS_PER_PAGE = 4


def week_report(plan: VisitPlan, settings: Settings, lang: str) -> Report:
    """Per rep and week: the slots grid, the day's travel, the week's totals."""
    sheet = _Sheet(plan, settings, lang)
    previous = None
    per_week = sheet.visits.groupby(["rep", "week"], sort=True).size()
    for key, visits in per_week.items():
        rep, week = cast(tuple[Any, Any], key)
        if sheet.rows and (rep != previous or sheet.blocks == WEEKS_PER_PAGE):
            sheet.breaks.append(len(sheet.rows))
            sheet.blocks = 0
        previous = rep
        sheet.block(str(rep), int(week), int(visits))
    return Report(
        sheet.rows,
        (13, *[DAY_WIDTH] * 7),
        sheet.fills,
        sheet.styles,
        breaks=sheet.breaks,
        shrink=tuple(range(1, 8)),
    )


class _Sheet:
    """The Week sheet as it is written, block by block."""

    def __init__(self, plan: VisitPlan, settings: Settings, lang: str) -> None:
        self.plan, self.settings, self.lang = plan, settings, lang
        self.rows: list[list[object]] = []
        self.fills: dict[tuple[int, int], str] = {}
        self.styles: dict[int, str] = {}
        self.breaks: list[int] = []
        self.blocks = 0
        self.visits = plan.visits.assign(week=_week(plan, plan.visits["date"]))
        self.days = plan.days.assign(week=_week(plan, plan.days["date"]))
        self.cells = {(r.rep, r.date.date(), r.half, r.slot - 1): r for r in records(self.visits)}
        self.travel: dict[tuple[str, dt.date], Any] = {}
        self.week_travel: dict[tuple[str, int], tuple[float, int]] = {}
        """(km, minutes) each rep drives each week."""
        for r in records(self.days):
            self.travel[(r.rep, r.date.date())] = r
            km, minutes = self.week_travel.get((r.rep, r.week), (0.0, 0))
            self.week_travel[(r.rep, r.week)] = (km + r.km, minutes + r.drive_min)
        self.colors = group_colors(settings)

    def block(self, rep: str, week: int, visits: int) -> None:
        """One rep-week: title, day names, a row per slot, the day's travel, a blank row."""
        lang, first = self.lang, self.plan.calendar.start + dt.timedelta(days=7 * week)
        dates = [first + dt.timedelta(days=i) for i in range(7)]
        self.blocks += 1
        km, minutes = self.week_travel.get((rep, week), (0.0, 0))
        self._row([_title(rep, first, visits, km, minutes, lang)], "title")
        self._row(
            [text("plan.slot", lang), *(f"{weekday(d, lang)} {d:%m-%d}" for d in dates)], "header"
        )
        slots = [("morning", i) for i in range(self.settings.morning_visits)]
        slots += [("afternoon", i) for i in range(self.settings.afternoon_visits)]
        for half, i in slots:
            line: list[object] = [f"{text(f'half.{half}', lang)} {i + 1}"]
            for col, day in enumerate(dates, start=1):
                visit = self.cells.get((rep, day, half, i))
                line.append(_slot_text(visit, self.plan, day, (half, i) == slots[0]))
                if visit is not None:
                    self.fills[(len(self.rows), col)] = self.colors[visit.group]
                elif day in self.plan.calendar.holiday_names:
                    self.fills[(len(self.rows), col)] = HOLIDAY_FILL
            self._row(line)
        self._travel_row(rep, dates)
        self._row([])

    def _travel_row(self, rep: str, dates: list[dt.date]) -> None:
        line: list[object] = [text("week.travel", self.lang)]
        for col, day in enumerate(dates, start=1):
            trip = self.travel.get((rep, day))
            if trip is None:
                line.append("")
                continue
            km = f"{trip.km:.0f}"
            line.append(text("week.day_travel", self.lang, km=km, minutes=trip.drive_min))
            if trip.km > self.settings.long_day_km:
                self.fills[(len(self.rows), col)] = LONG_DAY_FILL
        self._row(line, "muted")

    def _row(self, values: list[object], style: str | None = None) -> None:
        if style:
            self.styles[len(self.rows)] = style
        self.rows.append(values)


def _week(plan: VisitPlan, dates: pd.Series) -> pd.Series:
    return (dates - pd.Timestamp(plan.calendar.start)).dt.days // 7


def _title(rep: str, first: dt.date, visits: int, km: float, minutes: int, lang: str) -> str:
    return text(
        "week.title",
        lang,
        start=first.isoformat(),
        rep=rep,
        visits=visits,
        km=f"{km:.0f}",
        hours=f"{minutes / 60:.1f}",
    )


def _slot_text(visit: object, plan: VisitPlan, day: dt.date, first_slot: bool) -> str:
    """'09:30 Name ★' clipped to the cell, a holiday's name in its first slot, or blank."""
    if visit is None:
        return plan.calendar.holiday_names.get(day, "") if first_slot else ""
    star = " ★" if visit.with_manager else ""  # type: ignore[attr-defined]
    return clipped(f"{visit.start} {visit.name}", CELL_TEXT - len(star)) + star  # type: ignore[attr-defined]


def clipped(words: str, width: int) -> str:
    """`words` cut to `width` columns (wide CJK characters take two), with '…' when cut."""
    sizes = [2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in words]
    if sum(sizes) <= width:
        return words
    used, kept = 0, []
    for ch, size in zip(words, sizes, strict=True):
        if used + size > width - 1:
            break
        used += size
        kept.append(ch)
    return "".join(kept) + "…"
