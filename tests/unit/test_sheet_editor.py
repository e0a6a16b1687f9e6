"""Rewriting a worksheet's rows: only the cells asked for change, every other byte stays."""

from __future__ import annotations

from addin.adapters.package.sheet import SheetEditor
from addin.adapters.package.sheet_scan import MAIN, scan_sheet

HEAD = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:B2"/><sheetData>'
TAIL = "</sheetData><extLst><ext uri='x'/></extLst></worksheet>"


def mark(col):
    """Writes 1 in a cell, keeping its format; a new cell gets format 9."""

    def write(row, p, style):
        s = style if style is not None else 9
        return f'<{p}c r="{"ABCDEF"[col - 1]}{row}" s="{s}"><{p}v>1</{p}v></{p}c>'

    return write


def rendered(xml: str, edits: dict[int, list[int]]) -> str:
    """`xml` with `edits` (row -> columns) written through `mark`."""
    rows = [(r, [(c, mark(c)) for c in sorted(cols)]) for r, cols in sorted(edits.items())]
    cols = [c for cs in edits.values() for c in cs]
    editor = SheetEditor(scan_sheet(xml.encode(), "sheet.xml"))
    return b"".join(editor.render(rows, (min(cols), max(cols))).pieces).decode()


def render(rows: str, edits: dict[int, list[int]]) -> str:
    return rendered(HEAD + rows + TAIL, edits)


def test_untouched_rows_and_everything_around_the_rows_are_kept_verbatim():
    rows = '<row r="1" spans="1:2"><c r="A1" s="3"><v>5</v></c></row><row r="2"><c r="A2"/></row>'
    out = render(rows, {2: [2]})
    assert out.startswith(HEAD + '<row r="1" spans="1:2">')
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
    empty = rendered(f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>', {1: [1]})
    row = '<row r="1"><c r="A1" s="9"><v>1</v></c></row>'
    assert empty == f'<worksheet xmlns="{MAIN}"><sheetData>{row}</sheetData></worksheet>'


def test_new_cells_take_the_prefix_the_sheet_gives_spreadsheetml():
    xml = (
        f"<x:worksheet xmlns:x='{MAIN}'><x:sheetData><x:row r='2'><x:c r='A2'/></x:row>"
        "</x:sheetData></x:worksheet>"
    )
    out = rendered(xml, {2: [2], 3: [1]})
    assert "<x:row r='2'><x:c r='A2'/><x:c r=\"B2\" s=\"9\"><x:v>1</x:v></x:c></x:row>" in out
    assert '<x:row r="3"><x:c r="A3" s="9"><x:v>1</x:v></x:c></x:row></x:sheetData>' in out


def test_single_quoted_attributes_and_spaced_tags_are_read_as_any_other():
    xml = (
        f"<worksheet\n xmlns='{MAIN}'>\n <sheetData>\n  <row r = '2' >\n"
        "   <c s='3' r='A2' ><v>5</v></c >\n  </row >\n </sheetData>\n</worksheet>"
    )
    out = rendered(xml, {2: [1, 2]})
    assert '<c r="A2" s="3"><v>1</v></c >' not in out  # the old cell is replaced whole
    assert '   <c r="A2" s="3"><v>1</v></c>\n  <c r="B2" s="9"><v>1</v></c></row >' in out
    assert out.count("r = '2'") == 1 and "r='A2'" not in out
