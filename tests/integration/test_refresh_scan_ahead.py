"""A big sheet is scanned in a second process while calamine reads the workbook: the refresh
writes the same bytes as when it is scanned here, whatever the spelling, and a broken sheet
is named as it is when scanned here."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from addin.adapters.package import background, plain_scan, scan_ahead
from addin.adapters.package.parts import Package
from addin.adapters.package.scan_ahead import ScanAhead, scanned_early, split_point
from addin.adapters.package.sheet_scan import MAIN, scan_sheet, scan_until
from addin.adapters.package.zipraw import PartError, deflated_pieces
from addin.api import refresh_file
from addin.domain.errors import InvalidValuesError, NotAWorkbookError
from addin.domain.run_report import RunOptions
from tests.integration.test_other_writers import SPELLINGS, classes_read_by_calamine, spelled
from tests.real_files import parts_of, zipped
from tests.scan_check import assert_same_scan
from tests.workbooks import customers_book

SHEET = "xl/worksheets/sheet1.xml"
ROOT = Path(__file__).resolve().parents[2]


def refreshed(tmp_path: Path, name: str, big: int, monkeypatch) -> bytes:
    monkeypatch.setattr(background, "WORTH_A_PROCESS", big)
    monkeypatch.setattr(plain_scan, "PLAIN_WORTH", big)  # a plain one is scanned in bulk
    folder = tmp_path / ("elsewhere" if big == 0 else "here")
    folder.mkdir(exist_ok=True)
    path = spelled(folder, name)
    refresh_file(path)
    assert classes_read_by_calamine(path)[:3] == ["A", "B", "C"]
    return path.read_bytes()


@pytest.mark.parametrize("name", list(SPELLINGS))
def test_a_sheet_scanned_in_another_process_is_refreshed_to_the_same_bytes(
    tmp_path, name, monkeypatch
):
    elsewhere = refreshed(tmp_path, name, 0, monkeypatch)  # every sheet counts as big
    here = refreshed(tmp_path, name, 1 << 40, monkeypatch)  # none does: scanned on a thread
    assert parts_of(elsewhere) == parts_of(here)


@pytest.fixture
def in_halves(monkeypatch) -> None:
    """Every sheet counts as big and as not plain: it is scanned in two halves."""
    monkeypatch.setattr(background, "WORTH_A_PROCESS", 0)
    monkeypatch.setattr(scan_ahead, "looks_plain", lambda *_: False)


@pytest.mark.parametrize("name", list(SPELLINGS))
@pytest.mark.usefixtures("in_halves")
def test_the_scan_sent_back_is_the_scan_made_here(tmp_path, name):
    """Scanned in two halves by two processes, joined: the same."""
    package = Package.from_bytes(spelled(tmp_path, name).read_bytes())
    data = package.read(SHEET)
    assert split_point(data, SHEET) is not None  # it is split
    assert_same_scan(ScanAhead(package, SHEET).result(), scan_sheet(data, SHEET))


def rows_sheet(middle: str = "", rows: int = 40, p: str = "", numbered: bool = True) -> bytes:
    """A sheet of `rows` rows of three cells (one a formula, one empty), `middle` between the
    two halves; rows written without r= when not `numbered`."""

    def row(r: int) -> str:
        ref = f' r="{r}"' if numbered else ""
        return (
            f'<{p}row{ref} spans="1:3"><{p}c r="A{r}" t="inlineStr"><{p}is><{p}t>row {r}'
            f'</{p}t></{p}is></{p}c><{p}c r="B{r}" s="1"><{p}f>A{r}</{p}f><{p}v>{r}</{p}v>'
            f'</{p}c><{p}c r="C{r}" s="2"/></{p}row>'
        )

    half = rows // 2
    body = (
        "".join(map(row, range(1, half + 1)))
        + middle
        + "".join(map(row, range(half + 1, rows + 1)))
    )
    declaration = f'xmlns:{p[:-1]}="{MAIN}"' if p else f'xmlns="{MAIN}"'
    return (
        f'<?xml version="1.0"?><{p}worksheet {declaration}><{p}dimension ref="A1:C{rows}"/>'
        f'<{p}cols><{p}col min="1" max="2" style="3"/></{p}cols><{p}sheetData>{body}'
        f"</{p}sheetData><{p}pageMargins/></{p}worksheet>"
    ).encode()


SPLIT_CASES = {
    "plain": rows_sheet(),
    "x_prefix": rows_sheet(p="x:"),
    "rows_by_position": rows_sheet(numbered=False),
    "a_row_in_a_comment": rows_sheet("<!---->" * 60 + "<!-- <row r='99'> -->"),
    "a_row_in_cdata": rows_sheet(
        '<row r="20.5"><c r="A1" t="inlineStr"><is><t><![CDATA[ <row r="7"> ]]></t></is></c></row>'
    ),
}


@pytest.mark.parametrize("case", list(SPLIT_CASES))
@pytest.mark.usefixtures("in_halves")
def test_a_sheet_scanned_in_halves_is_scanned_as_a_whole(case):
    """Where a row seems to start past the middle is only a guess: in a comment or a text, the
    first half goes on to the end alone; rows numbered by position go on counting."""
    data = SPLIT_CASES[case]
    _, guess = split_point(data, SHEET)  # type: ignore[misc]
    a_row = not case.startswith("a_row_in")
    assert scan_until(data, SHEET, guess).stopped == a_row  # the case is the one meant
    package = Package.from_bytes(zipped({SHEET: data}))
    assert_same_scan(ScanAhead(package, SHEET).result(), scan_sheet(data, SHEET))


@pytest.mark.usefixtures("in_halves")
def test_a_sheet_broken_before_the_split_stops_the_second_half():
    data = rows_sheet(rows=4000).replace(b'<c r="C3" s="2"/>', b'<c r="C3" s="2">')
    package = Package.from_bytes(zipped({SHEET: data}))
    ahead = ScanAhead(package, SHEET)
    assert multiprocessing.active_children()  # both halves started

    with pytest.raises(PartError):
        ahead.result()

    assert not multiprocessing.active_children()


@pytest.mark.usefixtures("in_halves")
def test_a_sheet_broken_after_the_split_is_named_as_a_whole_scan_names_it():
    data = rows_sheet().replace(b'<c r="C30" s="2"/>', b'<c r="C30" s="2">')
    package = Package.from_bytes(zipped({SHEET: data}))
    with pytest.raises(PartError) as whole:
        scan_sheet(data, SHEET)
    with pytest.raises(PartError) as ahead:
        ScanAhead(package, SHEET).result()
    assert ahead.value.values == whole.value.values and ahead.value.part == SHEET


@pytest.mark.parametrize("case", list(SPLIT_CASES))
def test_a_big_plain_sheet_is_scanned_in_bulk_by_one_process_and_any_other_in_halves(
    case, monkeypatch
):
    monkeypatch.setattr(background, "WORTH_A_PROCESS", 0)
    monkeypatch.setattr(plain_scan, "PLAIN_WORTH", 0)
    halved = []
    split = scan_ahead.split_point
    monkeypatch.setattr(scan_ahead, "split_point", lambda *a: halved.append(a) or split(*a))
    data = SPLIT_CASES[case]
    bulk = plain_scan.plain_scan(data, SHEET) is not None
    assert bulk == (case in ("plain", "x_prefix"))  # rows by position, comments, CDATA: not
    ahead = ScanAhead(Package.from_bytes(zipped({SHEET: data})), SHEET)
    assert_same_scan(ahead.result(), scan_sheet(data, SHEET))
    # rows without r= hide no tag: the sheet looks plain, one process takes it (to expat)
    assert bool(halved) == (case.startswith("a_row_in"))


@pytest.mark.parametrize("big", [0, 1 << 40])
def test_a_broken_sheet_is_named_whichever_way_it_was_scanned(big, monkeypatch):
    monkeypatch.setattr(background, "WORTH_A_PROCESS", big)
    broken = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"></row>'.encode()
    package = Package.from_bytes(zipped({SHEET: broken}))
    with pytest.raises(PartError) as raised:
        ScanAhead(package, SHEET).result()
    assert raised.value.part == SHEET and raised.value.key == "error.part_xml"


def test_a_part_written_already_packed_is_scanned_ahead_as_any_other(monkeypatch):
    """A sheet streamed into zlib (`write_packed`) has its unpacked size, as the file's parts do."""
    monkeypatch.setattr(background, "WORTH_A_PROCESS", 1 << 40)
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"/></row></sheetData>'
    content = f"{sheet}</worksheet>".encode()
    package = Package.from_bytes(zipped({SHEET: b"<worksheet/>"}))
    package.write_packed(deflated_pieces(SHEET, [content[:20], content[20:]], 1))
    assert package.size(SHEET) == len(content)
    assert ScanAhead(package, SHEET).result().cell_col.tolist() == [1]


