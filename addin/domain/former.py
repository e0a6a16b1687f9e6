"""Reuse of former customers (既有客户利用法, domain §6): a rep's customers from a previous job or
industry join the table as prospects, tagged with why they are a shortcut, never twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

import pandas as pd

from addin.domain.errors import SettingsError
from addin.domain.i18n import current_language, text
from addin.domain.prospects import fold
from addin.domain.segments import SOURCE_LABELS, SOURCE_VOCABULARY, SOURCES
from addin.domain.values import blank_mask

DEFAULT_SOURCE = "former_product"
"""A rep's list from a previous job is mostly the customers of the product sold there (§6)."""


class Ask(Protocol):
    """Asks the user `question`; Enter alone gives `default`; `check` turns the answer into the
    value or raises a CustdevError saying why not, and then the user is asked again."""

    def __call__(self, question: str, default: str | None, check: Callable[[str], str]) -> str: ...


@dataclass(frozen=True)
class FormerImport:
    added: pd.DataFrame
    """The former customers to add, as green prospects, indexed by their row in the list."""
    skipped: pd.DataFrame
    """row (in the former list) -> the id already present that it matches, and how: 'id',
    'name_phone' or 'name' (the name alone, when either side has no phone)."""
    assumed: tuple[str, ...] = ()
    """Sentences saying which source or rep was assumed because none was given."""


def import_former(
    current: pd.DataFrame,
    former: pd.DataFrame,
    source: str | None = None,
    rep: str | None = None,
    ask: Ask | None = None,
) -> FormerImport:
    """Former customers not yet in `current`: matched on id, else on name and phone (on the
    name alone when either side has no phone, so that nobody is added twice).

    `source` and `rep` tag every new one. Without them, rows of the list that have none get
    the answer to `ask`, else the default (DEFAULT_SOURCE; the workbook's only rep), said in
    `assumed`; a workbook with several reps and no way to ask is refused."""
    same_id = former["customer_id"].isin(set(current["customer_id"]))
    person, by_phone = _same_person(current, former)
    matches = former["customer_id"].where(same_id).fillna(person)
    matched = matches.notna()
    how = same_id.map({True: "id", False: "name"}).where(same_id | ~by_phone, "name_phone")
    skipped = pd.DataFrame({"customer_id": matches[matched].astype("string"), "by": how[matched]})
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
    assumed = [_default_source(added, ask)] if not source else []
    assumed += [_default_rep(added, current, ask)] if not rep else []
    return FormerImport(added, skipped, tuple(a for a in assumed if a))


def source_option(value: str) -> str:
    """The source code for `--source` given in either language ('peer', '同行', 'Peer')."""
    code = SOURCE_VOCABULARY.get(fold(value))
    if code is None:
        raise SettingsError(text("error.source_option", value=repr(value), keys=_source_keys()))
    return code


def rep_option(value: str) -> str:
    """A rep's name as typed, trimmed; a blank one is refused."""
    if not value.strip():
        raise SettingsError(text("error.former_rep_blank"))
    return value.strip()


def new_ids(ids: pd.Series, taken: Iterable[object]) -> pd.Series:
    """The ids with each blank one replaced by F00001, F00002, ..., skipping every id in use:
    `taken` (the table's) and the list's own. A list from a previous job rarely has ids."""
    blank = blank_mask(ids)
    used = {str(i) for i in taken} | {str(i) for i in ids[~blank]}
    filled = ids.astype(object).copy()
    filled[blank] = list(islice(_fresh_ids(used), int(blank.sum())))
    return filled


def _fresh_ids(used: set[str]) -> Iterable[str]:
    number = 0
    while True:
        number += 1
        if (candidate := f"F{number:05}") not in used:
            yield candidate


def _default_source(added: pd.DataFrame, ask: Ask | None) -> str | None:
    """Fills the blank sources of `added`; the sentence saying what was assumed, if anything."""
    missing = blank_mask(added["source"])
    if not missing.any():
        return None
    question = text("former.ask_source", count=int(missing.sum()), keys=_source_keys())
    code = ask(question, DEFAULT_SOURCE, source_option) if ask else DEFAULT_SOURCE
    added["source"] = added["source"].mask(
        missing, code
    )  # mask, not .loc: a float column takes text
    if ask:
        return None
    label = _source_label(code)
    return text("former.assumed_source", count=int(missing.sum()), code=code, label=label)


def _default_rep(added: pd.DataFrame, current: pd.DataFrame, ask: Ask | None) -> str | None:
    """Fills the blank reps of `added` when the workbook has reps at all (without any, nobody
    has one and nothing is split by rep); the sentence saying what was assumed, if anything."""
    reps = _reps(current)
    missing = blank_mask(added["rep"]) if "rep" in added else pd.Series(True, index=added.index)
    if not reps or not missing.any():
        return None
    count, only = int(missing.sum()), reps[0] if len(reps) == 1 else None
    if ask:
        listed = ", ".join(reps[:8]) + (", ..." if len(reps) > 8 else "")
        rep = ask(text("former.ask_rep", count=count, reps=listed), only, rep_option)
    elif only is None:
        listed = ", ".join(reps[:3]) + (", ..." if len(reps) > 3 else "")
        raise SettingsError(text("error.former_rep", count=count, reps=len(reps), names=listed))
    else:
        rep = only
    added["rep"] = added["rep"].mask(missing, rep) if "rep" in added else rep
    return None if ask else text("former.assumed_rep", count=count, rep=rep)


def _reps(current: pd.DataFrame) -> list[str]:
    if "rep" not in current:
        return []
    given = current["rep"][~blank_mask(current["rep"])]
    return sorted({str(r).strip() for r in given})


def _source_label(code: str) -> str:
    return SOURCE_LABELS[current_language()][SOURCES.index(code)]


def _source_keys() -> str:
    """'sold_to_me (Sold to me before), peer (Peer) or ...' in the language in force."""
    return text("former.source_keys", **{code: _source_label(code) for code in SOURCES})


def _same_person(current: pd.DataFrame, former: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The current id of the same name and phone (the name alone when either has no phone;
    the same name with two different phones is two people), or None; and whether the phone
    matched too."""
    names, phones = _names(current), _phones(current)
    ids = current["customer_id"]
    with_phone = dict(zip(zip(names, phones, strict=True), ids, strict=True))
    by_name = dict(zip(names, ids, strict=True))
    phone_of = dict(zip(ids, phones, strict=True))
    found, same_phone = [], []
    for name, phone in zip(_names(former), _phones(former), strict=True):
        match = with_phone.get((name, phone)) if phone and (name, phone) in with_phone else None
        same_phone.append(match is not None)
        if match is None and name:
            match = by_name.get(name)
        if match is not None and phone and phone_of.get(match) and phone_of[match] != phone:
            match = None
        found.append(match)
    index = former.index
    return pd.Series(found, index=index, dtype=object), pd.Series(same_phone, index=index)


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
