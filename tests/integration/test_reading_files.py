"""Reading customers from real files: .xlsx/.xlsm tables and sheets, CSV in the encodings Chinese
Excel writes, and every kind of bad input, each a clear error naming where.

Every test reads through `read_untouched`, which fails the test if reading changed the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string, coordinate_to_tuple, get_column_letter
from openpyxl.worksheet.table import Table

from addin.api import read_customers
from addin.errors import (
    DuplicateIdError,
    EmptyTableError,
    EncryptedWorkbookError,
    InputFileError,
    MissingColumnError,
    MissingTableError,
    NotAWorkbookError,
    SchemaError,
)
from addin.workbook.reader import read_raw_table

HEADERS = ["客户编号", "客户名称", "销售额", "业务员", "区域", "上次拜访"]
ROWS = [
    ["C001", "上海华信贸易有限公司", 120000, "张伟", "华东", dt.datetime(2024, 3, 5)],
    ["C002", "北京宏达科技有限公司", 80000, "李娜", "华北", dt.datetime(2024, 2, 1)],
    ["C003", "广州南方实业有限公司", 35000, "张伟", "华南", dt.datetime(2024, 1, 15)],
    ["C004", "成都天府商贸有限公司", 5000, "李娜", "西南", dt.datetime(2023, 12, 20)],
]
CSV_TEXT = (
    "客户编号,客户名称,销售额,业务员\n"
    "C001,上海华信贸易有限公司,120000,张伟\n"
    "C002,北京宏达,80000,李娜\n"
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def fingerprint(path: Path) -> tuple[str, int] | None:
    """The file's content hash and modification time, or None when there is no file."""
    if not path.exists():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def read_untouched(path: Path, reader: Callable[[Path], object] = read_customers) -> object:
    """`reader(path)`, failing the test if the file was changed (or created) by reading it."""
    before = fingerprint(path)
    try:
        return reader(path)
    finally:
        assert fingerprint(path) == before, f"reading {path.name} modified it"


