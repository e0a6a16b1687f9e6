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
    same_id = former["customer_id"].isin(set(current["customer_id"]))
    matches = former["customer_id"].where(same_id).fillna(_same_person(current, former))
    matched = matches.notna()
    how = same_id[matched].map({True: "id", False: "name"})
    skipped = pd.DataFrame({"customer_id": matches[matched].astype("string"), "by": how})
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


def _same_person(current: pd.DataFrame, former: pd.DataFrame) -> pd.Series:
    """The current id of the same name and phone (the name alone when either has no phone;
    the same name with two different phones is two people), or None."""
    names, phones = _names(current), _phones(current)
    ids = current["customer_id"]
    with_phone = dict(zip(zip(names, phones, strict=True), ids, strict=True))
    by_name = dict(zip(names, ids, strict=True))
    phone_of = dict(zip(ids, phones, strict=True))
    found = []
    for name, phone in zip(_names(former), _phones(former), strict=True):
        match = with_phone.get((name, phone)) if phone and (name, phone) in with_phone else None
        if match is None and name:
            match = by_name.get(name)
        if match is not None and phone and phone_of.get(match) and phone_of[match] != phone:
            match = None
        found.append(match)
    return pd.Series(found, index=former.index, dtype=object)


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
