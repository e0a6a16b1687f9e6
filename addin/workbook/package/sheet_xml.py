"""A worksheet part's rows, rewritten only where cells change; every other byte is kept.

The sheet is split once into the text before the rows, the rows and the text after them (merge
cells, conditional formats, data validations, drawings, extensions: all kept verbatim). Changed
rows are rebuilt cell by cell, keeping the cells and attributes of columns nobody wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from addin.workbook.package.cells import column_letters, column_number, range_bounds, range_ref
from addin.workbook.package.parts import attribute, with_attribute

_SHEET_DATA = re.compile(r"<((?:\w+:)?)sheetData\b[^>]*?(/?)>")
_ROW = re.compile(r"<(?:\w+:)?row\b(?:[^>]*?\sr=\"(\d+)\")?[^>]*?(?:/>|>.*?</(?:\w+:)?row>)", re.S)
_CELL = re.compile(r"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)
_CELL_COLUMN = re.compile(r'\sr="\$?([A-Z]+)')
_DIMENSION = re.compile(r"<(?:\w+:)?dimension\b[^>]*>")
_ROW_NUMBER = re.compile(r'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
_CELL_START = re.compile(r"<(?:\w+:)?c(?:\s[^<>]*)?")
_SPANS = re.compile(r'\sspans="[^"]*"')
_S = re.compile(r'\ss="(\d+)"')
_HAS_VALUE = re.compile(r"<(?:\w+:)?(?:v|f|is)\b")

CellWriter = Callable[[int, int, "int | None", "str | None"], "str | None"]
"""(row, col, existing style or None, existing cell or None) -> the new cell, or None to keep."""


class Row(NamedTuple):
    number: int
    xml: str


@dataclass(frozen=True)
class SheetXml:
    """A worksheet part split around its rows; immutable, so copies of a template share it."""

    head: str
    rows: tuple[Row, ...]
    tail: str
    prefix: str

    @classmethod
    def parse(cls, xml: str) -> SheetXml:
        match = _SHEET_DATA.search(xml)
        if match is None:
            raise ValueError("the worksheet has no sheetData")
        prefix = match.group(1)
        if match.group(2):  # <sheetData/>: no rows at all
            return cls(
                xml[: match.start()] + f"<{prefix}sheetData>",
                (),
                f"</{prefix}sheetData>" + xml[match.end() :],
                prefix,
            )
        close = xml.index(f"</{prefix}sheetData>", match.end())
        rows = _split_rows(xml[match.end() : close], prefix)
        return cls(xml[: match.end()], tuple(rows), xml[close:], prefix)

    @cached_property
    def index(self) -> dict[int, int]:
        return {row.number: i for i, row in enumerate(self.rows)}

    @cached_property
    def _parsed(self) -> dict[int, dict[int, tuple[str, int]]]:
        """Row -> column -> (cell xml, format), filled as rows are asked for; shared by copies."""
        return {}

    def parsed(self, row: int) -> dict[int, tuple[str, int]]:
        """Column -> (cell xml, cell format) of one row (empty when the row is not in the file)."""
        if row not in self._parsed:
            at = self.index.get(row)
            cells = _cells(self.rows[at].xml) if at is not None else {}
            self._parsed[row] = {c: (x, _style(x)) for c, x in cells.items()}
        return self._parsed[row]

    def has_cell(self, row: int, col: int) -> bool:
        """Whether the file holds a cell at (row, col), found by its reference without parsing."""
        at = self.index.get(row)
        return at is not None and f' r="{column_letters(col)}{row}"' in self.rows[at].xml

    def cells(self, row: int) -> dict[int, str]:
        """Column -> cell xml of one row (empty when the row is not in the file)."""
        return {c: x for c, (x, _) in self.parsed(row).items()}

    def column_values(self, col: int, first: int, last: int) -> list[tuple[int, str]]:
        """(row, cell xml) of cells holding a value or formula in column `col`, rows first..last."""
        found = []
        for row in self.rows:
            if first <= row.number <= last:
                cell = _cells(row.xml).get(col)
                if cell is not None and _HAS_VALUE.search(cell):
                    found.append((row.number, cell))
        return found

    def render(self, edits: Mapping[int, Iterable[int]], write: CellWriter) -> str:
        """The sheet with the cells of `edits` (row -> columns) rebuilt through `write`."""
        pending = sorted(edits)
        parts = [self._with_dimension(pending, edits)]
        i = 0
        for row in self.rows:
            while i < len(pending) and pending[i] < row.number:
                parts.append(self._row(pending[i], None, edits[pending[i]], write))
                i += 1
            if i < len(pending) and pending[i] == row.number:
                parts.append(self._row(row.number, row.xml, edits[row.number], write))
                i += 1
            else:
                parts.append(row.xml)
        parts += [self._row(r, None, edits[r], write) for r in pending[i:]]
        parts.append(self.tail)
        return "".join(parts)

    def _row(self, number: int, xml: str | None, cols: Iterable[int], write: CellWriter) -> str:
        if xml is not None:
            quick = self._row_in_place(number, xml, sorted(cols), write)
            if quick is not None:
                return quick
        p = self.prefix
        old = self.parsed(number) if xml else {}
        cells = {c: x for c, (x, _) in old.items()}
        for col in cols:
            found = old.get(col)
            new = (
                write(number, col, found[1], found[0]) if found else write(number, col, None, None)
            )
            if new is not None:
                cells[col] = new
        body = "".join([cells[c] for c in sorted(cells)])
        if xml is None:
            return f'<{p}row r="{number}">{body}</{p}row>' if body else ""
        start = _SPANS.sub("", xml[: xml.index(">") + 1])
        if start.endswith("/>"):
            start = start[:-2].rstrip() + ">"
        return f"{start}{body}</{p}row>"

    def _row_in_place(
        self, number: int, xml: str, cols: list[int], write: CellWriter
    ) -> str | None:
        """The row with only the cells of `cols` replaced, found by reference without parsing
        the rest (a refresh changes one column of 100,000 rows); None when a cell would have to
        go between others."""
        close = f"</{self.prefix}c>"
        for col in cols:
            ref = f' r="{column_letters(col)}{number}"'
            at = xml.find(ref)
            if at < 0:
                new = write(number, col, None, None)
                if new is None:
                    continue  # nothing to add (a blank cell with no fill)
                if self._cell_count(xml) != xml.count(' r="') - 1:
                    return None  # cells placed by position only: parse the row
                last = xml.rfind(' r="', 0, xml.rfind("<"))
                tail = _CELL_COLUMN.match(xml, last) if last > 0 else None
                if tail is not None and column_number(tail.group(1)) >= col:
                    return None  # the new cell goes between others: parse the row
                xml = _open_row(xml)
                end = xml.rindex("</")
                xml = xml[:end] + new + xml[end:]
                continue
            start = xml.rfind("<", 0, at)
            if not _CELL_START.fullmatch(xml, start, at):
                return None  # the text merely looks like a reference: parse the row instead
            stop = xml.index(">", at) + 1
            if xml[stop - 2] != "/":
                stop = xml.index(close, stop) + len(close)
            old = xml[start:stop]
            new = write(number, col, _style(old), old)
            if new is not None:
                xml = xml[:start] + new + xml[stop:]
        return _SPANS.sub("", xml[: xml.index(">") + 1]) + xml[xml.index(">") + 1 :]

    def _cell_count(self, xml: str) -> int:
        """How many <c> elements the row holds (counted without a regex: this runs per row)."""
        p = self.prefix
        return xml.count(f"<{p}c ") + xml.count(f"<{p}c>") + xml.count(f"<{p}c/")

    def _with_dimension(self, rows: list[int], edits: Mapping[int, Iterable[int]]) -> str:
        match = _DIMENSION.search(self.head)
        if match is None or not rows:
            return self.head
        old = attribute(match.group(0), "ref") or "A1"
        try:
            c1, r1, c2, r2 = range_bounds(old)
        except ValueError:
            return self.head
        cols = {c for r in rows for c in edits[r]}
        ref = range_ref(min(c1, *cols), min(r1, rows[0]), max(c2, *cols), max(r2, rows[-1]))
        return (
            self.head[: match.start()]
            + with_attribute(match.group(0), "ref", ref)
            + self.head[match.end() :]
        )


def _split_rows(body: str, prefix: str) -> list[Row]:
    """The rows of a sheetData body, numbered (a row without r= follows the one before)."""
    rows, number = [], 0
    end = f"</{prefix}row>"
    if body.count(f"<{prefix}row") == body.count(end):  # no <row/>: split at C speed
        for piece in body.split(end)[:-1]:
            start = piece.index(f"<{prefix}row")
            numbered = _ROW_NUMBER.match(piece, start)
            number = int(numbered.group(1)) if numbered else number + 1
            rows.append(Row(number, piece[start:] + end))
        return rows
    for found in _ROW.finditer(body):
        given = found.group(1)
        number = int(given) if given else number + 1
        rows.append(Row(number, found.group(0)))
    return rows


def _open_row(xml: str) -> str:
    """'<row r="3"/>' -> '<row r="3"></row>', so cells can go in."""
    start = xml[: xml.index(">") + 1]
    if not start.endswith("/>"):
        return xml
    name = start[1:].split()[0].rstrip("/>")
    return start[:-2].rstrip() + f"></{name}>"


def _style(cell: str) -> int:
    found = _S.search(cell, 0, cell.index(">") + 1)
    return int(found.group(1)) if found else 0


def _cells(row_xml: str) -> dict[int, str]:
    cells, col = {}, 0
    for found in _CELL.finditer(row_xml):
        text = found.group(0)
        given = _CELL_COLUMN.search(text[: text.index(">") + 1])
        col = column_number(given.group(1)) if given else col + 1
        cells[col] = text if given else _with_ref(text, col, row_xml)
    return cells


def _with_ref(cell: str, col: int, row_xml: str) -> str:
    """A cell written without r= gets one, since rebuilt rows may no longer be contiguous."""
    number = attribute(row_xml[: row_xml.index(">") + 1], "r") or "1"
    start = cell[: cell.index(">") + 1]
    return with_attribute(start, "r", f"{column_letters(col)}{number}") + cell[len(start) :]
