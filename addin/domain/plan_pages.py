"""Printed pages of the visit plan: the weekly calendar, customer cards (客户卡) and the pre-visit
checklist (出发前检核, domain §7), one page per rep-week, per three cards and per visit day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pandas as pd

from addin.domain.i18n import text
from addin.domain.plan_tables import (
    group_colors,
    month_report,
    plan_report,
    records,
    touches_report,
    unscheduled_report,
    weekday,
)
from addin.domain.report import Report
from addin.domain.schema import BY_KEY
from addin.domain.settings import Settings
from addin.domain.visit_plan import VisitPlan

CHECKLIST_ITEMS = 17
CARDS_PER_PAGE = 3
HOLIDAY_FILL = "D9D9D9"
BOX = "☐"
CARD_FIELDS = (
    "company",
    "rep",
    "contact",
    "phone",
    "decision_maker",
    "interests",
    "city",
    "address",
)


def plan_sheets(
    plan: VisitPlan, touches: pd.DataFrame, frame: pd.DataFrame, settings: Settings, lang: str
) -> list[tuple[str, Report]]:
    """Every plan sheet, keyed by its name's message key (sheet.plan, sheet.week, ...)."""
    return [
        ("plan", plan_report(plan, settings, lang)),
        ("unscheduled", unscheduled_report(plan, settings, lang)),
        ("week", week_report(plan, settings, lang)),
        ("month", month_report(plan, lang)),
        ("touches", touches_report(touches, lang)),
        ("cards", cards_report(plan, frame, lang)),
        ("checklist", checklist_report(plan, lang)),
    ]


def week_report(plan: VisitPlan, settings: Settings, lang: str) -> Report:
    """Per rep and week: a grid of days (columns) by morning and afternoon slots (rows)."""
    rows: list[list[object]] = []
    fills: dict[tuple[int, int], str] = {}
    styles: dict[int, str] = {}
    breaks: list[int] = []
    colors = group_colors(settings)
    slots = [("morning", i) for i in range(settings.morning_visits)]
    slots += [("afternoon", i) for i in range(settings.afternoon_visits)]
    visits = plan.visits.assign(
        week=(plan.visits["date"] - pd.Timestamp(plan.calendar.start)).dt.days // 7
    )
    cells = {(r.rep, r.date.date(), r.half, r.slot - 1): r for r in records(visits)}
    for (rep, week), _ in visits.groupby(["rep", "week"], sort=True):
        days = [
            plan.calendar.start + dt.timedelta(days=7 * int(cast(Any, week)) + i) for i in range(7)
        ]
        if rows:
            breaks.append(len(rows))
        styles[len(rows)] = "title"
        rows.append([text("week.title", lang, start=days[0].isoformat(), rep=rep)])
        styles[len(rows)] = "header"
        rows.append([text("plan.slot", lang), *(f"{weekday(d, lang)} {d:%m-%d}" for d in days)])
        for half, i in slots:
            line: list[object] = [f"{text(f'half.{half}', lang)} {i + 1}"]
            for col, day in enumerate(days, start=1):
                visit = cells.get((rep, day, half, i))
                if visit is not None:
                    star = " ★" if visit.with_manager else ""
                    line.append(f"{visit.start} {visit.name}{star}")
                    fills[(len(rows), col)] = colors[visit.group]
                else:
                    line.append(plan.calendar.holiday_names.get(day, "") if i == 0 else "")
                    if day in plan.calendar.holiday_names:
                        fills[(len(rows), col)] = HOLIDAY_FILL
            rows.append(line)
        rows.append([])
    return Report(rows, (13, *[24] * 7), fills, styles, breaks=breaks, wrap=tuple(range(1, 8)))


def cards_report(plan: VisitPlan, frame: pd.DataFrame, lang: str) -> Report:
    """A customer card for each customer visited: who to meet, what they like, what to achieve."""
    rows: list[list[object]] = []
    styles: dict[int, str] = {}
    breaks: list[int] = []
    visits = plan.visits.sort_values(["rep", "date", "route_order"], kind="stable")
    for n, (row, seen) in enumerate(visits.groupby("row", sort=False)):
        if n and n % CARDS_PER_PAGE == 0:
            breaks.append(len(rows))
        customer = frame.loc[row]
        styles[len(rows)] = "title"
        rows.append(
            [text("card.title", lang, name=f"{customer['name']} ({customer['customer_id']})")]
        )
        group = seen["group"].iloc[0]
        rows.append([text("plan.group", lang), text(f"group.{group}", lang)])
        rows += [
            [BY_KEY[k].label(lang), _shown(customer.get(k))] for k in CARD_FIELDS if k in frame
        ]
        rows.append([text("card.sales_history", lang), _shown(customer.get("annual_sales"))])
        rows.append([BY_KEY["last_visit"].label(lang), _shown(customer.get("last_visit"))])
        dates = ", ".join(
            f"{d:%m-%d} {s}" for d, s in zip(seen["date"], seen["start"], strict=True)
        )
        rows.append([text("card.visits", lang), dates])
        rows.append([text("card.next_goal", lang), text(f"purpose.{group}", lang)])
        rows.append([text("card.notes", lang), ""])
        rows += [[], []]
    return Report(rows, (24, 62), styles=styles, breaks=breaks, portrait=True, wrap=(1,))


def checklist_report(plan: VisitPlan, lang: str) -> Report:
    """One page per rep and visit day: the day's visits and every item of the checklist to tick."""
    rows: list[list[object]] = []
    styles: dict[int, str] = {}
    breaks: list[int] = []
    for (rep, day), visits in plan.visits.groupby(["rep", "date"], sort=True):
        if rows:
            breaks.append(len(rows))
        styles[len(rows)] = "title"
        rows.append(
            [
                text(
                    "checklist.title",
                    lang,
                    rep=rep,
                    date=f"{day:%Y-%m-%d} {weekday(cast(Any, day), lang)}",
                )
            ]
        )
        rows.append([text("checklist.visits", lang, count=len(visits))])
        rows += [[f"  {s} {n}"] for s, n in zip(visits["start"], visits["name"], strict=True)]
        styles[len(rows)] = "header"
        rows.append([text("checklist.item", lang), text("checklist.done", lang)])
        rows += [[text(f"checklist.{i}", lang), BOX] for i in range(1, CHECKLIST_ITEMS + 1)]
        rows.append([])
    return Report(rows, (70, 10), styles=styles, breaks=breaks, portrait=True, wrap=(0,))


def _shown(value: object) -> object:
    """A card value: dates as dates, blanks as blank."""
    if value is None or (not isinstance(value, str) and pd.isna(cast(Any, value))):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}"
    return value