def write_table(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    at: str = "A1",
    sheet: str = "客户清单",
    name: str = "Customers",
) -> Path:
    """A workbook whose sheet holds `rows` as an Excel table called `name`, top left at `at`."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    top, left = coordinate_to_tuple(at)
    for r, row in enumerate(rows, start=top):
        for c, value in enumerate(row, start=left):
            ws.cell(r, c, value)
    right = get_column_letter(left + len(rows[0]) - 1)
    ws.add_table(Table(displayName=name, ref=f"{at}:{right}{top + len(rows) - 1}"))
    wb.save(path)
    return path


def write_sheets(path: Path, sheets: dict[str, Sequence[Sequence[object]]], at: str = "A1") -> Path:
    """A workbook without tables: each sheet holds its rows from `at`."""
    wb = Workbook()
    wb.remove(wb.active)
    top, left = coordinate_to_tuple(at)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=top):
            for c, value in enumerate(row, start=left):
                ws.cell(r, c, value)
    wb.save(path)
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def with_sales(row: int, value: object) -> list[list[object]]:
    """HEADERS and ROWS with the sales of data row `row` (0-based) replaced by `value`."""
    rows = [list(r) for r in ROWS]
    rows[row][2] = value
    return [HEADERS, *rows]


# --- Excel tables -------------------------------------------------------------------------


def test_an_excel_table_named_customers_with_chinese_headers_is_read_and_typed(tmp_path):
    path = write_table(tmp_path / "customers.xlsx", [HEADERS, *ROWS])

    table = read_untouched(path)

    assert list(table.frame["customer_id"]) == ["C001", "C002", "C003", "C004"]
    assert table.frame["name"].iloc[0] == "上海华信贸易有限公司"
    assert table.frame["annual_sales"].dtype == "float64"
    assert table.frame["annual_sales"].tolist() == [120000.0, 80000.0, 35000.0, 5000.0]
    assert table.frame["last_visit"].iloc[0] == pd.Timestamp("2024-03-05")
    assert table.layout.headers["rep"] == "业务员"
    assert table.problems == []


def test_a_table_that_starts_at_c4_keeps_the_sheet_row_numbers(tmp_path):
    path = write_table(tmp_path / "offset.xlsx", [HEADERS, *ROWS], at="C4")

    table = read_untouched(path)

    assert list(table.frame.index) == [5, 6, 7, 8]
    assert table.layout.sheet == "客户清单"


def test_text_sales_in_an_offset_table_are_reported_at_their_sheet_row_and_column_letter(tmp_path):
    path = write_table(tmp_path / "offset.xlsx", with_sales(2, "很多"), at="C4")

    table = read_untouched(path)

    [problem] = table.problems
    message = table.describe_problems()
    assert "offset.xlsx" in message
    assert "sheet '客户清单'" in message
    assert "column '销售额' (E)" in message
    assert "row 7" in message
    assert "'很多'" in message
    assert pd.isna(table.frame.loc[problem.row, "annual_sales"])


def test_the_customers_table_wins_over_a_sheet_called_customers(tmp_path):
    path = write_table(tmp_path / "both.xlsx", [HEADERS, *ROWS], sheet="数据")
    wb = load_workbook(path)
    wb.create_sheet("Customers").append(["old notes, not a customer list"])
    wb.save(path)

    table = read_untouched(path)

    assert table.layout.sheet == "数据"
    assert len(table.frame) == len(ROWS)


def test_an_xlsm_workbook_with_macros_is_read(tmp_path):
    xlwings = pytest.importorskip("xlwings")
    path = tmp_path / "customers.xlsm"
    wb = load_workbook(Path(xlwings.__file__).parent / "quickstart.xlsm", keep_vba=True)
    ws = wb["Sheet1"]
    for row in [HEADERS, *ROWS]:
        ws.append(row)
    ws.add_table(Table(displayName="Customers", ref=f"A1:F{len(ROWS) + 1}"))
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        assert "xl/vbaProject.bin" in archive.namelist()

    table = read_untouched(path)

    assert list(table.frame["customer_id"]) == ["C001", "C002", "C003", "C004"]
    assert table.layout.headers["name"] == "客户名称"


# --- Workbooks without a table ------------------------------------------------------------


def test_a_workbook_without_a_table_is_read_from_its_chinese_customers_sheet(tmp_path):
    sheets = {"说明": [["请勿修改"]], "客户": [HEADERS, *ROWS]}
    path = write_sheets(tmp_path / "sheets.xlsx", sheets)

    table = read_untouched(path)

    assert table.layout.sheet == "客户"
    assert list(table.frame["customer_id"]) == ["C001", "C002", "C003", "C004"]


def test_a_workbook_without_a_table_is_read_from_a_sheet_called_customers(tmp_path):
    path = write_sheets(tmp_path / "sheets.xlsx", {"Notes": [["x"]], "Customers": [HEADERS, *ROWS]})

    table = read_untouched(path)

    assert table.layout.sheet == "Customers"
    assert len(table.frame) == len(ROWS)


def test_a_workbook_with_only_one_sheet_is_read_from_it_with_sheet_row_numbers(tmp_path):
    path = write_sheets(tmp_path / "one.xlsx", {"Sheet1": with_sales(2, "n/a")}, at="B3")

    table = read_untouched(path)

    assert list(table.frame.index) == [4, 5, 6, 7]
    assert "column '销售额' (D), row 6" in table.describe_problems()


def test_a_workbook_with_two_other_sheets_and_no_table_names_them_and_says_press_ctrl_t(tmp_path):
    path = write_sheets(tmp_path / "report.xlsx", {"Data": [HEADERS, *ROWS], "Notes": [["x"]]})

    with pytest.raises(MissingTableError) as caught:
        read_untouched(path)

    message = str(caught.value)
    assert "report.xlsx" in message
    assert "Data, Notes" in message
    assert "Ctrl+T" in message
    assert "'Customers'" in message


# --- CSV ------------------------------------------------------------------------------------


def read_csv_bytes(path: Path, data: bytes) -> object:
    return read_untouched(write_bytes(path, data))


def test_a_utf8_csv_with_a_bom_from_excel_is_read(tmp_path):
    table = read_csv_bytes(tmp_path / "utf8bom.csv", CSV_TEXT.encode("utf-8-sig"))

    assert table.layout.headers["customer_id"] == "客户编号"
    assert table.frame["name"].iloc[0] == "上海华信贸易有限公司"


def test_a_utf8_csv_without_a_bom_is_read(tmp_path):
    table = read_csv_bytes(tmp_path / "utf8.csv", CSV_TEXT.encode("utf-8"))

    assert table.frame["rep"].tolist() == ["张伟", "李娜"]


def test_a_gbk_csv_from_chinese_excel_is_read(tmp_path):
    table = read_csv_bytes(tmp_path / "gbk.csv", CSV_TEXT.encode("gbk"))

    assert list(table.layout.headers.values()) == ["客户编号", "客户名称", "销售额", "业务员"]
    assert table.frame["name"].iloc[0] == "上海华信贸易有限公司"
    assert table.frame["annual_sales"].tolist() == [120000.0, 80000.0]


def test_a_gb18030_csv_with_a_character_outside_gbk_is_read(tmp_path):
    text = CSV_TEXT.replace("北京宏达", "𠮷祥商行")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")  # the name really needs GB18030

    table = read_csv_bytes(tmp_path / "gb18030.csv", text.encode("gb18030"))

    assert table.frame["name"].iloc[1] == "𠮷祥商行"
    assert table.layout.headers["rep"] == "业务员"


def test_a_semicolon_separated_csv_is_read(tmp_path):
    text = CSV_TEXT.replace(",", ";")

    table = read_csv_bytes(tmp_path / "semicolon.csv", text.encode("utf-8-sig"))

    assert list(table.layout.headers.values()) == ["客户编号", "客户名称", "销售额", "业务员"]
    assert table.frame["annual_sales"].tolist() == [120000.0, 80000.0]


def test_a_tab_separated_csv_is_read(tmp_path):
    table = read_csv_bytes(tmp_path / "tabs.csv", CSV_TEXT.replace(",", "\t").encode("gbk"))

    assert table.frame["customer_id"].tolist() == ["C001", "C002"]


def test_csv_rows_are_numbered_by_file_line_in_problems(tmp_path):
    text = CSV_TEXT + "C003,广州南方,一百万,张伟\n"

    table = read_csv_bytes(tmp_path / "lines.csv", text.encode("utf-8-sig"))

    assert table.describe_problems().startswith("lines.csv, column '销售额', line 4: '一百万'")


def test_a_decimal_comma_in_a_semicolon_csv_is_not_silently_misread(tmp_path):
    text = "客户编号;客户名称;销售额\nC001;甲;1,5\n"

    table = read_csv_bytes(tmp_path / "decimal.csv", text.encode("utf-8-sig"))

    assert table.frame["annual_sales"].iloc[0] == 1.5


# --- Titles, blank lines, stray columns and malformed CSV rows -------------------------


def test_a_csv_row_with_more_values_than_headers_is_an_error_naming_the_line(tmp_path):
    text = "id,name,annual_sales\na,A,10,extra\nb,B,5\nc,C,1,200\n"
    path = write_bytes(tmp_path / "extra.csv", text.encode("utf-8"))

    with pytest.raises(SchemaError) as caught:
        read_untouched(path)

    message = str(caught.value)
    assert message.startswith("extra.csv, line 2: 4 values but 3 headers (line 1)")
    assert "lines with too many values: 2, 4" in message
    assert "Fix: put double quotes around any value that holds the separator ','" in message


def test_a_csv_row_with_fewer_values_than_headers_reads_the_missing_cells_as_blank(tmp_path):
    table = read_csv_bytes(tmp_path / "short.csv", b"id,name,annual_sales,rep\na,A\nb,B,5,Li\n")

    assert table.frame["name"].tolist() == ["A", "B"]
    assert pd.isna(table.frame["annual_sales"].iloc[0])
    assert table.problems == []


def test_trailing_commas_after_the_last_column_are_not_extra_values(tmp_path):
    text = "id,name,annual_sales\na,A,10,,\nb,B,5,\n"

    table = read_csv_bytes(tmp_path / "trailing.csv", text.encode("utf-8"))

    assert table.frame["annual_sales"].tolist() == [10.0, 5.0]


def test_csv_problems_name_the_file_line_after_blank_lines(tmp_path):
    text = "id,name,annual_sales\n\na,A,10\n\nb,B,lots\n"

    table = read_csv_bytes(tmp_path / "gaps.csv", text.encode("utf-8"))

    assert list(table.frame.index) == [3, 5]
    assert table.describe_problems().startswith("gaps.csv, column 'annual_sales', line 5:")


def test_csv_problems_name_the_file_line_after_a_value_quoted_over_two_lines(tmp_path):
    text = 'id,name,annual_sales\na,"Acme\nBuilding 2",10\nb,B,lots\n'

    table = read_csv_bytes(tmp_path / "multiline.csv", text.encode("utf-8"))

    assert table.frame["name"].iloc[0] == "Acme\nBuilding 2"
    assert list(table.frame.index) == [2, 4]
    assert "line 4: 'lots'" in table.describe_problems()


def test_a_quote_left_open_in_a_csv_is_an_error_naming_its_line(tmp_path):
    text = 'id,name,annual_sales\na,A,10\nb,"B,5\nc,C,1\n'
    path = write_bytes(tmp_path / "quote.csv", text.encode("utf-8"))

    with pytest.raises(NotAWorkbookError) as caught:
        read_untouched(path)

    assert str(caught.value).startswith("quote.csv, line 3: a double quote")
    assert "Fix: add the closing quote" in str(caught.value)


def test_a_title_line_above_the_csv_headers_is_skipped_and_lines_keep_their_numbers(tmp_path):
    text = "My customer list 2026,,,\n,,,\n" + CSV_TEXT + "C003,广州南方,一百万,张伟\n"

    table = read_csv_bytes(tmp_path / "title.csv", text.encode("gbk"))

    assert table.layout.header_row == 3
    assert table.frame["customer_id"].tolist() == ["C001", "C002", "C003"]
    assert table.describe_problems().startswith("title.csv, column '销售额', line 6: '一百万'")


def test_a_semicolon_csv_under_a_title_line_is_still_split_on_semicolons(tmp_path):
    text = "Kundenliste 2026\n客户编号;客户名称;销售额\nC001;甲;1,5\nC002;乙;1.234,5\n"

    table = read_csv_bytes(tmp_path / "title_semicolon.csv", text.encode("utf-8-sig"))

    assert table.frame["annual_sales"].tolist() == [1.5, 1234.5]


def test_a_csv_without_recognised_headers_keeps_its_first_line_as_the_headers(tmp_path):
    path = write_bytes(tmp_path / "unknown.csv", b"Foo,Bar\nx,y\nz,Name\n")

    with pytest.raises(MissingColumnError, match="Columns found: Foo, Bar"):
        read_untouched(path)


def test_a_title_row_above_the_sheet_headers_is_skipped_and_rows_keep_their_numbers(tmp_path):
    rows = [["My customer list 2026"], [], *with_sales(1, "很多")]
    path = write_sheets(tmp_path / "title.xlsx", {"客户": rows})

    table = read_untouched(path)

    assert table.layout.header_row == 3
    assert list(table.frame.index) == [4, 5, 6, 7]
    assert "column '销售额' (C), row 5: '很多'" in table.describe_problems()


def test_a_title_left_of_an_offset_sheet_table_keeps_the_column_letters(tmp_path):
    path = write_sheets(tmp_path / "offset_title.xlsx", {"客户": with_sales(2, "n/a")}, at="C4")
    wb = load_workbook(path)
    wb["客户"]["B1"] = "My customer list 2026"
    wb["客户"]["K2"] = "printed 2026-01-05"
    wb.save(path)

    raw = read_untouched(path, read_raw_table)
    table = read_untouched(path)

    assert list(raw.frame.columns) == HEADERS  # the empty columns B and I:K are not read
    assert (raw.layout.header_row, raw.layout.first_col) == (4, column_index_from_string("C") - 1)
    assert "column '销售额' (E), row 7" in table.describe_problems()


def test_a_sheet_column_with_values_but_no_header_is_named_after_its_letter(tmp_path):
    rows = [[*HEADERS, None, None], *[[*row, None, "VIP"] for row in ROWS]]
    path = write_sheets(tmp_path / "unnamed.xlsx", {"客户": rows})

    raw = read_untouched(path, read_raw_table)

    assert list(raw.frame.columns) == [*HEADERS, "Column G", "Column H"]
    assert raw.frame["Column H"].tolist() == ["VIP"] * len(ROWS)


def test_csv_columns_without_a_header_are_dropped_when_empty_and_named_when_not(tmp_path):
    text = "id,,name,annual_sales,,\na,,A,10,,VIP\nb,,B,5,,\n"

    raw = read_untouched(write_bytes(tmp_path / "unnamed.csv", text.encode()), read_raw_table)

    assert list(raw.frame.columns) == ["id", "name", "annual_sales", "Column F"]
    assert raw.frame["Column F"].tolist() == ["VIP", ""]


def test_repeated_unknown_headers_are_numbered_so_that_reading_goes_on(tmp_path):
    rows = [[*HEADERS, "Memo", "Memo"], *[[*row, "a", "b"] for row in ROWS]]
    path = write_sheets(tmp_path / "memos.xlsx", {"客户": rows})

    raw = read_untouched(path, read_raw_table)
    table = read_untouched(path)

    assert list(raw.frame.columns)[-2:] == ["Memo", "Memo (2)"]
    assert len(table.frame) == len(ROWS)


# --- Dates ----------------------------------------------------------------------------------


def test_dates_as_text_serials_and_date_cells_are_read_as_the_same_date(tmp_path):
    rows = [list(r) for r in ROWS]
    dates = [dt.datetime(2024, 3, 5), "2024/3/5", "2024年3月5日", 45356]
    for row, value in zip(rows, dates, strict=True):
        row[5] = value
    path = write_table(tmp_path / "dates.xlsx", [HEADERS, *rows])
    assert load_workbook(path).active["F5"].number_format == "General"

    table = read_untouched(path)

    assert set(table.frame["last_visit"]) == {pd.Timestamp("2024-03-05")}
    assert table.problems == []


def test_dates_as_text_in_a_csv_are_read(tmp_path):
    text = (
        "客户编号,客户名称,销售额,上次拜访\n"
        "C1,甲,1,2024/3/5\nC2,乙,2,2024年3月5日\nC3,丙,3,2024-3-5\n"
    )

    table = read_csv_bytes(tmp_path / "dates.csv", text.encode("gbk"))

    assert set(table.frame["last_visit"]) == {pd.Timestamp("2024-03-05")}


def test_an_excel_serial_in_a_csv_is_read_as_a_date(tmp_path):
    text = "客户编号,客户名称,销售额,上次拜访\nC1,甲,1,45356\n"

    table = read_csv_bytes(tmp_path / "serial.csv", text.encode("utf-8-sig"))

    assert table.frame["last_visit"].iloc[0] == pd.Timestamp("2024-03-05")


def test_a_date_that_is_not_a_date_is_reported_with_its_cell(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][5] = "上周二"
    path = write_table(tmp_path / "dates.xlsx", [HEADERS, *rows], at="B2")

    table = read_untouched(path)

    assert "column '上次拜访' (G), row 4: '上周二' is not a date" in table.describe_problems()


# --- Missing columns and duplicate ids -----------------------------------------------------


def test_a_near_miss_header_is_named_with_the_columns_found_and_the_rename_to_make(tmp_path):
    text = "Customer ID,Name,Anual Sales\nC1,Acme,100\n"
    path = write_bytes(tmp_path / "typo.csv", text.encode("utf-8"))

    with pytest.raises(MissingColumnError) as caught:
        read_untouched(path)

    message = str(caught.value)
    assert message.startswith("typo.csv")
    assert "'Annual sales' (销售额) is missing" in message
    assert "rename 'Anual Sales' to 'Annual sales'" in message
    assert "Columns found: Customer ID, Name, Anual Sales" in message


def test_a_chinese_near_miss_header_in_a_workbook_is_suggested_with_the_sheet(tmp_path):
    headers = ["客户编号", "客户名称", "年度销售额"]
    path = write_table(tmp_path / "typo.xlsx", [headers, ["C1", "甲", 1]], sheet="客户")

    with pytest.raises(MissingColumnError) as caught:
        read_untouched(path)

    message = str(caught.value)
    assert "typo.xlsx, sheet '客户'" in message
    assert "rename '年度销售额'" in message


def test_a_missing_column_with_no_near_miss_says_to_add_it(tmp_path):
    path = write_bytes(tmp_path / "ids.csv", "客户编号,客户名称\nC1,甲\n".encode("gbk"))

    with pytest.raises(MissingColumnError) as caught:
        read_untouched(path)

    assert "add a column 'Annual sales'" in str(caught.value)
    assert "Columns found: 客户编号, 客户名称" in str(caught.value)


def test_duplicate_customer_ids_are_listed_with_their_sheet_rows(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][0] = "C001"
    path = write_table(tmp_path / "dups.xlsx", [HEADERS, *rows], at="C4")

    with pytest.raises(DuplicateIdError) as caught:
        read_untouched(path)

    message = str(caught.value)
    assert "dups.xlsx, sheet '客户清单', column '客户编号' (C)" in message
    assert "'C001' in rows 5, 7" in message


# --- Empty input ----------------------------------------------------------------------------


def test_an_empty_csv_is_an_empty_table_error(tmp_path):
    path = write_bytes(tmp_path / "empty.csv", b"")

    with pytest.raises(EmptyTableError, match=r"empty\.csv: the file is empty\. Fix:"):
        read_untouched(path)


def test_a_csv_with_only_headers_is_an_empty_table_error(tmp_path):
    path = write_bytes(tmp_path / "headers.csv", "客户编号,客户名称,销售额\n".encode("utf-8-sig"))

    with pytest.raises(EmptyTableError, match=r"headers\.csv: the table has headers but no"):
        read_untouched(path)


def test_an_empty_sheet_is_an_empty_table_error_naming_the_sheet(tmp_path):
    path = write_sheets(tmp_path / "blank.xlsx", {"客户": []})

    with pytest.raises(EmptyTableError) as caught:
        read_untouched(path)

    assert "blank.xlsx, sheet '客户': the sheet is empty" in str(caught.value)


def test_a_table_with_only_a_header_row_is_an_empty_table_error(tmp_path):
    path = write_table(tmp_path / "headers.xlsx", [HEADERS, [None] * len(HEADERS)])

    with pytest.raises(EmptyTableError) as caught:
        read_untouched(path)

    assert "headers.xlsx, sheet '客户清单': the table has headers but no customer rows" in str(
        caught.value
    )


# --- Files that are not workbooks ----------------------------------------------------------


def test_a_text_file_renamed_xlsx_is_not_a_workbook(tmp_path):
    path = write_bytes(tmp_path / "notes.xlsx", "客户编号,客户名称\n".encode())

    with pytest.raises(NotAWorkbookError, match=r"notes\.xlsx: not an Excel workbook.*Fix:"):
        read_untouched(path)


def test_a_png_renamed_xlsx_is_not_a_workbook(tmp_path):
    path = write_bytes(tmp_path / "logo.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200))

    with pytest.raises(NotAWorkbookError, match=r"logo\.xlsx: not an Excel workbook"):
        read_untouched(path)


def test_a_txt_file_is_not_a_workbook(tmp_path):
    path = write_bytes(tmp_path / "customers.txt", CSV_TEXT.encode("utf-8"))

    with pytest.raises(NotAWorkbookError, match=r"customers\.txt: .*save it from Excel"):
        read_untouched(path)


def test_a_zip_that_is_not_a_workbook_cannot_be_read_as_one(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")

    with pytest.raises(NotAWorkbookError, match=r"archive\.xlsx: cannot be read as a workbook"):
        read_untouched(path)


def test_an_old_xls_workbook_is_refused_with_a_save_as_xlsx_fix(tmp_path):
    path = write_bytes(tmp_path / "old.xls", OLE_MAGIC + bytes(4088))

    with pytest.raises(NotAWorkbookError) as caught:
        read_untouched(path)

    assert "old.xls: an old-style .xls workbook" in str(caught.value)
    assert "save as .xlsx" in str(caught.value)


def test_a_missing_path_is_an_input_file_error_and_creates_nothing(tmp_path):
    path = tmp_path / "missing.xlsx"

    with pytest.raises(InputFileError, match="no such file"):
        read_untouched(path)


def test_a_folder_is_an_input_file_error(tmp_path):
    with pytest.raises(InputFileError, match="is a folder"):
        read_customers(tmp_path)


def test_an_encrypted_workbook_says_it_is_password_protected_and_how_to_remove_it(tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = write_table(tmp_path / "plain.xlsx", [HEADERS, *ROWS])
    path = tmp_path / "secret.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        ooxml.OOXMLFile(source).encrypt("pw", target)

    with pytest.raises(EncryptedWorkbookError) as caught:
        read_untouched(path)

    message = str(caught.value)
    assert "secret.xlsx: the workbook is password protected" in message
    assert "Encrypt with Password, clear the password" in message


def test_read_raw_table_gives_the_cells_as_written_without_changing_the_file(tmp_path):
    path = write_table(tmp_path / "raw.xlsx", with_sales(0, "¥120,000"), at="B2")

    raw = read_untouched(path, read_raw_table)

    assert list(raw.frame.columns) == HEADERS
    assert raw.frame.iloc[0, 2] == "¥120,000"
    assert (raw.layout.header_row, raw.layout.first_col) == (2, column_index_from_string("B") - 1)


@pytest.mark.parametrize(
    ("body", "spans_lines"),
    [
        ('C1,A,1,"say ""hi"", twice"\nC2,B,2,plain\n', False),  # quotes doubled in a value
        ("C1,A,1,old mac\rC2,B,2," + "m" * 300 + "\r", False),  # lines ended by \r alone
        ("C1,A,1,windows\r\nC2,B,2," + "w" * 300 + "\r\n", False),
        ('C1,A,1,"one\ntwo\nthree ' + "q" * 300 + '"\nC2,B,2,x\n', True),
        ("C1,A,1,x\n\n\nC2,B,2," + "b" * 50 + "\n", False),  # blank lines between
    ],
)
def test_what_a_csv_reader_says_of_its_longest_cell_holds(tmp_path, body, spans_lines):
    """The bound that lets the cell-length check be skipped is never below a real cell; a
    value quoted over lines leaves it unknown."""
    path = tmp_path / "c.csv"
    path.write_text("Customer ID,Name,Annual sales,Notes\n" + body, encoding="utf-8", newline="")

    raw = read_raw_table(path)

    longest = max(len(str(cell)) for cell in raw.frame.to_numpy().ravel())
    if spans_lines:
        assert raw.text_at_most is None
    else:
        assert raw.text_at_most is not None and raw.text_at_most >= longest
