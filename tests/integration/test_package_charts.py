"""PackageBook: charts over a table follow it when write_table grows or shrinks it."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.table import Table

from addin.adapters.package import PackageBook
from addin.adapters.package.charts import moved_ref
from addin.workbook.atomic import workbook_bytes


def book_with_chart(rows: int) -> PackageBook:
    """Sales by rep in a table at A3 with a total row below it, charted without the total."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rep's sales"
    ws.append(["Sales by rep"])
    ws.append([])
    ws.append(["Rep", "Sales"])
    for i in range(rows):
        ws.append([f"Rep {i}", 10 * i])
    ws.append(["Team", 999])  # a body row the chart leaves out, like the dashboard's Team row
    ws.add_table(Table(displayName="Sales", ref=f"A3:B{4 + rows}"))
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=3, max_row=3 + rows), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=3 + rows))
    ws.add_chart(chart, "D3")
    return PackageBook.from_bytes(workbook_bytes(wb), "sales.xlsx")


def chart_refs(book: PackageBook) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(book.to_bytes())) as package:
        names = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(package.read(n).decode() for n in names)
    return re.findall(r"<(?:\w+:)?f>([^<]*)</", xml)


def frame(reps: int) -> pd.DataFrame:
    names = [f"Rep {i}" for i in range(reps)] + ["Team"]
    return pd.DataFrame({"Rep": names, "Sales": [*range(reps), 99]})


def test_a_chart_over_a_growing_table_keeps_ending_one_row_above_its_last_row():
    book = book_with_chart(3)
    assert "'Rep''s sales'!$A$4:$A$6" in chart_refs(book)

    book.write_table("Sales", frame(6))

    refs = chart_refs(book)
    assert "'Rep''s sales'!$A$4:$A$9" in refs and "'Rep''s sales'!$B$4:$B$9" in refs


def test_a_chart_over_a_shrinking_table_shrinks_down_to_a_single_row():
    book = book_with_chart(3)

    book.write_table("Sales", frame(1))

    assert "'Rep''s sales'!$A$4:$A$4" in chart_refs(book)
    book.write_table("Sales", frame(5))  # the second write starts from the first one's refs
    assert "'Rep''s sales'!$A$4:$A$8" in chart_refs(book)


def test_series_on_other_sheets_or_outside_the_body_are_left_as_they_are():
    for formula in ("Other!$A$4:$A$6", "'S'!$B$3", "'S'!$A$1:$A$2"):
        assert moved_ref(formula, "S", 4, 7, 9) == formula
    assert moved_ref("'S'!$A$4", "S", 4, 7, 9) == "'S'!$A$4:$A$6"
    assert moved_ref("S!$B$4:$B$6", "S", 4, 7, 9) == "S!$B$4:$B$8"
