"""PackageBook.write_report: the plan's sheets written into the package read as OpenpyxlBook's do,
open in LibreOffice, and leave every other part of the user's file as it was."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine as calamine
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.table import Table

from addin.adapters.package import PackageBook
from addin.adapters.package.new_parts import free_name
from addin.adapters.package.parts import Package, rels_name
from addin.api import read_customers
from addin.domain.errors import SchemaError
from addin.domain.report import Report, ReportTable
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.services import plan_into
from addin.workbook.atomic import workbook_bytes
from addin.workbook.template import build_template
from tests.libreoffice import Rendered, render
from tests.reference.openpyxl_book import OpenpyxlBook
from tests.user_template import INJECTIONS, user_template

START = dt.date(2026, 3, 2)
PLAN_SHEETS = {"Visit Plan", "Unscheduled", "Week", "Month", "Touch calendar", "Customer cards"}


def customers_in(folder: Path) -> CustomerTable:
    """Fourteen customers of two reps, read from a CSV written in `folder`."""
    csv = folder / "customers.csv"
    lines = ["Customer ID,Name,Rep,Kind,Annual sales,Latitude,Longitude,Contact,Birthday"]
    lines += [
        f"C{i},Firm {i},{'Li' if i % 3 else 'Wang'},customer,{100000 // (i + 1)},"
        f"{30.2 + i / 50:.3f},{120.1 + i / 70:.3f},=cmd {i},1980-03-0{1 + i % 9}"
        for i in range(14)
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_customers(csv)


@pytest.fixture(scope="module")
def customers(tmp_path_factory: pytest.TempPathFactory) -> CustomerTable:
    return customers_in(tmp_path_factory.mktemp("plan"))


def planned(book: PackageBook | OpenpyxlBook, table: CustomerTable, lang: str = "en") -> None:
    plan_into(book, table, Settings(), START, lang)


def template_bytes(lang: str = "en") -> bytes:
    return workbook_bytes(build_template(lang, Settings()))


def contents(data: bytes) -> dict[str, object]:
    """What a reader sees: sheet order, each sheet's values, each table's ref and columns."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data))
    return {
        "order": wb.sheetnames,
        "values": {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb},
        "tables": {
            t.displayName: (ws.title, t.ref, [c.name for c in t.tableColumns])
            for ws in wb
            for t in ws.tables.values()
        },
    }


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def orphans(data: bytes) -> set[str]:
    """Parts no relationship reaches, and content-type overrides naming parts that are gone."""
    package = Package.from_bytes(data)
    names = set(parts(data))
    reached = {"[Content_Types].xml", "_rels/.rels"}
    for name in ["", *names]:
        if not name.endswith(".rels") and (name == "" or package.has(rels_name(name))):
            reached |= {t for _, t in package.relationships(name).values()}
            reached.add(rels_name(name) if name else "_rels/.rels")
    types = package.read("[Content_Types].xml").decode()
    overridden = {p.lstrip("/") for p in re.findall(r'PartName="([^"]+)"', types)}
    return (names - reached) | (overridden - names)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_plan_written_into_the_package_reads_like_the_openpyxl_one(customers, lang):
    package = PackageBook.from_bytes(template_bytes(lang), "plan.xlsx")
    workbook = build_template(lang, Settings())
    planned(package, customers, lang)
    planned(OpenpyxlBook(workbook, "plan.xlsx"), customers, lang)

    ours, theirs = contents(package.to_bytes()), contents(workbook_bytes(workbook))

    assert ours["order"] == theirs["order"] and ours["order"][-1] == "xlwings.conf"
    assert ours["tables"] == theirs["tables"]
    assert ours["values"] == theirs["values"]


def test_a_hand_made_report_keeps_its_layout_formats_and_fills():
    report = Report(
        [["Title"], [], ["Day", "Note", "Sales"], [dt.date(2026, 3, 2), "long text", 1.5]],
        widths=(12, 30, 9),
        fills={(3, 1): "2F75B5"},
        styles={0: "title", 2: "header"},
        tables=[ReportTable("Numbers", 2, 0, 3, 1)],
        breaks=[3],
        formats={0: "yyyy-mm-dd", 2: "#,##0.00"},
        portrait=True,
        wrap=[1],
    )
    book = PackageBook.from_bytes(template_bytes(), "out.xlsx")
    book.write_report("Plan", report)

    ws = openpyxl.load_workbook(io.BytesIO(book.to_bytes()))["Plan"]
    assert ws.tables["Numbers"].ref == "A3:C4"
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "portrait")
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert [b.id for b in ws.row_breaks.brk] == [3]
    assert ws.print_area == "'Plan'!$A$1:$C$4" and ws.print_title_rows == "$3:$3"
    assert ws.column_dimensions["B"].width == 30
    assert ws["A4"].value == dt.datetime(2026, 3, 2) and ws["A4"].number_format == "yyyy-mm-dd"
    assert ws["C4"].number_format == "#,##0.00"
    assert ws["B4"].fill.start_color.rgb.endswith("2F75B5") and ws["B4"].font.color.rgb.endswith(
        "FFFFFF"
    )
    assert ws["B4"].alignment.wrap_text
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A3"].font.b and ws["A3"].fill.start_color.rgb.endswith("1F4E78")


