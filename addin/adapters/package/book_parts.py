"""What a PackageBook holds (the package, its parsed parts, the pending edits) and how they are
turned into the bytes of a new package, checked before anyone may write them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from lxml import etree

from addin.adapters.package.appended import AppendedRows
from addin.adapters.package.background import beside
from addin.adapters.package.cells import CellLimitError
from addin.adapters.package.charts import chart_bytes
from addin.adapters.package.edits import VALUE, SheetEdits, cell_writers
from addin.adapters.package.new_parts import drop_calc_chain
from addin.adapters.package.parts import BIG_PART, BIG_PART_LEVEL, Package
from addin.adapters.package.plain_scan import quick_scan
from addin.adapters.package.scan_ahead import ScanAhead
from addin.adapters.package.sheet import Rendered, SheetEditor
from addin.adapters.package.styles import Styles
from addin.adapters.package.tables import TablePart
from addin.adapters.package.verify import (
    CheckError,
    ColumnCells,
    Written,
    check_package,
    checked_stream,
    parts_checking,
)
from addin.adapters.package.zipraw import PartError, deflated_pieces
from addin.domain.errors import SchemaError, WriteCheckError
from addin.domain.i18n import text
from addin.domain.report import Report
from addin.ports import RawTable

WINDOW_BYTES = 8 << 20
"""Appended rows read back at a time at most: calamine holds a block's cells, not a million
rows'. Appended rows fewer than this are read with the rest of the sheet."""
MIN_WINDOW_BYTES = 2 << 20
"""Appended rows read back at a time at least: calamine's start on a package costs a few ms."""


