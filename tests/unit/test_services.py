"""The use cases over the port, with an in-memory workbook and a stand-in for live Excel."""

from __future__ import annotations

import pandas as pd
import pytest

from addin.domain.errors import InvalidValuesError, MissingTableError, SettingsError
from addin.domain.settings import Settings
from addin.services import CUSTOMERS, SUMMARY, classify_workbook, read_settings
from tests.fakes import InMemoryBook

CUSTOMER_ROWS = pd.DataFrame(
    {
        "Customer ID": ["C1", "C2", "C3", "C4", "P1"],
        "Name": ["Acme", "Bolt", "Core", "Dyna", "Edge"],
        "Kind": ["customer", "customer", "customer", "customer", "prospect"],
        "Annual sales": [50.0, 30.0, 15.0, 5.0, None],
    }
)


def settings_table(**values: object) -> pd.DataFrame:
    keys = list(values)
    return pd.DataFrame(
        {
            "Key": keys,
            "Setting": keys,
            "Value": list(values.values()),
            "Description": [""] * len(keys),
        }
    )


def test_classifying_a_workbook_writes_classes_fills_and_summary():
    book = InMemoryBook({CUSTOMERS: CUSTOMER_ROWS, SUMMARY: pd.DataFrame()})
    report = classify_workbook(book)
    assert list(book.tables[CUSTOMERS]["Class"]) == ["A", "A", "B", "C", None]
    colors = Settings().class_colors()
    assert book.fills[(CUSTOMERS, "Class")] == [
        colors["A"],
        colors["A"],
        colors["B"],
        colors["C"],
        None,
    ]
    assert dict(report.counts) == {"A": 2, "B": 1, "C": 1}
    summary = book.tables[SUMMARY].set_index("Class")
    assert summary.loc["A", "Customers"] == 2


def test_the_settings_table_changes_the_thresholds():
    book = InMemoryBook(
        {CUSTOMERS: CUSTOMER_ROWS, "Settings": settings_table(a_share="50%", b_share=0.9)}
    )
    classify_workbook(book)
    assert list(book.tables[CUSTOMERS]["Class"])[:4] == ["A", "B", "B", "C"]


def test_a_bad_setting_names_its_row_and_key():
    book = InMemoryBook({CUSTOMERS: CUSTOMER_ROWS, "Settings": settings_table(a_share="lots")})
    with pytest.raises(SettingsError, match=r"row 2 \(a_share\): 'lots' is not a share"):
        read_settings(book)


def test_only_the_class_column_changes_in_the_customer_table():
    book = InMemoryBook({CUSTOMERS: CUSTOMER_ROWS})
    classify_workbook(book)
    after = book.tables[CUSTOMERS].drop(columns=["Class"])
    pd.testing.assert_frame_equal(after, CUSTOMER_ROWS.astype(object))


def test_an_existing_class_column_is_reused_not_duplicated():
    rows = CUSTOMER_ROWS.assign(Class=["C", "C", "C", "C", None])
    book = InMemoryBook({CUSTOMERS: rows})
    classify_workbook(book)
    assert list(book.tables[CUSTOMERS].columns).count("Class") == 1
    assert book.tables[CUSTOMERS]["Class"].iloc[0] == "A"


def test_strict_mode_stops_on_an_unreadable_sales_cell():
    rows = CUSTOMER_ROWS.astype(object).copy()
    rows.loc[2, "Annual sales"] = "a lot"
    with pytest.raises(InvalidValuesError, match="row 4"):
        classify_workbook(InMemoryBook({CUSTOMERS: rows}), strict=True)
    report = classify_workbook(InMemoryBook({CUSTOMERS: rows}))
    assert [p.row for p in report.problems] == [4]


def test_a_workbook_without_the_customers_table_is_refused():
    with pytest.raises(MissingTableError):
        classify_workbook(InMemoryBook({}))


def test_classifying_within_reps_needs_a_rep_column_and_says_how_to_add_one():
    book = InMemoryBook({CUSTOMERS: CUSTOMER_ROWS})
    with pytest.raises(SettingsError, match="add a 'Rep' column"):
        classify_workbook(book, abc_by="rep")


def test_the_summary_is_per_rep_when_classifying_within_reps():
    rows = CUSTOMER_ROWS.assign(Rep=["Li", "Li", "Wang", "Wang", "Li"])
    book = InMemoryBook({CUSTOMERS: rows, SUMMARY: pd.DataFrame()})
    classify_workbook(book, abc_by="rep")
    summary = book.tables[SUMMARY]
    assert list(summary.columns[:2]) == ["Group", "Class"]
    assert set(summary["Group"]) == {"Li", "Wang"}
