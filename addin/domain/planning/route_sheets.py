"""Paper for the road: a route sheet per rep-day (出发前检核) and a card per customer visited
(客户卡).

A route sheet lists the day's stops in driving order (start, customer, class, contact and
phone, the visit's goal, a box to tick), the day's km and hours, and the playbook's checklist
(domain §7) in two columns. Several rep-days share a printed page, a rep-day never splits over
two, and each rep starts on a new page. Cards sit two abreast, only for customers the plan
visits.
"""

from __future__ import annotations

import itertools
from typing import Any, cast

import numpy as np
import pandas as pd

from addin.domain.i18n import text
from addin.domain.planning.plan import VisitPlan
from addin.domain.planning.tables import records, weekday
from addin.domain.report import Report
from addin.domain.schema import BY_KEY

CHECKLIST_ITEMS = 17
BOX = "☐"
ROUTE_DAYS_PER_PAGE = 3
CARDS_PER_PAGE = 14
"""Cards per printed page: seven rows of two."""
ROUTE_WIDTHS = (4, 7, 32, 12, 30, 34, 6)
CARD_WIDTHS = (16, 38, 2, 16, 38)


def checklist_report(plan: VisitPlan, frame: pd.DataFrame, lang: str) -> Report:
    """A route sheet per rep-day: stops, travel, and every item of the checklist to tick."""
    rows: list[list[object]] = []
    styles: dict[int, str] = {}
    breaks: list[int] = []
    travel = {(r.rep, r.date): r for r in records(plan.days)}
    contacts = joined(frame.loc[plan.visits["row"].unique()], ("contact", "phone"))
    previous, on_page = None, 0
    every = records(plan.visits.sort_values(["rep", "date", "route_order"], kind="stable"))
    for (rep, day), group in itertools.groupby(every, key=lambda v: (v.rep, v.date)):
        stops = list(group)
        if rows and (rep != previous or on_page == ROUTE_DAYS_PER_PAGE):
            breaks.append(len(rows))
            on_page = 0
        previous, on_page = rep, on_page + 1
        date = f"{day:%Y-%m-%d} {weekday(cast(Any, day), lang)}"
        styles[len(rows)] = "title"
        rows.append([text("checklist.title", lang, rep=rep, date=date)])
        styles[len(rows)] = "muted"
        rows.append([_summary(travel[(rep, day)], stops, plan, lang)])
        styles[len(rows)] = "header"
        rows.append([text(k, lang) for k in _STOP_KEYS])
        rows += [_stop(stop, contacts, lang) for stop in stops]
        styles[len(rows)] = "bold"
        rows.append([text("checklist.checks", lang)])
        rows += _checks(lang)
        rows.append([])
    return Report(rows, ROUTE_WIDTHS, styles=styles, breaks=breaks, portrait=True)


_STOP_KEYS = (
    "checklist.stop",
    "plan.start",
    "plan.name",
    "plan.group",
    "checklist.contact",
    "checklist.goal",
    "checklist.done",
)


def _summary(day: Any, stops: list[Any], plan: VisitPlan, lang: str) -> str:
    first = stops[0]
    leave = _minutes_text(_minutes(first.start) - int(first.drive_min))
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
        contacts[stop.row],
        text(f"purpose.{stop.group}", lang),
        BOX,
    ]


def _checks(lang: str) -> list[list[object]]:
    """The 17 items in two columns: 1-9 on the left, 10-17 on the right."""
    items = [f"{BOX} {text(f'checklist.{i}', lang)}" for i in range(1, CHECKLIST_ITEMS + 1)]
    half = (len(items) + 1) // 2
    left, right = items[:half], items[half:]
    return [[left[i], None, None, None, right[i] if i < len(right) else ""] for i in range(half)]


def cards_report(plan: VisitPlan, frame: pd.DataFrame, lang: str) -> Report:
    """A customer card for each customer visited: who to meet, what they like, what to achieve."""
    rows: list[list[object]] = []
    styles: dict[int, str] = {}
    breaks: list[int] = []
    visits = plan.visits.sort_values(["rep", "date", "route_order"], kind="stable")
    cards = _cards(visits, frame, lang)
    for n in range(0, len(cards), 2):
        if n and n % CARDS_PER_PAGE == 0:
            breaks.append(len(rows))
        left, right = cards[n], cards[n + 1] if n + 1 < len(cards) else []
        styles[len(rows)] = "bold"
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ["", ""]
            b = right[i] if i < len(right) else ["", ""]
            rows.append([*a, None, *b])
        rows.append([])
    return Report(rows, CARD_WIDTHS, styles=styles, breaks=breaks, portrait=True, shrink=(1, 4))


def _cards(visits: pd.DataFrame, frame: pd.DataFrame, lang: str) -> list[list[list[object]]]:
    """The lines of each visited customer's card, in order of first visit: a title, then
    label and value pairs."""
    people = frame.loc[visits["row"].unique()]
    lines = {
        "contact": joined(people, ("contact", "phone")),
        "decision_maker": joined(people, ("decision_maker", "interests")),
        "address": joined(people, ("city", "address")),
        "sales": joined(people, ("annual_sales", "last_visit")),
    }
    labels = {key: BY_KEY[key].label(lang) for key in ("contact", "decision_maker", "address")}
    labels["sales"] = text("card.sales_history", lang)
    seen: dict[Any, list[Any]] = {}
    for visit in records(visits):
        seen.setdefault(visit.row, []).append(visit)
    cards = []
    for row, mine in seen.items():
        first, group = mine[0], mine[0].group
        dates = ", ".join(f"{v.date:%m-%d} {v.start}" for v in mine)
        cards.append(
            [
                [text("card.title", lang, name=first.name), first.customer_id],
                [text("plan.group", lang), text(f"group.{group}", lang)],
                *([labels[key], lines[key][row]] for key in lines),
                [text("card.visits", lang), dates],
                [text("card.next_goal", lang), text(f"purpose.{group}", lang)],
            ]
        )
    return cards


def joined(frame: pd.DataFrame, keys: tuple[str, ...]) -> pd.Series:
    """Per row, the known values of `keys` joined by ' · ' (dates as dates, sales as 12,300)."""
    result = pd.Series("", index=frame.index, dtype=object)
    for key in keys:
        if key in frame:
            part = _shown(frame[key])
            both = (result != "") & (part != "")
            result = (result + np.where(both, " · ", "") + part).astype(object)
    return result


def _shown(column: pd.Series) -> pd.Series:
    """A column as card text: '' for blanks, dates as dates, numbers with separators."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_numeric_dtype(column):
        return column.map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    return column.map(_cell_text)


def _cell_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(cast(Any, value))):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}"
    return str(value)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _minutes_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
