"""PackageBook on real packages: what it writes, how it keeps styles, and what it refuses."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.table import Table

from addin.adapters.package import PackageBook
from addin.api import read_customers
from addin.domain.errors import SchemaError
from addin.domain.settings import Settings
from addin.services import classify_into, classify_workbook
from addin.workbook.atomic import workbook_bytes
from addin.workbook.template import build_template
from tests.libreoffice import render
from tests.reference.openpyxl_book import OpenpyxlBook
from tests.workbooks import customers_book as plain_customers_book
from tests.workbooks import demo_folder

SHEET = "xl/worksheets/sheet1.xml"


def package_of(wb: openpyxl.Workbook) -> PackageBook:
    return PackageBook.from_bytes(workbook_bytes(wb), "book.xlsx")


def customers_book(rows: list[list[object]], totals: bool = False) -> openpyxl.Workbook:
    """The shared customers workbook, with formats the package must keep."""
    wb = plain_customers_book(rows, totals)
    ws = wb.active
    for header in ws[1]:
        header.font = openpyxl.styles.Font(bold=True, color="FF0000")
    ws["C2"].number_format = "#,##0"
    return wb


def reopened(book: PackageBook) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(book.to_bytes()))


def sheet_xml(book: PackageBook) -> str:
    with zipfile.ZipFile(io.BytesIO(book.to_bytes())) as archive:
        return archive.read(SHEET).decode()


def test_text_that_looks_like_a_formula_or_dde_link_is_stored_as_text():
    book = package_of(customers_book([["C1", "Acme", 1.0]]))
    values = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\r=cmd|'/C calc'!A0", "_x0041_"]
    frame = pd.DataFrame({"Customer ID": values, "Name": values, "Annual sales": 1.0})

    book.write_table("Customers", frame)

    assert "<f>" not in sheet_xml(book)
    ws = reopened(book).active
    assert {ws.cell(r, 1).data_type for r in range(2, 9)} == {"s"}
    # calamine (like Excel and LibreOffice) decodes Excel's _xHHHH_ escapes; openpyxl does not.
    again = PackageBook.from_bytes(book.to_bytes(), "again.xlsx").read_table("Customers")
    assert list(again.frame["Customer ID"]) == values


def test_the_table_grows_and_new_rows_take_the_first_rows_formats():
    book = package_of(customers_book([["C1", "Acme", 1.0]]))
    frame = pd.DataFrame({"Customer ID": ["C1", "C2"], "Name": ["A", "B"], "Annual sales": [5, 6]})

    book.write_table("Customers", frame)

    ws = reopened(book).active
    assert ws.tables["Customers"].ref == "A1:C3"
    assert ws.tables["Customers"].autoFilter.ref == "A1:C3"
    assert ws["C3"].value == 6 and ws["C3"].number_format == "#,##0"


def test_a_shrinking_table_clears_the_rows_it_gives_up():
    book = package_of(customers_book([["C1", "A", 1.0], ["C2", "B", 2.0], ["C3", "C", 3.0]]))

    book.write_table(
        "Customers", pd.DataFrame({"Customer ID": ["X"], "Name": ["Y"], "Annual sales": [9]})
    )

    ws = reopened(book).active
    assert ws.tables["Customers"].ref == "A1:C2"
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["X", None, None]


def test_dates_are_written_as_dates():
    book = package_of(customers_book([["C1", "Acme", 1.0]]))
    frame = pd.DataFrame(
        {"Customer ID": ["C1"], "Name": [pd.Timestamp("2024-03-05")], "Annual sales": [1]}
    )

    book.write_table("Customers", frame)

    assert reopened(book).active["B2"].value == dt.datetime(2024, 3, 5)


def test_a_missing_class_column_is_appended_with_the_header_style_and_colours():
    book = package_of(customers_book([["C1", "Acme", 10.0], ["C2", "Bolt", 1.0]]))

    classify_workbook(book)

    ws = reopened(book).active
    assert ws.tables["Customers"].ref == "A1:D3"
    assert [c.value for c in ws[1]] == ["Customer ID", "Name", "Annual sales", "Class"]
    assert ws["D1"].font.b and ws["D1"].font.color.rgb.endswith("FF0000")
    assert ws["D2"].fill.fgColor.rgb.endswith(Settings().color_a)
    assert ws["D2"].font.color.rgb.endswith("FFFFFF")  # readable on the dark blue


def test_a_column_written_into_a_table_read_before_reads_back_as_the_saved_file_does(
    monkeypatch,
):
    book = package_of(customers_book([["C1", "Acme", 10.0], ["C2", "Bolt", 5.0]]))
    book.read_table("Customers")
    book.write_column("Customers", "Name", ["Acme Ltd", None])
    book.write_column("Customers", "Class", ["A", "B"])

    with monkeypatch.context() as patched:  # no saving and parsing of the whole book again
        patched.setattr(book, "_read", lambda *_: pytest.fail("the book was parsed again"))
        kept = book.read_table("Customers").frame
    saved = PackageBook.from_bytes(book.to_bytes(), "saved.xlsx").read_table("Customers").frame

    assert list(kept.columns) == ["Customer ID", "Name", "Annual sales", "Class"]
    assert kept.to_dict("list") == saved.to_dict("list")
    assert kept["Name"].tolist() == ["Acme Ltd", None]


def test_a_table_forgotten_before_a_save_is_read_again_as_written():
    """A refresh drops the tables it read before saving (memory); a read after that parses
    the book again and sees what was written, not what was loaded."""
    book = package_of(customers_book([["C1", "Acme", 10.0], ["C2", "Bolt", 5.0]]))
    book.read_table("Customers")
    book.write_column("Customers", "Class", ["A", "B"])
    saved = book.to_bytes()

    book.forget_tables()

    assert book.read_table("Customers").frame["Class"].tolist() == ["A", "B"]
    assert book.to_bytes() == saved


def test_a_note_beside_the_table_is_never_overwritten_by_the_class_column():
    wb = customers_book([["C1", "Acme", 10.0], ["C2", "Bolt", 5.0]])
    wb.active["D2"] = "keep me"
    book = package_of(wb)

    with pytest.raises(SchemaError, match=r"D2 holds 'keep me'"):
        classify_workbook(book)


def test_a_table_with_a_total_row_is_not_refilled():
    book = package_of(customers_book([["C1", "Acme", 10.0], ["Total", None, 10.0]], totals=True))

    with pytest.raises(SchemaError, match="total row"):
        book.write_table("Customers", pd.DataFrame({"Customer ID": ["X"]}))


def test_a_total_row_is_not_read_as_a_customer():
    book = package_of(
        customers_book([["C1", "Acme", 10.0], ["C2", "B", 5.0], ["Total", None, 15.0]], totals=True)
    )

    assert classify_workbook(book).classified == 2


def test_overwriting_a_formula_drops_the_stale_calculation_chain():
    wb = customers_book([["C1", "Acme", 10.0]])
    wb.active["B2"] = "=A2"
    data = workbook_bytes(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {n: source.read(n) for n in source.namelist()}
    entries["xl/calcChain.xml"] = (
        b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<c r="B2" i="1"/></calcChain>'
    )
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    book = PackageBook.from_bytes(out.getvalue(), "book.xlsx")

    book.write_table(
        "Customers", pd.DataFrame({"Customer ID": ["C1"], "Name": ["x"], "Annual sales": [1]})
    )

    with zipfile.ZipFile(io.BytesIO(book.to_bytes())) as archive:
        assert "xl/calcChain.xml" not in archive.namelist()
        assert b"calcChain" not in archive.read("[Content_Types].xml")


def test_the_shipped_template_gets_the_same_cells_as_with_openpyxl():
    table = read_customers(demo_folder("zh") / "demo_customers_zh.csv")  # the 240 of the demo
    wb = build_template("zh")
    classify_into(OpenpyxlBook(wb), table, Settings(), "zh")
    book = PackageBook.from_bytes(workbook_bytes(build_template("zh"), stamp=False), "t.xlsx")
    classify_into(book, table, Settings(), "zh")

    ours = reopened(book)
    for ws in wb.worksheets:
        theirs = [[c.value for c in row] for row in ws.iter_rows()]
        mine = [[c.value for c in row] for row in ours[ws.title].iter_rows()]
        assert mine == theirs, ws.title
        assert dict(ours[ws.title].tables.items()) == dict(ws.tables.items())  # name -> ref


def with_commission_column() -> openpyxl.Workbook:
    """A user's template whose Customers table has a calculated column (10% of sales)."""
    from openpyxl.worksheet.table import TableColumn, TableFormula

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(["Customer ID", "Name", "Annual sales", "Commission"])
    formula = "Customers[[#This Row],[Annual sales]]*0.1"
    ws.append(["C0", "Template row", 0, f"={formula}"])
    table = Table(displayName="Customers", ref="A1:D2")
    table._initialise_columns()
    table.tableColumns[3] = TableColumn(
        id=4, name="Commission", calculatedColumnFormula=TableFormula(attr_text=formula)
    )
    ws.add_table(table)
    return wb


