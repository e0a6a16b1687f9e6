"""A rep's workbook as Excel holds it: the shipped template with realistic customers typed in."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import numpy as np
import pandas as pd

from addin.demo_data import demo_customers
from addin.domain.schema import BY_KEY
from tests.xlwings_double.state import ExcelState, state_from_xlsx

TEMPLATES = Path(__file__).resolve().parents[2] / "workbook_templates"


def customer_rows(lang: str, n: int = 54, order: str = "id", seed: int = 3) -> pd.DataFrame:
    """`n` demo customers under the template's headers, in id order or shuffled."""
    frame = _demo(n, lang).copy()
    if order == "random":
        frame = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
    return frame.rename(columns={key: BY_KEY[key].label(lang) for key in frame.columns})


@functools.cache
def _demo(n: int, lang: str) -> pd.DataFrame:
    """The demo customers (seeded, so the same every time), made once a process: Faker makes
    them at some 90 ms a call, and the runtime tests ask for the same ones again and again."""
    return demo_customers(n, lang=lang)


def as_excel(value: object) -> object:
    """A value as a cell holds it: numbers as doubles, dates as datetimes, blanks as None."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, np.integer, np.floating)) and not isinstance(value, bool):
        return float(value)
    return value


def customers_state(lang: str, rows: pd.DataFrame, name: str | None = None) -> ExcelState:
    """The shipped template open in Excel with `rows` typed into its Customers table."""
    state = state_from_xlsx(TEMPLATES / f"customers_{lang}.xlsx", name or f"rep_{lang}.xlsm")
    sheet, table = state.table("Customers")
    headers = sheet.rows(table.top, table.left, table.top, table.right)[0]
    body = [[as_excel(row.get(h)) for h in headers] for _, row in rows.iterrows()]
    sheet.put(table.top + 1, table.left, body)
    table.bottom = table.top + max(len(body), 1)
    return state
