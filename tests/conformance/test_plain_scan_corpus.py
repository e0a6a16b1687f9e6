"""Every worksheet of the real workbooks, in each spelling: the bulk scan (plain_scan) gives
what the expat scan gives, or declines; and it declines no sheet with rows that Excel, the Open
XML SDK's prefix or LibreOffice wrote, so real files take the quick path."""

from __future__ import annotations

import re

import pytest

from addin.adapters.package.sheet_scan import scan_sheet
from tests.conformance.corpus import SAMPLE, every_nth, excel_files, spelled
from tests.real_files import parts_of
from tests.scan_check import same_as_expat

pytestmark = pytest.mark.conformance

SHEETS = re.compile(r"xl/worksheets/[^/]+\.xml")
TAKEN_WHOLE = {"excel", "x_prefix", "libreoffice"}
"""Spellings whose every sheet with rows is plain."""


def sheets_of(data: bytes) -> dict[str, bytes]:
    return {part: xml for part, xml in parts_of(data).items() if SHEETS.fullmatch(part)}


@pytest.mark.parametrize(
    "spelling",
    [
        "excel",
        "x_prefix",
        "single_quotes",
        "pretty",
        pytest.param("libreoffice", marks=pytest.mark.libreoffice),
    ],
)
def test_every_sheet_scans_in_bulk_as_expat_scans_it_or_is_left_to_expat(spelling, request):
    if spelling == "libreoffice":
        files = list(request.getfixturevalue("resaved_by_libreoffice").values())
    else:
        files = excel_files() if spelling == "excel" else every_nth(excel_files(), SAMPLE)
    plain = declined = 0
    for file in files:
        data = (
            file.read_bytes() if spelling == "libreoffice" else spelled(file.read_bytes(), spelling)
        )
        for part, xml in sheets_of(data).items():
            if same_as_expat(xml, part) is not None:
                plain += 1
            elif spelling in TAKEN_WHOLE:
                assert not scan_sheet(xml, part).row_start, (file.name, part)  # no rows
                declined += 1
    if spelling in TAKEN_WHOLE:
        assert plain > declined, (plain, declined)
