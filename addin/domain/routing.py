"""The sales map (行销地图): split a rep's territory into areas, one per weekday, and order a day's
visits to shorten the drive.

Areas come from a sweep around the rep's centre when customers have coordinates (equal visit load
per slice, so a day never crosses the territory), else from city or region names kept together.
A day's route is the best nearest-neighbour path from any first stop, then improved by 2-opt:
never longer than a nearest-neighbour tour, usually much shorter than the order of the list.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

EARTH_KM = 6371.0088
WEEKDAY_AREAS = 5
"""Areas per rep: one per weekday, so a customer is seen on the same weekday each week."""


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (NaN where unknown)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def distance_matrix(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Distances between every pair of points, km; unknown positions count as 0 km away."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    matrix = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    return np.nan_to_num(matrix, nan=0.0)


def path_length(order: list[int], dist: np.ndarray) -> float:
    """Length of the open path visiting `order` (no return to the start)."""
    return float(sum(dist[a, b] for a, b in itertools.pairwise(order)))


def nearest_neighbour(dist: np.ndarray, start: int = 0) -> list[int]:
    """From `start`, always drive to the closest stop not yet visited."""
    n = len(dist)
    order, left = [start], set(range(n)) - {start}
    while left:
        here = order[-1]
        step = min(left, key=lambda j: (dist[here, j], j))
        order.append(step)
        left.remove(step)
    return order


def two_opt(order: list[int], dist: np.ndarray) -> list[int]:
    """Reverse any stretch of the path that makes it shorter, until none does (open path)."""
    best = list(order)
    improved = True
    while improved:
        improved = False
        for i in range(1, len(best) - 1):
            for j in range(i + 1, len(best)):
                a, b = best[i - 1], best[i]
                c = best[j]
                d = best[j + 1] if j + 1 < len(best) else None
                before = dist[a, b] + (dist[c, d] if d is not None else 0.0)
                after = dist[a, c] + (dist[b, d] if d is not None else 0.0)
                if after < before - 1e-9:
                    best[i : j + 1] = reversed(best[i : j + 1])
                    improved = True
    return best


def best_route(dist: np.ndarray, first: int | None = None) -> list[int]:
    """A short open path through every stop: the best nearest-neighbour start, then 2-opt.

    With `first`, the path must begin there (the afternoon goes on from the morning's last stop).
    """
    if len(dist) == 0:
        return []
    starts = range(len(dist)) if first is None else [first]
    tours = [nearest_neighbour(dist, s) for s in starts]
    return two_opt(min(tours, key=lambda t: path_length(t, dist)), dist)  # 2-opt keeps the first


def area_of(
    rep: pd.Series,
    weight: np.ndarray,
    lat: np.ndarray | None = None,
    lon: np.ndarray | None = None,
    place: pd.Series | None = None,
    tie: np.ndarray | None = None,
    areas: int = WEEKDAY_AREAS,
) -> np.ndarray:
    """Area 0..areas-1 of each customer within its rep's territory, with equal visit load per area.

    Customers are lined up along a Hilbert curve over the rep's territory (coordinates: near
    customers stay near in the line, whether the territory is one city or several), else by place,
    else by `tie` (a rank independent of row order); the line is cut where the running visit
    load crosses each 1/areas share.
    """
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
    frame = pd.DataFrame({"rep": codes, "v": values})
    low = frame.groupby("rep")["v"].transform("min").to_numpy()
    high = frame.groupby("rep")["v"].transform("max").to_numpy()
    span = np.where(high > low, high - low, 1.0)
    scaled = np.nan_to_num((values - low) / span * ((1 << bits) - 1))
    return scaled.astype(np.int64)
