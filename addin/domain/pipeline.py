"""Pipeline health per rep and for the team (domain §1 and §3).

Live prospects are counted against a target (a sales department should hold 25-30), with counts
by colour, prospects without a next step and stale ones. Sales are decomposed into number of
customers x average purchase, and a change against a previous period into those two causes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.domain.prospects import effective_stages
from addin.domain.stages import LIVE_STAGES

HEALTH_COLUMNS = (
    "rep",
    "live",
    "target",
    "vs_target",
    "red",
    "yellow",
    "green",
    "given_up",
    "no_next_step",
    "stale",
    "customers",
    "average",
    "sales",
    "previous_customers",
    "previous_average",
    "previous_sales",
    "change",
    "from_customers",
    "from_average",
)
TEAM = None
"""The rep value of the team row (the service writes it as 'Team' / '团队合计')."""
NO_REP = ""
"""The rep value of the row for prospects nobody owns yet."""


@dataclass(frozen=True)
class PipelineRule:
    target: float = 25
    stale_days: int = 60
    as_of: dt.date | None = None
    """The day staleness is measured from; None is today."""


def pipeline_health(frame: pd.DataFrame, rule: PipelineRule) -> pd.DataFrame:
    """One row per rep (in name order, NO_REP last) and a last team row (rep = TEAM)."""
    return pipeline_health_groups(frame, rule, np.zeros(len(frame), dtype=np.intp), 1)[0]


def pipeline_health_groups(
    frame: pd.DataFrame, rule: PipelineRule, groups: np.ndarray, count: int
) -> tuple[pd.DataFrame, np.ndarray]:
    """pipeline_health of each group's rows alone (a batch's workbooks), in one pass: the
    groups' tables one after another, group g's in rows starts[g]:starts[g + 1].

    Sums are np.bincount's, which adds each bin's rows in row order whatever the other bins
    hold: a group's figures are the same alone or among others (pandas' groupby sums one group
    with a different algorithm than several, a last digit apart)."""
    flags = _flags(frame, rule)
    codes, reps = pd.factorize(_text(frame, "rep").fillna(NO_REP), sort=True)
    width = max(len(reps), 1)
    pairs, slot = np.unique(groups * width + codes, return_inverse=True)
    values = flags.to_numpy()
    per_rep = [np.bincount(slot, values[:, i], len(pairs)) for i in range(values.shape[1])]
    team = [np.bincount(groups, values[:, i], count) for i in range(values.shape[1])]
    rep = np.asarray(reps, dtype=object)[pairs % width]
    owner = pairs // width
    named = np.bincount(owner[rep != NO_REP], minlength=count)
    counts = pd.DataFrame(
        np.vstack([np.column_stack(per_rep), np.column_stack(team)]).astype(float),
        columns=flags.columns,
    )
    counts["target"] = np.concatenate(
        [np.full(len(pairs), float(rule.target)), rule.target * np.maximum(named, 1.0)]
    )
    counts["rep"] = np.concatenate([rep, np.full(count, TEAM, dtype=object)])
    group = np.concatenate([owner, np.arange(count)])
    place = np.concatenate([np.where(rep == NO_REP, 1, 0), np.full(count, 2)])
    order = np.lexsort((place, group))  # stable: reps stay in name order
    counts = counts.iloc[order].set_index("rep")
    starts = np.searchsorted(group[order], np.arange(count + 1))
    health = _figures(counts).reset_index().reindex(columns=list(HEALTH_COLUMNS))
    return health, starts


def _flags(frame: pd.DataFrame, rule: PipelineRule) -> pd.DataFrame:
    """Per row, 0/1 or amounts that add up per rep."""
    kind = _text(frame, "kind")
    stage = effective_stages(_text(frame, "stage"), kind)
    decision = _text(frame, "follow_up")
    given_up = decision.eq("give_up").fillna(False)
    live = stage.isin(LIVE_STAGES).fillna(False) & ~given_up
    last = pd.to_datetime(frame["last_visit"]) if "last_visit" in frame else None
    as_of = pd.Timestamp(rule.as_of or dt.date.today())
    stale = live & (
        last.isna() | (last < as_of - pd.Timedelta(days=rule.stale_days))
        if last is not None
        else live
    )
    sales = _number(frame, "annual_sales").where(kind.ne("prospect").fillna(True))
    previous = _number(frame, "previous_sales").where(kind.ne("prospect").fillna(True))
    return pd.DataFrame(
        {
            "live": live,
            "red": stage.eq("closed").fillna(False),
            "yellow": live & stage.eq("short_term").fillna(False),
            "green": live & stage.eq("potential").fillna(False),
            "given_up": given_up,
            "no_next_step": live & decision.isna(),
            "stale": stale,
            "customers": sales.gt(0),
            "sales": sales.fillna(0.0),
            "previous_customers": previous.gt(0),
            "previous_sales": previous.fillna(0.0),
            "has_previous": previous.notna(),
        },
        index=frame.index,
    ).astype(float)


def _figures(counts: pd.DataFrame) -> pd.DataFrame:
    """Targets, averages and the change split into more customers and bigger purchases."""
    out = counts.copy()
    out["vs_target"] = out["live"] - out["target"]
    out["average"] = _ratio(out["sales"], out["customers"])
    known = out.pop("has_previous") > 0
    previous_average = _ratio(out["previous_sales"], out["previous_customers"])
    out["previous_average"] = previous_average
    out["change"] = out["sales"] - out["previous_sales"]
    # sales - previous = (n - n0) * avg0 + n * (avg - avg0); with no previous buyers it is all
    # new customers.
    out["from_customers"] = np.where(
        out["previous_customers"] > 0,
        (out["customers"] - out["previous_customers"]) * previous_average.fillna(0),
        out["change"],
    )
    out["from_average"] = out["change"] - out["from_customers"]
    previous_columns = list(HEALTH_COLUMNS[HEALTH_COLUMNS.index("previous_customers") :])
    out.loc[~known, previous_columns] = np.nan  # no previous period given: blank, not zero
    return out


def _ratio(top: pd.Series, bottom: pd.Series) -> pd.Series:
    return (top / bottom.where(bottom > 0)).astype(float)


def _text(frame: pd.DataFrame, key: str) -> pd.Series:
    if key in frame:
        return frame[key].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _number(frame: pd.DataFrame, key: str) -> pd.Series:
    if key in frame:
        return pd.to_numeric(frame[key], errors="coerce").astype(float)
    return pd.Series(np.nan, index=frame.index)
