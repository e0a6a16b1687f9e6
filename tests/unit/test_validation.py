"""Checking a raw customer table at the edge: headers, types, ids, and every bad cell reported."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from addin.domain.abc_analysis import classify_abc
from addin.domain.errors import (
    DuplicateIdError,
    EmptyTableError,
    InvalidValuesError,
    MissingColumnError,
    SchemaError,
)
from addin.domain.problems import Layout
from addin.domain.prospects import parse_codes, stage_vocabulary
from addin.domain.schema import canonical_key
from addin.domain.validation import validate_customers
from addin.domain.values import TextCells, blank_mask, parse_kinds, parse_text

LAYOUT = Layout("customers.xlsx", "Customers", header_row=1)


def raw(rows: list[list[object]], headers: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers, dtype=object)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("customer_id", "customer_id"),
        ("Customer ID", "customer_id"),
        ("客户编号", "customer_id"),
        ("客户名称", "name"),
        ("销售额", "annual_sales"),
        ("Annual Sales", "annual_sales"),
        ("annual_sales", "annual_sales"),
        ("业务员", "rep"),
        ("区域", "region"),
        (" Last-visit ", "last_visit"),
        ("ＡＢＣ分类", "abc_class"),
        ("Favourite colour", None),
    ],
)
def test_headers_are_accepted_as_keys_english_or_chinese_labels(header, key):
    assert canonical_key(header) == key


def test_a_chinese_table_is_read_into_canonical_typed_columns():
    table = validate_customers(
        raw(
            [
                ["C1", "华东商贸", "1,200", "2024/3/5", "客户"],
                ["C2", "远航", 800.0, 45000, "潜在客户"],
            ],
            ["客户编号", "客户名称", "销售额", "上次拜访", "类型"],
        ),
        LAYOUT,
    )
    frame = table.frame
    assert list(frame.index) == [2, 3]  # sheet rows
    assert list(frame["annual_sales"]) == [1200.0, 800.0]
    assert list(frame["last_visit"]) == [pd.Timestamp("2024-03-05"), pd.Timestamp("2023-03-15")]
    assert list(frame["kind"]) == ["customer", "prospect"]
    assert table.problems == []


def test_dates_as_text_serials_and_date_cells_all_become_dates():
    table = validate_customers(
        raw(
            [
                ["1", "a", 1, "2024-01-31"],
                ["2", "b", 1, "2024年1月31日"],
                ["3", "c", 1, 45322],
                ["4", "d", 1, dt.datetime(2024, 1, 31, 9, 30)],
                ["5", "e", 1, "next week"],
            ],
            ["id", "name", "sales", "last visit"],
        ),
        LAYOUT,
    )
    assert table.frame["last_visit"].iloc[:4].eq(pd.Timestamp("2024-01-31")).all()
    [problem] = table.problems
    assert (problem.row, problem.column, problem.value) == (6, "last_visit", "next week")
    assert "row 6" in table.describe_problems() and "'last visit'" in table.describe_problems()


def test_every_unreadable_number_is_reported_not_just_the_first():
    table = validate_customers(
        raw(
            [["1", "a", "n/a"], ["2", "b", 5], ["3", "c", "about 100"], ["4", "d", True]],
            ["id", "name", "sales"],
        ),
        LAYOUT,
    )
    assert [p.row for p in table.problems] == [2, 4, 5]
    assert table.frame["annual_sales"].isna().sum() == 3


def test_missing_required_columns_name_what_was_found_and_suggest_the_closest():
    with pytest.raises(MissingColumnError) as error:
        validate_customers(raw([["1", "a", 5]], ["id", "name", "Anual sale"]), LAYOUT)
    message = str(error.value)
    assert "'Annual sales' (销售额) is missing" in message
    assert "rename 'Anual sale'" in message
    assert "Columns found: id, name, Anual sale" in message


def test_a_table_of_prospects_only_needs_no_sales_column():
    table = validate_customers(raw([["1", "a", "prospect"]], ["id", "name", "kind"]), LAYOUT)
    assert list(table.frame["kind"]) == ["prospect"]


def test_a_table_without_a_kind_column_holds_customers_only():
    with pytest.raises(MissingColumnError, match="Annual sales"):
        validate_customers(raw([["1", "a"]], ["id", "name"]), LAYOUT)


def test_duplicate_ids_are_listed_with_their_rows():
    with pytest.raises(DuplicateIdError) as error:
        validate_customers(
            raw(
                [
                    ["C1", "a", 1],
                    ["C2", "b", 1],
                    ["C1", "c", 1],
                    [1001.0, "d", 1],
                    ["1001", "e", 1],
                ],
                ["id", "name", "sales"],
            ),
            LAYOUT,
        )
    assert "'C1' in rows 2, 4" in str(error.value)
    assert "'1001' in rows 5, 6" in str(error.value)  # 1001.0 from Excel is the id '1001'


def test_blank_ids_and_names_stop_the_run_and_name_each_cell():
    with pytest.raises(InvalidValuesError) as error:
        validate_customers(raw([["C1", None, 1], [None, "b", 1]], ["id", "name", "sales"]), LAYOUT)
    assert "column 'name' (B), row 2: blank" in str(error.value)
    assert "column 'id' (A), row 3: blank" in str(error.value)


def test_blank_rows_are_skipped_silently():
    table = validate_customers(
        raw([["C1", "a", 1], [None, "", None], ["C2", "b", 2]], ["id", "name", "sales"]), LAYOUT
    )
    assert list(table.frame.index) == [2, 4]


def test_an_empty_table_says_so():
    with pytest.raises(EmptyTableError, match="no customer rows"):
        validate_customers(raw([[None, None, None]], ["id", "name", "sales"]), LAYOUT)


def test_two_headers_meaning_the_same_column_are_refused():
    with pytest.raises(SchemaError, match="'销售额' and 'Annual sales' both mean"):
        validate_customers(
            raw([["1", "a", 1, 2]], ["id", "name", "销售额", "Annual sales"]), LAYOUT
        )


def test_unknown_kinds_are_reported_and_the_row_kept_unclassified():
    table = validate_customers(
        raw([["1", "a", 5, "customer"], ["2", "b", 5, "maybe"]], ["id", "name", "sales", "kind"]),
        LAYOUT,
    )
    assert list(table.frame.index) == [2, 3]
    assert table.problems[0].column == "kind"
    assert classify_abc(table.frame).classes.isna().tolist() == [False, True]


def test_blank_and_repeated_headers_get_names_a_table_can_hold():
    frame = raw([["1", "a", 5, "x", "y", "z"]], ["id", "name", "sales", None, "memo", "Memo"])
    table = validate_customers(frame, LAYOUT)
    assert list(table.frame.columns)[3:] == ["Column D", "memo", "Memo (2)"]


def test_extra_columns_are_kept_under_their_own_headers():
    table = validate_customers(raw([["1", "a", 5, "VIP"]], ["id", "name", "sales", "Tier"]), LAYOUT)
    assert list(table.frame["Tier"]) == ["VIP"]


def test_a_comma_counts_as_a_thousands_separator_only_in_groups_of_three():
    table = validate_customers(
        raw(
            [
                ["1", "a", "1,234.5"],
                ["2", "b", "1,5"],
                ["3", "c", "€ 2.000,50"],
                ["4", "d", "12，000"],
            ],
            ["id", "name", "sales"],
        ),
        LAYOUT,
    )
    assert table.frame["annual_sales"].tolist()[0] == 1234.5
    assert table.frame["annual_sales"].tolist()[3] == 12000.0
    assert [p.row for p in table.problems] == [3, 4]  # flagged, not guessed


def test_problems_show_values_as_a_spreadsheet_would():
    table = validate_customers(
        raw([["1", "a", dt.date(2024, 1, 5)], ["2", "b", True]], ["id", "name", "sales"]), LAYOUT
    )
    described = table.describe_problems()
    assert "'2024-01-05' is not a number" in described
    assert "TRUE is not a number" in described


def test_a_known_header_given_twice_is_still_named_as_one_column_twice():
    frame = raw([["1", "a", 5, "x", "y"]], ["id", "name", "sales", "note", "note"])
    with pytest.raises(SchemaError, match="'note' and 'note' both mean 'Notes'"):
        validate_customers(frame, LAYOUT)


def test_a_long_column_of_repeated_words_reads_as_each_cell_would_alone():
    """Columns that repeat a few words are read once per distinct word: the result must be
    what reading every cell gives, blanks and missing cells of every kind included."""
    words = ["  Li ", "Wu", "", "   ", None, float("nan"), pd.NA, "prospect", " 潜在客户", "nope"]
    kinds = ["customer", "prospect", "stage", "Short term", "lead ", "Keep visiting"]
    distinct = words + kinds
    cells = pd.Series(distinct * 2_000, dtype=object)  # 32,000 cells, 16 words
    assert TextCells(cells.to_numpy()).repeats  # the path under test

    one_by_one = [cells.iloc[i : i + 1].reset_index(drop=True) for i in range(len(distinct))]
    for parse in (blank_mask, parse_text, parse_kinds, parse_stage_codes):
        whole = parse(cells)
        alone = [parse(cell) for cell in one_by_one]
        for i in range(0, len(cells), 997):  # a sample of rows across the column
            each = alone[i % len(distinct)]
            for got, expected in zip(_as_tuple(whole), _as_tuple(each), strict=True):
                assert _same(got.iloc[i], expected.iloc[0]), (parse.__name__, cells.iloc[i])


def parse_stage_codes(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    return parse_codes(raw, stage_vocabulary())


def _as_tuple(result: object) -> tuple[pd.Series, ...]:
    return result if isinstance(result, tuple) else (result,)  # type: ignore[return-value]


def _same(a: object, b: object) -> bool:
    return (pd.isna(a) and pd.isna(b)) or a == b
