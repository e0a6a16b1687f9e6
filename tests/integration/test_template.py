"""The workbook templates: what they hold, that the checked-in files are current, and that
their tables, colours and chart work in other spreadsheet programs without Python."""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path
from xml.etree.ElementTree import canonicalize

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.i18n import text
from addin.domain.schema import ALL_COLUMNS, canonical_key
from addin.domain.settings import KEYS, Settings
from addin.domain.values import parse_kinds
from addin.services import read_settings
from addin.workbook.atomic import save_workbook, workbook_bytes
from addin.workbook.template import TEMPLATES, build_template, template_name
from tests.libreoffice import Rendered, pixels_near, render
from tests.reference.openpyxl_book import OpenpyxlBook

LANGS = ["en", "zh"]
LAST_LETTER = openpyxl.utils.get_column_letter(len(ALL_COLUMNS))
CLASS_LETTER = openpyxl.utils.get_column_letter([c.key for c in ALL_COLUMNS].index("abc_class") + 1)
KIND_LETTER = openpyxl.utils.get_column_letter([c.key for c in ALL_COLUMNS].index("kind") + 1)


@pytest.fixture(scope="module", params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def template_file(lang: str, folder: Path) -> Path:
    """The template as the code builds it today, saved as a file."""
    return save_workbook(build_template(lang), folder / template_name(lang), stamp=False)


@pytest.fixture(scope="module")
def built(lang: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template_file(lang, tmp_path_factory.mktemp(f"template_{lang}"))


@pytest.fixture(scope="module")
def book(built: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(built)


def parts(path: Path) -> list[tuple[str, bytes | str]]:
    """The parts of a package, XML in canonical form (C14N 2.0): openpyxl writes the same
    document with its namespaces declared elsewhere when lxml is installed. docProps/app.xml is
    left out: it only names the openpyxl release that wrote it."""
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name != "docProps/app.xml"]
        return [(name, _canonical(name, archive.read(name))) for name in names]


def _canonical(name: str, data: bytes) -> bytes | str:
    if not name.endswith((".xml", ".rels")):
        return data
    return canonicalize(data.decode("utf-8"), rewrite_prefixes=True)


def sheet_with_table(book: openpyxl.Workbook, name: str) -> Worksheet:
    return next(ws for ws in book.worksheets if name in ws.tables)


def test_checked_in_templates_match_what_the_code_builds(built: Path, lang: str) -> None:
    # Part by part, not byte by byte: another zlib may compress the same parts differently.
    checked_in = TEMPLATES / template_name(lang)
    assert parts(checked_in) == parts(built), "run: python -m addin.workbook.template"


def test_building_twice_gives_the_same_bytes(lang: str) -> None:
    assert workbook_bytes(build_template(lang), stamp=False) == workbook_bytes(
        build_template(lang), stamp=False
    )


def test_the_tables_are_on_the_sheets_named_in_the_workbook_language(book, lang) -> None:
    where = {name: ws.title for ws in book.worksheets for name in ws.tables}
    assert where == {
        "Customers": text("sheet.customers", lang),
        "Settings": text("sheet.settings", lang),
        "AbcSummary": text("sheet.summary", lang),
        "ParetoData": text("sheet.summary", lang),
        "Pipeline": text("sheet.dashboard", lang),
        "Segments": text("sheet.dashboard", lang),
    }
    assert book.active.title == text("sheet.customers", lang)
    assert book.sheetnames[-1] == "xlwings.conf"


def test_the_customers_table_has_the_schema_headers_and_one_empty_row(book, lang) -> None:
    ws = book.worksheets[0]
    assert ws.tables["Customers"].ref == f"A1:{LAST_LETTER}2"
    assert [c.value for c in ws[1]] == [c.label(lang) for c in ALL_COLUMNS]
    assert all(c.value is None for c in ws[2])
    assert ws.freeze_panes == "B2"


def test_number_formats_reach_rows_a_writer_fills_later_through_the_column_styles(book) -> None:
    ws = book.worksheets[0]
    letters = {c.key: openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(ALL_COLUMNS)}
    formats = {"annual_sales": "#,##0", "last_visit": "yyyy-mm-dd", "latitude": "0.000000"}
    for key, number_format in formats.items():
        assert ws[f"{letters[key]}2"].number_format == number_format  # the table's empty row
        assert ws.column_dimensions[letters[key]].number_format == number_format  # the rest
    assert ws.max_row == 2  # no empty formatted rows written ahead of the data


def test_the_class_column_is_coloured_by_conditional_formats_in_the_settings_colours(book) -> None:
    formats = book.worksheets[0].conditional_formatting
    (only,) = [f for f in formats if CLASS_LETTER in str(f.sqref)]
    assert str(only.sqref) == f"{CLASS_LETTER}2:{CLASS_LETTER}1048576"
    fills = {r.formula[0]: r.dxf.fill.bgColor.rgb[-6:] for r in only.rules}
    fonts = {r.formula[0]: r.dxf.font.color.rgb[-6:] for r in only.rules}
    assert fills == {f'"{k}"': v for k, v in Settings().class_colors().items()}
    assert fonts == {'"A"': "FFFFFF", '"B"': "000000", '"C"': "000000"}


def test_the_kind_drop_down_offers_words_the_reader_accepts(book, lang) -> None:
    ws = book.worksheets[0]
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    kind = validations[f"{KIND_LETTER}2:{KIND_LETTER}1048576"]
    items = kind.formula1.strip('"').split(",")
    kinds, bad = parse_kinds(pd.Series(items))
    assert list(kinds) == ["customer", "prospect"] and not bad.any()
    assert kind.showErrorMessage and kind.error == text("validation.kind_error", lang)


def test_the_settings_table_reads_back_as_the_settings_it_was_built_with(lang) -> None:
    custom = Settings(
        a_share=0.7,
        b_share=0.9,
        abc_method="count",
        abc_by="rep",
        color_a="000000",
        color_b="123456",
        color_c="FFFFFF",
    )
    for settings in (Settings(), custom):
        assert read_settings(OpenpyxlBook(build_template(lang, settings))) == settings


def test_the_settings_table_lists_every_key_with_help(book, lang) -> None:
    ws = sheet_with_table(book, "Settings")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(KEYS)
    assert [r[3] for r in rows] == [text(f"help.{k}", lang) for k in KEYS]
    row_of = {key: row for row, key in enumerate(KEYS, start=2)}
    assert ws.cell(row_of["a_share"], 3).number_format == "0%"
    assert ws.cell(row_of["color_a"], 3).fill.fgColor.rgb[-6:] == Settings().color_a


def test_the_pareto_chart_plots_twenty_rows_on_two_axes(book) -> None:
    ws = sheet_with_table(book, "ParetoData")
    (chart,) = ws._charts
    bars, line = chart.series[0], chart._charts[1].series[0]
    assert bars.val.numRef.f.endswith("!$H$5:$H$24")
    assert bars.cat.strRef.f.endswith("!$G$5:$G$24")
    assert line.val.numRef.f.endswith("!$I$5:$I$24")
    secondary = chart._charts[1].y_axis
    assert (secondary.axId, secondary.crosses, secondary.scaling.max) == (200, "max", 1)
    assert not chart.x_axis.delete and not chart.y_axis.delete and not secondary.delete


def test_the_summary_table_starts_with_zero_for_each_class(book) -> None:
    ws = sheet_with_table(book, "AbcSummary")
    rows = list(ws.iter_rows(min_row=5, max_row=7, max_col=5, values_only=True))
    assert rows == [(abc, 0, 0, 0, 0) for abc in "ABC"]


def test_xlwings_conf_names_the_udf_module(book) -> None:
    ws = book["xlwings.conf"]
    assert (ws["A1"].value, ws["B1"].value) == ("UDF Modules", "addin.excel.functions")


def test_every_sheet_prints_on_a4_landscape_one_page_wide_but_customers_two(book) -> None:
    for ws in book.worksheets:
        setup = ws.page_setup
        tall = 1 if "Settings" in ws.tables else 0  # every setting on one page, the rest flow on
        wide = 2 if "Customers" in ws.tables else 1  # 26 columns: readable on two pages
        assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
            9,
            "landscape",
            wide,
            tall,
        )
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_properties_are_fixed_so_rebuilds_do_not_drift(book) -> None:
    props = book.properties
    assert props.creator == "custdev"
    assert props.created == props.modified and props.created.year == 2026


def test_calamine_reads_the_customers_table_under_the_schema_headers(built, lang) -> None:
    calamine = pytest.importorskip("python_calamine")
    workbook = calamine.CalamineWorkbook.from_path(str(built), load_tables=True)
    assert set(workbook.table_names) == {
        "Customers",
        "Settings",
        "AbcSummary",
        "ParetoData",
        "Pipeline",
        "Segments",
    }
    headers = workbook.get_table_by_name("Customers").columns
    assert headers == [c.label(lang) for c in ALL_COLUMNS]
    assert [canonical_key(h) for h in headers] == [c.key for c in ALL_COLUMNS]


# Colours found nowhere else on the Customers page, so only the rules can paint them.
LOUD = {"A": "C00000", "B": "00B050", "C": "FFC000"}


def three_customers_in_loud_colours(folder: Path) -> Path:
    settings = Settings(color_a=LOUD["A"], color_b=LOUD["B"], color_c=LOUD["C"])
    wb = build_template("en", settings)
    return save_workbook(with_three_customers(wb), folder / "classified.xlsx")


for _lang in LANGS:
    render(f"template_{_lang}", functools.partial(template_file, _lang), "pdf")
render("template_three_customers", three_customers_in_loud_colours, "pdf")


@pytest.mark.libreoffice
def test_libreoffice_converts_the_template_to_pdf(rendered: Rendered, lang: str) -> None:
    assert rendered.pdf(f"template_{lang}").read_bytes().startswith(b"%PDF")
    # Customers two pages wide, Dashboard, Settings, Summary; the hidden xlwings.conf none
    assert len(rendered.pngs(f"template_{lang}")) == 5


@pytest.mark.libreoffice
def test_class_colours_render_in_libreoffice_without_python(rendered: Rendered) -> None:
    # The table prints two pages wide: the class column is on its second page.
    page = rendered.pngs("template_three_customers", dpi=100)[1]
    for abc, rgb in LOUD.items():
        assert pixels_near(page, rgb) >= 10, f"class {abc} fill {rgb} not rendered"


def with_three_customers(wb: openpyxl.Workbook) -> openpyxl.Workbook:
    """The template with customers in rows 2-4 classed A, B and C, and the table grown to them."""
    ws = wb.worksheets[0]
    for row, abc in enumerate("ABC", start=2):
        ws.cell(row, 1, f"C{row:03}")
        ws.cell(row, 2, f"Customer {abc}")
        ws.cell(row, 11, 1000 * (5 - row))
        ws[f"{CLASS_LETTER}{row}"] = abc
    table = ws.tables["Customers"]
    table.ref = f"A1:{LAST_LETTER}4"  # openpyxl adds the filter range when it writes
    return wb


def test_every_setting_value_cell_has_a_validation(book, lang) -> None:
    ws = next(ws for ws in book.worksheets if "Settings" in ws.tables)
    validated = {
        cell for dv in ws.data_validations.dataValidation for cell in str(dv.sqref).split()
    }
    keys = {ws.cell(row, 1).value: f"C{row}" for row in range(2, ws.max_row + 1)}
    missing = [key for key, cell in keys.items() if key and cell not in validated]
    assert missing == []
