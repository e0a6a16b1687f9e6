"""Limits on what custdev accepts: Excel's (rows, columns, characters a cell), the plan horizon,
the dates a plan may use and the size of a number; each refused with where and how to fix it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from addin.domain.abc_analysis import classify_abc
from addin.domain.errors import SchemaError, SettingsError
from addin.domain.excel_limits import MAX_CELL_CHARS, MAX_ROWS, check_fits_excel
from addin.domain.i18n import use_language
from addin.domain.problems import Layout
from addin.domain.settings import Settings, check_date, parse_settings
from addin.domain.validation import validate_customers

LAYOUT = Layout("export.csv")


def customers(rows: int, **extra: object) -> pd.DataFrame:
    ids = [f"C{i}" for i in range(rows)]
    return pd.DataFrame({"customer_id": ids, "name": "n", "annual_sales": 1.0, **extra})


def test_more_rows_than_a_sheet_holds_under_its_header_are_refused():
    frame = customers(MAX_ROWS)
    check_fits_excel(frame.iloc[1:], LAYOUT)  # just fits
    with pytest.raises(SchemaError, match=r"export.csv: 1,048,576 rows .* \(1,048,575\)"):
        check_fits_excel(frame, LAYOUT)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_more_columns_than_fit_with_custdevs_own_are_refused(lang):
    frame = customers(2, **{f"extra {i}": "x" for i in range(16_384)})

    with use_language(lang), pytest.raises(SchemaError) as raised:
        check_fits_excel(frame, LAYOUT)

    assert "16,384" in str(raised.value)
    assert {"en": "remove the columns", "zh": "删除不需要的列"}[lang] in str(raised.value)


def test_a_cell_longer_than_excel_takes_is_named_by_column_and_line():
    frame = customers(3, notes=["a", "b" * (MAX_CELL_CHARS + 1), None]).set_axis([2, 3, 4])

    with pytest.raises(SchemaError, match=r"column 'notes', line 3: 32,768 characters"):
        check_fits_excel(frame, LAYOUT)


def test_columns_of_blanks_or_numbers_only_have_no_text_to_measure():
    frame = customers(2, notes=pd.array([None, None], dtype="string"), score=[1.0, 2.0])
    check_fits_excel(frame, LAYOUT)


def test_a_sales_figure_no_business_has_is_a_problem_not_an_overflow():
    raw = pd.DataFrame(
        {"Customer ID": ["C1", "C2", "C3"], "Name": ["a", "b", "c"], "Sales": [1e308, "1e16", 5]}
    )
    with np.errstate(all="raise"):  # an overflow anywhere would raise here
        table = validate_customers(raw, LAYOUT)
        result = classify_abc(table.frame)

    assert table.frame["annual_sales"].isna().tolist() == [True, True, False]
    assert result.classes.tolist()[2] == "A"
    assert [p.row for p in table.problems] == [2, 3]
    assert "between -10^15 and 10^15" in table.describe_problems()


@pytest.mark.parametrize("weeks", [0, 53, 5000])
def test_a_plan_horizon_outside_one_to_52_weeks_is_refused(weeks):
    with pytest.raises(SettingsError, match=f"1 to 52 weeks, not {weeks}"):
        Settings(plan_weeks=weeks)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_weeks_from_the_settings_sheet_name_their_cell(lang):
    with use_language(lang), pytest.raises(SettingsError) as raised:
        parse_settings({"plan_weeks": 5000}, lambda key: f"Settings, row 36 ({key})")

    assert "row 36 (plan_weeks)" in str(raised.value)
    assert {"en": "1 to 52 weeks", "zh": "1 到 52 周"}[lang] in str(raised.value)


@pytest.mark.parametrize(
    "day", [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(9999, 12, 27), dt.date(9999, 1, 1)]
)
def test_a_plan_date_outside_1900_to_9998_is_refused(day):
    with pytest.raises(SettingsError, match="1900-01-01 to 9998-12-31"):
        check_date(day)


def test_the_first_and_last_dates_a_plan_may_use_are_accepted():
    assert check_date(dt.date(1900, 1, 1)) and check_date(dt.date(9998, 12, 31))


@pytest.mark.parametrize("name", ["x" * 41, "", "a,b", 'say "hi"'])
def test_a_stage_name_that_cannot_be_in_a_drop_down_list_is_refused(name):
    with pytest.raises(SettingsError, match="stage name"):
        Settings(stage_closed_en=name)
