"""A realistic, deterministic demo customer list: real cities, heavy-tailed sales, a few prospects.

Each rep covers a compact territory, one city or two neighbouring ones (Guangzhou and Foshan),
with customers within a few km of the centre: a rep's day can visit six of them. Same
arguments, same rows: the random generators are seeded, and dates count back from a fixed day
rather than from today.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from addin.domain.prospects import DECISION_LABELS, STAGE_LABELS
from addin.domain.schema import BY_KEY, KIND_LABELS

AS_OF = dt.date(2026, 10, 31)
# (English, Chinese, region en, region zh, latitude, longitude)
CITIES = (
    ("Shanghai", "上海", "East", "华东", 31.2304, 121.4737),
    ("Hangzhou", "杭州", "East", "华东", 30.2741, 120.1551),
    ("Nanjing", "南京", "East", "华东", 32.0603, 118.7969),
    ("Suzhou", "苏州", "East", "华东", 31.2989, 120.5853),
    ("Beijing", "北京", "North", "华北", 39.9042, 116.4074),
    ("Tianjin", "天津", "North", "华北", 39.3434, 117.3616),
    ("Guangzhou", "广州", "South", "华南", 23.1291, 113.2644),
    ("Shenzhen", "深圳", "South", "华南", 22.5431, 114.0579),
    ("Chengdu", "成都", "West", "西南", 30.5728, 104.0668),
    ("Wuhan", "武汉", "Central", "华中", 30.5928, 114.3055),
    ("Foshan", "佛山", "South", "华南", 23.0218, 113.1219),
)
TERRITORIES = ((0,), (1,), (4,), (6, 10), (8,), (9,), (2,), (7,), (3,), (5,))
"""Each rep's cities (positions in CITIES), in the order reps are named: one city, or two
neighbouring ones; a second city holds a third of the rep's customers."""
SPREAD_DEGREES = 0.06
"""Customers scatter around their city's centre with this standard deviation (about 7 km)."""
STAGES, FOLLOW_UPS = STAGE_LABELS, DECISION_LABELS
"""The words of the template's drop-down lists, as a rep would pick them."""
LOYALTY = {"en": ("low", "high"), "zh": ("低", "高")}
INTERESTS = {
    "en": ("golf", "tea", "fishing", "football", "calligraphy", "hiking", "wine", "photography"),
    "zh": ("高尔夫", "品茶", "钓鱼", "足球", "书法", "徒步", "红酒", "摄影"),
}


def demo_customers(n: int = 240, reps: int = 6, lang: str = "en", seed: int = 7) -> pd.DataFrame:
    """`n` customers and prospects (about one in five) for `reps` reps, under canonical keys."""
    from faker import Faker  # imported here: Excel-side code (xlwings Lite) never needs it

    rng = np.random.default_rng(seed)
    fake = Faker("zh_CN" if lang == "zh" else "en_US")
    fake.seed_instance(seed)
    rep_names = [fake.name() for _ in range(reps)]
    rep = np.arange(n) % reps
    city = np.array([_city(TERRITORIES[r % len(TERRITORIES)], rng) for r in rep])
    prospect = rng.random(n) < 0.2
    col = 1 if lang == "zh" else 0
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{10001 + i}" for i in range(n)],
            "name": [fake.company() for _ in range(n)],
            "rep": [rep_names[r] for r in rep],
            "region": [CITIES[c][2 + col] for c in city],
            "city": [CITIES[c][col] for c in city],
            "address": [fake.street_address() for _ in range(n)],
            "latitude": [round(CITIES[c][4] + rng.normal(0, SPREAD_DEGREES), 6) for c in city],
            "longitude": [round(CITIES[c][5] + rng.normal(0, SPREAD_DEGREES), 6) for c in city],
            "kind": np.where(prospect, KIND_LABELS[lang][1], KIND_LABELS[lang][0]),
            "annual_sales": np.where(prospect, np.nan, np.round(rng.lognormal(12.0, 1.8, n), -2)),
            "stage": np.where(prospect, rng.choice(STAGES[lang], n, p=[0.15, 0.35, 0.5]), ""),
            "follow_up": np.where(prospect, rng.choice(FOLLOW_UPS[lang], n, p=[0.6, 0.3, 0.1]), ""),
            "competitor_loyalty": rng.choice(LOYALTY[lang], n),
            "contact": [fake.name() for _ in range(n)],
            # Not faker's '+1-822-...': a spreadsheet opening the CSV takes a '+' for a formula.
            "phone": [fake.phone_number().lstrip("+") for _ in range(n)],
            "birthday": [
                AS_OF - dt.timedelta(days=int(d)) for d in rng.integers(25 * 365, 60 * 365, n)
            ],
            "decision_maker": [fake.name() for _ in range(n)],
            "interests": [
                ", ".join(rng.choice(INTERESTS[lang], 2, replace=False)) for _ in range(n)
            ],
            "last_visit": [AS_OF - dt.timedelta(days=int(d)) for d in rng.integers(1, 120, n)],
            "notes": "",
        }
    )
    frame["company"] = frame["name"]
    # Last year's sales: most customers bought before (more or less), one in ten is new.
    new = rng.random(n) < 0.1
    drift = rng.lognormal(-0.05, 0.3, n)
    frame["previous_sales"] = np.where(new, 0.0, np.round(frame["annual_sales"] * drift, -2))
    return frame[[key for key in BY_KEY if key in frame]]


def _city(cities: tuple[int, ...], rng: np.random.Generator) -> int:
    """One of a territory's cities: the first, or a neighbour for a third of the customers."""
    if len(cities) == 1 or rng.random() < 2 / 3:
        return cities[0]
    return cities[1 + int(rng.integers(0, len(cities) - 1))]
