"""The bulk scan of a sheet held to the expat scan's result (tests of it, corpus runs)."""

from __future__ import annotations

import dataclasses

from addin.adapters.package.plain_scan import plain_scan
from addin.adapters.package.sheet_scan import SheetScan, scan_sheet
from addin.adapters.package.zipraw import PartError


def same_as_expat(data: bytes, part: str = "xl/worksheets/sheet1.xml") -> SheetScan | None:
    """The bulk scan of `data`, checked to equal the expat scan (None: it declined), its rows
    found in stretches of the usual size and in some 64 (a row at a time in a small sheet). A
    sheet the expat scan refuses must be declined: its fault is the expat scan's to name."""
    try:
        expected = scan_sheet(data, part)
    except PartError:
        assert plain_scan(data, part) is None
        return None
    found = plain_scan(data, part)
    cut = plain_scan(data, part, stretch=max(1, len(data) // 64))
    assert (found is None) == (cut is None)
    for scan in (found, cut) if found is not None else ():
        assert_same_scan(scan, expected)
    return found


def assert_same_scan(found: SheetScan, expected: SheetScan) -> None:
    """Every field alike, the first that differs named."""
    for field in dataclasses.fields(SheetScan):
        assert getattr(found, field.name) == getattr(expected, field.name), field.name
