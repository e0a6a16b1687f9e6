"""A worksheet rewritten only where cells change: new cells are spliced into the original bytes.

Rows nobody writes are copied as they were, byte for byte, a run of them at a time; so is
everything around sheetData (merged cells, conditional formats, validations, drawings,
extensions). In an edited row only the edited cells are replaced or inserted, in column order,
and new cells take the row's own prefix for SpreadsheetML, so they land in its namespace. A
start tag that must change (a row losing its spans hint, a cell restyled, the dimension) is read
with expat and written again by the emitter, namespace declarations on it included.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from addin.adapters.package.emitter import attributes_xml
from addin.adapters.package.refs import column_letters, range_ref
from addin.adapters.package.render_halves import spliced_in_halves
from addin.adapters.package.safexml import TagReader
from addin.adapters.package.sheet_scan import HAS_FORMULA, NO_REF, SPANS, UNSORTED, SheetScan


class Appended(Protocol):
    """Rows after a sheet's last row, rendered in blocks (`appended.AppendedRows`)."""

    first: int
    last: int

    def blocks(self, p: str) -> Iterator[tuple[bytes, dict[int, tuple[int, bytes]]]]: ...


CellWrite = Callable[[int, str, "int | None"], "str | int | None"]
"""(row, prefix, style of the cell there or None when there is none) -> the new cell's XML, a
format to give the existing cell (its value kept), or None to leave it as it is."""
RowWrites = Iterable[tuple[int, list[tuple[int, CellWrite]]]]


@dataclass
class EditedRows:
    """The rows some edits write, rows first..stop-1, taken a range at a time: `between(a, b)`
    gives (row, [(column, write)]) for rows a..b-1 that are written, ascending."""

    between: Callable[[int, int], RowWrites]
    first: int
    stop: int
    state: Callable[[], object] = lambda: None
    """What writing rows may change beside the sheet (the formats it adds), compared before and
    after: rows written in another process count only if they left it as it was."""


@dataclass
class Rendered:
    """A rendered sheet: its bytes in pieces, whether a formula was overwritten, and every
    element it added, in context, for the check before writing."""

    pieces: list[bytes | memoryview]
    formulas_replaced: bool = False
    added: list[bytes] = field(default_factory=list)
    written_rows: list[bytes] = field(default_factory=list)
    """The rows of `added` with only the cells whose value was written (not those restyled):
    what calamine reads back."""
    cells: dict[int, bytearray] = field(default_factory=dict)
    """column -> a flag by row number: 1 where the cell's value was written anew (one byte a
    cell rather than one object: a million rows are written at once)."""

    def mark(self, row: int, col: int) -> None:
        flags = self.cells.get(col)
        if flags is None:
            flags = self.cells[col] = bytearray(row + 1)
        elif row >= len(flags):
            flags.extend(bytes(row + 1 - len(flags) + (1 << 16)))
        flags[row] = 1

    read_back: list[bytes | memoryview] = field(default_factory=list)
    """The sheet holding only the cells written, each in its row's start tag: what calamine
    reads back (everything else is the file's own bytes, copied)."""
    appended: Iterator[tuple[bytes, dict[int, tuple[int, bytes]]]] | None = None
    """Rows past the file's last row, in blocks with the cells each wrote, streamed between
    `pieces` and `rest` (None: `pieces` is the whole sheet)."""
    rest: list[bytes | memoryview] = field(default_factory=list)
    around: tuple[bytes, bytes] = (b"", b"")
    """The sheet before and after the rows of sheetData: a block of rows put between them is
    a sheet calamine can read back."""
    appended_at: tuple[int, int] = (0, 0)
    """Where the appended rows are in the streamed bytes, once streamed."""
    appended_from: int = 0
    appended_to: int = 0
    """The first and last row appended."""
    prefix: str = ""
    """The prefix the sheet's rows take for SpreadsheetML."""

    def stream(self) -> Iterator[tuple[bytes | memoryview, bool]]:
        """The sheet's bytes in pieces, each with whether it holds appended rows; their cells
        are marked as they pass."""
        at = 0
        for piece in self.pieces:
            at += len(piece)
            yield piece, False
        start = at
        for xml, marks in self.appended or ():
            for col, (first, flags) in marks.items():
                self.mark_all(col, first, flags)
            at += len(xml)
            yield xml, True
        self.appended_at = (start, at)
        for piece in self.rest:
            yield piece, False

    def mark_all(self, col: int, first: int, flags: bytes) -> None:
        """Mark the rows from `first` on where `flags` holds 1."""
        stop = first + len(flags)
        self.mark(stop - 1, col)
        self.cells[col][first:stop] = flags


