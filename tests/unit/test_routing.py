"""The sales map: routes shorter than naive orders, days that stay in one part of the territory."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from addin.domain.routing import (
    area_of,
    best_route,
    distance_matrix,
    haversine_km,
    nearest_neighbour,
    path_length,
)
from tests.unit.plan_frames import customers, plan


def territory(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Customers scattered over about 60 × 60 km around Hangzhou."""
    rng = np.random.default_rng(seed)
    return 30.27 + rng.uniform(-0.3, 0.3, n), 120.15 + rng.uniform(-0.3, 0.3, n)


def test_haversine_gives_the_known_distance_from_shanghai_to_beijing():
    km = haversine_km(np.array(31.2304), np.array(121.4737), np.array(39.9042), np.array(116.4074))
    assert km == pytest.approx(1067, abs=5)


@pytest.mark.parametrize("seed", range(5))
def test_a_days_route_is_no_longer_than_nearest_neighbour_and_much_shorter_than_random(seed):
    lat, lon = territory(12, seed)
    dist = distance_matrix(lat, lon)
    route = best_route(dist)
    assert sorted(route) == list(range(12))
    assert path_length(route, dist) <= path_length(nearest_neighbour(dist, 0), dist) + 1e-9
    rng = np.random.default_rng(seed)
    random_mean = np.mean([path_length(list(rng.permutation(12)), dist) for _ in range(50)])
    assert path_length(route, dist) < 0.6 * random_mean


def test_an_afternoon_route_goes_on_from_the_last_morning_stop():
    lat, lon = territory(6, 3)
    assert best_route(distance_matrix(lat, lon), first=4)[0] == 4


def test_areas_split_a_reps_territory_into_five_slices_of_equal_load():
    lat, lon = territory(100, 1)
    area = area_of(pd.Series(["Li"] * 100), np.ones(100), lat, lon)
    assert list(np.bincount(area)) == [20] * 5


def test_areas_keep_a_city_together_when_there_are_no_coordinates():
    cities = pd.Series(
        ["Hangzhou"] * 5 + ["Ningbo"] * 5 + ["Wenzhou"] * 5 + ["Jiaxing"] * 5 + ["Shaoxing"] * 5
    )
    area = area_of(pd.Series(["Li"] * 25), np.ones(25), place=cities)
    assert all(len(set(area[cities == c])) == 1 for c in cities.unique())


def test_the_plan_shows_route_order_and_distance_and_days_stay_in_one_area():
    lat, lon = territory(60, 7)
    frame, classes = customers("A" * 10 + "B" * 20 + "C" * 30, latitude=lat, longitude=lon)
    result = plan(frame, classes)
    visits = result.visits
    assert (visits.groupby("date")["route_order"].apply(list).map(lambda r: r == sorted(r))).all()
    assert visits.groupby("date")["route_order"].min().eq(1).all()
    assert visits["distance_km"].ge(0).all()
    day_spread = visits.groupby("date").apply(lambda d: _spread(lat, lon, frame, d)).mean()
    assert day_spread < 0.7 * _spread(lat, lon, frame, visits)
    for _, day in visits.groupby("date"):
        _assert_no_longer_than_nearest_neighbour(lat, lon, frame, day[day["half"] == "morning"])
        previous = day[day["half"] == "morning"].tail(1)
        _assert_no_longer_than_nearest_neighbour(
            lat, lon, frame, pd.concat([previous, day[day["half"] == "afternoon"]])
        )


def _assert_no_longer_than_nearest_neighbour(lat, lon, frame, stops: pd.DataFrame) -> None:
    """The stops in plan order make a path no longer than nearest neighbour from the same start."""
    rows = [frame.index.get_loc(r) for r in stops["row"]]
    dist = distance_matrix(lat[rows], lon[rows])
    planned = path_length(list(range(len(rows))), dist)
    assert planned <= path_length(nearest_neighbour(dist, 0), dist) + 1e-6 if rows else True


def _spread(lat: np.ndarray, lon: np.ndarray, frame: pd.DataFrame, visits: pd.DataFrame) -> float:
    """The widest distance between two of these visits, km."""
    rows = [frame.index.get_loc(r) for r in visits["row"]]
    return float(distance_matrix(lat[rows], lon[rows]).max())
