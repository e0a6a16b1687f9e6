"""A sheet scanned while the use case computes: a big one in a forked process (two, a half each,
when it is not plain).

A plain sheet (plain_scan: as Excel and the other writers write them) is scanned in bulk, a
second of processor time for 100,000 rows, by one process beside the use case (calamine reading
the table, the checks, the classes). Any other takes expat two to three seconds of Python
callbacks, longer than the use case, so two processes scan a half each. The halves meet at a row
that starts past the middle; where it starts is only guessed from the bytes (`<row`, with the prefix
the sheet's rows take), and the first half proves the guess: its scan, a real parse of every
byte before that point, must report a row of sheetData starting exactly there, or it goes on to
the end alone and the second half is dropped. The second half parses the sheet's start (up to
its first row) followed by the rows from the meeting point: well-formed exactly when the sheet
is. Any error is found again by a scan of the whole sheet here, so it is named as it always is.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from addin.adapters.package import background
from addin.adapters.package.background import InProcess, Pending
from addin.adapters.package.formats import opened
from addin.adapters.package.parts import Package
from addin.adapters.package.plain_scan import first_row, looks_plain, quick_scan
from addin.adapters.package.sheet_scan import (
    NO_REF,
    SheetScan,
    scan_from,
    scan_sheet,
    scan_until,
    shifted,
)
from addin.adapters.package.tables import TablePart, tables_of
from addin.adapters.package.zipraw import PartError

_TAG_ENDS = b" \t\r\n>/"


class ScanAhead:
    """A sheet scanned while the caller does other work: a big one in forked processes (its
    bytes unpacked here first, so that every process has them and only the offsets come back),
    a small one on a thread."""

    def __init__(self, package: Package, part: str) -> None:
        self.part = part
        self._data = b""
        self._second: InProcess[SheetScan] | None = None
        self._scan: Pending[SheetScan] | InProcess[SheetScan]
        if package.size(part) < background.WORTH_A_PROCESS:
            self._scan = Pending(lambda: quick_scan(package.read(part), part), "scan")
            return
        data = self._data = package.read(part)
        plain = looks_plain(data, part) or not background.can_fork()
        halves = None if plain else split_point(data, part)
        if halves is None:
            self._scan = InProcess(
                lambda: _without_data(quick_scan(data, part)), "scan", behind=True
            )
            return
        head, split = halves
        self._scan = InProcess(
            lambda: _without_data(scan_until(data, part, split)), "scan", behind=True
        )
        self._second = InProcess(
            lambda: _without_data(scan_from(data, part, head, split)), "scan-rest", behind=True
        )

    def cancel(self) -> None:
        """Nobody will wait for the scan (the run failed first): its processes stop now rather
        than wait forever to hand over what they found."""
        for process in (self._scan, self._second):
            if isinstance(process, InProcess):
                process.cancel()

    def result(self) -> SheetScan:
        try:
            scan = self._scan.result()
        except BaseException:  # the first half is broken: the second is not wanted
            if self._second is not None:
                self._second.cancel()
            raise
        if not scan.data:
            scan.data = self._data
        if self._second is None:
            return scan
        second, self._second = self._second, None
        if not scan.stopped:  # the guess was not a row: the first process scanned it all
            second.cancel()
            return scan
        try:
            rest = second.result()
        except PartError:  # named as a scan of the whole sheet names it
            return scan_sheet(self._data, self.part)
        return join_scans(scan, rest)


def _without_data(scan: SheetScan) -> SheetScan:
    """The scan without the sheet's bytes, which the other process has already."""
    scan.data = b""
    return scan


def split_point(data: bytes, part: str) -> tuple[int, int] | None:
    """(where the first row of sheetData starts, where a row seems to start past the middle),
    or None when the sheet has no such rows to split."""
    found = first_row(data, part)
    if found is None:
        return None
    head, prefix = found
    opening = b"<" + prefix.encode() + b"row"
    at = max(head + 1, len(data) // 2)
    while (at := data.find(opening, at)) >= 0:
        if data[at + len(opening) : at + len(opening) + 1] in _TAG_ENDS:
            return head, at
        at += len(opening)
    return None


def join_scans(first: SheetScan, rest: SheetScan) -> SheetScan:
    """The scan of a whole sheet from that of its rows before the split and those from it."""
    if len(first.row_number) and rest.row_flags and rest.row_flags[0] & NO_REF:
        last = first.row_number[-1]  # rows numbered by position go on from the first half's
        for i in range(len(rest.row_number)):
            if not rest.row_flags[i] & NO_REF:
                break
            rest.row_number[i] += last
    cells = len(first.cell_start)
    first.row_cells.pop()  # the end of the last row's cells: the rest's first row starts there
    first.row_cells.extend(shifted(rest.row_cells, cells))
    prefixes = [_index_of(first.prefixes, p) for p in rest.prefixes]
    first.row_prefix.extend(array("B", (prefixes[k] for k in rest.row_prefix)))
    for name in ("row_number", "row_start", "row_close", "row_flags"):
        getattr(first, name).extend(getattr(rest, name))
    for name in ("cell_col", "cell_style", "cell_start", "cell_close", "cell_flags"):
        getattr(first, name).extend(getattr(rest, name))
    first.data_close = rest.data_close
    first.stopped = False
    return first


def _index_of(items: list[str], item: str) -> int:
    if item not in items:
        items.append(item)
    return items.index(item)


@dataclass
class EarlyScan:
    """A package opened, its tables found, and the sheet of one of them being scanned when big:
    started by a refresh before pandas and the rest of the package editor are imported (half
    a second in which a second core would wait), and handed to the PackageBook made next."""

    package: Package
    tables: dict[str, TablePart]
    scan: ScanAhead | None


def scanned_early(data: bytes, source: str, table: str) -> EarlyScan | None:
    """`data` opened, and the sheet holding `table` scanned ahead when it is big enough for a
    process; None when anything is wrong with the file: the PackageBook made without it finds
    that again and says it as it always does."""
    try:
        package = opened(data, source)
        tables = tables_of(package)
        found = tables.get(table.casefold())
        if found is None or package.size(found.sheet_part) < background.WORTH_A_PROCESS:
            return EarlyScan(package, tables, None)
        return EarlyScan(package, tables, ScanAhead(package, found.sheet_part))
    except Exception:  # said again, properly, by the ordinary path
        return None