def test_calamine_reads_the_new_tables(customers):
    book = PackageBook.from_bytes(template_bytes(), "plan.xlsx")
    planned(book, customers)

    found = calamine.CalamineWorkbook.from_filelike(io.BytesIO(book.to_bytes()), load_tables=True)

    visits = found.get_table_by_name("VisitPlan")
    assert visits.columns[:2] == list(book.read_table("VisitPlan").frame.columns[:2])
    assert len(visits.to_python()) == len(book.read_table("VisitPlan").frame)
    assert found.get_table_by_name("Unscheduled").columns


def chinese_plan_workbook(folder: Path) -> Path:
    book = PackageBook.from_bytes(template_bytes("zh"), "plan.xlsx")
    planned(book, customers_in(folder), "zh")
    path = folder / "plan.xlsx"
    path.write_bytes(book.to_bytes())
    return path


render("package_plan_zh", chinese_plan_workbook, "pdf", "xlsx")


@pytest.mark.libreoffice
def test_the_plan_workbook_opens_in_libreoffice(rendered: Rendered):
    pdf = rendered.pdf("package_plan_zh")
    again = rendered.xlsx("package_plan_zh")

    assert pdf.stat().st_size > 10_000
    assert "VisitPlan" in contents(again.read_bytes())["tables"]


def test_a_report_in_the_users_workbook_keeps_every_other_part_byte_for_byte(customers, tmp_path):
    path = user_template(tmp_path / "manager.xlsm")
    before = parts(path.read_bytes())
    book = PackageBook.open(path)
    planned(book, customers)

    after = parts(book.to_bytes())

    structure = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed <= structure | {"xl/styles.xml"}
    assert all(re.match(r"xl/(worksheets|tables)/", n) for n in set(after) - set(before))
    assert not orphans(book.to_bytes())
    assert set(contents(book.to_bytes())["order"]) >= PLAN_SHEETS  # type: ignore[arg-type]


def test_writing_the_plan_twice_leaves_no_orphan_parts(customers):
    book = PackageBook.from_bytes(template_bytes(), "plan.xlsx")
    planned(book, customers)
    once = book.to_bytes()
    planned(book, customers)
    planned(book, customers)

    twice = book.to_bytes()

    assert not orphans(twice)
    assert len(parts(twice)) == len(parts(once))
    assert contents(twice) == contents(once)


def test_a_plan_made_by_openpyxl_is_replaced_without_orphans(customers):
    workbook = build_template("en", Settings())
    planned(OpenpyxlBook(workbook, "plan.xlsx"), customers)
    book = PackageBook.from_bytes(workbook_bytes(workbook), "plan.xlsx")

    planned(book, customers)

    assert not orphans(book.to_bytes())
    assert contents(book.to_bytes()) == contents(workbook_bytes(workbook))


def test_a_sheet_holding_the_users_own_table_is_never_replaced():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Week"
    ws.append(["Note"])
    ws.append(["keep me"])
    ws.add_table(Table(displayName="MyNotes", ref="A1:A2"))
    book = PackageBook.from_bytes(workbook_bytes(wb), "mine.xlsx")
    report = Report([["x"]], tables=[ReportTable("Other", 0, 0, 1, 0)])

    with pytest.raises(SchemaError, match="holds the table 'MyNotes'"):
        book.write_report("Week", report)

    assert openpyxl.load_workbook(io.BytesIO(book.to_bytes()))["Week"]["A2"].value == "keep me"


