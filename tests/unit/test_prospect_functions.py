"""CD_PROSPECT_COLOR, CD_PIPELINE and CD_SEGMENT as Excel calls them (xlwings conversion)."""

from __future__ import annotations

from addin.excel.functions import CD_PIPELINE, CD_PROSPECT_COLOR, CD_SEGMENT
from tests.udf_harness import column, excel_call


def test_cd_prospect_color_spills_the_colour_of_each_stage_shaded_by_decision():
    got = excel_call(
        CD_PROSPECT_COLOR,
        column("Closed", "short term", "潜在客户", None),
        column("keep visiting", "放弃", "don't give up", None),
    )
    assert got == [["red"], ["pale yellow"], ["light green"], [""]]


def test_cd_prospect_color_speaks_chinese_and_takes_a_single_cell():
    assert excel_call(CD_PROSPECT_COLOR, "Short-Term", None, "zh") == [["黄色"]]


def test_an_unknown_stage_shows_the_allowed_stages_in_the_cell():
    (cell,) = excel_call(CD_PROSPECT_COLOR, column("Closed", "warm"))[0]
    assert cell.startswith("Error: 'warm' is not a stage")
    assert "已成交" in cell and "Potential" in cell


def test_cd_pipeline_spills_the_health_table_with_a_team_row():
    got = excel_call(
        CD_PIPELINE,
        column("prospect", "prospect", "customer"),
        column("short term", "potential", None),
        column(None, "give up", None),
        column("Ann", "Ann", "Bo"),
        2,
    )
    header, ann, bo, team = got
    assert header[:4] == ["Rep", "Live prospects", "Target", "Against target"]
    assert ann[:4] == ["Ann", 1, 2, -1]
    assert bo[0] == "Bo" and team[0] == "Team"
    assert team[2] == 4


def test_cd_pipeline_refuses_a_target_that_is_not_a_positive_number():
    got = excel_call(
        CD_PIPELINE, column("prospect"), column("potential"), column(None), column("Ann"), -3
    )
    assert got[0][0].startswith("Error:")


def test_cd_pipeline_refuses_ranges_of_different_sizes():
    got = excel_call(
        CD_PIPELINE, column("prospect", "prospect"), column("potential"), column(None), column("A")
    )
    assert "select ranges of one size" in got[0][0]


def test_cd_segment_spills_one_segment_per_row():
    got = excel_call(
        CD_SEGMENT,
        column("customer", "prospect"),
        column("main", None),
        column("low", "高"),
    )
    assert got == [["Existing · Main · High effort"], ["Potential · Secondary · Low effort"]]
