"""Small real workbooks that several test files build."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

import openpyxl
from openpyxl.worksheet.table import Table


def customers_book(rows: list[list[object]], totals: bool = False) -> openpyxl.Workbook:
    """A Customers table (Customer ID, Name, Annual sales) holding `rows`; with `totals`, its
    last row is the table's total row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    for row in [["Customer ID", "Name", "Annual sales"], *rows]:
        ws.append(row)
    table = Table(displayName="Customers", ref=f"A1:C{len(rows) + 1}")
    if totals:
        table.totalsRowCount = 1
    ws.add_table(table)
    return wb


@cache
def demo_folder(lang: str) -> Path:
    """What `custdev demo` writes in `lang` (240 customers: CSV, classified workbook, plan),
    written once a session because the plan takes seconds. Read these files; never change them."""
    from addin.api import write_demo

    folder = Path(tempfile.mkdtemp(prefix=f"custdev_demo_{lang}_"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    write_demo(folder, lang)
    return folder
