"""How a new workbook prints and reads, in English and Chinese: the page setup and words of the
template, and what LibreOffice prints of a filled (demo) workbook on A4."""

from __future__ import annotations

import functools
import statistics
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from addin.domain.prospect_tables import health_headers
from addin.domain.prospects import STAGE_LABELS
from addin.domain.schema import ALL_COLUMNS, BY_KEY
from addin.domain.settings import KEYS
from addin.workbook.atomic import save_workbook
from addin.workbook.dashboard import PIPELINE_ROW, SEGMENTS_ROW
from addin.workbook.styles import display_width
from addin.workbook.template import build_template
from tests.libreoffice import Rendered, render
from tests.workbooks import demo_folder

LANGS = ["en", "zh"]
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
COLOUR_COLUMNS = ("red", "yellow", "green")


@pytest.fixture(scope="module", params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def template(lang: str) -> openpyxl.Workbook:
    return build_template(lang)


def demo_workbook(lang: str, folder: Path) -> Path:
    """The demo's workbook of 240 customers and prospects, classified and coloured."""
    return demo_folder(lang) / f"demo_classified_{lang}.xlsx"


for _lang in LANGS:
    render(f"demo_classified_{_lang}", functools.partial(demo_workbook, _lang), "pdf")


@pytest.fixture(scope="module")
def demo(lang: str, rendered: Rendered) -> Path:
    """The demo workbook LibreOffice printed (only the LibreOffice tests ask for it)."""
    return rendered.source(f"demo_classified_{lang}")


@pytest.fixture(scope="module")
def printed(lang: str, rendered: Rendered) -> list[list[tuple[str, float]]]:
    """The demo workbook printed by LibreOffice: each page's words and their heights."""
    return rendered.words(f"demo_classified_{lang}")


def words_of(pages: list[list[tuple[str, float]]]) -> list[str]:
    return [word for page in pages for word, _ in page]


def test_the_customer_table_prints_two_pages_wide_with_id_and_name_on_each(template):
    ws = template.worksheets[0]
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (2, 0)
    assert ws.print_title_cols == "$A:$B" and ws.print_title_rows == "$1:$1"
    assert all(ws.cell(1, col).alignment.wrap_text for col in range(1, len(ALL_COLUMNS) + 1))


def test_previous_sales_show_a_thousands_separator(template):
    ws = template.worksheets[0]
    col = get_column_letter([c.key for c in ALL_COLUMNS].index("previous_sales") + 1)
    assert ws[f"{col}2"].number_format == ws.column_dimensions[col].number_format == "#,##0"


def test_the_settings_key_column_is_wide_enough_for_every_key(template):
    ws = template.worksheets[2]
    assert ws.column_dimensions["A"].width >= max(len(key) for key in KEYS) + 1


def test_the_xlwings_conf_sheet_is_hidden_so_it_prints_no_page(template):
    assert template["xlwings.conf"].sheet_state == "hidden"
    assert template.active.title == template.worksheets[0].title


def test_the_dashboard_heads_its_prospect_counts_with_the_stage_values_of_the_table(template, lang):
    ws = template.worksheets[1]
    headings = [c.value for c in ws[PIPELINE_ROW] if c.value]
    shown = [headings[health_headers(lang).index(h)] for h in STAGE_LABELS[lang]]
    assert shown == list(STAGE_LABELS[lang])  # Closed, Short term, Potential / 已成交, ...
    texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "likely soon" not in texts.casefold() and "短期有望）" not in texts


def test_pipeline_headings_follow_stages_renamed_in_settings():
    headings = health_headers("en", ("Won", "Hot", "Cold"))
    assert [h for h in headings if h in ("Won", "Hot", "Cold")] == ["Won", "Hot", "Cold"]


def test_no_chinese_dashboard_heading_that_wraps_ends_in_a_bracket():
    ws = build_template("zh").worksheets[1]
    for row in (SEGMENTS_ROW, PIPELINE_ROW):
        for cell in ws[row]:
            width = ws.column_dimensions[cell.column_letter].width
            if cell.value and display_width(str(cell.value)) >= width:  # it wraps
                assert not str(cell.value).endswith(("）", ")")), cell.value


def test_the_pareto_category_labels_are_turned_rather_than_wrapped(tmp_path, lang):
    path = save_workbook(build_template(lang), tmp_path / "t.xlsx", stamp=False)
    with zipfile.ZipFile(path) as package:
        charts = [ET.fromstring(package.read(n)) for n in package.namelist() if "charts/chart" in n]
    pareto = next(c for c in charts if c.find(f".//{{{C}}}crosses[@val='max']") is not None)
    label_text = pareto.find(f".//{{{C}}}catAx/{{{C}}}txPr/{{{A}}}bodyPr")
    assert label_text is not None and label_text.get("rot") == "-2700000"  # 45° up


@pytest.mark.libreoffice
def test_a_printed_customer_list_is_readable_not_four_point_type(printed, lang):
    heights = [height for _, height in printed[0]]
    assert statistics.median(heights) >= 9.0  # 26 columns on one page printed about 4.4
    id_header = "Customer" if lang == "en" else "客户编号"
    assert sum(1 for page in printed if id_header in [w for w, _ in page]) >= 2


@pytest.mark.libreoffice
def test_no_printed_heading_leaves_a_closing_bracket_alone_on_a_line(printed):
    assert [w for w in words_of(printed) if w in ("）", ")")] == []


@pytest.mark.libreoffice
def test_every_setting_key_prints_whole_and_xlwings_conf_prints_not_at_all(printed):
    words = set(words_of(printed))
    assert set(KEYS) <= words
    assert "addin.excel.functions" not in words and "UDF" not in words


@pytest.mark.libreoffice
def test_previous_sales_print_with_thousands_separators(printed, demo, lang):
    ws = openpyxl.load_workbook(demo).worksheets[0]
    col = [c.value for c in ws[1]].index(BY_KEY["previous_sales"].label(lang))
    value = next(r[col] for r in ws.iter_rows(min_row=2, values_only=True) if (r[col] or 0) >= 1000)
    words = words_of(printed)
    assert f"{value:,.0f}" in words and f"{value:.0f}" not in words


@pytest.mark.libreoffice
def test_no_printed_page_says_likely_soon_where_the_table_says_short_term(printed, lang):
    text = " ".join(words_of(printed))
    assert ("likely soon" not in text) if lang == "en" else ("（短期有望）" not in text)
    assert STAGE_LABELS[lang][1].split()[0] in text
