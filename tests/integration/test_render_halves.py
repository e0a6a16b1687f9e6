"""A big sheet's edited rows spliced in two processes give the bytes of one splice of them all:
whatever the edits, new formats needed only in the second half, errors in either half, and a
file whose rows are out of order (spliced in one process)."""

from __future__ import annotations

import os

import pytest

from addin.adapters.package import background, render_halves
from addin.adapters.package.cells import CellLimitError
from addin.adapters.package.edits import FILL, VALUE, SheetEdits, cell_writers
from addin.adapters.package.sheet import Rendered, SheetEditor
from addin.adapters.package.sheet_scan import MAIN, scan_sheet
from addin.adapters.package.styles import Styles
from tests.unit.test_cell_edits import STYLES

pytestmark = pytest.mark.skipif(not background._FORK, reason="forks only on Linux")
ROWS = 6_000


@pytest.fixture(autouse=True)
def small_sheets_split(monkeypatch):
    """A few thousand rows are split as a 100,000-row sheet is (and few are spliced first)."""
    monkeypatch.setattr(render_halves, "WORTH_SPLITTING", 1)
    monkeypatch.setattr(render_halves, "WARM_ROWS", 100)


def sheet(numbers: list[int], p: str = "") -> bytes:
    ns = f' xmlns:{p[:-1]}="{MAIN}"' if p else f' xmlns="{MAIN}"'
    rows = "".join(
        f'<{p}row r="{n}"><{p}c r="A{n}" t="inlineStr"><{p}is><{p}t>C{n}</{p}t></{p}is></{p}c>'
        f'<{p}c r="C{n}" s="1"><{p}v>{n}</{p}v></{p}c></{p}row>'
        for n in numbers
    )
    head = f'<{p}worksheet{ns}><{p}dimension ref="A1:C{max(numbers)}"/><{p}sheetData>'
    return f"{head}{rows}</{p}sheetData></{p}worksheet>".encode()


def both_ways(data: bytes, edits: SheetEdits) -> tuple[Rendered, Rendered, list[int]]:
    """The sheet rendered with `edits` in one process and in halves; the pids that spliced."""
    serial_styles, split_styles = Styles(STYLES, "s.xml"), Styles(STYLES, "s.xml")
    editor = SheetEditor(scan_sheet(data, "sheet.xml"))
    stop = editor.last_row() + 1
    serial = editor.render(edits.by_row(cell_writers(edits, serial_styles), stop), (1, 4))
    spliced_by: list[int] = []
    splice = editor.splice_rows

    def recorded(*args):
        spliced_by.append(os.getpid())
        return splice(*args)

    editor.splice_rows = recorded  # type: ignore[method-assign]
    writes = cell_writers(edits, split_styles)
    rows = edits.edited_rows(writes, stop, split_styles.added_count)
    split = editor.render(rows, (1, 4))
    assert serial_styles.added_count() == split_styles.added_count()
    return serial, split, spliced_by


def assert_same(serial: Rendered, split: Rendered) -> None:
    assert b"".join(split.pieces) == b"".join(serial.pieces)
    assert split.added == serial.added
    assert split.written_rows == serial.written_rows
    assert b"".join(split.read_back) == b"".join(serial.read_back)
    assert split.formulas_replaced == serial.formulas_replaced
    assert {c: bytes(f).rstrip(b"\0") for c, f in split.cells.items()} == {
        c: bytes(f).rstrip(b"\0") for c, f in serial.cells.items()
    }


@pytest.mark.parametrize("p", ["", "x:"])
def test_a_refresh_of_every_row_is_spliced_in_two_processes_into_the_same_bytes(p):
    edits = SheetEdits()
    edits.put(2, 1, VALUE, [f"B{n}" for n in range(1, ROWS + 1)], 0)  # new cells
    edits.put(3, 1, FILL, ["FF0000" if n % 3 else None for n in range(ROWS)], 0)  # restyles
    edits.put(4, 1, VALUE, [float(n) for n in range(ROWS)], 1)
    serial, split, pids = both_ways(sheet(list(range(1, ROWS + 1)), p), edits)
    assert_same(serial, split)
    assert len(set(pids)) == 1 and pids[0] == os.getpid()  # the child's calls are not seen here
    assert len(pids) == 2  # the rows before the fork, then the rest of the first half


def test_sparse_edits_and_rows_the_file_lacks_go_where_one_splice_puts_them():
    numbers = [n for n in range(1, ROWS + 1) if n % 7]  # rows 7, 14, ... are missing
    edits = SheetEdits()
    values = [
        f"new {n}" if (n % 5 == 0 or n % 7 == 0) and not 2_500 < n < 3_500 else None
        for n in range(1, ROWS + 1)
    ]  # none near the middle: the rows between the halves are copied as they are
    edits.put(2, 1, VALUE, values, 0)
    serial, split, _ = both_ways(sheet(numbers), edits)
    assert_same(serial, split)
    assert b'<row r="3500"><c r="B3500"' in b"".join(split.pieces)
    assert b'<row r="3000"><c r="A3000"' in b"".join(split.pieces)


def test_formats_only_the_second_half_needs_send_it_back_to_this_process():
    """The child would add the fill's format in its own process alone: its half is spliced
    here again, and the styles and bytes are those of one splice."""
    edits = SheetEdits()
    fills = [None] * ROWS
    fills[ROWS - 10] = "00FF00"  # far past the rows spliced before the fork
    edits.put(3, 1, FILL, fills, 0)
    serial, split, pids = both_ways(sheet(list(range(1, ROWS + 1))), edits)
    assert_same(serial, split)
    assert len(pids) == 3  # the second half spliced here too


@pytest.mark.parametrize("bad_row", [50, ROWS - 50])
def test_text_too_long_in_either_half_is_the_error_one_splice_gives(bad_row):
    values: list[object] = [f"B{n}" for n in range(1, ROWS + 1)]
    values[bad_row - 1] = "x" * 40_000
    edits = SheetEdits()
    edits.put(2, 1, VALUE, values, 0)
    editor = SheetEditor(scan_sheet(sheet(list(range(1, ROWS + 1))), "sheet.xml"))
    styles = Styles(STYLES, "s.xml")
    rows = edits.edited_rows(cell_writers(edits, styles), ROWS + 1, styles.added_count)
    with pytest.raises(CellLimitError) as raised:
        editor.render(rows, (1, 2))
    assert raised.value.ref == f"B{bad_row}"


def test_rows_out_of_order_in_the_file_are_spliced_in_one_process():
    numbers = list(range(1, ROWS + 1))
    numbers[10], numbers[11] = numbers[11], numbers[10]
    edits = SheetEdits()
    edits.put(3, 1, FILL, ["FF0000"] * ROWS, 0)
    editor = SheetEditor(scan_sheet(sheet(numbers), "sheet.xml"))
    rows = edits.edited_rows(cell_writers(edits, Styles(STYLES, "s")), ROWS + 1, lambda: None)
    assert render_halves._middle(editor, rows) is None
    data = sheet(sorted(numbers))
    number, offset = render_halves._middle(SheetEditor(scan_sheet(data, "sheet.xml")), rows)
    assert number == ROWS + 1 - int(ROWS * render_halves.CHILD_SHARE)
    assert data[offset:].startswith(f'<row r="{number}">'.encode())
