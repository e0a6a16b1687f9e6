"""A classified workbook, as the command line writes it, in openpyxl and in LibreOffice."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from addin.api import classify_file
from addin.domain.schema import ALL_COLUMNS
from tests.libreoffice import Rendered, pixels_near, render

# Colours used nowhere else in the workbook, so only class cells can show them.
LOUD = {"A": "C00000", "B": "00B050", "C": "FFC000"}


def classify_chinese_csv(folder: Path) -> Path:
    source = folder / "customers.csv"
    pd.DataFrame(
        {
            "客户编号": ["K1", "K2", "K3", "K4", "K5"],
            "客户名称": ["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"],
            "销售额": [500_000, 300_000, 150_000, 50_000, None],
            "类型": ["客户", "客户", "客户", "客户", "潜在客户"],
            "纬度": [31.230416, 39.904211, None, None, None],
            "上次拜访": ["2026-01-05", "2025-12-20", None, None, "2025-11-03"],
        }
    ).to_csv(source, index=False, encoding="gbk")
    settings = dict(color_a=LOUD["A"], color_b=LOUD["B"], color_c=LOUD["C"])
    _, output = classify_file(source, folder / "out.xlsx", **settings)  # type: ignore[arg-type]
    return output


render("classified_output", classify_chinese_csv, "pdf", "xlsx")


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return classify_chinese_csv(tmp_path_factory.mktemp("classified"))


def test_the_output_holds_classes_and_their_static_fills(classified: Path) -> None:
    sheet = openpyxl.load_workbook(classified).worksheets[0]
    header = [c.value for c in sheet[1]]
    column = header.index("ABC分类") + 1
    cells = [sheet.cell(row, column) for row in range(2, 7)]
    assert [c.value for c in cells] == ["A", "A", "B", "C", None]
    assert [c.fill.fgColor.rgb[-6:] for c in cells[:4]] == [LOUD[c] for c in "AABC"]
    assert cells[4].fill.fill_type is None


def test_the_output_keeps_its_tables_and_its_settings(classified: Path) -> None:
    book = openpyxl.load_workbook(classified)
    tables = {name for ws in book.worksheets for name in ws.tables}
    assert {"Customers", "Settings", "AbcSummary", "ParetoData"} <= tables
    last = openpyxl.utils.get_column_letter(len(ALL_COLUMNS))
    assert book.worksheets[0].tables["Customers"].ref == f"A1:{last}6"


@pytest.mark.libreoffice
def test_libreoffice_opens_the_output_and_shows_the_class_colours(rendered: Rendered) -> None:
    # The table prints two pages wide: the class column is on its second page.
    class_page = rendered.pngs("classified_output", dpi=100)[1]
    for abc, rgb in LOUD.items():
        assert pixels_near(class_page, rgb) >= 10, f"class {abc} ({rgb}) not shown"


@pytest.mark.libreoffice
def test_libreoffice_shows_the_new_rows_in_the_templates_number_formats(
    rendered: Rendered,
) -> None:
    # The rows were written past the template's last row: their formats come from the
    # template's first body row and column styles, not from empty formatted rows.
    first, second = ({word for word, _ in page} for page in rendered.words("classified_output")[:2])
    assert {"500,000", "50,000", "31.230416", "39.904211"} <= first
    assert {"2026-01-05", "2025-12-20", "2025-11-03"} <= second


@pytest.mark.libreoffice
def test_libreoffice_reads_back_the_summary_table(rendered: Rendered) -> None:
    roundtrip = rendered.xlsx("classified_output")  # LibreOffice opened it and saved it again
    summary = pd.read_excel(roundtrip, sheet_name="ABC汇总", header=None, engine="calamine")
    rows = {row[0]: row[1] for row in summary.itertuples(index=False) if row[0] in ("A", "B", "C")}
    assert rows == {"A": 2, "B": 1, "C": 1}