class SheetEditor:
    """Splices edits into one scanned sheet; the scan is immutable and shared by copies."""

    def __init__(self, scan: SheetScan) -> None:
        self.scan = scan
        self.tags = TagReader(scan.part)  # a fresh one for each render

    def style_at(self, row: int, col: int) -> int | None:
        """The format of the cell at (row, col), None when the file has no such cell."""
        i = self.scan.index.get(row)
        if i is None:
            return None
        j = self._cell(i, col)
        return self.scan.cell_style[j] if j >= 0 else None

    def filled_cells(self, col: int, first: int, last: int) -> list[int]:
        """Rows first..last whose cell in column `col` holds something (not written empty)."""
        scan = self.scan
        found = []
        for row in range(first, last + 1):
            i = scan.index.get(row)
            j = self._cell(i, col) if i is not None else -1
            if j >= 0 and not scan.cell_ends(j)[0]:
                found.append(row)
        return found

    def _cell(self, i: int, col: int) -> int:
        scan = self.scan
        lo, hi = scan.row_cells[i], scan.row_cells[i + 1]
        if scan.row_flags[i] & UNSORTED:
            return scan.find_cell(i, col)  # cells out of column order: look at each
        j = bisect_left(scan.cell_col, col, lo, hi)
        return j if j < hi and scan.cell_col[j] == col else -1

    def last_row(self) -> int:
        """The number of the sheet's last row (0 when it has none): rows after it are new."""
        return max(self.scan.row_number, default=0)

    def render(
        self,
        rows: RowWrites | EditedRows,
        span: tuple[int, int],
        appended: Appended | None = None,
    ) -> Rendered:
        """The sheet with the cells of `rows` (row -> [(column, write)], both ascending)
        written (EditedRows of a big sheet: in two processes, `render_halves`); `span` is the
        first and last column edited, for the dimension. `appended` are rows after
        `last_row`, streamed (`Rendered.stream`) rather than joined."""
        scan, data = self.scan, memoryview(self.scan.data)
        self.tags = TagReader(scan.part)
        out = Rendered([])
        pieces = out.pieces
        closed, data_end = scan.ends(scan.data_close, b"sheetData")
        if isinstance(rows, EditedRows):
            at, first_row, last_row, opened = spliced_in_halves(self, rows, out, closed)
        else:
            at, first_row, last_row, opened = self.splice_rows(rows, out, scan.data_start, closed)
        more = appended is not None and appended.first > 0
        if more:
            first_row, last_row = first_row or appended.first, appended.last  # type: ignore[union-attr]
        closing: list[bytes | memoryview] = []
        if opened or (more and closed):  # <sheetData/> opened to take the rows
            p = scan.data_prefix
            pieces += [data[at : scan.data_start], f"<{p}sheetData>".encode(), *opened]
            closing.append(f"</{p}sheetData>".encode())
            at = data_end
        elif more:
            pieces.append(data[at : scan.data_close])
            at = scan.data_close
        head = self._head(first_row, last_row, span)
        out.pieces = [*head, *pieces]
        if more:
            out.appended = appended.blocks(scan.data_prefix)  # type: ignore[union-attr]
            out.appended_from, out.appended_to = appended.first, appended.last  # type: ignore[union-attr]
            out.prefix = scan.data_prefix
            out.rest = [*closing, data[at:]]
            opening, *after = self._around_rows(closed, data_end, [])
            out.around = (b"".join([*head, opening]), b"".join(after))
        else:
            out.pieces += [*closing, data[at:]]
        if out.cells:
            out.read_back = [*head, *self._around_rows(closed, data_end, out.written_rows)]
        return out

    def splice_rows(
        self,
        rows: RowWrites,
        out: Rendered,
        at: int,
        closed: bool,
    ) -> tuple[int, int, int, list[bytes]]:
        """`rows` spliced into the sheet's bytes from offset `at` on, into `out.pieces`: the
        offset after the last row spliced, the first and last row written (0 for none), and the
        new rows of a sheet written <sheetData/> (`closed`)."""
        scan, data, pieces = self.scan, memoryview(self.scan.data), out.pieces
        opened: list[bytes] = []
        first_row = last_row = 0
        for number, writes in rows:
            i = scan.index.get(number)
            if i is None:
                row = self._new_row(number, writes, out)
                where = -1 if closed else self._insert_at(number)
                if row is None:
                    continue
                if where < 0:
                    opened.append(row)
                else:
                    pieces += [data[at:where], row]
                    at = where
            else:
                row = self._edited_row(i, writes, out)
                if row is None:
                    continue
                pieces += [data[at : scan.row_start[i]], row]
                at = scan.row_end(i)
            first_row, last_row = first_row or number, number
        return at, first_row, last_row, opened

    def _around_rows(self, closed: bool, end: int, rows: list[bytes]) -> list[bytes | memoryview]:
        """sheetData holding only `rows`, and everything after it."""
        scan, data = self.scan, memoryview(self.scan.data)
        p = scan.data_prefix
        if closed:
            name, attrs = self.tags.start_tag(scan.data[scan.data_start : end])
            opening: bytes | memoryview = _tag(name, attrs, False).encode()
        else:
            body = scan.row_start[0] if len(scan.row_start) else scan.data_close
            opening = data[scan.data_start : body]
        return [opening, *rows, f"</{p}sheetData>".encode(), data[end:]]

    def _insert_at(self, number: int) -> int:
        """Where a new row `number` goes: before the first row after it, or at the end."""
        scan = self.scan
        k = bisect_right(scan.row_number, number)
        return scan.row_start[k] if k < len(scan.row_number) else scan.data_close

    def _head(self, first: int, last: int, span: tuple[int, int]) -> list[bytes | memoryview]:
        """Everything before sheetData, the dimension grown to cover what was written."""
        scan, data = self.scan, memoryview(self.scan.data)
        bounds = scan.dimension_bounds()
        if scan.dimension is None or bounds is None or not last:
            return [data[: scan.data_start]]
        c1, r1, c2, r2 = bounds
        ref = range_ref(min(c1, span[0]), min(r1, first), max(c2, span[1]), max(r2, last))
        start, close, _ = scan.dimension
        empty, end = scan.ends(close, b"dimension")
        name, attrs = self.tags.start_tag(scan.data[start:end])
        tag = _tag(name, _with(attrs, ref=ref), empty)
        return [data[:start], tag.encode(), data[end : scan.data_start]]

    def _new_row(
        self, number: int, writes: list[tuple[int, CellWrite]], out: Rendered
    ) -> bytes | None:
        """A row the file does not have, with the cells written there (None when none is)."""
        p = self.scan.data_prefix
        cells = []
        for col, write in writes:
            cell = write(number, p, None)
            if isinstance(cell, str):
                cells.append(cell)
                out.mark(number, col)
        if not cells:
            return None
        opening, middle, closing = row_parts(p)
        row = f"{opening}{number}{middle}{''.join(cells)}{closing}".encode()
        out.added.append(row)
        out.written_rows.append(row)
        return row

    def _edited_row(
        self, i: int, writes: list[tuple[int, CellWrite]], out: Rendered
    ) -> bytes | None:
        """Row `i` with its edited cells replaced or inserted; None when nothing changed."""
        scan, data = self.scan, self.scan.data
        p = scan.prefixes[scan.row_prefix[i]]
        number = scan.row_number[i]
        lo, hi = scan.row_cells[i], scan.row_cells[i + 1]
        cell_col, cell_start, cell_close = scan.cell_col, scan.cell_start, scan.cell_close
        flags = scan.row_flags[i]
        splices: list[tuple[int, int, bytes]] = []  # (from, to, new xml); -1: at the row's end
        written: list[bytes] = []  # the new cells whose value is read back
        inserted = False
        for col, write in writes:
            if hi == lo:
                j = -1
            elif not flags & UNSORTED:  # the common case, inlined: a refresh looks up every cell
                j = bisect_left(cell_col, col, lo, hi)
                if j == hi or cell_col[j] != col:
                    j = -1
            else:
                j = scan.find_cell(i, col)
            if j >= 0:
                cell = write(number, p, scan.cell_style[j])
                if cell is None:
                    continue
                start, close = cell_start[j], cell_close[j]
                if close > start and data.startswith(b"</c>", close):  # cell_end, inlined
                    end = close + 4
                else:
                    end = scan.cell_end(j)
                if isinstance(cell, int):
                    xml = self._restyled(i, j, end, cell)
                else:
                    xml = cell.encode()
                    if data[start:end] == xml:
                        continue  # as the file has it already: a refresh changes few cells
                    if scan.cell_flags[j] & HAS_FORMULA:
                        out.formulas_replaced = True
                    else:
                        out.mark(number, col)
                        written.append(xml)
                splices.append((start, end, xml))
            else:
                cell = write(number, p, None)
                if not isinstance(cell, str):
                    continue
                after = bisect_left(cell_col, col, lo, hi) if hi > lo else hi
                where = cell_start[after] if after < hi else -1
                xml = cell.encode()
                splices.append((where, where, xml))
                out.mark(number, col)
                written.append(xml)
                inserted = True
        if not splices:
            return None
        context = self._context(i, [s[2] for s in splices])
        out.added.append(context)
        if written:  # restyled cells keep their value: nothing of theirs to read back
            same = len(written) == len(splices)
            out.written_rows.append(context if same else self._context(i, written))
        if flags & NO_REF or (inserted and flags & SPANS):
            return self._rebuilt(i, splices)
        empty, end = scan.row_ends(i)
        if empty:
            return self._rebuilt(i, splices)
        close = scan.row_close[i]
        parts: list[bytes] = []
        at = scan.row_start[i]
        if len(splices) > 1:  # in place order; those at the row's end after every cell
            splices.sort(key=lambda s: close if s[0] < 0 else s[0])
        for a, b, xml in splices:
            if a < 0:
                a = b = close
            parts += [data[at:a], xml]
            at = b
        parts.append(data[at:end])
        return b"".join(parts)

    def _rebuilt(self, i: int, splices: list[tuple[int, int, bytes]]) -> bytes:
        """Row `i` written again from its start tag: references added to cells placed by
        position, a spans hint dropped, a self-closed row opened, edited cells spliced in."""
        scan = self.scan
        name, attrs = self._row_tag(i)
        attrs = _with(attrs, r=str(scan.row_number[i]), spans=None)
        inserts: dict[int, list[bytes]] = {}
        replaces: dict[int, bytes] = {}
        appended: list[bytes] = []
        for a, b, xml in splices:
            if a < 0:
                appended.append(xml)
            elif a == b:
                inserts.setdefault(a, []).append(xml)
            else:
                replaces[a] = xml
        cells: list[bytes] = [_tag(name, attrs, False).encode()]
        for j in scan.cells_of(i):
            a = scan.cell_start[j]
            cells += inserts.get(a, [])
            cells.append(replaces[a] if a in replaces else self._with_ref(i, j))
        cells += appended
        cells.append(f"</{name}>".encode())
        return b"".join(cells)

    def _with_ref(self, i: int, j: int) -> bytes:
        """Cell `j` as it is, given an r= when it was placed by position."""
        scan, data = self.scan, self.scan.data
        end = scan.cell_end(j)
        if not scan.cell_flags[j] & NO_REF:
            return data[scan.cell_start[j] : end]
        ref = f"{column_letters(scan.cell_col[j])}{scan.row_number[i]}"
        return self._retagged(j, end, r=ref)

    def _restyled(self, i: int, j: int, end: int, style: int) -> bytes:
        """Cell `j` of row `i` with format `style`, its value kept (and an r= if it had none)."""
        scan = self.scan
        if scan.cell_flags[j] & NO_REF:
            ref = f"{column_letters(scan.cell_col[j])}{scan.row_number[i]}"
            return self._retagged(j, end, r=ref, s=str(style))
        return self._retagged(j, end, s=str(style))

    def _retagged(self, j: int, end: int, **values: str) -> bytes:
        """Cell `j` with attributes of its start tag set, its content as it was."""
        scan, data = self.scan, self.scan.data
        start = scan.cell_start[j]
        name, attrs, body = self.tags.element(data[start:end])
        attrs = _with(attrs, **values)
        if scan.cell_ends(j)[0]:
            return _tag(name, attrs, True).encode()
        return _tag(name, attrs, False).encode() + data[start + body : end]

    def _context(self, i: int, cells: list[bytes]) -> bytes:
        """The cells added to row `i`, inside a copy of the row's start tag: the check before
        writing parses them with the namespaces in force there."""
        scan = self.scan
        lo, hi = scan.row_cells[i], scan.row_cells[i + 1]
        if hi > lo:  # the row's own start tag, as it is
            name = f"{scan.prefixes[scan.row_prefix[i]]}row"
            head = scan.data[scan.row_start[i] : scan.cell_start[lo]]
            return b"".join([head, *cells, f"</{name}>".encode()])
        name, attrs = self._row_tag(i)
        return b"".join([_tag(name, attrs, False).encode(), *cells, f"</{name}>".encode()])

    def _row_tag(self, i: int) -> tuple[str, list[str]]:
        scan = self.scan
        lo, hi = scan.row_cells[i], scan.row_cells[i + 1]
        stop = scan.cell_start[lo] if hi > lo else scan.row_end(i)
        return self.tags.start_tag(scan.data[scan.row_start[i] : stop])


@cache
def row_parts(p: str) -> tuple[str, str, str]:
    """A new row is opening + its number + middle + its cells + closing."""
    return f'<{p}row r="', '">', f"</{p}row>"


def _with(attrs: list[str], **values: str | None) -> list[str]:
    """Attributes (name, value, ...) with `values` set (None removes one), order kept."""
    out: list[str] = []
    todo = dict(values)
    for k in range(0, len(attrs), 2):
        name = attrs[k]
        if name in todo:
            value = todo.pop(name)
            if value is not None:
                out += [name, value]
        else:
            out += [name, attrs[k + 1]]
    for name, value in todo.items():
        if value is not None:
            out += [name, value]
    return out


def _tag(name: str, attrs: list[str], empty: bool) -> str:
    pairs = [(attrs[k], attrs[k + 1]) for k in range(0, len(attrs), 2)]
    return f"<{name}{attributes_xml(pairs)}{'/>' if empty else '>'}"
