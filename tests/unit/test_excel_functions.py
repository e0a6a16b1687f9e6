"""The Excel functions, called as Excel would call them through xlwings' conversion."""

from __future__ import annotations

import inspect

import pytest

from addin.excel.functions import CD_ABC, CD_ABC_SUMMARY
from tests.udf_harness import MISSING, column, excel_call


def test_cd_abc_spills_one_class_per_customer_down_a_column():
    result = excel_call(CD_ABC, column(50.0, 30.0, 15.0, 5.0))
    assert result == [["A"], ["A"], ["B"], ["C"]]


def test_cd_abc_spills_across_for_a_row_of_sales():
    assert excel_call(CD_ABC, ((50.0, 30.0, 15.0, 5.0),)) == [["A", "A", "B", "C"]]


def test_blank_and_text_cells_get_an_empty_class_cell_and_zero_is_c():
    result = excel_call(CD_ABC, column(100.0, None, "n/a", 0.0, "1,000"))
    assert result == [["B"], [""], [""], ["C"], ["A"]]


def test_thresholds_can_be_typed_as_percent_or_share_and_blank_means_default():
    sales = column(50.0, 30.0, 15.0, 5.0)
    assert excel_call(CD_ABC, sales, 0.5, "90%") == [["A"], ["B"], ["B"], ["C"]]
    assert excel_call(CD_ABC, sales, None, None) == excel_call(CD_ABC, sales)


def test_the_count_method_splits_customers_20_30_50():
    sales = column(*[float(x) for x in range(100, 0, -10)])
    result = excel_call(CD_ABC, sales, 0.2, 0.5, "count")
    assert [r[0] for r in result] == list("AABBBCCCCC")


def test_groups_classify_each_rep_separately():
    result = excel_call(
        CD_ABC, column(100.0, 1.0, 10.0, 9.0), None, None, None, column("Li", "Li", "Wang", "Wang")
    )
    assert result == [["A"], ["C"], ["A"], ["A"]]


def test_a_single_cell_is_one_customer():
    assert excel_call(CD_ABC, 42.0) == [["A"]]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((0.96, 0.95), "below b_share"),
        (("lots", None), "not a share"),
        ((None, None, "sales"), "'value' or 'count'"),
    ],
)
def test_a_bad_argument_shows_a_short_message_in_the_cell(args, fragment):
    [[message]] = excel_call(CD_ABC, column(1.0, 2.0), *args)
    assert message.startswith("Error: ") and fragment in message
    assert "Traceback" not in message and len(message) <= 200


def test_a_block_of_several_columns_is_refused_politely():
    [[message]] = excel_call(CD_ABC, ((1.0, 2.0), (3.0, 4.0)))
    assert "one column or one row" in message


def test_cd_abc_summary_spills_a_table_with_headings():
    result = excel_call(CD_ABC_SUMMARY, column(50.0, 30.0, 15.0, 5.0))
    assert result[0] == ["Class", "Customers", "Share of customers", "Sales", "Share of sales"]
    rows = {row[0]: row[1:] for row in result[1:]}
    assert rows["A"] == [2, pytest.approx(0.5), 80.0, pytest.approx(0.8)]
    assert rows["C"][0] == 1


def test_cd_abc_summary_speaks_chinese_when_asked():
    result = excel_call(CD_ABC_SUMMARY, column(1.0, 2.0), None, None, None, "zh")
    assert result[0][0] == "类别" and result[0][1] == "客户数"


def test_every_function_has_help_text_for_itself_and_each_argument():
    from typing import get_type_hints

    for function in (CD_ABC, CD_ABC_SUMMARY):
        assert inspect.getdoc(function)
        hints = get_type_hints(function, include_extras=True)
        for name in inspect.signature(function).parameters:
            assert hints[name].__metadata__[0]["doc"], name


def test_left_out_thresholds_follow_the_method():
    # =CD_ABC(sales,,,"count"): Excel passes the two middle arguments as missing.
    sales = column(*[float(x) for x in range(100, 0, -10)])
    result = excel_call(CD_ABC, sales, MISSING, MISSING, "count")
    assert [r[0] for r in result] == list("AABBBCCCCC")


def test_groups_are_read_as_the_macro_reads_the_rep_column():
    # 'Ann ' with a trailing space and 'Ann' are one rep, as in the Customers table.
    result = excel_call(CD_ABC, column(100.0, 1.0), None, None, None, column("Ann ", "Ann"))
    assert result == [["A"], ["C"]]
