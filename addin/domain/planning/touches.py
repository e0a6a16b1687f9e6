"""The touch calendar (domain §5): small gestures between visits, with a due date per rep.

Birthdays get a simple gift, public holidays a greeting card to every active customer of the rep,
and manual entries (new-product brochures, celebration cards, condolence letters) come from a
table the rep fills in. Due dates fall `card_lead_days` before the occasion, on a working day
(the one before, when that day is a weekend or a public holiday), never before the plan.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from addin.domain.planning.calendar import WorkCalendar
from addin.domain.settings import Settings

COLUMNS = ("due", "rep", "customer_id", "name", "occasion", "action", "date", "note")
ACTIONS = {"birthday": "gift", "holiday": "card", "brochure": "brochure"}
ACTIONS |= {"celebration": "card", "condolence": "letter"}
OCCASION_WORDS = {
    "brochure": ("brochure", "new product", "新品", "新品资料", "宣传册", "产品资料"),
    "celebration": ("celebration", "congratulations", "喜", "贺卡", "庆贺", "喜事"),
    "condolence": ("condolence", "bereavement", "丧", "慰问", "慰问信", "丧事"),
}


def occasion_code(word: object) -> str | None:
    """'新品资料' -> 'brochure', 'Condolence' -> 'condolence'; None for a word we do not know."""
    folded = str(word).strip().casefold()
    for code, words in OCCASION_WORDS.items():
        if folded in words or any(w in folded for w in words if len(w) > 2):
            return code
    return None


def touch_calendar(
    frame: pd.DataFrame,
    active: np.ndarray,
    calendar: WorkCalendar,
    settings: Settings,
    manual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every touch due in the horizon, by due date and rep, for the `active` customers."""
    people = frame[active]
    parts = [
        _birthdays(people, calendar, settings.card_lead_days),
        _holidays(people, calendar, settings.card_lead_days),
        _manual(frame, calendar, manual),
    ]
    found = [p for p in parts if len(p)]
    if not found:
        return pd.DataFrame(columns=[*COLUMNS, "count"])
    touches = pd.concat(found, ignore_index=True)
    for key in ("due", "date"):
        touches[key] = pd.to_datetime(touches[key])
    return touches.sort_values(["due", "rep", "customer_id"], kind="stable").reset_index(drop=True)


def _reps(frame: pd.DataFrame) -> pd.Series:
    rep = frame["rep"] if "rep" in frame else pd.Series("", index=frame.index)
    return rep.astype("string").fillna("")


def _birthdays(frame: pd.DataFrame, calendar: WorkCalendar, lead: int) -> pd.DataFrame:
    """The next birthday on or after the start, when its gift is due within the horizon."""
    if "birthday" not in frame:
        return pd.DataFrame(columns=[*COLUMNS, "count"])
    born = pd.to_datetime(frame["birthday"], errors="coerce")
    known = born.notna()
    start = pd.Timestamp(calendar.start)
    next_one = _anniversary(born[known], start.year)
    next_one = next_one.where(next_one >= start, _anniversary(born[known], start.year + 1))
    due = next_one - pd.Timedelta(days=lead)
    due = due.where(due >= start, start)
    keep = due <= pd.Timestamp(calendar.end)
    due = calendar.working_day_before(due[keep])
    people = frame[known][keep.to_numpy()]
    return pd.DataFrame(
        {
            "due": due.to_numpy(),
            "rep": _reps(people).to_numpy(),
            "customer_id": people["customer_id"].to_numpy(),
            "name": people["name"].to_numpy(),
            "occasion": "birthday",
            "action": "gift",
            "date": next_one[keep].to_numpy(),
            "note": "",
            "count": 1,
        }
    )


def _anniversary(born: pd.Series, year: int) -> pd.Series:
    """The birthday in `year` (29 February is kept on the 28th in other years)."""
    day = np.where((born.dt.month == 2) & (born.dt.day == 29), 28, born.dt.day)
    parts = pd.DataFrame({"year": year, "month": born.dt.month, "day": day}, index=born.index)
    return pd.to_datetime(parts)


def _holidays(frame: pd.DataFrame, calendar: WorkCalendar, lead: int) -> pd.DataFrame:
    """One greeting-card round per rep for each holiday break that starts in the horizon.

    The note holds the holiday's name; `count` how many customers the rep sends cards to.
    """
    reps = _reps(frame).value_counts().sort_index()
    breaks = holiday_breaks(calendar)
    asked = pd.Series([max(first - dt.timedelta(days=lead), calendar.start) for first, _ in breaks])
    dues = calendar.working_day_before(pd.to_datetime(asked)).dt.date
    rows = [
        (
            due,
            rep,
            "",
            "",
            "holiday",
            "card",
            first,
            name,
            int(n),
        )
        for due, (first, name) in zip(dues, breaks, strict=True)
        for rep, n in reps.items()
    ]
    return pd.DataFrame(rows, columns=[*COLUMNS, "count"])


def holiday_breaks(calendar: WorkCalendar) -> list[tuple[dt.date, str]]:
    """The first day and name of each run of days off that holds a public holiday."""
    breaks: list[tuple[dt.date, str]] = []
    in_break = False
    for day, working in zip(calendar.days, calendar.working, strict=True):
        holiday = day in calendar.holiday_names
        if holiday and not working and not in_break:
            breaks.append((day, calendar.holiday_names[day]))
        in_break = not working and (in_break or holiday)
    return breaks


def _manual(
    frame: pd.DataFrame, calendar: WorkCalendar, manual: pd.DataFrame | None
) -> pd.DataFrame:
    """Entries of the Touches table (customer id, date, occasion, note) due in the horizon."""
    if manual is None or manual.empty:
        return pd.DataFrame(columns=[*COLUMNS, "count"])
    when = pd.to_datetime(manual["date"], errors="coerce")
    inside = when.between(pd.Timestamp(calendar.start), pd.Timestamp(calendar.end))
    entries = manual[inside.to_numpy()]
    codes = entries["occasion"].map(occasion_code).fillna("celebration")
    people = frame.set_index(frame["customer_id"].astype(str))
    ids = entries["customer_id"].astype(str)
    known = ids.isin(people.index)
    return pd.DataFrame(
        {
            "due": when[inside].to_numpy(),
            "rep": np.where(known, _reps(people).reindex(ids).fillna("").to_numpy(), ""),
            "customer_id": ids.to_numpy(),
            "name": people["name"].reindex(ids).fillna("").to_numpy(),
            "occasion": codes.to_numpy(),
            "action": codes.map(ACTIONS).to_numpy(),
            "date": when[inside].to_numpy(),
            "note": entries["note"].fillna("").astype(str).to_numpy() if "note" in entries else "",
            "count": 1,
        }
    )
