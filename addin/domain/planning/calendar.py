"""Working days of a planning horizon: weekdays, minus public holidays, plus make-up days (调休).

Holidays come from the maintained `holidays` library, never a hand-made list: China by default,
whose official calendar moves working days onto weekends around long holidays. A rep's personal
days off come on top, per rep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.settings import MAX_PLAN_WEEKS, plan_weeks_error

if TYPE_CHECKING:
    import holidays

NO_COUNTRY = ("", "none", "-")
"""A country setting that means weekdays only, no public holidays."""


@dataclass(frozen=True)
class WorkCalendar:
    """The calendar days of a horizon, which are working days, and the holidays named in it."""

    start: dt.date
    days: tuple[dt.date, ...]
    working: np.ndarray
    """True for each day of `days` that is a working day (before personal days off)."""
    holiday_names: Mapping[dt.date, str] = field(default_factory=dict)
    country: str = "CN"

    @property
    def end(self) -> dt.date:
        """The last day of the horizon."""
        return self.days[-1]

    def index(self, day: dt.date) -> int:
        """The position of `day` in the horizon (0 for the start)."""
        return (day - self.start).days

    def working_days(self) -> list[dt.date]:
        return [d for d, w in zip(self.days, self.working, strict=True) if w]

    def makeup_days(self) -> list[dt.date]:
        """Weekend days that are working days (调休), e.g. Sunday 2026-01-04 in China."""
        return [d for d in self.working_days() if d.weekday() >= 5]

    def working_day_before(self, days: pd.Series) -> pd.Series:
        """Each day of the horizon as a working day: itself, else the last working day before
        it (a gift is bought before a weekend or a holiday, not on it); never before the start,
        so one with no working day before it falls on the horizon's first working day."""
        index = (days - pd.Timestamp(self.start)).dt.days.to_numpy()
        positions = np.arange(len(self.days))
        latest = np.maximum.accumulate(np.where(self.working, positions, -1))
        if latest[-1] < 0:  # no working day at all: nothing to move to
            return days
        first = int(np.argmax(self.working))
        moved = np.where(latest[index] >= 0, latest[index], first)
        return pd.Series(pd.Timestamp(self.start) + pd.to_timedelta(moved, "D"), index=days.index)

    def rep_working(self, days_off: Iterable[dt.date]) -> np.ndarray:
        """The working days of one rep: the calendar's, minus the rep's personal days off."""
        mask = self.working.copy()
        for day in days_off:
            i = self.index(day)
            if 0 <= i < len(mask):
                mask[i] = False
        return mask


def horizon_days(start: dt.date, weeks: int) -> tuple[dt.date, ...]:
    """Every calendar day of `weeks` weeks from `start`."""
    if not 1 <= weeks <= MAX_PLAN_WEEKS:
        raise SettingsError(plan_weeks_error(weeks))
    return tuple(start + dt.timedelta(days=i) for i in range(7 * weeks))


def work_calendar(
    start: dt.date, weeks: int, country: str = "CN", lang: str = "en"
) -> WorkCalendar:
    """Working days of the horizon in `country` (an ISO code such as CN, US, DE; blank: none)."""
    days = horizon_days(start, weeks)
    code = country.strip().upper()
    if code.casefold() in NO_COUNTRY:
        working = np.array([d.weekday() < 5 for d in days])
        return WorkCalendar(start, days, working, {}, "")
    public = _holidays(code, tuple(sorted({d.year for d in days})), lang)
    working = np.array([public.is_working_day(d) for d in days])
    names = {d: str(public[d]) for d in days if d in public}
    return WorkCalendar(start, days, working, names, code)


@cache
def _holidays(code: str, years: tuple[int, ...], lang: str) -> holidays.HolidayBase:
    """The country's official holidays (and make-up working days) in the language asked for."""
    import holidays  # only a plan needs it: classify and refresh load the planning modules too

    try:
        known = holidays.country_holidays(code, years=years)
    except NotImplementedError:
        raise SettingsError(text("error.country", value=repr(code))) from None
    wanted = {"zh": ("zh_CN", "zh_TW"), "en": ("en_US", "en_GB")}[lang]
    language = next((x for x in wanted if x in known.supported_languages), None)
    if language is None:
        return known
    return holidays.country_holidays(code, years=years, language=language)
