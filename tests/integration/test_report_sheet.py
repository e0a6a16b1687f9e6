"""Report sheets in a file: print layout, tables, and never over the user's own sheet."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.table import Table

from addin.domain.errors import SchemaError
from addin.domain.report import Report, ReportTable
from tests.reference.openpyxl_book import OpenpyxlBook


def test_a_report_is_written_with_its_table_breaks_and_a4_page_setup():
    wb = Workbook()
    report = Report(
        [["Title"], [], ["A", "B"], [1, 2], [3, 4]],
        widths=(10, 12),
        fills={(3, 1): "2F75B5"},
        styles={0: "title"},
        tables=[ReportTable("Numbers", 2, 0, 2, 2)],
        breaks=[3],
        portrait=True,
    )
    OpenpyxlBook(wb, "out.xlsx").write_report("Plan", report)
    ws = wb["Plan"]
    assert ws.tables["Numbers"].ref == "A3:B5"
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "portrait")
    assert [b.id for b in ws.row_breaks.brk] == [3]
    assert ws["B4"].fill.start_color.rgb.endswith("2F75B5")
    assert ws.print_area == "'Plan'!$A$1:$B$5"


def test_writing_again_replaces_the_sheet_and_its_table():
    wb = Workbook()
    book = OpenpyxlBook(wb, "out.xlsx")
    report = Report([["A"], [1]], tables=[ReportTable("Numbers", 0, 0, 1, 1)])
    book.write_report("Plan", report)
    book.write_report("Plan", report)
    assert wb.sheetnames.count("Plan") == 1 and book.has_table("Numbers")


def test_a_sheet_holding_the_users_own_table_is_never_replaced():
    wb = Workbook()
    ws = wb.active
    ws.title = "Week"
    ws.append(["Note"])
    ws.append(["keep me"])
    ws.add_table(Table(displayName="MyNotes", ref="A1:A2"))
    report = Report([["x"]], tables=[ReportTable("Other", 0, 0, 1, 0)])
    with pytest.raises(SchemaError, match="holds the table 'MyNotes'"):
        OpenpyxlBook(wb, "mine.xlsx").write_report("Week", report)
    assert wb["Week"]["A2"].value == "keep me"
