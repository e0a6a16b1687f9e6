"""The bulk scan of a plain sheet gives what the expat scan gives, or nothing (never a guess):
on the sheets real writers make, on each way a sheet can stray from plain, and on random mixes
of them. The corpus's sheets are held to it in tests/conformance."""

from __future__ import annotations

import io
import random

import pytest
from openpyxl import Workbook

from addin.adapters.package.plain_scan import quick_scan
from addin.adapters.package.sheet_scan import MAIN, scan_sheet
from tests.real_files import excel_customers, parts_of, pretty, single_quoted, x_prefixed
from tests.scan_check import same_as_expat
from tests.workbooks import demo_folder

SHEET = "xl/worksheets/sheet1.xml"


def sheet(rows: str, prefix: str = "", head: str = "", tail: str = "") -> bytes:
    xmlns = f"xmlns:{prefix[:-1]}" if prefix else "xmlns"
    return (
        f'<{prefix}worksheet {xmlns}="{MAIN}" xmlns:r="urn:r">{head}<{prefix}sheetData>{rows}'
        f"</{prefix}sheetData>{tail}</{prefix}worksheet>"
    ).encode()


def openpyxl_sheet() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Customer ID", "Name", "Annual sales", "Share"])
    for i in range(1, 40):
        ws.append([f"C{i}", f"Customer {i} & 'partner'", i * 1000.5, f"=C{i + 1}/SUM(C:C)"])
    ws["B3"].number_format = "0.00%"
    ws["F7"] = None
    ws.cell(50, 3).style = "Good"
    out = io.BytesIO()
    wb.save(out)
    return parts_of(out.getvalue())[SHEET]


def test_the_sheets_excel_openpyxl_and_the_open_xml_sdk_write_are_plain_and_scan_alike():
    excel = parts_of(excel_customers())[SHEET]
    for data in (excel, x_prefixed(excel), openpyxl_sheet(), x_prefixed(openpyxl_sheet())):
        assert same_as_expat(data) is not None


def test_custdevs_own_workbooks_are_plain_and_scan_alike():
    for name in ("demo_classified_zh.xlsx", "demo_plan_zh.xlsx"):  # the demo other tests share
        parts = parts_of((demo_folder("zh") / name).read_bytes())
        sheets = [data for part, data in parts.items() if part.startswith("xl/worksheets/s")]
        assert sheets and all(same_as_expat(data) is not None for data in sheets)


PLAIN_ROWS = (
    '<row r="1" spans="1:3"><c r="A1" s="2"/><c r="B1"><v>5</v></c>'
    '<c r="C1" t="inlineStr"><is><t>x/&gt; "q"</t></is></c></row>'
    '<row r="3"><c r="A3"><f>B3*2</f><v>4</v></c><c r="B3"><f t="shared" si="0"/></c>'
    '<c r="D3" s="3" t="s" /></row><row r="4" ht="20" customHeight="1"/>'
    '<row r="5"><c r="C5" s="12"><v>1</v></c><c r="B5"><v>2</v></c></row>'  # out of order
)


def test_rows_and_cells_as_writers_write_them_scan_alike_empty_full_formula_or_unsorted():
    scan = same_as_expat(sheet(PLAIN_ROWS))
    assert scan is not None
    assert list(scan.row_number) == [1, 3, 4, 5] and list(scan.cell_style) == [
        2,
        0,
        0,
        0,
        0,
        3,
        12,
        0,
    ]


STRAYS = {  # what a sheet may hold that plain_scan leaves to expat
    "single quotes": single_quoted,
    "line breaks between attributes": lambda x: x.replace(b' s="', b'\n s="'),
    "space around =": lambda x: x.replace(b' s="', b' s = "'),
    "an entity in a value": lambda x: x.replace(b's="2"', b's="&#50;"'),
    "a comment among the rows": lambda x: x.replace(b'<row r="3">', b'<!-- x --><row r="3">'),
    "CDATA": lambda x: x.replace(b"<t>x/&gt;", b"<t><![CDATA[<c r='Z9'/>]]>"),
    "a processing instruction": lambda x: x.replace(b"<v>5</v>", b"<?pi x?><v>5</v>"),
    "a namespace declared in a row": lambda x: x.replace(
        b'<row r="3"', b'<row xmlns:o="urn:o" r="3"'
    ),
    "the default namespace redeclared": lambda x: x.replace(
        b'<row r="3">', b'<row r="3" xmlns="urn:other">'
    ),
    "a row without r=": lambda x: x.replace(b'<row r="3">', b"<row>"),
    "a cell without r=": lambda x: x.replace(b'<c r="B1">', b"<c>"),
    "r= not first": lambda x: x.replace(b'<c r="D3" s="3"', b'<c s="3" r="D3"'),
    "a > inside a value": lambda x: x.replace(b'<c r="B1">', b'<c r="B1" r:n="a>b">'),
    "a lower-case reference": lambda x: x.replace(b'r="B1"', b'r="b1"'),
    "a reference past XFD": lambda x: x.replace(b'r="B1"', b'r="XFE1"'),
    "a reference with letters after digits": lambda x: x.replace(b'r="B1"', b'r="B1B"'),
    "a row past the last": lambda x: x.replace(b'<row r="5">', b'<row r="1048577">'),
    "a cell in a cell": lambda x: x.replace(b"<v>5</v>", b'<c r="Z1"/>'),
    "a row in a cell": lambda x: x.replace(b"<v>5</v>", b'<row r="9"/>'),
    "a cell outside rows": lambda x: x.replace(b'<row r="4" ht', b'<c r="A4"/><row r="4" ht'),
    "a cell just after a row written empty": lambda x: x.replace(
        b'customHeight="1"/>', b'customHeight="1"/><c r="A4"/>'
    ),
    "sheetData's own tags among the rows": lambda x: x.replace(b"<v>5</v>", b"<dimension/>"),
    "malformed": lambda x: x.replace(b"<v>5</v>", b"<v>5</w>"),
    "a DTD": lambda x: b'<!DOCTYPE worksheet [<!ENTITY e "x">]>' + x,
}


