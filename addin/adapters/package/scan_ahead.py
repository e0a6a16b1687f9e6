"""A sheet scanned while the use case computes: a big one in two forked processes, a half each.

Scanning a 100,000-row sheet takes expat two to three seconds of Python callbacks, longer than
the use case that runs meanwhile (calamine reading the table, the checks, the classes), so the
refresh waited for it. Two processes scan a half each instead. The halves meet at a row that
starts past the middle; where it starts is only guessed from the bytes (`<row`, with the prefix
the sheet's rows take), and the first half proves the guess: its scan, a real parse of every
byte before that point, must report a row of sheetData starting exactly there, or it goes on to
the end alone and the second half is dropped. The second half parses the sheet's start (up to
its first row) followed by the rows from the meeting point: well-formed exactly when the sheet
is. Any error is found again by a scan of the whole sheet here, so it is named as it always is.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Any

from addin.adapters.package import background
from addin.adapters.package.background import InProcess, Pending
from addin.adapters.package.formats import opened
from addin.adapters.package.parts import Package
from addin.adapters.package.safexml import expat
from addin.adapters.package.sheet_scan import (
    MAIN,
    NO_REF,
    SheetScan,
    scan_from,
    scan_sheet,
    scan_until,
    shifted,
)
from addin.adapters.package.tables import TablePart, tables_of
from addin.adapters.package.zipraw import PartError

HEAD_BYTES = 4 << 20
"""How far into a sheet its first row is looked for (the columns, views and formats before it
take a few kilobytes); a sheet whose first row is further is scanned in one process."""
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
            self._scan = Pending(lambda: scan_sheet(package.read(part), part), "scan")
            return
        data = self._data = package.read(part)
        halves = split_point(data, part) if background.can_fork() else None
        if halves is None:
            self._scan = InProcess(
                lambda: _without_data(scan_sheet(data, part)), "scan", behind=True
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


class _Found(Exception):
    """The first row of sheetData has started."""


def split_point(data: bytes, part: str) -> tuple[int, int] | None:
    """(where the first row of sheetData starts, where a row seems to start past the middle),
    or None when the sheet has no such rows to split."""
    found = _first_row(data, part)
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


def _first_row(data: bytes, part: str) -> tuple[int, str] | None:
    """(offset, prefix as written) of the first row inside sheetData: read with expat until it
    starts; None when none does in the first HEAD_BYTES (or the start is malformed: the full
    scan says so)."""
    parser = expat(part)
    depth = [0, -1]  # elements open, the depth of sheetData's rows
    found: list[tuple[int, str]] = []

    def start(name: str, _: Any) -> None:
        uri, _, rest = name.partition(" ")
        local, _, prefix = rest.partition(" ")
        depth[0] += 1
        if uri != MAIN:
            return
        if local == "sheetData" and depth[1] < 0:
            depth[1] = depth[0] + 1
        elif local == "row" and depth[0] == depth[1]:
            found.append((parser.CurrentByteIndex, f"{prefix}:" if prefix else ""))
            raise _Found

    def end(_: str) -> None:
        depth[0] -= 1
        if depth[1] > depth[0] + 1:  # sheetData ended without a row
            raise _Found

    parser.StartElementHandler, parser.EndElementHandler = start, end
    view = memoryview(data)
    try:
        for at in range(0, min(len(data), HEAD_BYTES), 1 << 16):
            parser.Parse(view[at : at + (1 << 16)], False)
    except _Found:
        return found[0] if found else None
    except Exception:  # malformed, a DTD: the scan of the whole sheet names it
        return None
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
