"""The sales map (行销地图) of the quick planner: each rep's territory cut into five areas of equal
visit load, one per weekday, so that a day stays in one part of the territory.

Customers are lined up along a Hilbert curve over the rep's territory (near customers stay near
in the line, whether the territory is one city or several), else by city or region, else by a
rank independent of row order; the line is cut where the running visit load crosses each fifth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WEEKDAY_AREAS = 5
"""Areas per rep: one per weekday, so a customer is seen on the same weekday each week."""


def area_of(
    rep: pd.Series,
    weight: np.ndarray,
    lat: np.ndarray | None = None,
    lon: np.ndarray | None = None,
    place: pd.Series | None = None,
    tie: np.ndarray | None = None,
    areas: int = WEEKDAY_AREAS,
) -> np.ndarray:
    """Area 0..areas-1 of each customer within its rep's territory, equal in visit load."""
    codes = pd.factorize(rep.astype("string").fillna(""), sort=True)[0]
    key = np.zeros(len(rep))
    if lat is not None and lon is not None and np.isfinite(lat).any():
        key = _hilbert(codes, np.asarray(lat, float), np.asarray(lon, float))
    elif place is not None:
        key = pd.factorize(place.astype("string").fillna(""), sort=True)[0].astype(float)
    tie = np.arange(len(rep)) if tie is None else tie
    order = np.lexsort((tie, key, codes))
    w = np.asarray(weight, float)[order] + 1e-9  # customers of no weight still get an area
    sorted_codes = codes[order]
    totals = np.bincount(sorted_codes, weights=w)
    running = np.cumsum(w) - w  # load before this customer, within the whole line
    first = np.searchsorted(sorted_codes, sorted_codes, side="left")
    before = running - running[first]
    share = before / totals[sorted_codes] * areas + 1e-6  # 20 of 100 is the start of area 1
    area = np.minimum(share.astype(int), areas - 1)
    result = np.empty(len(rep), dtype=np.int64)
    result[order] = area
    return result


def _hilbert(codes: np.ndarray, lat: np.ndarray, lon: np.ndarray, bits: int = 16) -> np.ndarray:
    """Position on a Hilbert curve over each rep's bounding box; unknown positions go last."""
    known = np.isfinite(lat) & np.isfinite(lon)
    x = _scaled(codes, np.where(known, lon, np.nan), bits)
    y = _scaled(codes, np.where(known, lat, np.nan), bits)
    d = np.zeros(len(codes), dtype=np.int64)
    s = 1 << (bits - 1)
    while s > 0:  # the classic xy -> d walk, on every customer at once
        rx, ry = (x & s) > 0, (y & s) > 0
        d += s * s * ((3 * rx) ^ ry)
        flip = ~ry & rx
        x = np.where(flip, s - 1 - x, x)
        y = np.where(flip, s - 1 - y, y)
        x, y = np.where(~ry, y, x), np.where(~ry, x, y)
        s >>= 1
    return np.where(known, d, np.iinfo(np.int64).max).astype(float)


def _scaled(codes: np.ndarray, values: np.ndarray, bits: int) -> np.ndarray:
    """Values as integers 0 .. 2**bits-1 across each rep's own range (NaN as 0)."""
    reps = int(codes.max()) + 1 if len(codes) else 0
    low, high = np.full(reps, np.inf), np.full(reps, -np.inf)
    np.fmin.at(low, codes, values)  # fmin and fmax pass NaN over, as min and max of a group do
    np.fmax.at(high, codes, values)
    low, high = low[codes], high[codes]
    span = np.where(high > low, high - low, 1.0)
    scaled = np.nan_to_num((values - low) / span * ((1 << bits) - 1))
    return scaled.astype(np.int64)
