"""The sales map: routes shorter than naive orders, days that stay in one part of the territory."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from addin.domain.planning.areas import area_of
from addin.domain.planning.routes import nearest_neighbour, path_length, two_opt
from addin.domain.planning.territory import base_of, distance_matrix, haversine_km
from tests.unit.plan_frames import customers, plan


def territory(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Customers scattered over about 60 × 60 km around Hangzhou."""
    rng = np.random.default_rng(seed)
    return 30.27 + rng.uniform(-0.3, 0.3, n), 120.15 + rng.uniform(-0.3, 0.3, n)


def test_haversine_gives_the_known_distance_from_shanghai_to_beijing():
    km = haversine_km(np.array(31.2304), np.array(121.4737), np.array(39.9042), np.array(116.4074))
    assert km == pytest.approx(1067, abs=5)


@pytest.mark.parametrize("seed", range(5))
def test_a_route_from_the_base_is_no_longer_than_nearest_neighbour_and_far_shorter_than_random(
    seed,
):
    lat, lon = territory(12, seed)
    dist = distance_matrix(np.r_[30.27, lat], np.r_[120.15, lon])  # point 0: the base
    stops = list(range(1, 13))
    greedy = [0, *nearest_neighbour(dist, 0, stops), 0]
    route = two_opt(dist, greedy, fixed_end=True)
    assert route[0] == route[-1] == 0 and sorted(route[1:-1]) == stops
    assert path_length(dist, route) <= path_length(dist, greedy) + 1e-9
    rng = np.random.default_rng(seed)
    shuffled = [path_length(dist, [0, *rng.permutation(stops), 0]) for _ in range(50)]
    assert path_length(dist, route) < 0.6 * np.mean(shuffled)


def test_the_base_is_the_middle_of_the_customers_and_ignores_one_far_away():
    lat = np.array([30.0, 30.1, 30.2, 39.9])  # three in Hangzhou, one in Beijing
    lon = np.array([120.0, 120.1, 120.2, 116.4])
    assert base_of(lat, lon)[0] == pytest.approx(30.15)


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


def test_the_plan_shows_route_order_and_distance_and_days_stay_in_one_part_of_the_territory():
    lat, lon = territory(60, 7)
    frame, classes = customers("A" * 10 + "B" * 20 + "C" * 30, latitude=lat, longitude=lon)
    result = plan(frame, classes)
    visits = result.visits
    assert (visits.groupby("date")["route_order"].apply(list).map(lambda r: r == sorted(r))).all()
    assert visits.groupby("date")["route_order"].min().eq(1).all()
    assert visits["distance_km"].gt(0).all()  # the first leg comes from the base
    day_spread = visits.groupby("date").apply(lambda d: _spread(lat, lon, frame, d)).mean()
    assert day_spread < 0.7 * _spread(lat, lon, frame, visits)
    legs = visits.groupby("date")["distance_km"].sum()
    assert (result.days.set_index("date")["km"] > legs - 1e-6).all()  # plus the way back


def _spread(lat: np.ndarray, lon: np.ndarray, frame: pd.DataFrame, visits: pd.DataFrame) -> float:
    """The widest distance between two of these visits, km."""
    rows = [frame.index.get_loc(r) for r in visits["row"]]
    return float(distance_matrix(lat[rows], lon[rows]).max())
