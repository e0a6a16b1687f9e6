"""Reuse of former customers (既有客户利用法, domain §6): a rep's customers from a previous job or
industry join the table as prospects, tagged with why they are a shortcut, never twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class FormerImport:
    added: pd.DataFrame
    """The former customers to add, as green prospects, indexed by their row in the list."""
    skipped: pd.DataFrame
    """row (in the former list) -> the id already present that it matches, and how ('id'/'name')."""


def import_former(
    current: pd.DataFrame,
    former: pd.DataFrame,
    source: str | None = None,
    rep: str | None = None,
) -> FormerImport:
    """Former customers not yet in `current`: matched on id, else on name and phone (on the
    name alone when either side has no phone, so that nobody is added twice)."""
    matches = _matches(current, former)
    skipped = pd.DataFrame(
        {"customer_id": matches.dropna(), "by": _how(current, former, matches).dropna()}
    )
    fresh = former[matches.isna()]
    fresh = fresh[~_repeats(fresh)]  # the same person twice in the list comes in once
    added = fresh.copy()
    added["kind"] = "prospect"
    added["stage"] = _keep_or(added, "stage", "potential")
    added["follow_up"] = _keep_or(added, "follow_up", "keep")
    added["source"] = source if source else _keep_or(added, "source", pd.NA)
    if rep:
        added["rep"] = rep
    for column in ("annual_sales", "previous_sales"):  # their purchases were with another firm
        if column in added:
            added[column] = pd.NA
    return FormerImport(added, skipped)


def _matches(current: pd.DataFrame, former: pd.DataFrame) -> pd.Series:
    """The current id each former row matches, or <NA>."""
    by_id = former["customer_id"].map(
        dict(zip(current["customer_id"], current["customer_id"], strict=True))
    )
    names = _names(current)
    pairs = zip(names, _phones(current), strict=True)
    with_phone = dict(zip(pairs, current["customer_id"], strict=True))
    by_name = dict(zip(names, current["customer_id"], strict=True))
    keyed = zip(_names(former), _phones(former), strict=True)
    person = [
        with_phone.get((n, p)) if p and (n, p) in with_phone else by_name.get(n) if n else None
        for n, p in keyed
    ]
    phone_clash = _phone_clash(current, former, person)
    person = [None if clash else p for p, clash in zip(person, phone_clash, strict=True)]
    return by_id.fillna(pd.Series(person, index=former.index, dtype=object)).astype("string")


def _phone_clash(current: pd.DataFrame, former: pd.DataFrame, person: list) -> list[bool]:
    """Same name but two different phones: two people who share a name."""
    phones = dict(zip(current["customer_id"], _phones(current), strict=True))
    return [
        bool(p and mine and phones.get(p) and phones[p] != mine)
        for p, mine in zip(person, _phones(former), strict=True)
    ]


def _how(current: pd.DataFrame, former: pd.DataFrame, matches: pd.Series) -> pd.Series:
    same_id = former["customer_id"].isin(set(current["customer_id"]))
    return matches.where(matches.isna(), same_id.map({True: "id", False: "name"}))


def _repeats(frame: pd.DataFrame) -> pd.Series:
    keys = pd.Series(list(zip(_names(frame), _phones(frame), strict=True)), index=frame.index)
    return keys.duplicated() | frame["customer_id"].duplicated()


def _names(frame: pd.DataFrame) -> list[str]:
    """Names folded so that 'ACME  Ltd' and 'acme ltd' are one."""
    return [re.sub(r"\s+", " ", str(n)).strip().casefold() for n in frame["name"].fillna("")]


def _phones(frame: pd.DataFrame) -> list[str]:
    """Digits only, so '138-0013-8000' and '13800138000' are one; '' when there is none."""
    if "phone" not in frame:
        return [""] * len(frame)
    return [re.sub(r"\D", "", str(p)) for p in frame["phone"].fillna("")]


def _keep_or(frame: pd.DataFrame, column: str, default: object) -> pd.Series:
    if column in frame:
        return frame[column].astype(object).where(frame[column].notna(), default)
    return pd.Series(default, index=frame.index, dtype=object)
