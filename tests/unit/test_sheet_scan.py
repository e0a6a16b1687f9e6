"""The expat scan of a sheet: where cells end when expat is told nothing inside them, and what
it refuses because the offsets would no longer line up."""

from __future__ import annotations

import pytest

from addin.adapters.package.limits import PART_LIMIT
from addin.adapters.package.sheet_scan import HAS_FORMULA, MAIN, SheetScan, scan_sheet
from addin.adapters.package.zipraw import PartError


def scanned(rows: str, prefix: str = ""):
    xmlns = f"xmlns:{prefix[:-1]}" if prefix else "xmlns"
    data = f"<{prefix}sheetData>{rows}</{prefix}sheetData>"
    xml = f'<{prefix}worksheet {xmlns}="{MAIN}">{data}</{prefix}worksheet>'
    return scan_sheet(xml.encode(), "sheet.xml")


def cells(scan) -> list[str]:
    """Each cell as its bytes, from where it starts to where the scan says it ends."""
    return [
        scan.data[scan.cell_start[j] : scan.cell_end(j)].decode()
        for j in range(len(scan.cell_start))
    ]


def test_every_cell_ends_where_it_does_whether_written_empty_or_not():
    rows = (
        '<row r="1"><c r="A1" s="2"/><c r="B1"><v>5</v></c>'
        "<c r='C1' t='inlineStr' ><is><t>x/&gt;</t></is></c >"
        '<c r="D1" s="3" t="s" /></row>'
    )
    scan = scanned(rows)
    assert cells(scan) == [
        '<c r="A1" s="2"/>',
        '<c r="B1"><v>5</v></c>',
        "<c r='C1' t='inlineStr' ><is><t>x/&gt;</t></is></c >",
        '<c r="D1" s="3" t="s" />',
    ]
    assert [scan.cell_ends(j)[0] for j in range(4)] == [True, False, False, True]
    assert list(scan.cell_style) == [2, 0, 0, 3]


def test_a_cell_written_empty_with_a_start_tag_longer_than_a_read_ends_after_it():
    long = "y" * 10_000  # the end is found a few kilobytes at a time
    scan = scanned(
        f'<row r="1"><c r="A1" s="1" x:note="{long} /&gt;" xmlns:x="urn:x"/><c r="B1"/></row>'
    )
    assert cells(scan)[0].endswith(' /&gt;" xmlns:x="urn:x"/>') and cells(scan)[1] == '<c r="B1"/>'


def test_prefixed_cells_end_where_they_do_and_their_formulas_are_seen():
    rows = (
        '<x:row r="2"><x:c r="A2"><x:f>B2*2</x:f><x:v>4</x:v></x:c>'
        '<x:c r="B2"><x:f t="shared" si="0"/></x:c><x:c r="C2"/></x:row>'
    )
    scan = scanned(rows, "x:")
    assert cells(scan) == [
        '<x:c r="A2"><x:f>B2*2</x:f><x:v>4</x:v></x:c>',
        '<x:c r="B2"><x:f t="shared" si="0"/></x:c>',
        '<x:c r="C2"/>',
    ]
    assert [bool(f & HAS_FORMULA) for f in scan.cell_flags] == [True, True, False]
    assert list(scan.cell_col) == [1, 2, 3]


def test_an_f_in_another_namespace_is_no_formula():
    scan = scanned('<row r="1"><c r="A1"><o:f xmlns:o="urn:o"/><v>1</v></c></row>')
    assert scan.cell_flags[0] & HAS_FORMULA == 0


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="1"><c r="A1"><c r="B1"/></c></row>',  # a cell in a cell
        '<row r="1"><c r="A1"><is><row r="2"/></is></c></row>',  # a row in a cell
    ],
)
def test_rows_or_cells_inside_a_cell_are_refused_rather_than_spliced_wrongly(rows):
    with pytest.raises(PartError):
        scanned(rows)


def test_a_format_number_too_big_for_any_workbook_is_read_as_no_format_not_a_crash() -> None:
    scan = scan_sheet(
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" s="99999999999999999999">'
        '<v>1</v></c><c r="B1" s="12"><v>2</v></c></row></sheetData></worksheet>'.encode(),
        "xl/worksheets/sheet1.xml",
    )
    assert list(scan.cell_style) == [0, 12]


def test_every_offset_of_the_largest_part_read_fits_the_scans_arrays() -> None:
    scan = SheetScan(b"", "x")
    scan.cell_start.append(PART_LIMIT)  # four bytes a cell: no part is larger
    assert scan.cell_start[0] == PART_LIMIT
