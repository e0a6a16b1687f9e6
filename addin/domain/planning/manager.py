"""The senior manager along (主管陪同): who asks for him, which visits he joins, and why not.

He is asked for by the top `manager_top_n` A customers by sales and by every customer marked in
a With manager column, whatever its class. He joins at most `manager_visits_per_week` visits a
week and one rep per half-day; within a week, customers he has seen least come first, then the
most valuable visits. He is one person for every rep of the plan, so he is placed once all
reps' days are known. Every visit asked for is listed: arranged, or the reason it is not.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from addin.domain.planning.frequency import sales_of
from addin.domain.settings import Settings

STATUSES = ("arranged", "manager_full", "manager_busy", "unscheduled")


def requested(
    frame: pd.DataFrame, groups: np.ndarray, settings: Settings, flags: pd.Series | None
) -> np.ndarray:
    """Why each customer asks for the manager: 'top' (a top A by sales), 'flag', or ''."""
    sales = sales_of(frame)
    ranked = np.lexsort((frame["customer_id"].astype(str).to_numpy(), -sales))
    is_a = groups == "A"
    top = np.zeros(len(frame), dtype=bool)
    top[ranked[is_a[ranked]][: settings.manager_top_n]] = True
    flagged = (
        np.zeros(len(frame), dtype=bool)
        if flags is None
        else flags.reindex(frame.index).fillna(False).to_numpy(dtype=bool)
    )
    return np.where(top, "top", np.where(flagged, "flag", ""))


def manager_along(
    visits: pd.DataFrame, why: pd.Series, settings: Settings, start: dt.date
) -> pd.Series:
    """Status of each visit asked for: arranged, manager_full (his week is full) or
    manager_busy (he is with another rep that half-day); '' for visits nobody asked for."""
    status = np.full(len(visits), "", dtype=object)
    asked = visits[why.reindex(visits["row"]).fillna("").to_numpy() != ""]
    if asked.empty:
        return pd.Series(status, index=visits.index, dtype=object)
    # Sorted once by what does not change from week to week; within a week, a stable sort by
    # how often he has seen the customer then gives the order (seen, value, date, half, id).
    ranked = asked.sort_values(
        ["value", "date", "half", "customer_id"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    at = visits.index.get_indexer(ranked.index)
    week = ((ranked["date"] - pd.Timestamp(start)).dt.days // 7).to_numpy()
    slots = list(zip(ranked["date"], ranked["half"], strict=True))
    reps, rows = ranked["rep"].tolist(), ranked["row"].tolist()
    seen: dict[object, int] = {}
    for this_week in np.unique(week):
        order = sorted(np.flatnonzero(week == this_week), key=lambda i: seen.get(rows[i], 0))
        taken: dict[tuple[object, object], object] = {}
        given = 0
        for i in order:
            if given >= settings.manager_visits_per_week:
                status[at[i]] = "manager_full"
            elif taken.get(slots[i], reps[i]) != reps[i]:
                status[at[i]] = "manager_busy"
            else:
                taken[slots[i]], given = reps[i], given + 1
                seen[rows[i]] = seen.get(rows[i], 0) + 1
                status[at[i]] = "arranged"
    return pd.Series(status, index=visits.index, dtype=object)


def requests_frame(
    visits: pd.DataFrame, status: pd.Series, unscheduled: pd.DataFrame, why: pd.Series
) -> pd.DataFrame:
    """Every visit the manager was asked for: the planned ones with his answer, then the ones
    that found no day, with the reason from Unscheduled."""
    asked = visits[status != ""]
    planned = pd.DataFrame(
        {
            "rep": asked["rep"],
            "customer_id": asked["customer_id"],
            "name": asked["name"],
            "group": asked["group"],
            "date": asked["date"],
            "status": status[status != ""],
            "reason": "",
            "row": asked["row"],
        }
    )
    left = unscheduled[why.reindex(unscheduled["row"]).fillna("").to_numpy() != ""]
    missing = pd.DataFrame(
        {
            "rep": left["rep"],
            "customer_id": left["customer_id"],
            "name": left["name"],
            "group": left["group"],
            "date": left["due"],
            "status": "unscheduled",
            "reason": left["reason"],
            "row": left["row"],
        }
    )
    both = pd.concat([planned, missing], ignore_index=True)
    both["why"] = why.reindex(both["row"]).to_numpy()
    return both.sort_values(["date", "rep", "customer_id"], kind="stable").reset_index(drop=True)