EARLY = """
import sys
from addin.adapters.package import background, scan_ahead
from addin.refresh import refresh_file

background.WORTH_A_PROCESS = 0  # this small sheet counts as big
started = []
start = scan_ahead.ScanAhead.__init__

def recorded(self, package, part):
    started.append([part, "pandas" in sys.modules])
    start(self, package, part)

scan_ahead.ScanAhead.__init__ = recorded
if sys.argv[2] == "late":
    scan_ahead.scanned_early = lambda *args: None
refresh_file(sys.argv[1])
print(started[0])
"""


@pytest.mark.parametrize("name", ["excel", "x_prefix"])
def test_a_refresh_scans_the_customers_sheet_while_pandas_is_imported_to_the_same_bytes(
    tmp_path, name
):
    """`custdev refresh` starts scanning before it imports pandas and the rest of the editor
    (half a second in which the second core would wait); what it writes does not change."""
    written, started = {}, {}
    for when in ("early", "late"):
        folder = tmp_path / when
        folder.mkdir()
        path = spelled(folder, name)
        done = subprocess.run(
            [sys.executable, "-c", EARLY, str(path), when],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        started[when] = done.stdout.split("\n")[-2]
        written[when] = path.read_bytes()
    assert started == {"early": f"['{SHEET}', False]", "late": f"['{SHEET}', True]"}
    assert parts_of(written["early"]) == parts_of(written["late"])


def test_a_file_not_scanned_early_is_left_to_the_ordinary_path(tmp_path):
    """Not a workbook, no Customers table, a small sheet: no scan is started (what was opened
    is kept), and a refresh says what it always says."""
    book = spelled(tmp_path, "excel").read_bytes()
    small = scanned_early(book, "book.xlsx", "Customers")  # not worth a process
    assert small is not None and small.scan is None and "customers" in small.tables
    assert scanned_early(b"PK\x03\x04 not a zip", "book.xlsx", "Customers") is None
    missing = scanned_early(book, "book.xlsx", "NoSuchTable")
    assert missing is not None and missing.scan is None
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(NotAWorkbookError):
        refresh_file(broken)


def test_a_refresh_that_fails_stops_the_processes_scanning_ahead(tmp_path, monkeypatch):
    """The scan of a big sheet started early; the run then stops on a bad value (strict): the
    scanning processes stop with it instead of waiting forever to hand over their offsets."""
    monkeypatch.setattr(background, "WORTH_A_PROCESS", 0)
    rows: list[list[object]] = [[f"C{n:05d}", f"Customer {n}", 1000.0 + n] for n in range(4_000)]
    rows[3_000][2] = "a lot"
    path = tmp_path / "customers.xlsx"
    customers_book(rows).save(path)
    with pytest.raises(InvalidValuesError):
        refresh_file(path, options=RunOptions(strict=True))
    assert multiprocessing.active_children() == []


def test_the_table_scanned_early_is_the_one_the_use_cases_read_first():
    from addin.domain import schema
    from addin.services import common

    assert common.CUSTOMERS is schema.CUSTOMERS
