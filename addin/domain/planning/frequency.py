"""Who needs visiting, how often, and in which order of importance (domain §2 and §3).

Customers by ABC class (A weekly, B twice a month, C monthly by default); prospects by colour and
follow-up decision (yellow more often than green; given up: never). A red prospect has closed, so
it is visited like a customer of its class (C when it has none).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from addin.domain.settings import Settings

GROUPS = ("A", "B", "C", "red", "yellow", "green")
"""Plan groups, most important first; 'red' only for closed prospects shown by colour."""
COLOURS = {"closed": "red", "short_term": "yellow", "potential": "green"}
"""Prospect stage code -> colour (红色 已成交, 黄色 短期有望成交, 绿色 潜在客户)."""
MONTH_DAYS = 28
"""A planning month is four weeks: weekly = 4 visits a month, every 7 days."""
MORNING, AFTERNOON = 0, 1


def plan_group(frame: pd.DataFrame, classes: pd.Series) -> pd.Series:
    """'A', 'B', 'C', 'yellow' or 'green' for scheduling each row (red prospects by class)."""
    klass = classes.reindex(frame.index).astype("string")
    prospect = _is(frame, "kind", "prospect")
    colour = _column(frame, "stage").map(COLOURS).fillna("green")
    group = klass.fillna("C").where(~prospect, colour)
    closed = prospect & colour.eq("red")
    return group.where(~closed, klass.fillna("C")).astype(str)


def shown_group(
    frame: pd.DataFrame, classes: pd.Series, group: pd.Series | None = None
) -> pd.Series:
    """What the plan shows: the class of a customer, the colour of a prospect (red, yellow…).
    `group` is plan_group(frame, classes) when the caller has it already."""
    prospect = _is(frame, "kind", "prospect")
    colour = _column(frame, "stage").map(COLOURS).fillna("green")
    return (plan_group(frame, classes) if group is None else group).where(~prospect, colour)


def monthly_visits(
    frame: pd.DataFrame, classes: pd.Series, settings: Settings, group: pd.Series | None = None
) -> np.ndarray:
    """Visits per four weeks for each row; 0 for given-up prospects. `group` is
    plan_group(frame, classes) when the caller has it already."""
    group = plan_group(frame, classes) if group is None else group
    decision = _column(frame, "follow_up").fillna("keep")
    prospect = _is(frame, "kind", "prospect") & group.isin(["yellow", "green"])
    key = group.where(~prospect, group + "_" + decision.where(decision.eq("dont_give_up"), "keep"))
    rates = settings.visits_per_month()
    visits = key.map(rates).fillna(0.0).to_numpy(dtype=float)
    given_up = _is(frame, "follow_up", "give_up").to_numpy()
    return np.where(given_up, 0.0, visits)


WORDS = {
    "red": ("red", "红色", "红", "closed", "已成交"),
    "yellow": ("yellow", "黄色", "黄", "short_term", "short term", "likely soon", "短期有望成交"),
    "green": ("green", "绿色", "绿", "potential", "潜在客户"),
    "keep": ("", "keep", "keep visiting", "继续拜访"),
    "dont_give_up": ("dont_give_up", "don't give up", "dont give up", "不放弃"),
    "give_up": ("give_up", "give up", "放弃"),
}
"""Words for colours and follow-up decisions, in both languages, as a rep may type them."""


def visits_for(code: str, settings: Settings, follow_up: str = "") -> float:
    """Visits per month of a class (A, B类), a colour or stage (yellow, 红色, short_term) and,
    for prospects, a follow-up decision (keep, 不放弃, give up); KeyError for an unknown word."""
    word = code.strip().casefold().removesuffix("类")
    decision = _word(follow_up, ("keep", "dont_give_up", "give_up"))
    if word.upper() in ("A", "B", "C"):
        return 0.0 if decision == "give_up" else float(settings.visits_per_month()[word.upper()])
    colour = _word(word, ("red", "yellow", "green"))
    if decision == "give_up":
        return 0.0
    if colour == "red":
        return settings.visits_c
    return float(settings.visits_per_month()[f"{colour}_{decision}"])


def _word(text: str, keys: tuple[str, ...]) -> str:
    folded = text.strip().casefold()
    for key in keys:
        if folded in WORDS[key]:
            return key
    raise KeyError(text)


def half_of(group: pd.Series) -> np.ndarray:
    """Morning for class A (the playbook's rule), afternoon for everyone else."""
    return np.where(group.eq("A").to_numpy(), MORNING, AFTERNOON)


def priority(frame: pd.DataFrame, group: pd.Series, overdue_days: np.ndarray) -> np.ndarray:
    """Rank 0 = first: overdue longest, then by group, then by sales, then by id (stable)."""
    sales = sales_of(frame)
    ids = frame["customer_id"].astype(str).to_numpy()
    rank = group.map({g: i for i, g in enumerate(GROUPS)}).to_numpy(dtype=int)
    order = np.lexsort((ids, -sales, rank, -np.maximum(overdue_days, 0)))
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    return ranks


def sales_of(frame: pd.DataFrame) -> np.ndarray:
    """Annual sales as floats, 0 where blank (prospects) or missing."""
    sales = pd.to_numeric(_column(frame, "annual_sales"), errors="coerce")
    return sales.fillna(0.0).to_numpy(dtype=float)


def _is(frame: pd.DataFrame, key: str, code: str) -> pd.Series:
    """True where the column holds `code`; False for blanks and a missing column."""
    return _column(frame, key).eq(code).fillna(False).astype(bool)


def _column(frame: pd.DataFrame, key: str) -> pd.Series:
    """A column, or all blanks when the table does not have it."""
    if key in frame:
        return frame[key]
    return pd.Series(pd.NA, index=frame.index, dtype="object")
