"""Every tunable number and colour in one frozen dataclass, read from a workbook's Settings table.

The Settings table has a `Key` column (the names below), a label, a `Value` and a description;
errors name the key's row so a rep can find the cell.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from addin.domain.abc_rule import METHODS, AbcRule
from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.stages import STAGE_LABELS, STAGES

GROUPINGS = ("", "rep", "region")
MAX_PLAN_WEEKS = 52
"""A year: longer plans say nothing useful and take minutes and gigabytes to make."""
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(9998, 12, 31)
"""The dates a plan or a count of days may start on: Excel's calendar starts in 1900 and ends
in 9999, and a year's plan from the last day must still fit in it."""
MAX_NAME = 40
"""Characters in a stage name: three of them make a drop-down list, which Excel caps at 255."""
A_MORNINGS = ("preferred", "strict")
"""Class A in the morning: a strong preference (an A visit may take an afternoon before a C
visit does) or a rule (A visits only in the morning)."""
PALETTE = ("C00000", "FFC000", "70AD47")
"""Red, yellow and green fills for closed, short-term and potential prospects."""
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")
_CLOCK = re.compile(r"^(\d{1,2})[:：](\d{2})(?::\d{2})?$")


@dataclass(frozen=True)
class Settings:
    a_share: float = 0.8
    b_share: float = 0.95
    count_a_share: float = 0.2
    count_b_share: float = 0.5
    abc_method: str = "value"
    abc_by: str = ""
    color_a: str = "2F75B5"
    color_b: str = "9BC2E6"
    color_c: str = "DDEBF7"
    # prospects (issue 3): pipeline target, staleness, palette and the stage names per language
    pipeline_target: float = 25
    stale_days: int = 60
    color_closed: str = PALETTE[0]
    color_short_term: str = PALETTE[1]
    color_potential: str = PALETTE[2]
    stage_closed_en: str = STAGE_LABELS["en"][0]
    stage_short_term_en: str = STAGE_LABELS["en"][1]
    stage_potential_en: str = STAGE_LABELS["en"][2]
    stage_closed_zh: str = STAGE_LABELS["zh"][0]
    stage_short_term_zh: str = STAGE_LABELS["zh"][1]
    stage_potential_zh: str = STAGE_LABELS["zh"][2]
    # visit plans (issue 4)
    visits_a: float = 4.0
    visits_b: float = 2.0
    visits_c: float = 1.0
    visits_yellow_keep: float = 2.0
    visits_yellow_dont_give_up: float = 1.0
    visits_green_keep: float = 1.0
    visits_green_dont_give_up: float = 0.5
    min_gap_days: int = 3
    morning_visits: int = 3
    afternoon_visits: int = 3
    morning_start: str = "09:00"
    afternoon_start: str = "14:00"
    visit_minutes: int = 60
    travel_minutes: int = 30
    # routes (issue 15): the working day, driving speed, A mornings, the long-day warning
    day_end: str = "18:00"
    travel_speed_kmh: float = 30.0
    a_mornings: str = "preferred"
    long_day_km: float = 150.0
    manager_top_n: int = 10
    manager_visits_per_week: int = 4
    country: str = "CN"
    plan_weeks: int = 4
    card_lead_days: int = 3

    def __post_init__(self) -> None:
        AbcRule(self.a_share, self.b_share, "value")  # checks each pair and the method
        AbcRule(self.count_a_share, self.count_b_share, self.abc_method)  # type: ignore[arg-type]
        if self.abc_by not in GROUPINGS:
            raise SettingsError(text("error.grouping", value=repr(self.abc_by)))
        if not self.pipeline_target > 0:
            raise SettingsError(text("error.target", value=repr(self.pipeline_target)))
        if not self.stale_days > 0:
            raise SettingsError(text("error.stale_days", value=repr(self.stale_days)))
        for lang in ("en", "zh"):
            names = [n.casefold() for n in self.stage_labels(lang)]
            if len(set(names)) < len(names):
                index = next(i for i, n in enumerate(names) if names.count(n) > 1)
                key = f"stage_{STAGES[names.index(names[index], index + 1)]}_{lang}"
                raise SettingsError(text("error.stage_names", value=repr(names[index])), key)
        if self.morning_visits + self.afternoon_visits < 1:
            raise SettingsError(text("error.no_visit_slots"))
        if not 1 <= self.plan_weeks <= MAX_PLAN_WEEKS:
            raise SettingsError(plan_weeks_error(self.plan_weeks), "plan_weeks")
        for key in (f"stage_{s}_{lang}" for s in STAGES for lang in ("en", "zh")):
            if not _is_name(getattr(self, key)):
                value = repr(getattr(self, key))
                raise SettingsError(text("error.stage_name", value=value, most=MAX_NAME), key)
        if self.a_mornings not in A_MORNINGS:
            raise SettingsError(text("error.a_mornings", value=repr(self.a_mornings)), "a_mornings")
        if minutes_of(self.day_end) <= minutes_of(self.morning_start) + self.visit_minutes:
            raise SettingsError(
                text("error.day_end", end=self.day_end, start=self.morning_start), "day_end"
            )
        if not self.travel_speed_kmh > 0:
            raise SettingsError(
                text("error.speed", value=repr(self.travel_speed_kmh)), "travel_speed_kmh"
            )

    def abc_rule(self) -> AbcRule:
        """The thresholds of the chosen method: 80/95% of sales, or 20/50% of customers."""
        if self.abc_method == "count":
            return AbcRule(self.count_a_share, self.count_b_share, "count")
        return AbcRule(self.a_share, self.b_share, "value")

    def visits_per_month(self) -> dict[str, float]:
        """Visits per month (4 weeks) by class, and by prospect colour and follow-up decision."""
        return {
            "A": self.visits_a,
            "B": self.visits_b,
            "C": self.visits_c,
            "yellow_keep": self.visits_yellow_keep,
            "yellow_dont_give_up": self.visits_yellow_dont_give_up,
            "green_keep": self.visits_green_keep,
            "green_dont_give_up": self.visits_green_dont_give_up,
        }

    def class_colors(self) -> dict[str, str]:
        return {"A": self.color_a, "B": self.color_b, "C": self.color_c}

    def stage_palette(self) -> dict[str, str]:
        """Stage code -> its base colour (red, yellow, green by default)."""
        return {s: getattr(self, f"color_{s}") for s in STAGES}

    def stage_labels(self, lang: str) -> tuple[str, ...]:
        """How the stages are written in a workbook of `lang`, in STAGES order."""
        return tuple(getattr(self, f"stage_{s}_{lang}") for s in STAGES)

    def stage_names(self) -> dict[str, tuple[str, ...]]:
        """The stage names of both languages, for reading cells whatever the workbook's language."""
        return {lang: self.stage_labels(lang) for lang in ("en", "zh")}

    def with_overrides(self, **values: object) -> Settings:
        """A copy with the non-None values replaced (command-line options win over the sheet).

        `a_share` and `b_share` set the thresholds of whichever method is in force, so
        `--method count --a-share 0.1` means 10% of customers.
        """
        given = {k: v for k, v in values.items() if v is not None}
        if given.get("abc_method", self.abc_method) == "count":
            for key in ("a_share", "b_share"):
                if key in given:
                    given[f"count_{key}"] = given.pop(key)
        return replace(self, **given) if given else self  # type: ignore[arg-type]


