"""How edited cells are written: a fill keeps the value, new values keep the cell's format."""

from __future__ import annotations

from addin.workbook.package.edits import FILL, UNSET, VALUE, SheetEdits, cell_writers
from addin.workbook.package.styles_xml import Styles

STYLES = (
    '<styleSheet><fonts count="1"><font><sz val="11"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0"/>'
    '<xf numFmtId="4" fontId="0" fillId="0"/></cellXfs></styleSheet>'
)


def writer(edits: SheetEdits, col: int):
    return cell_writers(edits, Styles(STYLES), [])(col)


def test_a_fill_restyles_the_cell_and_keeps_its_value_whatever_its_attributes():
    edits = SheetEdits()
    edits.put(2, 5, FILL, ["FF0000"] * 3, 0)
    write = writer(edits, 2)
    cells = [
        '<c r="B5" s="1" t="inlineStr"><is><t>Closed</t></is></c>',  # has a format
        '<c r="B6" t="inlineStr"><is><t>Closed</t></is></c>',  # has none
        '<c t="inlineStr"><is><t>Closed</t></is></c>',  # placed by position
    ]
    formats = (1, 0, 0)  # as the sheet reads them from the cells
    written = [write(r, f, c) for r, f, c in zip((5, 6, 7), formats, cells, strict=True)]
    red_from_1, red_from_0 = written[0].split('"')[3], written[1].split('"')[5]
    assert red_from_1 != red_from_0 and int(red_from_0) >= 2  # new formats, one per base
    assert written[0] == f'<c r="B5" s="{red_from_1}" t="inlineStr"><is><t>Closed</t></is></c>'
    assert written[1] == f'<c r="B6" t="inlineStr" s="{red_from_0}"><is><t>Closed</t></is></c>'
    assert written[2] == f'<c t="inlineStr" s="{red_from_0}"><is><t>Closed</t></is></c>'


def test_no_fill_on_a_missing_cell_writes_nothing_and_a_blank_value_adds_no_cell():
    edits = SheetEdits()
    edits.put(3, 2, FILL, [None], 0)
    edits.put(4, 2, VALUE, [None], 1)
    assert writer(edits, 3)(2, None, None) is None
    assert writer(edits, 4)(2, None, None) is None


def test_values_keep_the_format_of_the_cell_they_replace_and_new_cells_take_the_column_one():
    edits = SheetEdits()
    edits.put(1, 2, VALUE, ["A", "A", 12.5], 1)
    write = writer(edits, 1)
    assert write(2, 0, '<c r="A2"><v>3</v></c>') == '<c r="A2" t="inlineStr"><is><t>A</t></is></c>'
    assert write(3, None, None) == '<c r="A3" s="1" t="inlineStr"><is><t>A</t></is></c>'
    assert write(4, None, None) == '<c r="A4" s="1"><v>12.5</v></c>'


def test_rows_a_column_leaves_unset_are_not_edited():
    edits = SheetEdits()
    edits.put(2, 2, VALUE, ["x"], 0)
    edits.put(2, 5, FILL, ["FF0000"], 0)
    edits.put(2, 1, VALUE, ["Header"], 0)
    assert edits[2] == [1, 2, 5]
    column = edits.columns[2]
    assert [items[3 - column.first] for items in column.lists] == [UNSET, UNSET, UNSET]  # row 3
    assert edits.span() == (2, 2)
