"""A second refresh with nothing left to change leaves the sheet's zip entry as it was: not
spliced, not packed again (and so not checked again), byte for byte."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from addin.api import refresh_file
from tests.integration.test_other_writers import SPELLINGS, classes_read_by_calamine, spelled

SHEET = "xl/worksheets/sheet1.xml"


def with_sheet_stored(path: Path) -> None:
    """The workbook with its sheet stored uncompressed, as custdev would never pack it."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, content in parts:
            kind = zipfile.ZIP_STORED if info.filename == SHEET else zipfile.ZIP_DEFLATED
            archive.writestr(info.filename, content, compress_type=kind)
    path.write_bytes(out.getvalue())


def sheet_entry(path: Path) -> tuple[int, bytes]:
    with zipfile.ZipFile(path) as archive:
        return archive.getinfo(SHEET).compress_type, archive.read(SHEET)


def test_a_second_refresh_keeps_the_sheet_entry_as_it_was(tmp_path):
    for name in SPELLINGS:
        path = spelled(tmp_path, name)
        refresh_file(path)
        with_sheet_stored(path)
        before = sheet_entry(path)

        refresh_file(path)

        assert sheet_entry(path) == before and before[0] == zipfile.ZIP_STORED, name
        assert classes_read_by_calamine(path)[:3] == ["A", "B", "C"]


def test_a_refresh_with_cells_to_write_packs_the_sheet_anew(tmp_path):
    path = spelled(tmp_path, "excel")
    with_sheet_stored(path)
    before = sheet_entry(path)

    refresh_file(path)

    kind, content = sheet_entry(path)
    assert kind == zipfile.ZIP_DEFLATED and content != before[1]