class BookParts:
    """The state of a PackageBook and its saving; the port itself is in `book`."""

    def __init__(self, package: Package, source: str, data: bytes | None = None) -> None:
        self.package = package
        self.source = source
        self._data = data
        self._sheets: dict[str, SheetEditor] = {}
        self._tables: dict[str, TablePart] | None = None
        self._edits: dict[str, SheetEdits] = {}
        self._written: dict[str, RawTable] = {}
        self._styles: Styles | None = None
        self._reads: dict[str, RawTable] = {}
        self._charts: dict[str, etree._Element] = {}
        self._reports: dict[str, tuple[str, Report]] = {}
        """Sheet parts write_report wrote -> (sheet name, report): read back when asked."""
        self._calamine: tuple[bytes, Any] | None = None
        self._scans: dict[str, ScanAhead] = {}
        """Sheet parts being scanned on a thread while calamine reads the file (`scan_ahead`)."""
        self._loaded_styles: dict[str, Styles] = {}
        """The file's own styles part, parsed once and shared with copies, which each edit a
        copy of it."""

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            part = self._styles_part()
            if self.package.is_new(part):
                self._styles = Styles(self.package.read(part), part)
            else:
                loaded = self._loaded_styles.get(part)
                if loaded is None:
                    loaded = self._loaded_styles[part] = Styles(self.package.read(part), part)
                self._styles = loaded.copy()
        return self._styles

    def _styles_part(self) -> str:
        found = self.package.related(self.package.workbook_part(), "styles")
        if not found or not self.package.has(found[0]):
            raise PartError("error.part_missing", found[0] if found else "xl/styles.xml")
        return found[0]

    def _sheet(self, part: str) -> SheetEditor:
        if part not in self._sheets:
            pending = self._scans.pop(part, None)
            scan = pending.result() if pending else quick_scan(self.package.read(part), part)
            self._sheets[part] = SheetEditor(scan)
        return self._sheets[part]

    def scan_ahead(self, part: str) -> None:
        """Start scanning a sheet the use case will write while calamine reads the file."""
        if part not in self._sheets and part not in self._scans:
            self._scans[part] = ScanAhead(self.package, part)

    def stop_scans(self) -> None:
        """Stop the scans started ahead that nobody will wait for (the run failed)."""
        for pending in self._scans.values():
            pending.cancel()
        self._scans.clear()

    def _forget(self, sheet_part: str, removed: set[str]) -> None:
        """Drop what the book knew of a sheet that was just written over, and of removed parts."""
        tables = self._tables or {}
        for key, table in list(tables.items()):
            if table.sheet_part == sheet_part:
                del tables[key]
                self._written.pop(key, None)
        self._edits.pop(sheet_part, None)
        self._scans.pop(sheet_part, None)
        self._sheets = {p: s for p, s in self._sheets.items() if p != sheet_part}  # own copy
        self._charts = {p: x for p, x in self._charts.items() if p not in removed}

    def _checked_bytes(self) -> bytes:
        """The edited package as .xlsx bytes; untouched parts are copied as they were. The bytes
        are read back first (`verify`); a difference raises WriteCheckError."""
        package = self.package.copy()
        written = Written()
        names = {part: name for name, part in package.sheets()}
        read_back: dict[str, bytes] = {}
        appended: dict[str, tuple[Rendered, str]] = {}
        formulas_replaced = False
        for part, edits in self._edits.items():
            rendered = self._rendered(part, names.get(part, part), edits)
            scope = self._sheet(part).scan.scope
            written.added[part] = (scope, rendered.added)  # checked with the parts, elsewhere
            if rendered.appended is not None:  # streamed into zlib, checked as it passes
                stream = checked_stream(part, scope, rendered.prefix, rendered.stream())
                try:
                    package.write_packed(deflated_pieces(part, stream, BIG_PART_LEVEL))
                except CheckError as error:
                    raise self._check_failed(error) from None
                appended[part] = (rendered, names.get(part, part))
            else:
                content = b"".join(rendered.pieces)
                if content != self._sheet(part).scan.data:  # else as it was: not packed again
                    package.write(part, content)
                if rendered.cells:  # calamine reads a stored copy: it need not wait for zlib
                    cut = _cut_down(rendered.read_back, content)
                    read_back[part] = b"".join(rendered.read_back) if cut else content
                del rendered.read_back[:]
            del rendered.pieces[:], rendered.written_rows[:]  # a million rows
            if rendered.cells:
                written.cells[names.get(part, part)] = [
                    (col, edits.columns[col].first, edits.columns[col].lists[VALUE], flags)
                    for col, flags in rendered.cells.items()
                ]
            formulas_replaced |= rendered.formulas_replaced
        for table in (self._tables or {}).values():
            if table.changed:
                package.write(table.part, table.to_bytes())
        for chart, root in self._charts.items():
            package.write(chart, chart_bytes(root))
        if self._styles is not None and self._styles.changed:
            package.write(self._styles_part(), self._styles.to_bytes())
        if formulas_replaced:
            drop_calc_chain(package)
        for sheet, report in self._reports.values():
            written.cells[sheet] = report_cells(report)
        written.parts = dict(package.changed)
        parts_checked = parts_checking(written)  # forked (if at all) before threads start
        new_bytes = sum(map(len, package.changed.values()))  # zlib packs while the checks run
        packed = beside(package.to_bytes, "deflate", new_bytes)
        self._calamine = None  # the file as read: no longer needed, and big
        for part, (rendered, _) in list(appended.items()):
            if rendered.appended_at[1] - rendered.appended_at[0] < WINDOW_BYTES:
                read_back[part] = _with_appended(package, part, rendered)  # read with the rest
                del appended[part]
            elif rendered.read_back:  # the file's own rows written to
                read_back[part] = b"".join(rendered.read_back)
        if read_back:  # the new rows only, in the package as written: what calamine reads
            check = package.copy()
            for part, content in read_back.items():
                check.write(part, content)
            written.read_back = check.to_bytes(stored=True)
        for part, (rendered, sheet) in appended.items():
            size = window_bytes(rendered.appended_at[1] - rendered.appended_at[0])
            windows = read_back_windows(package, part, rendered, size)
            if rendered.read_back and written.read_back:
                first = (written.read_back, 1, rendered.appended_from)
                windows = itertools.chain([first], windows)
            written.windows[sheet] = windows
        try:
            check_package(packed.result, package, written, parts_checked)
        except CheckError as error:
            raise self._check_failed(error) from None
        return packed.result()

    def _check_failed(self, error: CheckError) -> WriteCheckError:
        return WriteCheckError(text("error.write_check", name=self.source, detail=error))

    def _rendered(self, part: str, sheet: str, edits: SheetEdits) -> Any:
        editor = self._sheet(part)
        edits.settle_styles()
        writes = cell_writers(edits, self.styles)
        span = edits.span() or (1, 1)
        last = editor.last_row()
        appended = AppendedRows(edits, writes, self.styles, last)
        try:
            rows = edits.edited_rows(writes, last + 1, self.styles.added_count)
            return editor.render(rows, span, appended)
        except CellLimitError as error:
            where = f"{self.source}, {sheet}"
            message = text("error.text_too_long", where=where, cell=error.ref, length=error.length)
            raise SchemaError(message) from None