def commission_book_written(tmp_path) -> tuple[str, object]:
    """Three customers written into the template with the calculated column: sheet XML, path."""
    book = package_of(with_commission_column())
    frame = pd.DataFrame(
        {
            "Customer ID": ["C1", "C2", "C3"],
            "Name": ["=not a formula", "B", "C"],
            "Annual sales": [1000.0, 200.0, 30.0],
            "Commission": [None, None, None],
        }
    )
    book.write_table("Customers", frame)
    path = tmp_path / "out.xlsx"
    path.write_bytes(book.to_bytes())
    return sheet_xml(book), path


def test_a_calculated_column_of_the_template_goes_down_every_written_row(tmp_path):
    xml, _ = commission_book_written(tmp_path)

    for row in (2, 3, 4):
        assert f'<c r="D{row}"><f>Customers[[#This Row],[Annual sales]]*0.1</f></c>' in xml
    assert "<f>=not a formula" not in xml and "<f>not a formula" not in xml


render("commission_book", lambda folder: commission_book_written(folder)[1], "xlsx")


@pytest.mark.libreoffice
def test_a_spreadsheet_program_computes_the_calculated_column_of_generated_rows(rendered):
    computed = openpyxl.load_workbook(rendered.xlsx("commission_book"), data_only=True)
    values = [row[3] for row in computed.active.iter_rows(min_row=2, max_row=4, values_only=True)]
    assert values == pytest.approx([100.0, 20.0, 3.0])


def test_rows_past_excels_last_row_are_refused_before_anything_is_written():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1048570"], ws["B1048570"] = "Customer ID", "Name"
    ws.add_table(Table(displayName="Customers", ref="A1048570:B1048571"))
    book = package_of(wb)
    frame = pd.DataFrame({"Customer ID": [f"C{i}" for i in range(10)], "Name": "x"})

    with pytest.raises(SchemaError, match="1,048,576"):
        book.write_table("Customers", frame)
