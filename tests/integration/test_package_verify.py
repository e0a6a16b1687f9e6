"""The check before writing, on the rows a save adds: parsed in batches, still strict."""

from __future__ import annotations

import os

import pytest

from addin.adapters.package import background, verify
from addin.adapters.package.background import WORTH_A_PROCESS
from addin.adapters.package.parts import MAIN_NS, Package
from addin.adapters.package.verify import (
    CheckError,
    ColumnCells,
    Written,
    _check_cells,
    check_added,
    check_package,
    checked_stream,
    parts_checking,
)
from tests.real_files import zipped

PART = "xl/worksheets/sheet1.xml"


def rows(count: int) -> list[bytes]:
    return [f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'.encode() for n in range(1, count + 1)]


def test_ten_thousand_spreadsheetml_rows_pass_the_check() -> None:
    check_added(PART, {"": MAIN_NS}, rows(10_000))


def test_an_element_in_another_namespace_past_the_first_batch_is_refused() -> None:
    added = [*rows(5_000), b'<row r="5001"><c r="A5001"><x:v xmlns:x="urn:other">1</x:v></c></row>']
    with pytest.raises(CheckError, match="not SpreadsheetML"):
        check_added(PART, {"": MAIN_NS}, added)


def test_a_row_left_open_past_the_first_batch_is_refused() -> None:
    added = [*rows(5_000), b'<row r="5001"><c r="A5001">']
    with pytest.raises(CheckError, match=PART):
        check_added(PART, {"": MAIN_NS}, added)


def test_a_changed_sheet_left_malformed_is_refused() -> None:
    good = f'<worksheet xmlns="{MAIN_NS}"><sheetData/></worksheet>'.encode()
    package = Package.from_bytes(zipped({PART: good}))
    broken = good.replace(b"<sheetData/>", b"<sheetData><row r='1'></sheetData>")
    package.write(PART, broken)
    written = Written(parts={PART: broken}, added={PART: ({"": MAIN_NS}, [])})
    with pytest.raises(CheckError, match=PART):
        check_package(lambda: b"", package, written)
    package.write(PART, good)
    check_package(lambda: b"", package, Written(parts={PART: good}, added={PART: ({}, [])}))


def sheet_of(count: int, last: bytes = b"") -> bytes:
    body = b"".join(rows(count))
    return (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
        + body
        + last
        + (b"</sheetData></worksheet>")
    )


def test_a_big_changed_sheet_is_parsed_in_another_process_and_its_fault_still_stops_the_save() -> (
    None
):
    broken = sheet_of(200_000, b"<row r='200001'><c r='A200001'>")  # over 8 MB, left open
    assert len(broken) > WORTH_A_PROCESS
    written = Written(parts={PART: broken}, added={PART: ({"": MAIN_NS}, [])})
    with pytest.raises(CheckError, match=PART):
        parts_checking(written)()
    parts_checking(Written(parts={PART: sheet_of(200_000)}, added={PART: ({"": MAIN_NS}, [])}))()


def test_beside_a_big_sheet_a_fault_in_a_small_part_or_in_the_cells_added_still_stops_the_save():
    """The big sheet is parsed in a process of its own; the other parts and the cells added
    in another: a fault in either is found."""
    big = sheet_of(200_000)
    styles = "xl/styles.xml"
    good = {PART: big, styles: f'<styleSheet xmlns="{MAIN_NS}"/>'.encode()}
    spreadsheetml = {PART: ({"": MAIN_NS}, rows(3))}
    parts_checking(Written(parts=good, added=spreadsheetml))()
    broken = {**good, styles: b"<styleSheet><fonts></styleSheet>"}
    with pytest.raises(CheckError, match=styles):
        parts_checking(Written(parts=broken, added=spreadsheetml))()
    foreign = {PART: ({"": MAIN_NS}, [b'<row r="1"><c xmlns="urn:other" r="A1"/></row>'])}
    with pytest.raises(CheckError, match="not SpreadsheetML"):
        parts_checking(Written(parts=good, added=foreign))()


def zipped_workbook(sheet: bytes) -> bytes:
    """The smallest package calamine reads: one sheet, Sheet1."""
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    types = "http://schemas.openxmlformats.org/package/2006/content-types"
    ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return zipped(
        {
            "[Content_Types].xml": f'<Types xmlns="{types}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
            '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ml}.sheet.main+xml"/>'
            f'<Override PartName="/{PART}" ContentType="{ml}.worksheet+xml"/></Types>'.encode(),
            "_rels/.rels": f'<Relationships xmlns="{rels}"><Relationship Id="rId1" '
            f'Type="{r}/officeDocument" Target="xl/workbook.xml"/></Relationships>'.encode(),
            "xl/workbook.xml": f'<workbook xmlns="{MAIN_NS}" xmlns:r="{r}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode(),
            "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{rels}"><Relationship '
            f'Id="rId1" Type="{r}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>".encode(),
            PART: sheet,
        }
    )


def written_cells(count: int, wrong: int | None) -> tuple[bytes, dict[str, list[ColumnCells]]]:
    """A package whose sheet holds `count` rows of A = row number, and what was meant: the row
    number, but `wrong` meant -1 (and a cell past the last row meant too)."""
    data = zipped_workbook(sheet_of(count))
    values: list[object] = [float(n) for n in range(1, count + 1)]
    if wrong is not None:
        values[wrong - 1] = -1.0
    flags = bytearray([0]) + bytearray([1]) * count
    return data, {"Sheet1": [(1, 1, values, flags)]}


def test_a_cell_read_back_wrong_far_past_the_first_block_of_rows_is_found() -> None:
    data, cells = written_cells(30_000, wrong=None)
    _check_cells(data, cells)
    data, cells = written_cells(30_000, wrong=25_001)
    with pytest.raises(CheckError, match=r"Sheet1!A25001 reads back as 25001\.0, not -1\.0"):
        _check_cells(data, cells)


def test_a_cell_meant_past_the_last_row_calamine_found_is_missed_loudly() -> None:
    data, cells = written_cells(20_000, wrong=None)
    col, first, values, flags = cells["Sheet1"][0]
    cells = {"Sheet1": [(col, first, [*values, 7.0], flags + b"\x01")]}
    with pytest.raises(CheckError, match=r"Sheet1!A20001 reads back as '', not 7\.0"):
        _check_cells(data, cells)


# --- A sheet streamed past HAND_ON_BYTES is parsed on in a forked child, fed through a pipe.

OPEN = f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
CLOSE = b"</sheetData></worksheet>"


def streamed(added: list[bytes]) -> list[tuple[bytes, bool]]:
    """A sheet as checked_stream gets it: its opening, the rows added in pieces, its end."""
    return [(OPEN, False), *((piece, True) for piece in added), (CLOSE, False)]


@pytest.fixture
def children(monkeypatch) -> list[object]:
    """The children the stream check starts (a small HAND_ON_BYTES: a few rows start one)."""
    started: list[object] = []

    def counted(work, name, behind=False):
        child = background.forked(work, name, behind)
        started.append(child)
        return child

    monkeypatch.setattr(verify, "HAND_ON_BYTES", 2_000)
    monkeypatch.setattr(verify, "forked", counted)
    return started


def pieces_of(count: int, per_piece: int = 50) -> list[bytes]:
    every = rows(count)
    return [b"".join(every[i : i + per_piece]) for i in range(0, count, per_piece)]


def test_a_long_stream_is_parsed_on_in_a_child_and_passes_every_piece_unchanged(children):
    pieces = streamed(pieces_of(1_000))
    assert list(checked_stream(PART, {"": MAIN_NS}, "", pieces)) == [p for p, _ in pieces]
    assert len(children) == 1 and children[0] is not None


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (b'<row r="999"><c r="A999"><x:v xmlns:x="urn:other">1</x:v></c></row>', "SpreadsheetML"),
        (b'<row r="999"><c xmlns="urn:other" r="A999"/></row>', "namespace declared"),
        (b'<row r="999"><c r="A999"><v>1</v></row>', "mismatched tag"),
        (b'<row r="999"><c r="A999">', "no element found"),
    ],
    ids=["foreign-element", "namespace", "malformed", "left-open"],
)
def test_a_fault_the_child_parses_still_stops_the_save(children, fault, message):
    pieces = [*pieces_of(900), fault]
    stream = streamed(pieces) if message != "no element found" else streamed(pieces)[:-1]
    with pytest.raises(CheckError, match=message):
        list(checked_stream(PART, {"": MAIN_NS}, "", stream))
    assert len(children) == 1 and children[0] is not None  # found by the child, not here


