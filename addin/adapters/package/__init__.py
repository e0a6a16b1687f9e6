"""The one file adapter: an OOXML package edited part by part through a real XML layer.

zipraw, limits   zip entries copied raw; sizes and ratios capped before anything unpacks
safexml          lxml for small parts, expat for sheets; DTDs and entities refused
emitter, cells   the one emitter (escaping in one place) and SpreadsheetML cells
refs             cell references ('K12', 'A1:V20'), needing no pandas
sheet_scan       a worksheet's rows and cells as byte offsets, found by {namespace}name
sheet, edits     new cells spliced into a sheet's bytes, in the row's own prefix
styles, tables, workbook_part, new_parts, charts   small parts edited as lxml trees
report_*         report sheets written whole by the emitter
verify           the written package read back (expat, calamine) before anyone writes it
calamine_calls   the one door to python-calamine: a Rust panic becomes a calamine error
formats          encrypted, .xls, .xlsb and Strict files named and refused
book             PackageBook, the WorkbookPort
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from addin.adapters.package.book import PackageBook

__all__ = ["PackageBook"]


def __getattr__(name: str) -> Any:
    """PackageBook imported when first asked for: it needs pandas and calamine, which a sheet
    scanned early (scan_ahead.scanned_early) does not wait for."""
    if name != "PackageBook":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from addin.adapters.package.book import PackageBook

    globals()[name] = PackageBook
    return PackageBook
