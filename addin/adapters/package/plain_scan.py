"""A plain sheet scanned in bulk: numpy finds where its rows and cells are, expat checks the bytes.

The expat scan (sheet_scan) calls Python for every element, some 4 µs a cell: 4.5 s of processor
time for a 100,000-row sheet, half of what its refresh costs. Sheets as Excel, LibreOffice,
openpyxl, the Open XML SDK and custdev write them are plain, and for those the same SheetScan
comes from byte positions that numpy finds:
- the sheet up to its first row, and from the end of sheetData on, is scanned by expat as ever
  (sheetData, dimension, cols, namespaces); the rows between are parsed by expat with no element
  handler (C alone: whatever is not well-formed is refused as before);
- no comment, CDATA or processing instruction is among the rows, so every `<` there starts a
  tag; one prefix names SpreadsheetML and no namespace is declared among the rows, so a tag is a
  row, a cell or a formula exactly when its name as written is that prefix and `row`, `c`, `f`;
- the start tags of rows and cells are written `name="value"` apart by spaces, with no tab or
  line break, no `'` and no `&` (so no value hides a `>`, and ` s="` is the s= attribute), and
  r= first, in ASCII digits and letters.
A sheet that does anything else (and every fault) is left to the expat scan: `plain_scan`
returns None rather than guess. tests/unit/test_plain_scan.py holds both scans to one result.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pyexpat import ExpatError
from typing import Any

import numpy as np

from addin.adapters.package.limits import MAX_COLUMN, MAX_ROW
from addin.adapters.package.refs import COLUMN_LETTERS
from addin.adapters.package.safexml import expat
from addin.adapters.package.sheet_scan import (
    FORMAT_DIGITS,
    HAS_FORMULA,
    MAIN,
    SPANS,
    UNSORTED,
    SheetScan,
    namespace_handlers,
    scan_handlers,
    scan_sheet,
)
from addin.adapters.package.zipraw import PartError

PLAIN_WORTH = 1 << 20
"""Sheets smaller than this (bytes) are scanned by expat alone: setting numpy to work on them
costs more than their few thousand callbacks."""
PLAIN_MOST = 128 << 20
"""Bigger sheets (some 250,000 rows) are left to expat: numpy holds the offset of every tag, a
few bytes for each byte of the sheet, where expat's scan holds those of rows and cells alone."""
STRETCH = 1 << 21
"""The rows are found a stretch of about this many bytes at a time, cut where a row starts: the
arrays of a stretch (a few bytes for each of its bytes) stay in the processor's cache, and are
made again in memory the process already holds, where arrays for a whole sheet would be fresh
pages from the system each time."""
HEAD_BYTES = 4 << 20
"""How far into a sheet its first row is looked for (the columns, views and formats before it
take a few kilobytes); a sheet whose first row is further is scanned by expat alone."""

_ROW_DIGITS = len(str(MAX_ROW))
"""The most digits of a row number read in bulk (more, even leading zeros, go to expat)."""
_LT, _GT, _QUOTE, _SPACE, _SLASH, _EQUALS = b"<", b">", b'"', b" ", b"/", b"="
_NAME_ENDS = np.zeros(256, dtype=bool)
_NAME_ENDS[list(b" \t\r\n/>")] = True
"""What may follow an element's name in a tag."""
_FIRST_LETTERS = np.zeros(256, dtype=bool)
_FIRST_LETTERS[list(b"crfsd")] = True
"""How the names of c, row, f, sheetData, dimension and col start."""
_NOT_IN_TAGS = (b"'", b"&", b"\t", b"\n", b"\r")
"""Bytes a plain sheet's row and cell start tags never hold (text may: only tags are checked)."""


def quick_scan(data: bytes, part: str) -> SheetScan:
    """The scan of a worksheet part: in bulk when it is big and plain, else by expat."""
    if len(data) >= PLAIN_WORTH:
        scan = plain_scan(data, part)
        if scan is not None:
            return scan
    return scan_sheet(data, part)