def test_a_child_that_dies_fails_the_check(children, monkeypatch):
    monkeypatch.setattr(verify, "_go_on", lambda *_: os._exit(9))
    with pytest.raises(CheckError, match="stopped before their end"):
        list(checked_stream(PART, {"": MAIN_NS}, "", streamed(pieces_of(1_000))))


@pytest.mark.parametrize("fault", [None, b'<row r="9"><c r="A9"><v>1</v></row>'])
def test_where_no_child_can_start_the_stream_is_parsed_here(monkeypatch, fault):
    monkeypatch.setattr(verify, "HAND_ON_BYTES", 2_000)
    monkeypatch.setattr(background, "can_fork", lambda: False)
    stream = streamed(pieces_of(1_000) + ([fault] if fault else []))
    if fault is None:
        assert len(list(checked_stream(PART, {"": MAIN_NS}, "", stream))) == len(stream)
    else:
        with pytest.raises(CheckError, match="mismatched tag"):
            list(checked_stream(PART, {"": MAIN_NS}, "", stream))


def test_a_stream_dropped_midway_stops_its_child(children):
    stream = checked_stream(PART, {"": MAIN_NS}, "", streamed(pieces_of(1_000)))
    for _ in range(5):
        next(stream)
    stream.close()  # the save failed elsewhere: the generator is closed
    assert not children[0]._process.is_alive()


def test_a_fault_in_one_window_waits_for_the_other_windows_threads(monkeypatch):
    """No read-back thread may still be inside calamine (which holds stderr) when the check's
    error, or Ctrl-C's, goes on to be said."""
    import threading
    import time

    def check(data, sheet, columns, first, stop):
        if first == 1:
            time.sleep(0.05)
            raise CheckError("the first window is wrong")
        time.sleep(0.5)  # the second window, read meanwhile

    monkeypatch.setattr(verify, "_check_window", check)
    window = b"x" * background.WORTH_A_THREAD  # big enough for a thread of its own
    with pytest.raises(CheckError, match="first window"):
        verify._check_windows([(window, 1, 5), (window, 5, 9)], "Sheet1", [])
    assert not [t for t in threading.enumerate() if t.name == "custdev-read-back"]
