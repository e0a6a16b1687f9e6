"""How edited cells are written: a fill keeps the value, new values keep the cell's format."""

from __future__ import annotations

from addin.adapters.package.edits import (
    FILL,
    UNSET,
    VALUE,
    LaterStyle,
    SheetEdits,
    cell_writers,
)
from addin.adapters.package.sheet import SheetEditor
from addin.adapters.package.sheet_scan import MAIN, scan_sheet
from addin.adapters.package.styles import Styles

STYLES = (
    f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0"/>'
    '<xf numFmtId="4" fontId="0" fillId="0"/></cellXfs></styleSheet>'
).encode()


def writer(edits: SheetEdits, col: int):
    return cell_writers(edits, Styles(STYLES, "styles.xml"))[col]


def sheet_with(edits: SheetEdits, rows: str) -> str:
    """The sheet holding `rows`, with `edits` written."""
    editor = SheetEditor(
        scan_sheet(
            f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode(), "s"
        )
    )
    writes = cell_writers(edits, Styles(STYLES, "styles.xml"))
    return b"".join(editor.render(edits.by_row(writes), edits.span()).pieces).decode()


def test_a_fill_restyles_the_cell_and_keeps_its_value_whatever_its_attributes():
    edits = SheetEdits()
    edits.put(2, 5, FILL, ["FF0000"] * 3, 0)
    rows = (
        '<row r="5"><c r="B5" s="1" t="inlineStr"><is><t>Closed</t></is></c></row>'  # a format
        '<row r="6"><c r="B6" t="inlineStr"><is><t>Closed</t></is></c></row>'  # none
        '<row r="7"><c/><c t="inlineStr"><is><t>Closed</t></is></c></row>'  # placed by position
    )
    out = sheet_with(edits, rows)
    cells = [out[out.index(f'<row r="{r}">') :].split("</row>")[0] for r in (5, 6, 7)]
    red_from_1 = cells[0].split('s="')[1].split('"')[0]
    red_from_0 = cells[1].split('s="')[1].split('"')[0]
    assert red_from_1 != red_from_0 and int(red_from_0) >= 2  # new formats, one per base
    assert cells[0].endswith(f'<c r="B5" s="{red_from_1}" t="inlineStr"><is><t>Closed</t></is></c>')
    assert cells[1].endswith(f'<c r="B6" t="inlineStr" s="{red_from_0}"><is><t>Closed</t></is></c>')
    assert cells[2].endswith(f'<c t="inlineStr" r="B7" s="{red_from_0}"><is><t>Closed</t></is></c>')


def test_no_fill_on_a_missing_cell_writes_nothing_and_a_blank_value_adds_no_cell():
    edits = SheetEdits()
    edits.put(3, 2, FILL, [None], 0)
    edits.put(4, 2, VALUE, [None], 1)
    assert writer(edits, 3)(2, "", None) is None
    assert writer(edits, 4)(2, "", None) is None


def test_values_keep_the_format_of_the_cell_they_replace_and_new_cells_take_the_column_one():
    edits = SheetEdits()
    edits.put(1, 2, VALUE, ["A", "A", 12.5], 1)
    write = writer(edits, 1)
    assert write(2, "", 0) == '<c r="A2" t="inlineStr"><is><t>A</t></is></c>'
    assert write(3, "", None) == '<c r="A3" s="1" t="inlineStr"><is><t>A</t></is></c>'
    assert write(4, "", None) == '<c r="A4" s="1"><v>12.5</v></c>'


def test_rows_a_column_leaves_unset_are_not_edited():
    edits = SheetEdits()
    edits.put(2, 2, VALUE, ["x"], 0)
    edits.put(2, 5, FILL, ["FF0000"], 0)
    edits.put(2, 1, VALUE, ["Header"], 0)
    assert edits[2] == [1, 2, 5]
    column = edits.columns[2]
    assert [items[3 - column.first] for items in column.lists] == [UNSET, UNSET, UNSET]  # row 3
    assert edits.span() == (2, 2)


def test_a_format_given_for_later_is_found_once_when_the_sheet_is_rendered():
    """A refresh writes its columns while the sheet is still being scanned elsewhere: the format
    of new cells is found at rendering, once for the whole column, and new cells take it."""
    asked: list[int] = []
    later = LaterStyle(lambda: asked.append(1) or 1)
    edits = SheetEdits()
    edits.put(2, 2, VALUE, [5.0, 6.0], later)
    assert asked == []
    edits.settle_styles()
    assert asked == [1]
    assert writer(edits, 2)(3, "", None) == '<c r="B3" s="1"><v>6.0</v></c>'
