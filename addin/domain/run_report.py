"""What a run of several steps over a workbook (refresh, one rep's workbook) was asked for and
what it reports. Only the standard library: a refresh that finds its workbook up to date
answers without loading pandas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Protocol

from addin.domain.problems import Problem

if TYPE_CHECKING:
    from addin.domain.planning.plan import PlanOptions

HOW_PLANS_RUN = ("mapper", "progress")
"""PlanOptions that say how the planning runs (in parallel, with progress), not what it plans."""


@dataclass(frozen=True)
class RunOptions:
    """What a run was asked for: strictness, Settings overrides, the visit-plan window and how
    hard to plan."""

    strict: bool = False
    overrides: Mapping[str, object] = field(default_factory=dict)
    plan_start: dt.date | None = None
    plan_weeks: int | None = None
    planning: PlanOptions | None = None

    def described(self) -> str:
        """Everything here that a run's result depends on, as text: not how a plan is run (its
        mapper and progress), which changes nothing in it."""
        parts = []
        for option in fields(self):
            value = getattr(self, option.name)
            if isinstance(value, Mapping):
                value = sorted(value.items(), key=repr)
            elif is_dataclass(value):  # PlanOptions: how hard to plan, not how to run it
                value = [(f.name, getattr(value, f.name)) for f in fields(value)]
                value = [(name, v) for name, v in value if name not in HOW_PLANS_RUN]
            parts.append(f"{option.name}={value!r}")
        return ", ".join(parts)


class StepReport(Protocol):
    @property
    def problems(self) -> list[Problem]: ...

    def message(self) -> str: ...

    def describe_problems(self) -> str: ...


@dataclass(frozen=True)
class RunReport:
    """The reports of the steps that had something to say, in the order they ran.

    `up_to_date`: the refresh found the workbook as it would leave it and did not rewrite it;
    when it knew so from the user cache folder (nothing changed since a refresh left it so),
    `reports` holds that refresh's report as it was kept (up_to_date.KeptReport).
    """

    reports: list[StepReport]
    up_to_date: bool = False

    @property
    def problems(self) -> list[Problem]:
        """Each unreadable cell once: every step that reads the table meets the same cells."""
        unique = {(p.row, p.column): p for r in reversed(self.reports) for p in r.problems}
        return sorted(unique.values(), key=lambda p: (p.row, p.column))

    def message(self) -> str:
        return "\n".join(r.message() for r in self.reports)

    def describe_problems(self) -> str:
        lines = [line for r in self.reports for line in r.describe_problems().splitlines()]
        return "\n".join(dict.fromkeys(lines))

    def first(self, kind: type) -> object | None:
        return next((r for r in self.reports if isinstance(r, kind)), None)