def test_text_that_looks_like_a_formula_is_stored_as_text():
    report = Report(
        [["Memo"], *([v] for v in INJECTIONS)], tables=[ReportTable("Memos", 0, 0, 1, 7)]
    )
    book = PackageBook.from_bytes(template_bytes(), "out.xlsx")
    book.write_report("Memos", report)
    data = book.to_bytes()

    sheets = [p for n, p in parts(data).items() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in p and b"Memo" in p for p in sheets)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Memos"]
    assert {ws.cell(r, 1).data_type for r in range(2, 9)} == {"s"}
    again = PackageBook.from_bytes(data, "again.xlsx").read_table("Memos").frame
    assert list(again["Memo"]) == INJECTIONS


def test_a_visit_plan_of_ten_thousand_rows_is_written_whole_with_its_dates_and_fills():
    # How fast is for benchmarks/bench_plan.py; here, that every row arrives as written.
    rows = [["Plan"], ["Date", "Customer", "Note"]]
    rows += [[START + dt.timedelta(days=i % 40), f"C{i}", f"n{i}"] for i in range(10_000)]
    fills = {(r, 1): "C00000" if r % 2 else "FFC000" for r in range(2, len(rows))}  # class colours
    table = ReportTable("VisitPlan", 1, 0, 3, 10_000)
    report = Report(rows, fills=fills, tables=[table], formats={0: "d"}, wrap=[2])
    book = PackageBook.from_bytes(template_bytes(), "out.xlsx")

    book.write_report("Visit Plan", report)
    data = book.to_bytes()

    read = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    written = read.get_sheet_by_name("Visit Plan").to_python()[2:]
    as_days = [[_day(d), c, n] for d, c, n, *_ in written]
    assert as_days == [[_day(d), c, n] for d, c, n in rows[2:]]
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Visit Plan"]
    for r in (2, 3, 5_000, 10_001):  # report rows are 0-based, sheet rows 1-based
        assert sheet.cell(r + 1, 2).fill.fgColor.rgb[-6:] == fills[(r, 1)]


def _day(value: object) -> object:
    return value.date() if isinstance(value, dt.datetime) else value


def test_a_replaced_sheet_takes_its_chart_along_and_leaves_other_sheets_charts():
    wb = openpyxl.Workbook()
    for title in ("Week", "Mine"):
        ws = wb.create_sheet(title)
        ws.append([1, 2, 3])
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=1, max_col=3, min_row=1), from_rows=True)
        ws.add_chart(chart, "A3")
    book = PackageBook.from_bytes(workbook_bytes(wb), "mine.xlsx")
    before = parts(book.to_bytes())

    book.write_report("Week", Report([["new"]]))

    after = parts(book.to_bytes())
    assert not orphans(book.to_bytes())
    gone = set(before) - set(after)
    assert {n for n in gone if "chart" in n or "drawing" in n} == {
        "xl/charts/chart1.xml",
        "xl/drawings/drawing1.xml",
        "xl/drawings/_rels/drawing1.xml.rels",
    }
    assert after["xl/charts/chart2.xml"] == before["xl/charts/chart2.xml"]
    assert contents(book.to_bytes())["values"]["Week"] == [["new"]]  # type: ignore[index]


def test_new_part_names_never_clash_with_parts_named_in_another_case():
    package = Package.from_bytes(template_bytes())
    package.write("xl/tables/Table7.xml", b"<table/>")

    assert free_name(package, "xl/tables/table{}.xml") == "xl/tables/table8.xml"


def test_an_empty_report_and_a_style_below_the_rows_still_make_a_valid_sheet():
    book = PackageBook.from_bytes(template_bytes(), "out.xlsx")

    book.write_report("Empty", Report([[]], styles={0: "header", 3: "title"}))

    data = book.to_bytes()
    assert 'dimension ref="A1:A1"' in parts(data)["xl/worksheets/sheet6.xml"].decode()
    assert contents(data)["values"]["Empty"] in ([], [[None]])  # type: ignore[index]


def users_macro_workbook_with_a_plan(folder: Path) -> Path:
    path = user_template(folder / "manager.xlsm")
    book = PackageBook.open(path)
    planned(book, customers_in(folder))
    path.write_bytes(book.to_bytes())
    return path


render("package_users_macro_plan", users_macro_workbook_with_a_plan, "xlsx")


@pytest.mark.libreoffice
def test_the_users_macro_workbook_with_a_plan_opens_in_libreoffice(rendered: Rendered):
    again = contents(rendered.xlsx("package_users_macro_plan").read_bytes())

    assert {"Customers", "VisitPlan", "Unscheduled"} <= set(again["tables"])  # type: ignore[arg-type]
    assert set(again["order"]) >= PLAN_SHEETS  # type: ignore[arg-type]
