"""A worksheet part's rows, rewritten only where cells change; every other byte is kept.

The sheet is split once into the text before the rows, the rows and the text after them (merge
cells, conditional formats, data validations, drawings, extensions: all kept verbatim). Edits
are written a column at a time, each cell replaced or appended in its row's text; a row where
that is not safe is rebuilt from its parsed cells. Cells of columns nobody wrote stay as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from addin.workbook.package.cells import column_letters, column_number, range_bounds, range_ref
from addin.workbook.package.parts import attribute, start_tag, with_attribute, with_attributes

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

CellWriter = Callable[[int, "int | None", "str | None"], "str | None"]
"""(row, existing style or None, existing cell or None) -> the new cell, or None to keep."""
ColumnWriters = Callable[[int], CellWriter]
"""column -> how its cells are written"""


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
        body = xml[match.end() : close]
        return cls(xml[: match.end()], tuple(_split_rows(body, prefix)), xml[close:], prefix)

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

    def column_values(self, col: int, first: int, last: int) -> list[tuple[int, str]]:
        """(row, cell xml) of cells holding a value or formula in column `col`, rows first..last."""
        found = []
        for row in self.rows:
            if first <= row.number <= last:
                cell = _cells(row.xml).get(col)
                if cell is not None and _HAS_VALUE.search(cell):
                    found.append((row.number, cell))
        return found

    def render(
        self,
        edits: Mapping[int, Sequence[int]],
        writers: ColumnWriters,
        span: tuple[int, int] | None = None,
    ) -> str:
        """The sheet with the cells of `edits` (column -> its rows, ascending) rebuilt through
        `writers`; `span` is the first and last column edited (found from `edits` if not given).

        A column is done in one pass over its rows, each cell replaced or appended in place;
        a row where that cannot be done safely (cells placed by position, a new cell between
        others) is rebuilt from its parsed cells instead."""
        rows_of = {col: rows for col in sorted(edits) if (rows := list(edits[col]))}
        cols = list(rows_of)
        texts: dict[int, str] = {}  # row -> its xml as edited so far
        added: dict[int, list[str]] = {}  # rows not in the file -> their new cells
        slow: set[int] = set()
        writes = {col: writers(col) for col in cols}
        for col in cols:
            self._column_pass(col, rows_of[col], writes[col], texts, added, slow)
        if slow:
            sets = {col: set(rows) for col, rows in rows_of.items()}
            for number in slow:
                xml = self.rows[self.index[number]].xml
                edited = [c for c in cols if number in sets[c]]
                texts[number] = self._row(number, xml, edited, writes)
        pending = sorted(added)
        if span is None and cols:
            span = cols[0], cols[-1]
        parts = [self._with_dimension(sorted([*texts, *pending]), span)]
        p, i = self.prefix, 0
        for row in self.rows:
            while i < len(pending) and pending[i] < row.number:
                parts.append(f'<{p}row r="{pending[i]}">{"".join(added[pending[i]])}</{p}row>')
                i += 1
            edited_xml = texts.get(row.number)
            parts.append(row.xml if edited_xml is None else _without_spans(edited_xml))
        parts += [f'<{p}row r="{r}">{"".join(added[r])}</{p}row>' for r in pending[i:]]
        parts.append(self.tail)
        return "".join(parts)

    def _column_pass(
        self,
        col: int,
        rows: Sequence[int],
        write: CellWriter,
        texts: dict[int, str],
        added: dict[int, list[str]],
        slow: set[int],
    ) -> None:
        """Write column `col` in each of `rows`: its cell replaced where the row holds one, else
        appended after the row's last cell (columns are done left to right)."""
        letters, close = column_letters(col), f"</{self.prefix}c>"
        index, all_rows = self.index, self.rows
        for number in rows:
            if number in slow:
                continue
            xml = texts.get(number)
            if xml is None:
                at = index.get(number)
                if at is None:  # a row the file does not have
                    new = write(number, None, None)
                    if new is not None:
                        added.setdefault(number, []).append(new)
                    continue
                xml = all_rows[at].xml
            ref = f' r="{letters}{number}"'
            at = xml.find(ref)
            if at < 0:
                new = write(number, None, None)
                if new is None:
                    continue  # nothing to add (a blank cell with no fill)
                if not self._appends_after(xml, col):
                    slow.add(number)
                    continue
                xml = _open_row(xml)
                end = xml.rindex("</")
                texts[number] = xml[:end] + new + xml[end:]
                continue
            start = xml.rfind("<", 0, at)
            if not _CELL_START.fullmatch(xml, start, at):
                slow.add(number)  # the text merely looks like a reference
                continue
            stop = xml.index(">", at) + 1
            if xml[stop - 2] != "/":
                stop = xml.index(close, stop) + len(close)
            old = xml[start:stop]
            new = write(number, _style(old), old)
            if new is not None and new != old:
                texts[number] = xml[:start] + new + xml[stop:]

    def _appends_after(self, xml: str, col: int) -> bool:
        """Whether a new cell in column `col` goes after every cell of the row: the row has no
        cells, or its last cell names a column left of `col` (cells before it may sit by
        position: they are to its left all the same)."""
        p = self.prefix
        last = max(xml.rfind(f"<{p}c "), xml.rfind(f"<{p}c>"), xml.rfind(f"<{p}c/"))
        if last < 0:
            return True
        found = _CELL_COLUMN.search(xml, last, xml.index(">", last))
        return found is not None and column_number(found.group(1)) < col

    def _row(
        self, number: int, xml: str, cols: Iterable[int], writes: Mapping[int, CellWriter]
    ) -> str:
        """The row rebuilt from its parsed cells, with `cols` written."""
        p = self.prefix
        old = self.parsed(number)
        cells = {c: x for c, (x, _) in old.items()}
        for col in cols:
            found = old.get(col)
            write = writes[col]
            new = write(number, found[1], found[0]) if found else write(number, None, None)
            if new is not None:
                cells[col] = new
        body = "".join([cells[c] for c in sorted(cells)])
        start = start_tag(xml)
        if start.endswith("/>"):
            start = start[:-2].rstrip() + ">"
        return f"{start}{body}</{p}row>"

    def _with_dimension(self, rows: list[int], span: tuple[int, int] | None) -> str:
        match = _DIMENSION.search(self.head)
        if match is None or not rows or span is None:
            return self.head
        old = attribute(match.group(0), "ref") or "A1"
        try:
            c1, r1, c2, r2 = range_bounds(old)
        except ValueError:
            return self.head
        ref = range_ref(min(c1, span[0]), min(r1, rows[0]), max(c2, span[1]), max(r2, rows[-1]))
        return (
            self.head[: match.start()]
            + with_attribute(match.group(0), "ref", ref)
            + self.head[match.end() :]
        )


