"""Runs of service steps over the port: refresh, and filling a template for one rep."""

from __future__ import annotations

import pandas as pd
import pytest

from addin.domain.errors import SettingsError
from addin.domain.problems import Layout
from addin.domain.schema import headers_language
from addin.domain.validation import validate_customers
from addin.services import fill_customers
from addin.services.runs import (
    REFRESH_STEPS,
    RunOptions,
    customers_step,
    generate_book,
    refresh_book,
    split_customers,
)
from tests.fakes import InMemoryBook

CUSTOMERS = pd.DataFrame(
    {
        "Customer ID": ["C1", "C2", "C3", "C4"],
        "Name": ["Acme", "Bolt", "Crest", "Delta"],
        "Rep": ["Li", "Zhang", "Li", None],
        "Annual sales": [100.0, 50.0, "n/a", 10.0],
        "Memo": ["a", "b", "c", "d"],
    },
    dtype=object,
)


def table():
    return validate_customers(CUSTOMERS, Layout("export.xlsx", "Customers"))


def test_refresh_runs_every_step_in_order_and_keeps_the_reports_that_say_something():
    book = InMemoryBook({"Customers": CUSTOMERS})
    ran = []

    def later(book, options):
        ran.append(options.plan_weeks)

    report = refresh_book(book, RunOptions(plan_weeks=3), [customers_step, later])

    assert ran == [3]
    assert len(report.reports) == 2  # classes, then prospects
    assert report.message().startswith("Classified 3 customers")
    assert report.describe_problems().count("'n/a' is not a number") == 1
    assert len(report.problems) == 1


def test_refresh_steps_start_with_the_customers_table_read_once():
    book = InMemoryBook({"Customers": CUSTOMERS})
    reads = []
    book.read_table = lambda name, read=book.read_table: reads.append(name) or read(name)
    refresh_book(book)
    assert REFRESH_STEPS[0] is customers_step
    assert reads.count("Customers") == 1


def test_customers_are_split_per_rep_with_their_own_problems():
    groups = split_customers(table(), "rep")

    assert list(groups) == ["", "Li", "Zhang"]
    assert list(groups["Li"].frame["customer_id"]) == ["C1", "C3"]
    assert [p.row for p in groups["Li"].problems] == [4]
    assert groups["Zhang"].problems == []


def test_splitting_by_a_column_the_input_lacks_says_which():
    with pytest.raises(SettingsError, match="Region"):
        split_customers(table(), "region")


def test_a_template_keeps_its_columns_and_order_and_gets_the_inputs_other_columns_after():
    template = pd.DataFrame(columns=["Annual sales", "Name", "Notes", "Customer ID", "Score"])
    book = InMemoryBook({"Customers": template})

    fill_customers(book, table(), "en")

    written = book.tables["Customers"]
    assert list(written.columns) == [
        "Annual sales", "Name", "Notes", "Customer ID", "Score", "Rep", "Memo"
    ]  # fmt: skip
    assert list(written["Customer ID"]) == ["C1", "C2", "C3", "C4"]
    assert written["Annual sales"][2] == "n/a"  # what the user typed stays
    assert written["Score"].isna().all()


def test_generating_fills_the_template_then_classifies_it():
    book = InMemoryBook({"Customers": pd.DataFrame(columns=["客户编号", "客户名称", "销售额"])})

    report = generate_book(book, table(), "zh")

    assert list(book.tables["Customers"]["ABC分类"]) == ["A", "A", None, "B"]
    assert report.problems


def test_the_language_of_a_template_is_read_from_its_headers():
    assert headers_language(["客户编号", "客户名称", "销售额", "Memo"]) == "zh"
    assert headers_language(["Customer ID", "Name", "销售额"]) == "en"


def test_a_rep_spelled_in_nfc_and_in_nfd_is_one_group():
    frame = pd.DataFrame(
        {
            "Customer ID": ["C1", "C2", "C3"],
            "Name": ["a", "b", "c"],
            "Rep": ["Jos\u00e9", "Jose\u0301", "Li"],
            "Annual sales": [1, 2, 3],
        }
    )
    groups = split_customers(validate_customers(frame, Layout("x.csv")), "rep")

    assert list(groups) == ["Jos\u00e9", "Li"]
    assert list(groups["Jos\u00e9"].frame["customer_id"]) == ["C1", "C2"]


def test_a_rep_called_blank_is_not_merged_with_the_rows_without_a_rep():
    frame = pd.DataFrame(
        {
            "Customer ID": ["C1", "C2", "C3"],
            "Name": ["a", "b", "c"],
            "Rep": ["(blank)", None, " "],
            "Annual sales": [1, 2, 3],
        }
    )
    groups = split_customers(validate_customers(frame, Layout("x.csv")), "rep")

    assert {g: list(t.frame["customer_id"]) for g, t in groups.items()} == {
        "": ["C2", "C3"],
        "(blank)": ["C1"],
    }
