"""The workbook port over the OOXML package itself: fast, and it loses nothing of the user's file.

Only what the use cases change is rewritten: the rows of the cells written, the table parts
resized (with the series of the sheet's charts over them), cell formats appended to styles.xml,
and report sheets, written whole as new parts or over a sheet of the same name. Every other
part (charts, images, sparklines, comments, x14 formats and validations, pivots, VBA, form
controls, defined names, protection) is copied byte for byte. Text is stored as inline strings,
so it is never a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine as calamine

from addin.domain.errors import NotAWorkbookError, SchemaError
from addin.domain.i18n import text
from addin.domain.problems import Layout
from addin.ports import RawTable, Report, column_taken, missing_table, sheet_taken
from addin.workbook.package.cells import TableFormula, column_letters, is_blank
from addin.workbook.package.charts import follow_charts
from addin.workbook.package.edits import (
    FILL,
    VALUE,
    SheetEdits,
    cell_writers,
    column_style,
    drop_calc_chain,
)
from addin.workbook.package.parts import Package
from addin.workbook.package.report_parts import find_sheet, place_report
from addin.workbook.package.sheet_xml import SheetXml
from addin.workbook.package.styles_xml import Styles
from addin.workbook.package.tables import TablePart, next_table_id


class PackageBook:
    """WorkbookPort for an .xlsx/.xlsm/.xltx package, edited part by part."""

    def __init__(self, package: Package, source: str, data: bytes | None = None) -> None:
        self.package = package
        self.source = source
        self._data = data
        self._sheets: dict[str, SheetXml] = {}
        self._tables: dict[str, TablePart] | None = None
        self._edits: dict[str, SheetEdits] = {}
        self._written: dict[str, RawTable] = {}
        self._styles: Styles | None = None
        self._reads: dict[str, RawTable] = {}
        self._charts: dict[str, str] = {}
        self._reports: set[str] = set()  # sheet parts write_report wrote: read back when asked
        self._calamine: tuple[bytes, calamine.CalamineWorkbook] | None = None

    @classmethod
    def from_bytes(cls, data: bytes, source: str) -> PackageBook:
        try:
            return cls(Package.from_bytes(data), source, data)
        except Exception as error:  # zipfile raises several kinds for a broken file
            raise NotAWorkbookError(
                text("error.unreadable_workbook", name=source, detail=error)
            ) from None

    @classmethod
    def open(cls, path: str | Path) -> PackageBook:
        path = Path(path)
        return cls.from_bytes(path.read_bytes(), path.name)

    def fresh_copy(self, source: str) -> PackageBook:
        """An unedited copy sharing the parsed parts: one template, many workbooks."""
        if self._edits or self._written or self._reports:
            raise RuntimeError("copy a PackageBook before editing it")
        copy = PackageBook(self.package.copy(), source, self._data)
        copy._sheets, copy._reads = self._sheets, self._reads
        return copy

    # --- the port ----------------------------------------------------------------------------

    def has_table(self, name: str) -> bool:
        return name.casefold() in self._all_tables()

    def read_table(self, name: str) -> RawTable:
        table = self._table(name)
        key = table.name.casefold()
        if key in self._written:
            raw = self._written[key]
        elif table.sheet_part in self._edits or table.sheet_part in self._reports or not self._data:
            raw = self._read(self.to_bytes(), table)
        else:  # the file as loaded: read once, shared with copies of a template
            raw = self._reads.get(key) or self._reads.setdefault(key, self._read(self._data, table))
        return RawTable(raw.frame.copy(), raw.layout)

    def _read(self, data: bytes, table: TablePart) -> RawTable:
        if self._calamine is None or self._calamine[0] is not data:  # one parse per file state
            opened = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data), load_tables=True)
            self._calamine = (data, opened)
        found = self._calamine[1].get_table_by_name(table.name)
        headers = [str(c) for c in found.columns]
        rows = found.to_python()[: table.body_rows]
        cells = np.array(rows, dtype=object).reshape(len(rows), len(headers))
        cells[cells == ""] = None  # an empty cell, as openpyxl and xlwings give it
        frame = pd.DataFrame(cells, columns=headers, dtype=object)
        return RawTable(frame, self._layout(table))

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        table = self._table(name)
        if table.totals_rows:
            where = self._layout(table).where()
            raise SchemaError(text("error.total_row", where=where, table=table.name))
        min_col, min_row, max_col, max_row = table.bounds
        headers = [str(c) for c in frame.columns]
        last_col = min_col + max(len(headers), 1) - 1
        added = {c: headers[c - min_col] for c in range(max_col + 1, last_col + 1)}
        self._check_beside(table, added, min_row + max(len(frame), 1))
        self._write_headers(table, headers)
        defaults = {c: self._body_style(table, c) for c in range(min_col, last_col + 1)}
        edits = self._sheet_edits(table.sheet_part)
        for offset, values in enumerate(frame.to_numpy(dtype=object).T.tolist()):
            if offset in table.formulas:  # a calculated column goes down every row
                formula = TableFormula(table.formulas[offset])
                values = [formula if is_blank(v) else v for v in values]
            edits.put(min_col + offset, min_row + 1, VALUE, values, defaults[min_col + offset])
        given_up = [None] * (max_row - min_row - len(frame))  # rows the table gives up
        for c in range(min_col, max(max_col, last_col) + 1):
            edits.put(c, min_row + len(frame) + 1, VALUE, given_up, None)
        table.resize(last_col, min_row + max(len(frame), 1))
        follow_charts(self.package, self._charts, table, max_row)
        layout = self._layout(table)
        self._written[table.name.casefold()] = RawTable(
            frame.set_axis(headers, axis=1).reset_index(drop=True).astype(object), layout
        )

    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        part = self._table(table)
        col = self._column_of(part, header)
        style, cells = self._body_style(part, col), list(values)
        self._sheet_edits(part.sheet_part).put(col, part.header_row + 1, VALUE, cells, style)
        key = part.name.casefold()
        if key not in self._written and key in self._reads:  # as loaded, with this column new
            loaded = self._reads[key]
            self._written[key] = RawTable(loaded.frame.copy(), loaded.layout)
        cached = self._written.get(key)
        if cached is not None:  # read back without saving and parsing the whole book again
            cached.frame[part.columns[col - part.bounds[0]]] = pd.Series(cells, dtype=object)

    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        part = self._table(table)
        col = self._column_of(part, header)
        style = self._body_style(part, col)
        self._sheet_edits(part.sheet_part).put(col, part.header_row + 1, FILL, list(colors), style)

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
        self._reports.add(placed.sheet_part)

    def _forget(self, sheet_part: str, removed: set[str]) -> None:
        """Drop what the book knew of a sheet that was just written over, and of removed parts."""
        for key, table in list(self._all_tables().items()):
            if table.sheet_part == sheet_part:
                del self._all_tables()[key]
                self._written.pop(key, None)
        self._edits.pop(sheet_part, None)
        self._sheets = {p: s for p, s in self._sheets.items() if p != sheet_part}  # own copy
        self._charts = {p: x for p, x in self._charts.items() if p not in removed}

    # --- saving ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The edited package as .xlsx bytes; untouched parts are copied as they were."""
        package = self.package.copy()
        formulas_replaced = False
        for part, edits in self._edits.items():
            replaced: list[bool] = []
            writers = cell_writers(edits, self.styles, replaced)
            xml = self._sheet(part).render(edits, writers, edits.span())
            package.write(part, xml.encode("utf-8"))
            formulas_replaced |= any(replaced)
        for table in self._all_tables().values():
            if table.changed:
                package.write(table.part, table.xml.encode("utf-8"))
        for chart, xml in self._charts.items():
            package.write(chart, xml.encode("utf-8"))
        if self._styles is not None and self._styles.changed:
            package.write(self._styles_part(), self._styles.to_xml().encode("utf-8"))
        if formulas_replaced:
            drop_calc_chain(package)
        return package.to_bytes()

    # --- helpers -----------------------------------------------------------------------------

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles = Styles(self.package.text(self._styles_part()))
        return self._styles

    def _styles_part(self) -> str:
        found = self.package.related(self.package.workbook_part(), "styles")
        if not found:
            raise NotAWorkbookError(
                text("error.unreadable_workbook", name=self.source, detail="no styles")
            )
        return found[0]

    def _sheet(self, part: str) -> SheetXml:
        if part not in self._sheets:
            self._sheets[part] = SheetXml.parse(self.package.text(part))
        return self._sheets[part]

    def _sheet_edits(self, part: str) -> SheetEdits:
        if part not in self._edits:
            self._edits[part] = SheetEdits()
        return self._edits[part]

    def _all_tables(self) -> dict[str, TablePart]:
        if self._tables is None:
            self._tables = {}
            for sheet, part in self.package.sheets():
                for target in self.package.related(part, "table"):
                    table = TablePart.parse(target, sheet, part, self.package.text(target))
                    self._tables[table.name.casefold()] = table
        return self._tables

    def _table(self, name: str) -> TablePart:
        tables = self._all_tables()
        if name.casefold() not in tables:
            raise missing_table(self.source, name, [t.name for t in tables.values()])
        return tables[name.casefold()]

    def _layout(self, table: TablePart) -> Layout:
        return Layout(self.source, table.sheet, table.header_row, table.bounds[0] - 1)

    def _body_style(self, table: TablePart, col: int) -> int:
        """The format new cells of column `col` get: the first body row's, else the column's."""
        sheet = self._sheet(table.sheet_part)
        first = sheet.parsed(table.header_row + 1).get(col)
        return first[1] if first is not None else column_style(sheet.head, col)

    def _column_of(self, table: TablePart, header: str) -> int:
        """The sheet column of `header`, appending it to the table when it is missing."""
        for offset, name in enumerate(table.columns):
            if name.strip() == header:
                return table.bounds[0] + offset
        _, _, max_col, max_row = table.bounds
        self._check_beside(table, {max_col + 1: header}, max_row)
        self._write_headers(table, [*table.columns, header])
        table.resize(max_col + 1, max_row)
        return max_col + 1

    def _check_beside(self, table: TablePart, added: dict[int, str], last_row: int) -> None:
        """Never write a new column over the user's cells beside a table."""
        for col, header in added.items():
            taken = self._sheet(table.sheet_part).column_values(col, table.header_row, last_row)
            if taken:
                row, cell = taken[0]
                value = re.sub(r"<[^>]+>", "", cell)
                where = f"{self.source}, {table.sheet}"
                raise column_taken(where, header, f"{column_letters(col)}{row}", value)

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

    def _cell_style(self, table: TablePart, col: int) -> int:
        found = self._sheet(table.sheet_part).parsed(table.header_row).get(col)
        return found[1] if found is not None else 0
