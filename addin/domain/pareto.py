"""The points of a Pareto chart: bars of sales, largest first, and the line of cumulative share."""

from __future__ import annotations

import numpy as np
import pandas as pd


def pareto_points(sales: pd.Series, labels: pd.Series, max_points: int = 20) -> pd.DataFrame:
    """Bars and cumulative share for a Pareto chart: each customer, or bands of customers.

    Up to `max_points` customers are shown one by one; more are grouped into equal bands of
    customers ("0–5%", "5–10%", ...: the top 5% of customers, the next 5%) so the chart stays
    readable at any size.
    """
    valid = sales.dropna()
    valid = valid[valid > 0]
    order = valid.sort_values(ascending=False, kind="stable")
    total = float(order.sum())
    if order.empty:
        return pd.DataFrame({"label": [], "sales": [], "cumulative_share": []})
    if len(order) <= max_points:
        label = labels.reindex(order.index).astype("string").fillna("").to_numpy()
        bars = order.to_numpy()
    else:
        edges = np.linspace(0, len(order), max_points + 1).round().astype(int)
        sums = np.add.reduceat(order.to_numpy(), edges[:-1])
        pct = np.linspace(0, 100, max_points + 1)
        label = np.array([f"{pct[i]:g}–{pct[i + 1]:g}%" for i in range(max_points)])
        bars = sums
    return pd.DataFrame(
        {"label": label, "sales": bars, "cumulative_share": np.cumsum(bars) / total}
    )
