"""The check before writing, on the rows a save adds: parsed in batches, still strict."""

from __future__ import annotations

import pytest

from addin.adapters.package.parts import MAIN_NS, Package
from addin.adapters.package.verify import CheckError, Written, check_added, check_package
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
