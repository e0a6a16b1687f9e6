"""Every sheet of a visit plan, in the order the workbook shows them, keyed by the message key
of the sheet's name (sheet.plan, sheet.week, ...)."""

from __future__ import annotations

import pandas as pd

from addin.domain.planning.cards import cards_report
from addin.domain.planning.month import month_report
from addin.domain.planning.plan import VisitPlan
from addin.domain.planning.route_sheets import checklist_report
from addin.domain.planning.tables import (
    manager_report,
    plan_report,
    touches_report,
    unscheduled_report,
)
from addin.domain.planning.week import week_report
from addin.domain.report import Report
from addin.domain.settings import Settings


def plan_sheets(
    plan: VisitPlan,
    touches: pd.DataFrame,
    frame: pd.DataFrame,
    settings: Settings,
    lang: str,
    scope: dict[str, object],
    seconds: float,
) -> list[tuple[str, Report]]:
    """Every plan sheet; `scope` (rep, weeks) goes on the Month sheet for refresh to read."""
    return [
        ("plan", plan_report(plan, settings, lang, seconds)),
        ("unscheduled", unscheduled_report(plan, settings, lang)),
        ("week", week_report(plan, settings, lang)),
        ("month", month_report(plan, settings, lang, seconds, scope)),
        ("manager", manager_report(plan, settings, lang)),
        ("touches", touches_report(touches, lang)),
        ("cards", cards_report(plan, frame, lang)),
        ("checklist", checklist_report(plan, frame, lang)),
    ]