KEYS = tuple(f.name for f in fields(Settings))


def minutes_of(clock: str) -> int:
    """'09:30' -> 570: minutes after midnight of a clock the Settings hold."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def share(value: object) -> float:
    """0.8, '0.8' and '80%' mean 80%; 80 is refused rather than guessed at."""
    text = str(value).strip()
    number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0 < number <= 1:
        raise ValueError(f"{value!r} is not between 0 and 1 (or 0% and 100%)")
    return number


def hex_color(value: object) -> str:
    """'#2f75b5' or '2F75B5' -> '2F75B5'."""
    match = _HEX.match(str(value).strip())
    if match is None:
        raise ValueError("not a colour")
    return match.group(1).upper()


def positive(value: object) -> float:
    """A number above zero: 25, '25' or 25.0."""
    number = float(str(value).strip())
    if not number > 0 or number != number:
        raise ValueError("not a positive number")
    return number


def whole_days(value: object) -> int:
    """A whole number of days above zero."""
    number = positive(value)
    if number != int(number):
        raise ValueError("not whole days")
    return int(number)


def name(value: object) -> str:
    """A stage name as a rep will pick it from the drop-down: no list separators or quotes in
    it (they would break the list and the colour rules), and short enough for Excel's list."""
    text = str(value).strip()
    if not text or len(text) > MAX_NAME or "," in text or '"' in text:
        raise ValueError("not a name")
    return text


def _is_name(value: object) -> bool:
    try:
        name(value)
    except ValueError:
        return False
    return True


def plan_weeks_error(weeks: object) -> str:
    """The message for a plan horizon outside 1 to MAX_PLAN_WEEKS weeks."""
    return text("error.plan_weeks", value=weeks, most=MAX_PLAN_WEEKS)


def encoding_name(value: str) -> str:
    """Python's name for the text encoding `value` ('GBK' -> 'gbk'); a SettingsError if none."""
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise SettingsError(text("error.unknown_encoding", value=repr(value))) from None


def check_date(day: dt.date) -> dt.date:
    """`day`, when a plan can start on it (FIRST_DATE to LAST_DATE); a SettingsError if not."""
    if not FIRST_DATE <= day <= LAST_DATE:
        raise SettingsError(
            text("error.date_range", value=day.isoformat(), first=FIRST_DATE, last=LAST_DATE)
        )
    return day


