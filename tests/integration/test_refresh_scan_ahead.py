"""A big sheet is scanned in a second process while calamine reads the workbook: the refresh
writes the same bytes as when it is scanned here, whatever the spelling, and a broken sheet
is named as it is when scanned here."""

from __future__ import annotations

from pathlib import Path

import pytest

from addin.adapters.package import background
from addin.adapters.package.parts import Package
from addin.adapters.package.sheet_scan import MAIN, ScanAhead, scan_sheet
from addin.adapters.package.zipraw import PartError, deflated_pieces
from addin.api import refresh_file
from tests.integration.test_other_writers import SPELLINGS, classes_read_by_calamine, spelled
from tests.real_files import parts_of, zipped

SHEET = "xl/worksheets/sheet1.xml"


def refreshed(tmp_path: Path, name: str, big: int, monkeypatch) -> bytes:
    monkeypatch.setattr(background, "WORTH_A_PROCESS", big)
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


def test_the_scan_sent_back_is_the_scan_made_here(tmp_path, monkeypatch):
    monkeypatch.setattr(background, "WORTH_A_PROCESS", 0)
    package = Package.from_bytes(spelled(tmp_path, "x_prefix").read_bytes())
    ahead = ScanAhead(package, SHEET).result()
    here = scan_sheet(package.read(SHEET), SHEET)
    assert ahead.data == here.data
    for name in ("row_number", "row_start", "row_close", "row_cells", "cell_col", "cell_style"):
        assert getattr(ahead, name) == getattr(here, name), name
    assert ahead.cell_start == here.cell_start and ahead.cell_close == here.cell_close
    assert (ahead.prefixes, ahead.scope, ahead.cols) == (here.prefixes, here.scope, here.cols)


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