def read_back_windows(
    package: Package, part: str, rendered: Rendered, size: int = WINDOW_BYTES
) -> Iterator[tuple[bytes, int, int]]:
    """The sheet's appended rows read again out of the package as written, about `size` bytes
    of rows at a time, each block put in the sheet alone (before and after its rows as
    written) in a stored copy of the package: (that copy, first row, row after the last)."""
    start, stop = rendered.appended_at
    before, after = rendered.around
    opening, closing = (f"<{rendered.prefix}row r=".encode(), f"</{rendered.prefix}row>".encode())
    pending, at, expected = bytearray(), 0, rendered.appended_from
    base = package.copy()
    for other in [name for name, content in base.changed.items() if len(content) > BIG_PART]:
        if other != part:  # calamine reads this sheet only: the others may be as in the file
            base.revert(other)
    for chunk in package.packed[part].chunks():
        lo, hi = max(start - at, 0), min(stop - at, len(chunk))
        at += len(chunk)
        if lo >= hi:
            continue
        pending += chunk[lo:hi]
        while end := _window_end(pending, closing, size, last=at >= stop):
            rows = bytes(pending[:end])
            del pending[:end]
            first, last = _row_numbers(rows, opening)
            if first != expected:
                raise CheckError(f"{part}: row {expected} is not where it was written")
            expected = last + 1
            check = base.copy()
            check.write(part, before + rows + after)
            yield check.to_bytes(stored=True), first, last + 1
    if pending or expected != rendered.appended_to + 1:
        raise CheckError(f"{part}: the rows written did not all reach the file")


def window_bytes(appended: int) -> int:
    """How many bytes of appended rows to read back at a time: a quarter of them, so that a few
    windows are read side by side (`check_package`), within MIN_WINDOW_BYTES..WINDOW_BYTES."""
    return min(WINDOW_BYTES, max(MIN_WINDOW_BYTES, -(-appended // 4)))


def _window_end(pending: bytearray, closing: bytes, size: int, last: bool) -> int:
    """Where the next window of `pending` ends: after the last whole row within `size` bytes
    (or the first row, if longer), or after every whole row when the rows are `last`; 0 when
    it is not time yet or no row has ended."""
    if len(pending) >= size:
        found = pending.rfind(closing, 0, size)
        found = found if found >= 0 else pending.find(closing)
    elif last:
        found = pending.rfind(closing)
    else:
        return 0
    return found + len(closing) if found >= 0 else 0


def _with_appended(package: Package, part: str, rendered: Rendered) -> bytes:
    """The sheet cut down to the rows holding cells written, as read back, with the rows
    appended after its last one as they were packed (a block small enough to read at once)."""
    start, stop = rendered.appended_at
    kept = b"".join(rendered.read_back) if rendered.read_back else b"".join(rendered.around)
    cut = len(kept) - len(rendered.around[1])
    return kept[:cut] + package.packed[part].content()[start:stop] + kept[cut:]


def _row_numbers(rows: bytes, opening: bytes) -> tuple[int, int]:
    """The numbers of the first and last of `rows`, custdev's own, each starting `opening`
    and '"N"' (no text holds '<': it is escaped)."""
    first, last = len(opening) + 1, rows.rfind(opening) + len(opening) + 1
    return int(rows[first : rows.index(b'"', first)]), int(rows[last : rows.index(b'"', last)])


def _cut_down(read_back: list[bytes | memoryview], content: bytes) -> bool:
    """Whether reading back only the rows written is worth a copy of them: not when they are
    most of the sheet, which is then read back whole."""
    return sum(len(piece) for piece in read_back) * 2 < len(content)


def report_cells(report: Report) -> list[ColumnCells]:
    """The cells a report writes, a column at a time (rows and columns 1-based)."""
    width = max((len(row) for row in report.rows), default=0)
    columns: list[ColumnCells] = []
    for c in range(width):
        values = [row[c] if c < len(row) else None for row in report.rows]
        flags = bytearray([0]) + bytearray(int(v is not None and v != "") for v in values)
        columns.append((c + 1, 1, values, flags))
    return columns
