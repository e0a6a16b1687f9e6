"""Every tunable number and colour in one frozen dataclass, read from a workbook's Settings table.

The Settings table has a `Key` column (the names below), a label, a `Value` and a description;
errors name the key's row so a rep can find the cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from addin.domain.abc_analysis import METHODS, AbcRule
from addin.domain.errors import SettingsError

GROUPINGS = ("", "rep", "region")
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


@dataclass(frozen=True)
class Settings:
    a_share: float = 0.8
    b_share: float = 0.95
    abc_method: str = "value"
    abc_by: str = ""
    color_a: str = "2F75B5"
    color_b: str = "9BC2E6"
    color_c: str = "DDEBF7"

    def __post_init__(self) -> None:
        self.abc_rule()  # checks shares and method together
        if self.abc_by not in GROUPINGS:
            raise SettingsError(f"abc_by must be blank, 'rep' or 'region', not {self.abc_by!r}.")

    def abc_rule(self) -> AbcRule:
        return AbcRule(self.a_share, self.b_share, self.abc_method)  # type: ignore[arg-type]

    def class_colors(self) -> dict[str, str]:
        return {"A": self.color_a, "B": self.color_b, "C": self.color_c}

    def with_overrides(self, **values: object) -> Settings:
        """A copy with the non-None values replaced (command-line options win over the sheet)."""
        given = {k: v for k, v in values.items() if v is not None}
        return replace(self, **given) if given else self


KEYS = tuple(f.name for f in fields(Settings))


def share(value: object) -> float:
    """0.8, '80%', 80 and '0.8' all mean 80%."""
    text = str(value).strip()
    number = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    return number / 100 if 1 < number <= 100 else number


def hex_color(value: object) -> str:
    """'#2f75b5' or '2F75B5' -> '2F75B5'."""
    match = _HEX.match(str(value).strip())
    if match is None:
        raise ValueError("not a colour")
    return match.group(1).upper()


def _choice(allowed: tuple[str, ...]) -> Callable[[object], str]:
    def parse(value: object) -> str:
        text = "" if value is None else str(value).strip().casefold()
        if text not in allowed:
            raise ValueError("not one of the choices")
        return text

    return parse


PARSERS: dict[str, tuple[Callable[[object], object], str]] = {
    "a_share": (share, "a share such as 80% or 0.8"),
    "b_share": (share, "a share such as 95% or 0.95"),
    "abc_method": (_choice(METHODS), "'value' or 'count'"),
    "abc_by": (_choice(GROUPINGS), "blank, 'rep' or 'region'"),
    "color_a": (hex_color, "a colour as 6 hex digits, e.g. 2F75B5"),
    "color_b": (hex_color, "a colour as 6 hex digits, e.g. 9BC2E6"),
    "color_c": (hex_color, "a colour as 6 hex digits, e.g. DDEBF7"),
}


def parse_settings(values: Mapping[str, object], where: Callable[[str], str]) -> Settings:
    """Settings from key -> raw cell value; blank cells keep the default; unknown keys are ignored.

    `where(key)` names the cell for messages, e.g. "sheet 'Settings', row 3 (a_share)".
    """
    parsed: dict[str, object] = {}
    for key, raw in values.items():
        if key not in PARSERS or raw is None or str(raw).strip() == "" and key != "abc_by":
            continue
        parse, expected = PARSERS[key]
        try:
            parsed[key] = parse(raw)
        except ValueError:
            raise SettingsError(f"{where(key)}: {raw!r} is not {expected}. Fix: correct the cell.") from None
    try:
        return Settings(**parsed)  # type: ignore[arg-type]
    except SettingsError as error:
        raise SettingsError(f"{where('a_share')}: {error} Fix: correct the Settings sheet.") from None
