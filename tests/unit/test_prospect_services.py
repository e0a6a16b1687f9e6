"""'Colour prospects and update pipeline' over the port: in memory, and as the macro in Excel."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from addin.domain.errors import InvalidValuesError
from addin.domain.prospects import shade
from addin.domain.settings import Settings
from addin.services import CUSTOMERS, PIPELINE, SEGMENTS, colour_workbook
from tests.fakes import InMemoryBook

ROWS = pd.DataFrame(
    {
        "Customer ID": ["C1", "P1", "P2", "P3", "P4"],
        "Name": ["Acme", "Bolt", "Core", "Dyna", "Edge"],
        "Rep": ["Ann", "Ann", "Ann", "Bo", "Bo"],
        "Kind": ["customer", "prospect", "prospect", "prospect", "prospect"],
        "Annual sales": [50.0, None, None, None, None],
        "Stage": [None, "closed", "short term", "potential", "短期有望成交"],
        "Follow-up": [None, None, "give up", "keep visiting", "不放弃"],
        "Competitor loyalty": ["low", "high", "low", None, "low"],
    }
)


def settings_table(**values: object) -> pd.DataFrame:
    keys = list(values)
    return pd.DataFrame(
        {"Key": keys, "Setting": keys, "Value": list(values.values()), "Description": ""}
    )


def test_colouring_writes_fills_on_stage_and_follow_up_the_segment_and_both_tables():
    book = InMemoryBook({CUSTOMERS: ROWS, PIPELINE: pd.DataFrame(), SEGMENTS: pd.DataFrame()})
    report = colour_workbook(book, as_of=dt.date(2026, 11, 27))
    palette = Settings().stage_palette()
    expected = [
        None,
        palette["closed"],
        shade(palette["short_term"], "give_up"),
        palette["potential"],
        shade(palette["short_term"], "dont_give_up"),
    ]
    assert book.fills[(CUSTOMERS, "Stage")] == expected
    assert book.fills[(CUSTOMERS, "Follow-up")] == expected
    assert book.tables[CUSTOMERS]["Segment"][0] == "Existing · Secondary · High effort"
    pipeline = book.tables[PIPELINE]
    assert pipeline["Rep"].tolist() == ["Ann", "Bo", "Team"]
    assert pipeline["Live prospects"].tolist() == [0, 2, 2]
    assert book.tables[SEGMENTS].shape == (4, 4)
    assert "2 live against a target of 50" in report.message()


def test_the_settings_target_and_palette_are_used():
    settings = settings_table(pipeline_target=2, color_potential="00FF00")
    book = InMemoryBook({CUSTOMERS: ROWS, "Settings": settings, PIPELINE: pd.DataFrame()})
    colour_workbook(book)
    assert book.tables[PIPELINE]["Target"].tolist() == [2, 2, 4]
    assert book.fills[(CUSTOMERS, "Stage")][3] == "00FF00"


def test_a_renamed_stage_in_settings_is_read_and_coloured():
    rows = ROWS.assign(Stage=[None, None, None, "Hot", None])
    settings = settings_table(stage_short_term_en="Hot")
    book = InMemoryBook({CUSTOMERS: rows, "Settings": settings})
    colour_workbook(book)
    assert book.fills[(CUSTOMERS, "Stage")][3] == Settings().color_short_term


def test_strict_mode_stops_on_an_unknown_stage_naming_its_cell():
    rows = ROWS.assign(Stage=[None, "warm", None, None, None])
    with pytest.raises(InvalidValuesError) as caught:
        colour_workbook(InMemoryBook({CUSTOMERS: rows}), strict=True)
    assert "column 'Stage'" in str(caught.value) and "row 3" in str(caught.value)
