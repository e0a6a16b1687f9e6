"""Customer cards (客户卡): one for each customer the plan visits, three abreast on an upright
A4 page: who to meet and how to reach them, what they like, sales and the last visit, the
visits of this plan and the goal of the next one. Text shrinks to its card, never into the next.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from addin.domain.i18n import text
from addin.domain.planning.plan import VisitPlan
from addin.domain.planning.route_sheets import PAGE_ROWS, joined
from addin.domain.planning.tables import records
from addin.domain.report import Report
from addin.domain.schema import BY_KEY

ACROSS = 3
CARD_WIDTH = 42
CARD_LINES = 7


def cards_report(plan: VisitPlan, frame: pd.DataFrame, lang: str) -> Report:
    """A customer card for each customer visited, in order of first visit."""
    rows: list[list[object]] = []
    styles: dict[int, str] = {}
    breaks: list[int] = []
    visits = plan.visits.sort_values(["rep", "date", "route_order"], kind="stable")
    cards = _cards(visits, frame, lang)
    per_page = PAGE_ROWS // (CARD_LINES + 1)
    for n, start in enumerate(range(0, len(cards), ACROSS)):
        if n and n % per_page == 0:
            breaks.append(len(rows))
        line_up = cards[start : start + ACROSS]
        styles[len(rows)] = "bold"
        for i in range(CARD_LINES):
            row: list[object] = []
            for card in line_up:
                row += [card[i], None]
            rows.append(row[:-1])
        rows.append([])
    widths = [CARD_WIDTH, 2] * (ACROSS - 1) + [CARD_WIDTH]
    shrink = tuple(range(0, 2 * ACROSS, 2))
    return Report(rows, widths, styles=styles, breaks=breaks, portrait=True, shrink=shrink)


def _cards(visits: pd.DataFrame, frame: pd.DataFrame, lang: str) -> list[list[str]]:
    """The lines of each visited customer's card: a title, then 'label: value' lines."""
    people = frame.loc[visits["row"].unique()]
    lines = {
        BY_KEY["contact"].label(lang): joined(people, ("contact", "phone")),
        BY_KEY["decision_maker"].label(lang): joined(people, ("decision_maker", "interests")),
        BY_KEY["address"].label(lang): joined(people, ("city", "address")),
        text("card.sales_history", lang): joined(people, ("annual_sales", "last_visit")),
    }
    seen: dict[Any, list[Any]] = {}
    for visit in records(visits):
        seen.setdefault(visit.row, []).append(visit)
    cards = []
    for row, mine in seen.items():
        first, group = mine[0], mine[0].group
        dates = ", ".join(f"{v.date:%m-%d} {v.start}" for v in mine)
        cards.append(
            [
                f"{first.name} ({first.customer_id}) · {text(f'group.{group}', lang)}",
                *(f"{label}: {values[row]}" for label, values in lines.items()),
                f"{text('card.visits', lang)}: {dates}",
                f"{text('card.next_goal', lang)}: {text(f'purpose.{group}', lang)}",
            ]
        )
    return cards
