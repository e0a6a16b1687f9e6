"""A worksheet part read once with expat: where each row and each cell starts and ends, in bytes.

The sheet is not turned into a tree (a 100,000-row sheet would take a gigabyte): expat resolves
every name to its namespace, and the scan keeps, in flat arrays, the byte offsets of the rows and
cells of `sheetData` (matched by `{namespace}local name`, never by prefix), each cell's column,
format and whether it holds a formula, plus the `<dimension>` and `<col>` elements. The editor
then splices new cells into the original bytes and copies everything else as it was.

Expat reports where each element starts, and where it ends: for `<c .../>` just after it, for
`<c>...</c>` at the start of `</c>`. The handlers are closures over local arrays because they run
once per element, millions of times for a big sheet; inside a cell the start handler is switched
off (expat then builds no name and attribute list for <v>, <is>, <t>: a third of the scan), and
the end handler alone tells a formula (the end of <f>) and the cell's own end.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from functools import cached_property
from pyexpat import ExpatError
from typing import Any, NoReturn

import numpy as np

from addin.adapters.package.limits import MAX_ROW
from addin.adapters.package.refs import COLUMNS, range_bounds, whole_number
from addin.adapters.package.safexml import expat, run
from addin.adapters.package.zipraw import PartError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROW, CELL, FORMULA, SHEET_DATA, DIMENSION, COL = range(1, 7)
_KINDS = {"row": ROW, "c": CELL, "f": FORMULA, "sheetData": SHEET_DATA}
_KINDS |= {"dimension": DIMENSION, "col": COL}
NO_REF, HAS_FORMULA, SPANS, UNSORTED = 1, 2, 4, 8
"""Flags: a row or cell written without r=, a cell holding a formula, a row with a spans hint,
a row whose cells are not in column order."""
_DIGITS = "0123456789"
_END_TAGS = {local: b"</" + local + b">" for local in (b"c", b"row", b"sheetData", b"dimension")}


@dataclass
class SheetScan:
    """Where a worksheet's rows and cells are; row i owns cells row_cells[i] to row_cells[i+1].

    `*_close` is where expat reported the element's end: its end tag, or just after it when it
    was written empty (`ends` tells which)."""

    data: bytes
    part: str
    row_number: array = field(default_factory=lambda: array("q"))
    row_start: array = field(default_factory=lambda: array("q"))
    row_close: array = field(default_factory=lambda: array("q"))
    row_cells: array = field(default_factory=lambda: array("q"))
    row_prefix: array = field(default_factory=lambda: array("B"))
    row_flags: bytearray = field(default_factory=bytearray)
    cell_col: array = field(default_factory=lambda: array("H"))
    cell_style: array = field(default_factory=lambda: array("i"))
    cell_start: array = field(default_factory=lambda: array("i"))
    cell_close: array = field(default_factory=lambda: array("i"))
    """Four bytes a cell (parts are at most limits.PART_LIMIT, 1 GB): a million rows' cells
    are sent back from the process that scanned them, and held."""
    cell_flags: bytearray = field(default_factory=bytearray)
    prefixes: list[str] = field(default_factory=lambda: [""])
    """Prefixes ('x:' or '') with which rows name SpreadsheetML; row_prefix indexes them."""
    data_prefix: str = ""
    data_start: int = -1
    data_close: int = -1
    """Where sheetData starts and where its end was reported."""
    dimension: tuple[int, int, str] | None = None
    """(start, close, ref) of <dimension>."""
    cols: list[tuple[int, int, int]] = field(default_factory=list)
    """(min, max, style) of each <col>."""
    scope: dict[str, str] = field(default_factory=dict)
    """Namespace declarations in force at sheetData: prefix ('' for the default) -> uri."""
    stopped: bool = False
    """Whether the scan stopped at the row where another process scanned on (`scan_until`)."""

    @cached_property
    def index(self) -> dict[int, int]:
        """Row number -> position in the row arrays."""
        return {number: i for i, number in enumerate(self.row_number)}

    def cells_of(self, i: int) -> range:
        return range(self.row_cells[i], self.row_cells[i + 1])

    def find_cell(self, i: int, col: int) -> int:
        """The cell of row position `i` in column `col`, or -1."""
        for j in self.cells_of(i):
            if self.cell_col[j] == col:
                return j
        return -1

    def ends(self, close: int, local: bytes) -> tuple[bool, int]:
        """(written empty, offset after the element) of the element named `local` whose end
        expat reported at `close`: an end tag of that name there is its own, since rows hold no
        rows and cells no cells; anything else follows an element written empty."""
        data = self.data
        if data.startswith(_END_TAGS[local], close):  # as Excel writes it: </c>, </row>
            return False, close + len(local) + 3
        if data.startswith(b"</", close):
            stop = data.index(b">", close)
            if data[close + 2 : stop].rstrip().rpartition(b":")[2] == local:
                return False, stop + 1
        return True, close

    def cell_ends(self, j: int) -> tuple[bool, int]:
        close = self.cell_close[j]
        if close == self.cell_start[j]:  # written empty; where it ends is found when asked
            close = self.cell_close[j] = _empty_end(self.data, close, self.part)
            return True, close
        return self.ends(close, b"c")

    def cell_end(self, j: int) -> int:
        return self.cell_ends(j)[1]

    def row_ends(self, i: int) -> tuple[bool, int]:
        return self.ends(self.row_close[i], b"row")

    def row_end(self, i: int) -> int:
        return self.ends(self.row_close[i], b"row")[1]

    def column_style(self, col: int) -> int:
        """The format a <col> element gives column `col` (0 for none)."""
        for low, high, style in self.cols:
            if low <= col <= high:
                return style
        return 0

    def dimension_bounds(self) -> tuple[int, int, int, int] | None:
        if self.dimension is None:
            return None
        try:
            return range_bounds(self.dimension[2])
        except ValueError:
            return None


def scan_sheet(data: bytes, part: str) -> SheetScan:
    """Scan a worksheet part; PartError when it is malformed, has a DTD, or has no sheetData."""
    return _scan(data, part, [data])


def scan_until(data: bytes, part: str, split: int) -> SheetScan:
    """The scan of the rows before `split`, where a row of sheetData must start (`stopped`
    then); if none starts exactly there, the scan of the whole sheet (`stopped` false)."""
    return _scan(data, part, [data], split)


def scan_from(data: bytes, part: str, head: int, split: int) -> SheetScan:
    """The scan of the rows from `split` on, read as the sheet's bytes before `head` (the first
    row) followed by those from `split`: offsets as in `data`; rows numbered only by position
    count from 0 (`join_scans` puts them after the first half's)."""
    view = memoryview(data)
    sheet = _scan(data, part, [view[:head], view[split:]])
    shift = split - head
    for offsets in (sheet.row_start, sheet.row_close, sheet.cell_start, sheet.cell_close):
        offsets[:] = shifted(offsets, shift)
    sheet.data_close += shift
    return sheet


def shifted(values: array, by: int) -> array:
    """`values` each plus `by`, in one numpy pass (half a million offsets)."""
    return array(values.typecode, (np.frombuffer(values, dtype=values.typecode) + by).tobytes())


def _scan(data: bytes, part: str, pieces: list[bytes | memoryview], split: int = -1) -> SheetScan:
    sheet = SheetScan(data, part)
    parser = expat(part)
    declared: dict[str, list[str]] = {}
    parser.StartElementHandler, parser.EndElementHandler = scan_handlers(
        sheet, parser, declared, split
    )
    parser.StartNamespaceDeclHandler, parser.EndNamespaceDeclHandler = namespace_handlers(declared)
    try:
        run(parser, pieces[0] if len(pieces) == 1 else pieces, part)  # type: ignore[arg-type]
    except _SplitReached:
        sheet.stopped = True
    if sheet.data_start < 0:
        raise PartError("error.part_xml", part, detail="no sheetData")
    sheet.row_cells.append(len(sheet.cell_start))
    return sheet


def namespace_handlers(declared: dict[str, list[str]]) -> tuple[Any, Any]:
    """expat's handlers of namespace declarations, keeping in `declared` those in force:
    prefix ('' for the default) -> uris, innermost last."""

    def declare(prefix: str | None, uri: str) -> None:
        declared.setdefault(prefix or "", []).append(uri)

    def undeclare(prefix: str | None) -> None:
        declared[prefix or ""].pop()

    return declare, undeclare


class _SplitReached(Exception):
    """The row where the second half of a scan starts has been reached."""


def scan_handlers(
    s: SheetScan, parser: Any, declared: dict[str, list[str]], split: int = -1
) -> tuple[Any, Any]:
    """The start and end handlers of a scan of `s`; `declared` holds the namespace declarations
    in force, prefix -> uris (innermost last); a row of sheetData starting at `split` ends it."""
    kinds: dict[str, int] = {}
    prefixes: dict[str, str] = {}
    columns = COLUMNS
    cell_start, cell_col, cell_style, cell_flags = (
        s.cell_start,
        s.cell_col,
        s.cell_style,
        s.cell_flags,
    )
    add_start, add_col, add_style, add_flag = (
        cell_start.append,
        cell_col.append,
        cell_style.append,
        cell_flags.append,
    )
    cell_close = s.cell_close
    add_close, add_row_close = cell_close.append, s.row_close.append
    styles: dict[str, int] = {}  # s= as written -> the format: a few dozen distinct
    row_flags = s.row_flags
    at_row = [0, 0]  # the last row number, the last column of the row

    def kind_of(name: str) -> int:
        uri, _, rest = name.partition(" ")
        local, _, prefix = rest.partition(" ")
        kinds[name] = _KINDS.get(local, 0) if uri == MAIN else 0
        prefixes[name] = f"{prefix}:" if prefix else ""
        return kinds[name]

    def start(name: str, attrs: list[str]) -> None:
        kind = kinds.get(name)
        if kind is None:
            kind = kind_of(name)
        if kind == CELL:
            add_start(parser.CurrentByteIndex)
            parser.StartElementHandler = None  # inside a cell only the end of <f> matters
            if attrs and attrs[0] == "r":
                col = columns[attrs[1].rstrip(_DIGITS)]
                if col is None:
                    raise PartError("error.part_xml", s.part, detail=f"cell {attrs[1]!r}")
                add_flag(0)
            else:
                col = _unreferenced(s, attrs, at_row[1])
            if col <= at_row[1]:
                row_flags[-1] |= UNSORTED  # cells out of column order (Excel never does that)
            at_row[1] = col
            add_col(col)
            n = len(attrs)
            if n > 2 and attrs[2] == "s":
                style = attrs[3]
            elif n > 4 or (attrs and attrs[0] == "s"):  # s= elsewhere than second
                style = _attribute(attrs, "s") or ""
            else:
                add_style(0)
                return
            number = styles.get(style)
            if number is None:
                number = styles[style] = _format_number(style)
            add_style(number)
        elif not kind:
            return
        elif kind == ROW:
            at = parser.CurrentByteIndex
            if at == split and s.data_start >= 0 and s.data_close < 0:
                raise _SplitReached
            _row(s, attrs, at, prefixes[name], at_row)
        elif kind == SHEET_DATA:
            s.data_prefix, s.data_start = prefixes[name], parser.CurrentByteIndex
            s.scope = {p: uris[-1] for p, uris in declared.items() if uris}
        elif kind == DIMENSION:
            s.dimension = (parser.CurrentByteIndex, -1, _attribute(attrs, "ref") or "")
        elif kind == COL:
            bounds = [whole_number(_attribute(attrs, k)) or 0 for k in ("min", "max", "style")]
            s.cols.append(tuple(bounds))  # type: ignore[arg-type]

    def end(name: str) -> None:
        kind = kinds.get(name)
        if kind is None:
            kind = kind_of(name)
        if not kind:
            return
        if len(cell_close) < len(cell_start):  # in a cell: its own end, or what it holds
            if kind == CELL:  # reported at the cell's start if it was written empty
                add_close(parser.CurrentByteIndex)
                parser.StartElementHandler = start
            elif kind == FORMULA:
                cell_flags[-1] |= HAS_FORMULA
            else:  # a row (or sheetData...) inside a cell would throw every offset out
                raise PartError("error.part_xml", s.part, detail="an element inside a cell")
        elif kind == CELL:  # a second end for one start: a cell inside a cell
            raise PartError("error.part_xml", s.part, detail="a cell inside a cell")
        elif kind == ROW:
            add_row_close(parser.CurrentByteIndex)
        elif kind == SHEET_DATA:
            s.data_close = parser.CurrentByteIndex
        elif kind == DIMENSION and s.dimension is not None:
            s.dimension = (s.dimension[0], parser.CurrentByteIndex, s.dimension[2])

    return start, end


class _Ended(Exception):
    """The element a fragment starts with has ended."""


def _empty_end(data: bytes, start: int, part: str) -> int:
    """Where the element written empty at `start` (`<c .../>`) ends: read with expat, a few
    kilobytes at a time until its end is reported (a start tag can be long)."""
    parser = expat(part, namespaces=False)  # the tag alone: its prefixes are declared above it
    ended: list[int] = []

    def end(_: str) -> NoReturn:
        ended.append(parser.CurrentByteIndex)
        raise _Ended

    parser.StartElementHandler = lambda *_: None  # with one, expat reports the end after `/>`
    parser.EndElementHandler = end
    at = start
    try:
        while at < len(data):
            parser.Parse(data[at : at + 4096], False)
            at += 4096
    except _Ended:
        return start + ended[0]
    except ExpatError as error:
        raise PartError("error.part_xml", part, detail=str(error)) from None
    raise PartError("error.part_xml", part, detail="a cell without an end")


def _row(s: SheetScan, attrs: list[str], at: int, prefix: str, at_row: list[int]) -> None:
    number = whole_number(attrs[1] if attrs and attrs[0] == "r" else _attribute(attrs, "r"))
    flags = SPANS if _attribute(attrs, "spans") is not None else 0
    if number is None:
        at_row[0] += 1
        flags |= NO_REF
    elif number > MAX_ROW:  # no sheet has such a row (and the arrays hold 64 bits)
        raise PartError("error.part_xml", s.part, detail=f"row {number}")
    else:
        at_row[0] = number
    at_row[1] = 0
    if prefix not in s.prefixes:
        s.prefixes.append(prefix)
    s.row_number.append(at_row[0])
    s.row_start.append(at)
    s.row_cells.append(len(s.cell_start))
    s.row_prefix.append(s.prefixes.index(prefix))
    s.row_flags.append(flags)


def _unreferenced(s: SheetScan, attrs: list[str], last: int) -> int:
    """The column of a cell whose r= is not first: read, or the one after the last cell's."""
    ref = _attribute(attrs, "r")
    col = COLUMNS[ref.rstrip(_DIGITS)] if ref else None
    s.cell_flags.append(0 if col else NO_REF)
    if not col:
        s.row_flags[-1] |= NO_REF
    return col or last + 1


FORMAT_DIGITS = 6
"""The most digits an s= naming a format has (Excel holds some 64,000 formats)."""


def _format_number(style: str) -> int:
    """The format s= names, 0 for none: a hostile s="99999999999" names none, as letters or
    '²' do not."""
    return (whole_number(style) if len(style) <= FORMAT_DIGITS else None) or 0


def _attribute(attrs: list[str], name: str) -> str | None:
    for i in range(0, len(attrs), 2):
        if attrs[i] == name:
            return attrs[i + 1]
    return None
