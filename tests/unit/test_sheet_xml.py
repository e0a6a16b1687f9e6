"""Rewriting a worksheet's rows: only the cells asked for change, every other byte stays."""

from __future__ import annotations

from addin.workbook.package.sheet_xml import SheetXml

HEAD = '<worksheet><dimension ref="A1:B2"/><sheetData>'
TAIL = "</sheetData><extLst><ext uri='x'/></extLst></worksheet>"


def mark(col):
    """Writes 1 in a cell, keeping its format; a new cell gets format 9."""

    def write(row, style, old):
        return (
            f'<c r="{"ABCDEF"[col - 1]}{row}" s="{style if style is not None else 9}"><v>1</v></c>'
        )

    return write


def render(rows: str, edits: dict[int, list[int]]) -> str:
    """`edits` row -> columns, as a reader thinks of them; render takes column -> rows."""
    return SheetXml.parse(HEAD + rows + TAIL).render(by_column(edits), mark)


def by_column(edits: dict[int, list[int]]) -> dict[int, list[int]]:
    columns: dict[int, list[int]] = {}
    for row in sorted(edits):
        for col in edits[row]:
            columns.setdefault(col, []).append(row)
    return columns


def test_untouched_rows_and_everything_around_the_rows_are_kept_verbatim():
    rows = '<row r="1" spans="1:2"><c r="A1" s="3"><v>5</v></c></row><row r="2"><c r="A2"/></row>'
    out = render(rows, {2: [2]})
    assert out.startswith('<worksheet><dimension ref="A1:B2"/><sheetData><row r="1" spans="1:2">')
    assert out.endswith(TAIL)
    assert '<row r="2"><c r="A2"/><c r="B2" s="9"><v>1</v></c></row>' in out


def test_a_cell_is_replaced_in_place_keeping_its_format():
    out = render('<row r="2"><c r="A2" s="4" t="s"><v>0</v></c><c r="B2"/></row>', {2: [1]})
    assert '<row r="2"><c r="A2" s="4"><v>1</v></c><c r="B2"/></row>' in out


def test_a_cell_between_others_goes_in_column_order():
    out = render('<row r="2"><c r="A2"/><c r="C2"/></row>', {2: [2]})
    assert '<c r="A2"/><c r="B2" s="9"><v>1</v></c><c r="C2"/>' in out


def test_cells_written_without_references_are_placed_by_position():
    out = render('<row r="2"><c><v>7</v></c><c><v>8</v></c></row>', {2: [1, 3]})
    assert '<c r="A2" s="0"><v>1</v></c><c r="B2"><v>8</v></c><c r="C2" s="9"><v>1</v></c>' in out


def test_text_that_looks_like_a_reference_is_not_taken_for_a_cell():
    rows = '<row r="2"><c r="A2" t="inlineStr"><is><t> r="B2"</t></is></c></row>'
    out = render(rows, {2: [2]})
    assert '<t> r="B2"</t></is></c><c r="B2" s="9"><v>1</v></c>' in out


def test_new_rows_go_in_order_and_the_used_range_grows():
    out = render('<row r="2"><c r="A2"/></row><row r="5"/>', {1: [1], 3: [1], 6: [4]})
    assert out.index('<row r="1">') < out.index('<row r="2">') < out.index('<row r="3">')
    assert out.index('<row r="5"/>') < out.index('<row r="6">')
    assert '<dimension ref="A1:D6"/>' in out


def test_a_self_closing_row_and_an_empty_sheet_take_cells():
    assert '<row r="5"><c r="A5" s="9"><v>1</v></c></row>' in render('<row r="5"/>', {5: [1]})
    empty = SheetXml.parse("<worksheet><sheetData/></worksheet>").render(by_column({1: [1]}), mark)
    row = '<row r="1"><c r="A1" s="9"><v>1</v></c></row>'
    assert empty == f"<worksheet><sheetData>{row}</sheetData></worksheet>"
