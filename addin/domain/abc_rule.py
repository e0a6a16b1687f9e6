"""The ABC rule's classes, methods and thresholds, checked without pandas: Settings and the
command line's option checkers need them, and `custdev --help` must not pay for pandas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from addin.domain.errors import SettingsError
from addin.domain.i18n import text

CLASSES = ("A", "B", "C")
Method = Literal["value", "count"]
METHODS: tuple[Method, ...] = ("value", "count")


@dataclass(frozen=True)
class AbcRule:
    """Thresholds of the rule; the defaults are the playbook's 80% / 95% of sales."""

    a_share: float = 0.8
    b_share: float = 0.95
    method: Method = "value"

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise SettingsError(text("error.method", value=repr(self.method)))
        for name in ("a_share", "b_share"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
                raise SettingsError(text("error.share_range", name=name, value=repr(value)))
        if self.a_share >= self.b_share:
            raise SettingsError(
                text(
                    "error.share_order",
                    a_name="a_share",
                    b_name="b_share",
                    a=f"{self.a_share:g}",
                    b=f"{self.b_share:g}",
                )
            )
