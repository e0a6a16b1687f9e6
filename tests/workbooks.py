"""Small real workbooks that several test files build."""

from __future__ import annotations

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
