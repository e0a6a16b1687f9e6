"""Where a rep drives: great-circle distances, driving minutes at the Settings' speed, and the
rep's base, the point each working day starts from and ends at.

The base is the middle of the rep's customers (the median latitude and longitude): robust to a
few customers far away, and inside the territory. Distances are straight lines, so
`travel_speed_kmh` is a speed as the crow flies (30 km/h suits a city). A leg to or from a
customer without coordinates takes `travel_minutes` and has no known length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

EARTH_KM = 6371.0088


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (NaN where unknown)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def distance_matrix(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Distances between every pair of points, km; NaN where a position is unknown."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    matrix = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    np.fill_diagonal(matrix, 0.0)
    return matrix


def base_of(lat: np.ndarray, lon: np.ndarray) -> tuple[float, float]:
    """The middle of a rep's customers: median latitude and longitude (NaN when none is known)."""
    known = np.isfinite(lat) & np.isfinite(lon)
    if not known.any():
        return math.nan, math.nan
    return float(np.median(lat[known])), float(np.median(lon[known]))


@dataclass(frozen=True)
class Travel:
    """Legs between the points of one rep (point 0 is the base): km and whole minutes."""

    km: np.ndarray
    minutes: np.ndarray


def travel(lat: np.ndarray, lon: np.ndarray, speed_kmh: float, unknown_minutes: int) -> Travel:
    """Every leg's km (NaN when unknown) and driving minutes (rounded up)."""
    km = distance_matrix(lat, lon)
    minutes = np.ceil(np.nan_to_num(km, nan=0.0) / speed_kmh * 60 - 1e-9)
    minutes = np.where(np.isnan(km), float(unknown_minutes), minutes)
    np.fill_diagonal(minutes, 0.0)
    return Travel(km, minutes.astype(np.int64))