@pytest.mark.parametrize("stray", STRAYS.values(), ids=STRAYS.keys())
def test_a_sheet_that_strays_from_plain_is_left_to_expat(stray):
    data = stray(sheet(PLAIN_ROWS))
    assert data != sheet(PLAIN_ROWS)
    assert same_as_expat(data) is None


ODD_BUT_PLAIN = {  # what plain_scan reads as expat does
    "s= in letters, ² or too many digits": lambda x: (
        x.replace(b's="2"', b's="x"')
        .replace(b's="3"', b's="\xc2\xb2"')
        .replace(b's="12"', b's="1234567"')
    ),
    "a row element in another namespace": lambda x: x.replace(
        b'<row r="4" ht="20" customHeight="1"/>', b"<r:row/>"
    ),
    "text holding ', &, tabs and tags spelled out": lambda x: x.replace(
        b"x/&gt;", b"it's &amp; \t\n &lt;c r=&quot;Z1&quot;/&gt;"
    ),
    "attributes of other namespaces": lambda x: x.replace(b'<c r="B1">', b'<c r="B1" r:id="rId1">'),
    "an end tag with a space": lambda x: x.replace(b"<v>5</v></c>", b"<v>5</v></c >"),
    "a reference without a row number": lambda x: x.replace(b'r="B1"', b'r="B"'),
    "a cell named c in another namespace": lambda x: x.replace(b"<v>5</v>", b"<v>5</v><r:c/>"),
    "a dimension and cols after sheetData": lambda x: x.replace(
        b"</sheetData>",
        b'</sheetData><dimension ref="A1:D5"/><cols><col min="1" max="2" style="4"/></cols>',
    ),
}


@pytest.mark.parametrize("odd", ODD_BUT_PLAIN.values(), ids=ODD_BUT_PLAIN.keys())
def test_a_plain_sheet_with_odd_corners_scans_as_expat_scans_it(odd):
    data = odd(sheet(PLAIN_ROWS))
    assert data != sheet(PLAIN_ROWS)
    assert same_as_expat(data) is not None


def test_random_mixes_of_plain_and_stray_rows_scan_alike_or_are_left_to_expat():
    """Strays met one at a time above, here several together and among many rows."""
    rng = random.Random(20261203)
    strays, odds = list(STRAYS.values()), list(ODD_BUT_PLAIN.values())
    plain = 0
    for _ in range(300):
        data = sheet(PLAIN_ROWS * rng.randint(1, 3))
        if rng.random() < 0.3:
            data = x_prefixed(data)  # most changes below then find nothing to change
        for change in rng.sample(odds, rng.randint(0, 3)) + rng.sample(strays, rng.randint(0, 1)):
            data = change(data)
        plain += same_as_expat(data) is not None
    assert 50 < plain < 300  # both kinds were met


def test_a_big_plain_sheet_is_scanned_in_bulk_and_a_small_one_by_expat(monkeypatch):
    called = []
    import addin.adapters.package.plain_scan as module

    monkeypatch.setattr(module, "plain_scan", lambda *a: called.append(a) or None)
    quick_scan(sheet(PLAIN_ROWS), SHEET)
    assert called == []
    big = sheet(PLAIN_ROWS * (module.PLAIN_WORTH // len(PLAIN_ROWS) + 1))
    assert quick_scan(big, SHEET) == scan_sheet(big, SHEET) and len(called) == 1


def test_a_sheet_too_big_to_hold_its_tags_offsets_is_left_to_expat(monkeypatch):
    import addin.adapters.package.plain_scan as module

    data = sheet(PLAIN_ROWS)
    assert module.plain_scan(data, SHEET) is not None
    monkeypatch.setattr(module, "PLAIN_MOST", len(data) - 1)
    assert module.plain_scan(data, SHEET) is None and not module.looks_plain(data, SHEET)


def test_pretty_printed_sheets_scan_alike_or_are_left_to_expat():
    for data in (pretty(sheet(PLAIN_ROWS)), pretty(parts_of(excel_customers())[SHEET])):
        same_as_expat(data)