def visits(value: object) -> float:
    """Visits per month: 4 (weekly), 2, 1, 0.5 (every other month) or 0 (none)."""
    number = float(str(value).strip())
    if not 0 <= number <= 31:
        raise ValueError(f"{value!r} is not between 0 and 31")
    return number


def count(value: object) -> int:
    """A whole number of zero or more: 3 and 3.0 are 3; 2.5 is refused."""
    number = float(str(value).strip())
    if number < 0 or number != int(number):
        raise ValueError(f"{value!r} is not a whole number")
    return int(number)


def clock(value: object) -> str:
    """'9:00', '09:00' or a time cell -> '09:00'."""
    if isinstance(value, (dt.time, dt.datetime)):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:  # Excel keeps a time as a fraction of a day
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    match = _CLOCK.match(str(value).strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError("not a time")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def country_code(value: object) -> str:
    """'cn' -> 'CN'; checked against the holiday library when a plan is made."""
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{2,3}|NONE|", code):
        raise ValueError("not a country code")
    return code


def _choice(allowed: tuple[str, ...]) -> Callable[[object], str]:
    def parse(value: object) -> str:
        text = "" if value is None else str(value).strip().casefold()
        if text not in allowed:
            raise ValueError("not one of the choices")
        return text

    return parse


PARSERS: dict[str, tuple[Callable[[object], object], str, str]] = {
    # key: (parser, message key of what is expected, an example for the message)
    "a_share": (share, "expected.share", "80% / 0.8"),
    "b_share": (share, "expected.share", "95% / 0.95"),
    "count_a_share": (share, "expected.share", "20% / 0.2"),
    "count_b_share": (share, "expected.share", "50% / 0.5"),
    "abc_method": (_choice(METHODS), "expected.method", ""),
    "abc_by": (_choice(GROUPINGS), "expected.grouping", ""),
    "color_a": (hex_color, "expected.color", "2F75B5"),
    "color_b": (hex_color, "expected.color", "9BC2E6"),
    "color_c": (hex_color, "expected.color", "DDEBF7"),
    "pipeline_target": (positive, "expected.positive", "25"),
    "stale_days": (whole_days, "expected.days", "60"),
    **{
        f"color_{s}": (hex_color, "expected.color", c) for s, c in zip(STAGES, PALETTE, strict=True)
    },
    **{f"stage_{s}_{lang}": (name, "expected.name", "") for s in STAGES for lang in ("en", "zh")},
    # visit plans (issue 4)
    **{
        key: (visits, "expected.visits", "4 / 2 / 1 / 0.5")
        for key in (
            "visits_a",
            "visits_b",
            "visits_c",
            "visits_yellow_keep",
            "visits_yellow_dont_give_up",
            "visits_green_keep",
            "visits_green_dont_give_up",
        )
    },
    **{
        key: (count, "expected.count", "3")
        for key in (
            "min_gap_days",
            "morning_visits",
            "afternoon_visits",
            "visit_minutes",
            "travel_minutes",
            "manager_top_n",
            "manager_visits_per_week",
            "plan_weeks",
            "card_lead_days",
        )
    },
    "morning_start": (clock, "expected.clock", "09:00"),
    "afternoon_start": (clock, "expected.clock", "14:00"),
    "day_end": (clock, "expected.clock", "18:00"),
    "travel_speed_kmh": (positive, "expected.positive", "30"),
    "a_mornings": (_choice(A_MORNINGS), "expected.a_mornings", ""),
    "long_day_km": (positive, "expected.positive", "150"),
    "country": (country_code, "expected.country", "CN"),
}


def parse_settings(values: Mapping[str, object], where: Callable[[str], str]) -> Settings:
    """Settings from key -> raw cell value; blank cells keep the default; unknown keys are ignored.

    `where(key)` names the cell for messages, e.g. "sheet 'Settings', row 3 (a_share)".
    """
    parsed: dict[str, object] = {}
    for key, raw in values.items():
        if key not in PARSERS or raw is None or (str(raw).strip() == "" and key != "abc_by"):
            continue
        parse, expected, example = PARSERS[key]
        try:
            parsed[key] = parse(raw)
        except ValueError:
            said = text(expected, example=example)
            raise SettingsError(
                text("error.setting", where=where(key), value=repr(raw), expected=said)
            ) from None
    try:
        return Settings(**parsed)  # type: ignore[arg-type]
    except SettingsError as error:
        raise SettingsError(
            text("error.settings", where=where(error.key or _culprit(parsed)), error=error)
        ) from None


def _culprit(parsed: Mapping[str, object]) -> str:
    """The key to name when the values are fine alone but not together (A above B)."""
    count = parsed.get("abc_method") == "count"
    return "count_a_share" if count and "count_a_share" in parsed else "a_share"