def looks_plain(data: bytes, part: str) -> bool:
    """Whether `plain_scan` is likely to take the sheet (what is cheap to tell is told)."""
    return _rows_between(data, part) is not None


def plain_scan(data: bytes, part: str, stretch: int = STRETCH) -> SheetScan | None:
    """The scan `scan_sheet` gives, for a plain sheet; None for any other. Its rows are found
    `stretch` bytes at a time (the tests cut at every row too)."""
    between = _rows_between(data, part)
    if between is None:
        return None
    start, end, prefix = between
    sheet = _scanned_around(data, part, start, end)
    if sheet is None or [p for p, uri in sheet.scope.items() if uri == MAIN] != [prefix[:-1]]:
        return None
    return _rows_found(sheet, start, end, prefix, stretch)


def _rows_between(data: bytes, part: str) -> tuple[int, int, str] | None:
    """(where the first row starts, where sheetData's end tag starts, the rows' prefix), when no
    comment, CDATA or processing instruction lies between (and the sheet is not too big)."""
    found = first_row(data, part) if len(data) <= PLAIN_MOST else None
    if found is None:
        return None
    start, prefix = found
    end = data.rfind(b"</" + prefix.encode() + b"sheetData", start)
    if end < 0 or data.find(b"<!", start, end) >= 0 or data.find(b"<?", start, end) >= 0:
        return None
    return start, end, prefix


class _NotPlain(Exception):
    """A namespace is declared among the rows."""


def _scanned_around(data: bytes, part: str, start: int, end: int) -> SheetScan | None:
    """The sheet scanned by expat before `start` and from `end` on, and parsed between with no
    handler; None when anything there is not as a plain sheet has it, or is a fault."""
    sheet = SheetScan(data, part)
    parser = expat(part)
    declared: dict[str, list[str]] = {}
    handlers = (*scan_handlers(sheet, parser, declared), *namespace_handlers(declared))

    def use(start: Any, end: Any, declare: Any, undeclare: Any) -> None:
        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.StartNamespaceDeclHandler, parser.EndNamespaceDeclHandler = declare, undeclare

    view = memoryview(data)
    try:
        use(*handlers)
        parser.Parse(view[:start], False)
        if sheet.data_start < 0 or len(sheet.row_start) or len(sheet.cell_start):
            return None
        use(None, None, _not_plain, _not_plain)
        parser.Parse(view[start:end], False)
        use(*handlers)
        parser.Parse(view[end:], True)
    except (ExpatError, PartError, _NotPlain):  # the expat scan meets the fault and names it
        return None
    if sheet.data_close != end or len(sheet.row_start) or len(sheet.cell_start):
        return None
    return sheet


def _not_plain(*_: object) -> None:
    raise _NotPlain


def _rows_found(
    sheet: SheetScan, start: int, end: int, prefix: str, stretch: int
) -> SheetScan | None:
    """`sheet` with the rows and cells between `start` and `end` found by numpy, a stretch at a
    time; None if they are not written plainly."""
    buf = np.frombuffer(sheet.data, dtype=np.uint8)
    found = []
    for a, b in _stretches(sheet.data, start, end, prefix, stretch):
        rows = _rows_in(sheet.data, buf, a, b, prefix)
        if rows is None:
            return None
        found.append(rows)
    return _filled(sheet, found, prefix)


def _stretches(
    data: bytes, start: int, end: int, prefix: str, stretch: int
) -> Iterator[tuple[int, int]]:
    """start..end in stretches of about `stretch` bytes, each cut where a row starts (in a sheet
    that is well-formed with no comment, CDATA or processing instruction there, as expat has
    found it, every `<` starts a tag)."""
    tag = f"<{prefix}row".encode()
    at = start
    while at < end:
        cut = data.find(tag, min(at + stretch, end), end)
        while cut >= 0 and not _NAME_ENDS[data[cut + len(tag)]]:  # <rows>: another name
            cut = data.find(tag, cut + 1, end)
        cut = end if cut < 0 else cut
        yield at, cut
        at = cut


