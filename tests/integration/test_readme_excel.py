"""Every Excel formula the README shows, evaluated as classic xlwings would evaluate it on the
day the tests run: over the shipped template's Customers table filled with realistic customers,
through xlwings' own conversion (tests/udf_harness.py). None may come back empty or as an error.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from addin.excel import functions
from addin.excel.cells import as_date
from tests.udf_harness import MISSING, excel_call
from tests.xlwings_double.workbooks import customer_rows, customers_state

README = Path(__file__).resolve().parents[2] / "README.md"
FORMULA = re.compile(r"`(=CD_[^`]*)`")
GIVES = re.compile(r"`(=CD_[^`]*)` gives (\d+)")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def readme_formulas() -> list[str]:
    return [" ".join(f.split()) for f in FORMULA.findall(README.read_text(encoding="utf-8"))]


@cache
def customers_range(lang: str) -> list[list[object]]:
    """Customers[#All] of the template filled with 54 demo customers, as Excel hands it over."""
    state = customers_state(lang, customer_rows(lang))
    return state.table_rows("Customers")


def split_arguments(text: str) -> list[str]:
    """The arguments of a call, split on the commas that are not inside quotes or brackets."""
    parts, depth, quoted, current = [], 0, False, ""
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "([":
            depth += 1
        elif not quoted and ch in ")]":
            depth -= 1
        if ch == "," and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def serial(day: dt.date) -> float:
    return float((dt.datetime(day.year, day.month, day.day) - EXCEL_EPOCH).days)


def argument(text: str, table: list[list[object]]) -> object:
    """One argument as Excel evaluates it: a table column, the whole table, text, a number."""
    text = text.strip()
    if not text:
        return MISSING
    if text == "Customers[#All]":
        return tuple(tuple(row) for row in table)
    column = re.fullmatch(r"Customers\[(.+)\]", text)
    if column:
        index = [str(h) for h in table[0]].index(column.group(1))
        return tuple((row[index],) for row in table[1:])
    if text.startswith('"'):
        return text.strip('"')
    date = re.fullmatch(r"DATE\((\d+),\s*(\d+),\s*(\d+)\)", text)
    if date:
        return dt.datetime(*map(int, date.groups()))
    today = re.fullmatch(r"TODAY\(\)\s*(?:\+\s*(\d+))?", text)
    if today:
        return serial(dt.date.today()) + float(today.group(1) or 0)
    return float(text)


def evaluate(formula: str) -> list[list[object]]:
    name, args = re.fullmatch(r"=(CD_\w+)\((.*)\)", formula).groups()
    lang = "zh" if re.search(r"[\u4e00-\u9fff]", args) and "[" in args else "en"
    table = customers_range(lang)
    return excel_call(
        getattr(functions, name), *[argument(a, table) for a in split_arguments(args)]
    )


def test_the_readme_shows_every_function():
    shown = {re.match(r"=(CD_\w+)", f).group(1) for f in readme_formulas()}
    assert shown == set(functions.__all__)


@pytest.mark.parametrize("formula", readme_formulas())
def test_each_readme_formula_gives_a_result_today(formula):
    result = evaluate(formula)
    cells = [cell for row in result for cell in row]
    assert not any(isinstance(c, str) and c.startswith("Error") for c in cells), cells[:1]
    assert any(c not in ("", None) for c in cells)
    if formula.startswith(("=CD_VISIT_PLAN", "=CD_ABC_SUMMARY", "=CD_PIPELINE")):
        assert len(result) > 1, "a header row and nothing under it"


@pytest.mark.parametrize(("formula", "value"), GIVES.findall(README.read_text(encoding="utf-8")))
def test_what_the_readme_says_a_formula_gives_is_what_it_gives(formula, value):
    assert evaluate(formula) == [[float(value)]]


def test_a_plan_from_a_date_of_the_users_starts_on_that_date():
    [header, first, *_] = evaluate("=CD_VISIT_PLAN(Customers[#All], TODAY()+14)")
    assert header[0] == "Date"
    assert first[0].date() >= as_date(serial(dt.date.today()) + 14, dt.date.today())
