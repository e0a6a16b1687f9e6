"""The points of a Pareto chart: bars of sales, largest first, and the line of cumulative share."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd


def pareto_points(sales: pd.Series, labels: pd.Series, max_points: int = 20) -> pd.DataFrame:
    """Bars and cumulative share for a Pareto chart: each customer, or bands of customers.

    Up to `max_points` customers are shown one by one; more are grouped into equal bands of
    customers ("0–5%", "5–10%", ...: the top 5% of customers, the next 5%) so the chart stays
    readable at any size.
    """
    groups = np.zeros(len(sales), dtype=np.intp)
    return pareto_groups(sales, labels.reindex(sales.index), groups, 1, max_points)[0]


def pareto_groups(
    sales: pd.Series, labels: pd.Series, groups: np.ndarray, count: int, max_points: int = 20
) -> tuple[pd.DataFrame, np.ndarray]:
    """pareto_points of each group's rows alone (a batch's workbooks), in one sort: the
    groups' points one after another, group g's in rows starts[g]:starts[g + 1]."""
    values = sales.to_numpy(dtype="float64", na_value=np.nan)
    kept = np.flatnonzero(values > 0)  # NaN > 0 is False
    order = kept[np.lexsort((-values[kept], groups[kept]))]  # stable: ties keep row order
    bounds = np.searchsorted(groups[order], np.arange(count + 1))
    names = labels.astype("string").fillna("").to_numpy(dtype=object)
    pieces = [
        _points(values[order[a:b]], names[order[a:b]], max_points)
        for a, b in itertools.pairwise(bounds)
    ]
    sizes = np.array([len(p[0]) for p in pieces], dtype=np.intp)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    frame = pd.DataFrame(
        {
            "label": np.concatenate([p[0] for p in pieces] + [np.array([], dtype=object)]),
            "sales": np.concatenate([p[1] for p in pieces] + [np.array([])]),
            "cumulative_share": np.concatenate([p[2] for p in pieces] + [np.array([])]),
        }
    )
    return frame, starts


def _points(
    ordered: np.ndarray, names: np.ndarray, max_points: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, bars and cumulative shares of one group's positive sales, largest first."""
    if len(ordered) == 0:
        return np.array([], dtype=object), np.array([]), np.array([])
    total = float(ordered.sum())
    if len(ordered) <= max_points:
        label, bars = names, ordered
    else:
        edges = np.linspace(0, len(ordered), max_points + 1).round().astype(int)
        bars = np.add.reduceat(ordered, edges[:-1])
        pct = np.linspace(0, 100, max_points + 1)
        label = np.array([f"{pct[i]:g}–{pct[i + 1]:g}%" for i in range(max_points)], dtype=object)
    return label, bars, np.cumsum(bars) / total