@dataclass
class _Rows:
    """The rows of one stretch of sheetData, and their cells (offsets in the sheet)."""

    number: np.ndarray
    start: np.ndarray
    close: np.ndarray
    flags: np.ndarray
    first_cell: np.ndarray
    """The index of each row's first cell among the stretch's cells."""
    col: np.ndarray
    style: np.ndarray
    cell_start: np.ndarray
    cell_close: np.ndarray
    cell_flags: np.ndarray


def _rows_in(data: bytes, buf: np.ndarray, start: int, end: int, prefix: str) -> _Rows | None:
    """The rows and cells from `start` to `end` (a row starts at each); None if they are not
    written plainly."""
    rows = buf[start:end]
    tags = np.flatnonzero(rows == _LT[0]) + start
    closing = buf[tags + 1] == _SLASH[0]
    name = tags + 1 + closing
    ours = np.ones(len(tags), dtype=bool)
    for k, byte in enumerate(prefix.encode()):
        ours &= buf[name + k] == byte
    name += len(prefix)
    first = buf[name]
    # only names starting as those looked for go on (most tags are <v>, <is>, <t>: left here)
    kept = np.flatnonzero(ours & _FIRST_LETTERS[first])
    tags, closing, name, first = tags[kept], closing[kept], name[kept], first[kept]
    second = buf[name + 1]
    cell = (first == ord("c")) & _NAME_ENDS[second]
    formula = (first == ord("f")) & _NAME_ENDS[second] & ~closing
    row = _spelled(buf, name, first == ord("r"), b"row")
    for local in (b"sheetData", b"dimension", b"col"):  # never among the rows of a plain sheet
        if _spelled(buf, name, first == local[0], local).any():
            return None
    ends = np.flatnonzero(rows == _GT[0]) + start
    quotes = np.flatnonzero(rows == _QUOTE[0]) + start
    cells = _StartTags(buf, tags[cell & ~closing], ends, quotes, len(prefix) + 2)
    row_tags = _StartTags(buf, tags[row & ~closing], ends, quotes, len(prefix) + 4)
    if not (cells.plain() and row_tags.plain()):
        return None
    for unwanted in _NOT_IN_TAGS:
        if data.find(unwanted, start, end) >= 0:
            at = np.flatnonzero(rows == unwanted[0]) + start
            if cells.hold(at) or row_tags.hold(at):
                return None
    cell_close = _closes(cells, tags[cell & closing], cells.starts)
    row_close = _closes(row_tags, tags[row & closing], row_tags.ends + 1)
    if cell_close is None or row_close is None:
        return None
    return _found(cells, cell_close, row_tags, row_close, tags[formula])


def _spelled(buf: np.ndarray, name: np.ndarray, candidates: np.ndarray, local: bytes) -> Any:
    """Of the tags `candidates` marks, those whose name (at `name`) is `local`."""
    found = candidates.copy()
    at = np.flatnonzero(candidates)
    keep = np.ones(len(at), dtype=bool)
    for k, byte in enumerate(local[1:], start=1):
        keep &= buf[name[at] + k] == byte
    keep &= _NAME_ENDS[buf[name[at] + len(local)]]
    found[at[~keep]] = False
    return found


