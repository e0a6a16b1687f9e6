"""The workbook port over the OOXML package itself: fast, and it loses nothing of the user's file.

Only what the use cases change is rewritten: the cells written (spliced into the sheet's bytes),
the table parts resized (with the series of the sheet's charts over them), cell formats appended
to styles.xml, and report sheets, written whole as new parts or over a sheet of the same name.
Every other part (charts, images, sparklines, comments, x14 formats and validations, pivots,
VBA, form controls, defined names, protection) is copied byte for byte. Text is stored as inline
strings, so it is never a formula. Before any bytes leave `to_bytes` they are read back and
checked (`verify`): a workbook that would not read as meant is never written.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import python_calamine as calamine

from addin.adapters.heap import frozen
from addin.adapters.package import limits
from addin.adapters.package.book_parts import BookParts
from addin.adapters.package.calamine_calls import calamine_calls
from addin.adapters.package.cells import TableFormula, is_blank
from addin.adapters.package.charts import follow_charts
from addin.adapters.package.edits import FILL, VALUE, LaterStyle, SheetEdits
from addin.adapters.package.formats import broken_part, missing_part, opened, part_error
from addin.adapters.package.refs import column_letters
from addin.adapters.package.report_parts import find_sheet, place_report
from addin.adapters.package.scan_ahead import EarlyScan
from addin.adapters.package.tables import TablePart, next_table_id, tables_of
from addin.adapters.package.zipraw import PartError
from addin.domain.errors import InputFileError, NotAWorkbookError, SchemaError
from addin.domain.i18n import text
from addin.domain.problems import Layout
from addin.ports import RawTable, Report, column_taken, missing_table, sheet_taken

F = TypeVar("F", bound=Callable[..., Any])


def _named_errors(method: F) -> F:
    """A part found unreadable half-way (parts are read when first needed) is named in one line."""

    @functools.wraps(method)
    def run(self: PackageBook, *args: object, **kwargs: object) -> object:
        try:
            return method(self, *args, **kwargs)
        except PartError as error:
            raise part_error(error, self.source) from None

    return run  # type: ignore[return-value]


class PackageBook(BookParts):
    """WorkbookPort for an .xlsx/.xlsm/.xltx package, edited part by part."""

    @classmethod
    def from_bytes(cls, data: bytes, source: str, early: EarlyScan | None = None) -> PackageBook:
        """The package in `data`; `early` is its opening, its tables and a sheet's scan, done
        before this module was even imported (`scan_ahead.scanned_early`)."""
        if early is None:
            return cls(opened(data, source), source, data)
        book = cls(early.package, source, data)
        book._tables = early.tables
        if early.scan is not None:
            book._scans[early.scan.part] = early.scan
        return book

    @classmethod
    def open(cls, path: str | Path) -> PackageBook:
        path = Path(path)
        return cls.from_bytes(path.read_bytes(), path.name)

    def unreadable(self, error: Exception) -> InputFileError:
        """The error for a package calamine could not read: its broken part named if found."""
        broken = broken_part(self.package)
        if broken is not None:
            return part_error(broken, self.source)
        return NotAWorkbookError(text("error.unreadable_workbook", name=self.source, detail=error))

    def check_parts_there(self) -> None:
        """Refuse now a package lacking a sheet or the styles part, which a later step would
        miss: a template, before any rep's workbook is made of it (and named for it)."""
        missing = missing_part(self.package)
        if missing is not None:
            raise part_error(missing, self.source)

    @_named_errors
    def check_tables(self) -> None:
        """Refuse now a table no reader should allocate (one over the whole sheet, say)."""
        for table in self._all_tables().values():
            self._check_size(table)

    def fresh_copy(self, source: str) -> PackageBook:
        """An unedited copy sharing the parsed parts: one template, many workbooks."""
        if self._edits or self._written or self._reports:
            raise RuntimeError("copy a PackageBook before editing it")
        copy = PackageBook(self.package.copy(), source, self._data)
        copy._sheets, copy._reads = self._sheets, self._reads
        copy._loaded_styles = self._loaded_styles
        return copy

    # --- the port ----------------------------------------------------------------------------

    @_named_errors
    def has_table(self, name: str) -> bool:
        return name.casefold() in self._all_tables()

    @_named_errors
    def read_table(self, name: str) -> RawTable:
        table = self._table(name)
        key = table.name.casefold()
        if key in self._written:
            raw = self._written[key]
        elif table.sheet_part in self._edits or table.sheet_part in self._reports or not self._data:
            raw = self._read(self.to_bytes(), table)
        else:  # the file as loaded: read once, shared with copies of a template
            loaded = self._reads.get(key)
            if loaded is None:
                self.scan_ahead(table.sheet_part)  # use cases write where they read
                loaded = self._reads.setdefault(key, self._read(self._data, table))
            raw = loaded
        return RawTable(raw.frame.astype(object), raw.layout)  # a copy, as a reader gives it

    def _read(self, data: bytes, table: TablePart) -> RawTable:
        self._check_size(table)
        try:
            with calamine_calls():
                found = self._calamine_book(data).get_table_by_name(table.name)
                headers = [str(c) for c in found.columns]
                rows = found.to_python()[: table.body_rows]
        except (calamine.CalamineError, calamine.XmlError, calamine.ZipError) as error:
            raise self.unreadable(error) from None
        cells = np.array(rows, dtype=object).reshape(len(rows), len(headers))
        cells[cells == ""] = None  # an empty cell, as openpyxl and xlwings give it
        frame = pd.DataFrame(cells, columns=headers, dtype=object)
        return RawTable(frame, self._layout(table))

    def _calamine_book(self, data: bytes) -> calamine.CalamineWorkbook:
        if self._calamine is None or self._calamine[0] is not data:  # one parse per file state
            opened_book = calamine.CalamineWorkbook.from_filelike(
                io.BytesIO(data), load_tables=True
            )
            self._calamine = (data, opened_book)
        return self._calamine[1]

    def _check_size(self, table: TablePart) -> None:
        """A table over far more cells than any real one is refused before it is allocated."""
        min_col, min_row, max_col, max_row = table.bounds
        cells = (max_col - min_col + 1) * (max_row - min_row + 1)
        if cells > limits.TABLE_CELL_LIMIT:
            ref = f"{column_letters(min_col)}{min_row}:{column_letters(max_col)}{max_row}"
            message = text(
                "error.table_too_big", name=self.source, table=table.name, ref=ref, cells=cells
            )
            raise SchemaError(message)

    @_named_errors
    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        table = self._table(name)
        if table.totals_rows:
            where = self._layout(table).where()
            raise SchemaError(text("error.total_row", where=where, table=table.name))
        min_col, min_row, max_col, max_row = table.bounds
        headers = [str(c) for c in frame.columns]
        last_col = min_col + max(len(headers), 1) - 1
        self._check_limits(table, min_row + max(len(frame), 1), last_col)
        added = {c: headers[c - min_col] for c in range(max_col + 1, last_col + 1)}
        self._check_beside(table, added, min_row + max(len(frame), 1))
        self._write_headers(table, headers)
        defaults = {c: self._body_style(table, c) for c in range(min_col, last_col + 1)}
        edits = self._sheet_edits(table.sheet_part)
        inside = self._sheet(table.sheet_part).last_row() - min_row  # rows the sheet has
        for offset, values in enumerate(_columns(frame, inside)):
            if offset in table.formulas:  # a calculated column goes down every row
                formula = TableFormula(table.formulas[offset])
                whole = frame.iloc[:, offset].to_numpy(dtype=object)  # every row, blanks too
                values = [formula if is_blank(v) else v for v in whole]
            edits.put(min_col + offset, min_row + 1, VALUE, values, defaults[min_col + offset])
        given_up = [None] * (max_row - min_row - len(frame))  # rows the table gives up
        for c in range(min_col, max(max_col, last_col) + 1):
            edits.put(c, min_row + len(frame) + 1, VALUE, given_up, None)
        table.resize(last_col, min_row + max(len(frame), 1))
        follow_charts(self.package, self._charts, table, max_row)
        layout = self._layout(table)
        self._written[table.name.casefold()] = RawTable(  # object dtype when read
            frame.set_axis(headers, axis=1).reset_index(drop=True), layout
        )

    def _check_limits(self, table: TablePart, last_row: int, last_col: int) -> None:
        """Excel has 1,048,576 rows and 16,384 columns: refuse rather than write past them."""
        where = self._layout(table).where()
        if last_row > limits.MAX_ROW:
            raise SchemaError(text("error.past_last_row", where=where, rows=last_row))
        if last_col > limits.MAX_COLUMN:
            raise SchemaError(text("error.past_last_column", where=where))

    @_named_errors
    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        part = self._table(table)
        col = self._column_of(part, header)
        style, cells = self._later_body_style(part, col), list(values)
        self._check_limits(part, part.header_row + len(cells), col)
        self._sheet_edits(part.sheet_part).put(col, part.header_row + 1, VALUE, cells, style)
        key = part.name.casefold()
        if key not in self._written and key in self._reads:  # as loaded, with this column new
            loaded = self._reads[key]
            self._written[key] = RawTable(loaded.frame.copy(), loaded.layout)
        cached = self._written.get(key)
        if cached is not None:  # read back without saving and parsing the whole book again
            cached.frame[part.columns[col - part.bounds[0]]] = pd.Series(cells, dtype=object)

    @_named_errors
    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        part = self._table(table)
        col = self._column_of(part, header)
        style = self._later_body_style(part, col)
        self._sheet_edits(part.sheet_part).put(col, part.header_row + 1, FILL, list(colors), style)

    @_named_errors
    def write_report(self, sheet: str, report: Report) -> None:
        """Add the sheet (before xlwings.conf) or replace it; a user's table there is refused."""
        found = find_sheet(self.package, sheet)
        tables = self._all_tables()
        if found is not None:
            held = [t.name for t in tables.values() if t.sheet_part == found[1]]
            taken = sheet_taken(self.source, sheet, held, report)
            if taken is not None:
                raise taken
        first_id = next_table_id(tables.values())
        placed = place_report(self.package, self.styles, sheet, report, first_id)
        self._forget(placed.sheet_part, placed.removed)
        for part, xml in placed.tables:
            table = TablePart.parse(part, sheet, placed.sheet_part, xml)
            tables[table.name.casefold()] = table
        self._reports[placed.sheet_part] = (sheet, report)

    def forget_tables(self) -> None:
        """Drop the tables kept as read (and as written since) for later reads: a save that
        follows needs only the edits, and a 100,000-row table is some 140 MB of Python objects.
        A table read after this is read again."""
        self._reads, self._written = {}, {}

    # --- saving ------------------------------------------------------------------------------

    @_named_errors
    def to_bytes(self) -> bytes:
        """The edited package as .xlsx bytes, checked before they are handed out."""
        with frozen():  # a million-row save makes millions of lists
            return self._checked_bytes()

    # --- helpers -----------------------------------------------------------------------------

    def _column_of(self, table: TablePart, header: str) -> int:
        """The sheet column of `header`, appending it to the table when it is missing."""
        for offset, name in enumerate(table.columns):
            if name.strip() == header:
                return table.bounds[0] + offset
        _, _, max_col, max_row = table.bounds
        self._check_limits(table, max_row, max_col + 1)
        self._check_beside(table, {max_col + 1: header}, max_row)
        self._write_headers(table, [*table.columns, header])
        table.resize(max_col + 1, max_row)
        return max_col + 1

    def _check_beside(self, table: TablePart, added: dict[int, str], last_row: int) -> None:
        """Never write a new column over the user's cells beside a table."""
        for col, header in added.items():
            editor = self._sheet(table.sheet_part)
            taken = editor.filled_cells(col, table.header_row, last_row)
            if taken:
                where = f"{self.source}, {table.sheet}"
                value = self._value_at(table.sheet, taken[0], col)
                raise column_taken(where, header, f"{column_letters(col)}{taken[0]}", value)

    def _value_at(self, sheet: str, row: int, col: int) -> object:
        """What the file's cell holds, read as calamine reads it (for a message)."""
        if not self._data:
            return ""
        with calamine_calls():
            rows = (
                self._calamine_book(self._data)
                .get_sheet_by_name(sheet)
                .to_python(skip_empty_area=False)
            )
        return rows[row - 1][col - 1] if row <= len(rows) and col <= len(rows[row - 1]) else ""

    def _write_headers(self, table: TablePart, headers: list[str]) -> None:
        min_col, header_row = table.bounds[0], table.header_row
        old = table.columns
        edits = self._sheet_edits(table.sheet_part)
        last_style = self._cell_style(table, min_col + len(old) - 1) if old else 0
        for offset, name in enumerate(headers):
            if offset >= len(old) or old[offset] != name:
                style = (
                    self._cell_style(table, min_col + offset) if offset < len(old) else last_style
                )
                edits.put(min_col + offset, header_row, VALUE, [name], style)
        table.rename_columns(headers)

    def _layout(self, table: TablePart) -> Layout:
        return Layout(self.source, table.sheet, table.header_row, table.bounds[0] - 1)

    def _body_style(self, table: TablePart, col: int) -> int:
        """The format new cells of column `col` get: the first body row's, else the column's."""
        editor = self._sheet(table.sheet_part)
        found = editor.style_at(table.header_row + 1, col)
        return found if found is not None else editor.scan.column_style(col)

    def _later_body_style(self, table: TablePart, col: int) -> LaterStyle:
        return LaterStyle(lambda: self._body_style(table, col))

    def _cell_style(self, table: TablePart, col: int) -> int:
        found = self._sheet(table.sheet_part).style_at(table.header_row, col)
        return found if found is not None else 0

    def _all_tables(self) -> dict[str, TablePart]:
        if self._tables is None:
            self._tables = tables_of(self.package)
        return self._tables

    def _table(self, name: str) -> TablePart:
        tables = self._all_tables()
        if name.casefold() not in tables:
            raise missing_table(self.source, name, [t.name for t in tables.values()])
        return tables[name.casefold()]

    def _sheet_edits(self, part: str) -> SheetEdits:
        if part not in self._edits:
            self._edits[part] = SheetEdits()
        return self._edits[part]


_AT_ONCE_ROWS = 1 << 16
"""A frame up to this many rows is converted to cells in one piece."""


def _columns(frame: pd.DataFrame, inside: int) -> Iterator[list[object]]:
    """The frame's values a column at a time, as cells: past the first `inside` rows (the
    rows the sheet has), a column of missing values (None, NA, NaN, NaT) is cut off, since a
    new row gets no cell for them. A frame the sheet holds is converted at once."""
    if len(frame) <= inside:
        yield from frame.to_numpy(dtype=object).T.tolist()
        return
    if len(frame) <= _AT_ONCE_ROWS:  # a rep's rows: converted at once, not a column at a time
        for cells in frame.to_numpy(dtype=object).T:
            cut = pd.isna(cells[max(inside, 0) :]).all()
            yield (cells[: max(inside, 0)] if cut else cells).tolist()
        return
    for offset in range(frame.shape[1]):  # a million rows: one column in memory at a time
        column = frame.iloc[:, offset]
        rest = column.iloc[max(inside, 0) :]
        if pd.isna(rest.iloc[0]) and rest.isna().all():
            column = column.iloc[: max(inside, 0)]
        yield column.to_numpy(dtype=object).tolist()
