"""What a plan is made from, besides the customers: one rep's rows, days off, manual touches and
which customers want the senior manager along; and the plan itself, from a start date.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping

import pandas as pd

from addin.domain.errors import SchemaError
from addin.domain.i18n import text
from addin.domain.planning.calendar import work_calendar
from addin.domain.planning.plan import PlanOptions, VisitPlan, plan_visits
from addin.domain.planning.touches import touch_calendar
from addin.domain.schema import canonical_key, normalise_header
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.domain.values import parse_dates, parse_text

MANAGER_HEADERS = ("manager", "with manager", "manager along", "主管陪同", "主管")
DATE_HEADERS = ("date", "day", "day off", "日期", "休息日", "请假日期")
OCCASION_HEADERS = ("occasion", "type", "kind", "事由", "类型", "事项")
YES = ("yes", "y", "true", "1", "x", "✓", "是", "要", "1.0")


def next_monday(today: dt.date) -> dt.date:
    """The Monday after `today` (a week on, when today is a Monday): next week's plan."""
    return today + dt.timedelta(days=7 - today.weekday())


def for_rep(
    table: CustomerTable, classes: pd.Series, rep: str | None
) -> tuple[pd.DataFrame, pd.Series]:
    """All rows, or only those of `rep` (spaces and case ignored); an unknown rep is an error."""
    frame = table.frame
    if not rep:
        return frame, classes
    reps = frame["rep"] if "rep" in frame else pd.Series("", index=frame.index)
    wanted = unicodedata.normalize("NFC", rep).strip().casefold()  # as the table's reps are
    mine = reps.astype("string").str.strip().str.casefold().eq(wanted)
    mine = mine.fillna(False).astype(bool)
    if not mine.any():
        known = ", ".join(sorted(reps.dropna().astype(str).unique())[:20]) or text("none")
        where = table.layout.where("rep" if "rep" in frame else None)
        raise SchemaError(text("error.no_rep", where=where, rep=rep, reps=known))
    return frame[mine], classes[mine]


def make_plan(
    frame: pd.DataFrame,
    classes: pd.Series,
    settings: Settings,
    start: dt.date,
    lang: str,
    days_off: Mapping[str, list[dt.date]] | None = None,
    manual: pd.DataFrame | None = None,
    options: PlanOptions | None = None,
) -> tuple[VisitPlan, pd.DataFrame]:
    """The visit plan and the touch calendar over `settings.plan_weeks` weeks from `start`."""
    calendar = work_calendar(start, settings.plan_weeks, settings.country, lang)
    flags = manager_flags(frame)
    plan = plan_visits(frame, classes, settings, calendar, days_off, flags, options)
    follow_up = frame["follow_up"] if "follow_up" in frame else pd.Series(index=frame.index)
    active = ~follow_up.eq("give_up").fillna(False).astype(bool).to_numpy()
    return plan, touch_calendar(frame, active, calendar, settings, manual)


def manager_flags(frame: pd.DataFrame) -> pd.Series | None:
    """True where a 'With manager' (主管陪同) column says yes; None when there is no such column."""
    column = _find(frame, MANAGER_HEADERS)
    if column is None:
        return None
    words = frame[column].astype("string").str.strip().str.casefold()
    return words.isin(YES).fillna(False).astype(bool)


def extras_of(
    days_off: pd.DataFrame | None, touches: pd.DataFrame | None
) -> tuple[dict[str, list[dt.date]] | None, pd.DataFrame | None]:
    """Days off by rep and manual touches from their raw tables (None where there is none)."""
    return (
        days_off_of(days_off) if days_off is not None else None,
        touches_of(touches) if touches is not None else None,
    )


def days_off_of(raw: pd.DataFrame) -> dict[str, list[dt.date]]:
    """rep -> personal days off, from a DaysOff table (Rep, Date); unreadable dates are skipped."""
    rep = next((c for c in raw.columns if canonical_key(c) == "rep"), None)
    day = _find(raw, DATE_HEADERS)
    if rep is None or day is None:
        return {}
    dates = parse_dates(raw[day])[0]
    reps = parse_text(raw[rep])
    off: dict[str, list[dt.date]] = {}
    for who, when in zip(reps, dates, strict=True):
        if pd.notna(who) and pd.notna(when):
            off.setdefault(str(who), []).append(pd.Timestamp(when).date())
    return off


def touches_of(raw: pd.DataFrame) -> pd.DataFrame:
    """Manual touches (customer id, date, occasion, note) from a Touches table."""
    found = {
        "customer_id": next((c for c in raw.columns if canonical_key(c) == "customer_id"), None),
        "date": _find(raw, DATE_HEADERS),
        "occasion": _find(raw, OCCASION_HEADERS),
        "note": next((c for c in raw.columns if canonical_key(c) == "notes"), None),
    }
    frame = pd.DataFrame({k: raw[c] if c is not None else None for k, c in found.items()})
    frame["customer_id"] = parse_text(frame["customer_id"].astype(object))
    frame["date"] = parse_dates(frame["date"].astype(object))[0]
    return frame.dropna(subset=["customer_id", "date"])


def _find(frame: pd.DataFrame, names: tuple[str, ...]) -> object | None:
    """The first column whose header is one of `names` (case, spaces and width ignored)."""
    wanted = {normalise_header(n) for n in names}
    return next((c for c in frame.columns if normalise_header(c) in wanted), None)
