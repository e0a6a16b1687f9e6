"""Route sheets (出发前检核): one per rep-day, the day's stops in driving order (start,
customer, class, contact and phone, the visit's goal, a box to tick), when the rep leaves and is
back, km and minutes driving, and the playbook's checklist (domain §7) in two columns.

Route sheets fill a printed page as far as they go and a rep-day never splits over two pages:
three or four rep-days a page, so that a 240-customer plan prints in under 60 pages.
"""

from __future__ import annotations

import itertools
from typing import Any, cast

import pandas as pd

from addin.domain.i18n import text
from addin.domain.planning.outcome import clock
from addin.domain.planning.plan import VisitPlan
from addin.domain.planning.tables import records, weekday
from addin.domain.report import Report
from addin.domain.settings import minutes_of

CHECKLIST_ITEMS = 17
BOX = "☐"
PAGE_ROWS = 72
"""Rows an upright A4 page holds at the scale these columns print at, counting a title row as
one and a half (LibreOffice fits about 74)."""
ROUTE_WIDTHS = (4, 7, 26, 18, 44, 32, 6)


def checklist_report(plan: VisitPlan, frame: pd.DataFrame, lang: str) -> Report:
    """A route sheet per rep-day: stops, travel, and every item of the checklist to tick."""
    rows: list[list[object]] = []
    styles: dict[int, str] = {}
    breaks: list[int] = []
    travel = {(r.rep, r.date): r for r in records(plan.days)}
    contacts = joined(frame.loc[plan.visits["row"].unique()], ("contact", "phone"))
    used = 0.0
    every = records(plan.visits.sort_values(["rep", "date", "route_order"], kind="stable"))
    for (rep, day), group in itertools.groupby(every, key=lambda v: (v.rep, v.date)):
        stops = list(group)
        size = len(stops) + 3.5 + (CHECKLIST_ITEMS + 1) // 2  # title, summary and header
        if rows and used + size > PAGE_ROWS:
            breaks.append(len(rows))
            used = 0.0
        used += size
        date = f"{day:%Y-%m-%d} {weekday(cast(Any, day), lang)}"
        styles[len(rows)] = "title"
        rows.append([text("checklist.title", lang, rep=rep, date=date)])
        styles[len(rows)] = "muted"
        rows.append([_summary(travel[(rep, day)], stops, plan, lang)])
        styles[len(rows)] = "header"
        rows.append([text(k, lang) for k in _STOP_KEYS])
        rows += [_stop(stop, contacts, lang) for stop in stops]
        rows += _checks(lang)
    return Report(rows, ROUTE_WIDTHS, styles=styles, breaks=breaks, portrait=True, shrink=(2, 3, 5))


_STOP_KEYS = (
    "checklist.stop",
    "plan.start",
    "plan.name",
    "plan.group",
    "checklist.goal",
    "checklist.contact",
    "checklist.done",
)


def _summary(day: Any, stops: list[Any], plan: VisitPlan, lang: str) -> str:
    first = stops[0]
    leave = clock(minutes_of(first.start) - int(first.drive_min))
    return text(
        "checklist.summary",
        lang,
        count=len(stops),
        leave=leave,
        back=day.back,
        km=f"{day.km:.0f}",
        minutes=int(day.drive_min),
    )


def _stop(stop: Any, contacts: pd.Series, lang: str) -> list[object]:
    star = " ★" if stop.with_manager else ""
    return [
        int(stop.route_order),
        stop.start,
        f"{stop.name}{star}",
        text(f"group.{stop.group}", lang),
        text(f"purpose.{stop.group}", lang),
        contacts[stop.row],
        BOX,
    ]


def _checks(lang: str) -> list[list[object]]:
    """The 17 items in two columns: 1-9 on the left, 10-17 on the right."""
    items = [f"{BOX} {text(f'checklist.{i}', lang)}" for i in range(1, CHECKLIST_ITEMS + 1)]
    half = (len(items) + 1) // 2
    left, right = items[:half], items[half:]
    return [[left[i], None, None, None, right[i] if i < len(right) else ""] for i in range(half)]


def joined(frame: pd.DataFrame, keys: tuple[str, ...]) -> pd.Series:
    """Per row, the known values of `keys` joined by ' · ' (dates as dates, sales as 12,300)."""
    parts = [_shown(frame[key]) for key in keys if key in frame]
    texts = [" · ".join(p for p in row if p) for row in zip(*parts, strict=True)]
    return pd.Series(texts if parts else [""] * len(frame), index=frame.index, dtype=object)


def _shown(column: pd.Series) -> list[str]:
    """A column as card text: '' for blanks, dates as dates, numbers with separators."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%d").fillna("").tolist()
    if pd.api.types.is_numeric_dtype(column):
        return ["" if pd.isna(v) else f"{v:,.0f}" for v in column]
    return [_cell_text(v) for v in column]


def _cell_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(cast(Any, value))):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}"
    return str(value)