def _split_rows(body: str, prefix: str) -> list[Row]:
    """The rows of a sheetData body, numbered (a row without r= follows the one before)."""
    rows, number = [], 0
    end = f"</{prefix}row>"
    pieces = body.split(end)[:-1]
    numbers = re.findall(rf'<{prefix}row r="(\d+)"', body)
    start = f'<{prefix}row r="'
    if len(numbers) == len(pieces) and all([p.startswith(start) for p in pieces]):
        # every row as Excel writes it, <row r="N" ...>...</row>: at C speed throughout
        return list(map(Row, map(int, numbers), [p + end for p in pieces]))
    if body.count(f"<{prefix}row") == body.count(end):  # no <row/>: split at C speed
        for piece in pieces:
            at = piece.index(f"<{prefix}row")
            found = _ROW_NUMBER.match(piece, at)
            number = int(found.group(1)) if found else number + 1
            rows.append(Row(number, piece[at:] + end))
        return rows
    for row in _ROW.finditer(body):
        given = row.group(1)
        number = int(given) if given else number + 1
        rows.append(Row(number, row.group(0)))
    return rows


def _without_spans(xml: str) -> str:
    """An edited row loses its spans="" hint, which may no longer cover its cells."""
    head = start_tag(xml)
    return _SPANS.sub("", head) + xml[len(head) :] if "spans=" in head else xml


def _open_row(xml: str) -> str:
    """'<row r="3"/>' -> '<row r="3"></row>', so cells can go in."""
    start = start_tag(xml)
    if not start.endswith("/>"):
        return xml
    name = start[1:].split()[0].rstrip("/>")
    return start[:-2].rstrip() + f"></{name}>"


def _style(cell: str) -> int:
    end = cell.index(">")
    at = cell.find(' s="', 0, end)
    if at >= 0:
        return int(cell[at + 4 : cell.index('"', at + 4)])
    found = _S.search(cell, 0, end + 1)  # other white space before s=
    return int(found.group(1)) if found else 0


def _cells(row_xml: str) -> dict[int, str]:
    cells, col = {}, 0
    for found in _CELL.finditer(row_xml):
        text = found.group(0)
        given = _CELL_COLUMN.search(start_tag(text))
        col = column_number(given.group(1)) if given else col + 1
        cells[col] = text if given else _with_ref(text, col, row_xml)
    return cells


def _with_ref(cell: str, col: int, row_xml: str) -> str:
    """A cell written without r= gets one, since rebuilt rows may no longer be contiguous."""
    number = attribute(start_tag(row_xml), "r") or "1"
    return with_attributes(cell, r=f"{column_letters(col)}{number}")