class _StartTags:
    """The start tags of rows or of cells: where they start and end, and their attributes."""

    def __init__(
        self, buf: np.ndarray, starts: np.ndarray, ends: np.ndarray, quotes: np.ndarray, name: int
    ) -> None:
        self.buf, self.starts, self.name = buf, starts, name
        self.ends = ends[np.searchsorted(ends, starts)]  # the first '>' after each '<'
        self.empty = buf[self.ends - 1] == _SLASH[0]
        first = np.searchsorted(quotes, starts)
        count = np.searchsorted(quotes, self.ends) - first
        self.paired = not (count % 2).any()  # else a '>' inside a value: `ends` are wrong
        pairs = count // 2 if self.paired else np.zeros(len(starts), dtype=np.int64)
        self.of = np.repeat(np.arange(len(starts)), pairs)  # the tag each attribute is in
        self.first = np.cumsum(pairs) - pairs  # each tag's first attribute
        self.attributes = pairs
        at = first[self.of] + 2 * (np.arange(len(self.of)) - np.repeat(self.first, pairs))
        self.opening, self.closing = quotes[at], quotes[at + 1]  # each value's quotes

    def hold(self, at: np.ndarray) -> bool:
        """Whether any of the offsets `at` (in order) lies inside one of the tags."""
        return bool((np.searchsorted(at, self.ends) > np.searchsorted(at, self.starts)).any())

    def plain(self) -> bool:
        """Whether every tag has its values in "", each after its name and `=` alone, and r=
        first (the bytes no tag may hold are looked for by the caller, across both kinds)."""
        buf, r = self.buf, self.starts + self.name  # ' r="' right after the name
        if not self.paired or not (self.attributes >= 1).all():
            return False
        attribute = buf[self.opening - 1] == _EQUALS[0]
        attribute &= buf[self.opening - 2] != _SPACE[0]
        r_first = (buf[r] == _SPACE[0]) & (buf[r + 1] == ord("r")) & (buf[r + 2] == _EQUALS[0])
        return bool(attribute.all() and (r_first & (buf[r + 3] == _QUOTE[0])).all())

    def values(self, named: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(tag, value start, value end) of every attribute called `named`."""
        buf, at = self.buf, self.opening
        found = buf[at - len(named) - 2] == _SPACE[0]
        for k, byte in enumerate(named):
            found &= buf[at - len(named) - 1 + k] == byte
        return self.of[found], at[found] + 1, self.closing[found]

    def r_values(self) -> tuple[np.ndarray, np.ndarray]:
        """(value start, value end) of each tag's r= (the first attribute: checked)."""
        return self.opening[self.first] + 1, self.closing[self.first]


def _closes(tags: _StartTags, end_tags: np.ndarray, empty: np.ndarray) -> np.ndarray | None:
    """Where expat reports each element's end: at its end tag, or at `empty` when written
    empty; None when the end tags do not pair with the starts one after the other (an element
    inside another of its kind)."""
    close = empty.copy()
    full = np.flatnonzero(~tags.empty)
    if len(full) != len(end_tags):
        return None
    after = np.append(tags.starts[1:], np.iinfo(np.int64).max)[full]
    if not ((end_tags > tags.starts[full]) & (end_tags < after)).all():
        return None
    close[full] = end_tags
    return close


def _numbers(buf: np.ndarray, start: np.ndarray, stop: np.ndarray, most: int) -> Any:
    """The whole numbers written in ASCII digits from `start` to `stop`; -1 where that is not
    1 to `most` digits."""
    length = stop - start
    number = np.zeros(len(start), dtype=np.int64)
    good = (length >= 1) & (length <= most)
    for k in range(most):
        here = k < length
        digit = buf[np.minimum(start + k, len(buf) - 1)].astype(np.int64) - ord("0")
        good &= ~here | ((digit >= 0) & (digit <= 9))
        number = np.where(here, number * 10 + digit, number)
    return np.where(good, number, -1)


def _columns(buf: np.ndarray, start: np.ndarray, stop: np.ndarray) -> Any:
    """The column of each cell reference (letters, then digits) from `start` to `stop`; -1
    where it names none (as refs.COLUMNS has it)."""
    column = np.zeros(len(start), dtype=np.int64)
    letters = np.zeros(len(start), dtype=np.int64)
    going = np.ones(len(start), dtype=bool)
    for k in range(COLUMN_LETTERS + 1):  # one past the most, to see there are no more
        byte = buf[np.minimum(start + k, len(buf) - 1)].astype(np.int64)
        going &= (start + k < stop) & (byte >= ord("A")) & (byte <= ord("Z"))
        column = np.where(going, column * 26 + byte - 64, column)
        letters += going
    rest = _numbers(buf, start + letters, stop, _ROW_DIGITS)
    digits_only = (rest >= 0) | (start + letters == stop)
    good = (letters >= 1) & (letters <= COLUMN_LETTERS) & digits_only & (column <= MAX_COLUMN)
    return np.where(good, column, -1)


def _found(
    cells: _StartTags,
    cell_close: np.ndarray,
    rows: _StartTags,
    row_close: np.ndarray,
    formulas: np.ndarray,
) -> _Rows | None:
    """What the scan records of the rows and cells of a stretch; None where a number or a
    reference is not read plainly, or a cell is outside every row."""
    buf = cells.buf
    number = _numbers(buf, *rows.r_values(), _ROW_DIGITS)
    column = _columns(buf, *cells.r_values())
    if (number < 0).any() or (number > MAX_ROW).any() or (column < 0).any():
        return None
    row_of = np.searchsorted(rows.starts, cells.starts, side="right") - 1
    if len(row_of) and (
        (row_of < 0).any() or (cells.starts >= row_close[np.maximum(row_of, 0)]).any()
    ):
        return None  # a cell outside every row (one just after a row written empty too)
    style = np.zeros(len(cells.starts), dtype=np.int64)
    owner, value, value_end = cells.values(b"s")
    style[owner] = np.maximum(_numbers(buf, value, value_end, FORMAT_DIGITS), 0)
    row_flags = np.zeros(len(rows.starts), dtype=np.uint8)
    row_flags[rows.values(b"spans")[0]] |= SPANS
    same_row = row_of[1:] == row_of[:-1]
    row_flags[row_of[1:][same_row & (column[1:] <= column[:-1])]] |= UNSORTED
    cell_flags = np.zeros(len(cells.starts), dtype=np.uint8)
    in_cell = np.searchsorted(cells.starts, formulas, side="right") - 1
    held = (in_cell >= 0) & (formulas < cell_close[np.maximum(in_cell, 0)])
    cell_flags[in_cell[held]] |= HAS_FORMULA
    first_cell = np.searchsorted(cells.starts, rows.starts)
    return _Rows(
        number,
        rows.starts,
        row_close,
        row_flags,
        first_cell,
        column,
        style,
        cells.starts,
        cell_close,
        cell_flags,
    )


def _filled(sheet: SheetScan, found: list[_Rows], prefix: str) -> SheetScan:
    """`sheet` holding the rows and cells of every stretch."""

    def joined(name: str) -> np.ndarray:
        return np.concatenate([getattr(rows, name) for rows in found])

    cells_before = np.cumsum([0] + [len(rows.cell_start) for rows in found])
    first_cells = np.concatenate(
        [rows.first_cell + before for rows, before in zip(found, cells_before, strict=False)]
        + [cells_before[-1:]]
    )
    if prefix not in sheet.prefixes:
        sheet.prefixes.append(prefix)
    rows = len(first_cells) - 1
    sheet.row_number = _array("q", joined("number"))
    sheet.row_start, sheet.row_close = _array("q", joined("start")), _array("q", joined("close"))
    sheet.row_cells = _array("q", first_cells)
    sheet.row_prefix = array("B", [sheet.prefixes.index(prefix)]) * rows
    sheet.row_flags = bytearray(joined("flags").tobytes())
    sheet.cell_col, sheet.cell_style = _array("H", joined("col")), _array("i", joined("style"))
    sheet.cell_start = _array("i", joined("cell_start"))
    sheet.cell_close = _array("i", joined("cell_close"))
    sheet.cell_flags = bytearray(joined("cell_flags").tobytes())
    return sheet


def _array(typecode: str, values: np.ndarray) -> array:
    return array(typecode, values.astype(np.dtype(typecode)).tobytes())


class _Found(Exception):
    """The first row of sheetData has started."""


def first_row(data: bytes, part: str) -> tuple[int, str] | None:
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
