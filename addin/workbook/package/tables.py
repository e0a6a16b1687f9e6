"""Excel table parts (xl/tables/tableN.xml): where a table sits, its columns, and resizing it.

Edits are made on the part's text so that what we do not model (styles, calculated column
formulas, x14 and xr extensions, unique ids) stays exactly as it was.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from addin.workbook.package.cells import escape_attribute, range_bounds, range_ref
from addin.workbook.package.parts import (
    MAIN_NS,
    attribute,
    start_tag,
    with_attribute,
    with_attributes,
)

_COLUMN = re.compile(r"<(?:\w+:)?tableColumn\b[^>]*?(?:/>|>.*?</(?:\w+:)?tableColumn>)", re.S)
_COLUMNS = re.compile(r"(<(?:\w+:)?tableColumns\b[^>]*>)(.*?)(</(?:\w+:)?tableColumns>)", re.S)


@dataclass
class TablePart:
    """One table: its part, its sheet, its range and its column names, and the part's text."""

    part: str
    sheet: str
    sheet_part: str
    name: str
    bounds: tuple[int, int, int, int]
    header_rows: int
    totals_rows: int
    columns: list[str]
    xml: str
    changed: bool = False
    formulas: dict[int, str] = field(default_factory=dict)
    """Calculated columns: position in the table (0-based) -> the formula every row holds."""

    @classmethod
    def parse(cls, part: str, sheet: str, sheet_part: str, xml: str) -> TablePart:
        root = ET.fromstring(xml)
        elements = list(root.iter(f"{{{MAIN_NS}}}tableColumn"))
        columns = [c.get("name", "") for c in elements]
        formulas = {
            i: found.text
            for i, c in enumerate(elements)
            if (found := c.find(f"{{{MAIN_NS}}}calculatedColumnFormula")) is not None
            and found.text
            and found.get("array") != "1"
        }
        return cls(
            part,
            sheet,
            sheet_part,
            root.get("displayName") or root.get("name") or "",
            range_bounds(root.get("ref", "A1")),
            int(root.get("headerRowCount", "1")),
            int(root.get("totalsRowCount", "0") or 0),
            columns,
            xml,
            formulas=formulas,
        )

    @property
    def header_row(self) -> int:
        return self.bounds[1]

    @property
    def body_rows(self) -> int:
        return self.bounds[3] - self.bounds[1] - self.totals_rows

    def resize(self, max_col: int, max_row: int) -> None:
        """Set the table's last column and row; the autoFilter follows (minus a total row)."""
        min_col, min_row, _, _ = self.bounds
        self.bounds = (min_col, min_row, max_col, max_row)
        ref = range_ref(min_col, min_row, max_col, max_row)
        self.xml = _set_ref(self.xml, "table", ref)
        filtered = range_ref(min_col, min_row, max_col, max_row - self.totals_rows)
        self.xml = _set_ref(self.xml, "autoFilter", filtered)
        self.changed = True

    def rename_columns(self, names: list[str]) -> None:
        """Column names as the header cells now read; columns beyond the old ones are added."""
        match = _COLUMNS.search(self.xml)
        if match is None or names == self.columns:
            return
        elements = _COLUMN.findall(match.group(2))
        ids = [int(attribute(e, "id") or 0) for e in elements]
        new = []
        for i, name in enumerate(names):
            if i < len(elements):
                new.append(with_attributes(elements[i], name=escape_attribute(name)))
            else:
                ids.append(max(ids, default=0) + 1)
                new.append(f'<tableColumn id="{ids[-1]}" name="{escape_attribute(name)}"/>')
        opening = with_attribute(match.group(1), "count", str(len(names)))
        self.xml = (
            self.xml[: match.start()]
            + opening
            + "".join(new)
            + match.group(3)
            + self.xml[match.end() :]
        )
        self.columns = list(names)
        self.changed = True


def next_table_id(tables: Iterable[TablePart]) -> int:
    """An id no table of the workbook has: Excel repairs a file where two tables share one."""
    ids = [attribute(start_tag(t.xml), "id") for t in tables]
    return max([0, *(int(i) for i in ids if i and i.isdigit())]) + 1


def _set_ref(xml: str, tag: str, ref: str) -> str:
    match = re.search(rf"<(?:\w+:)?{tag}\b[^>]*>", xml)
    if match is None:
        return xml
    return xml[: match.start()] + with_attribute(match.group(0), "ref", ref) + xml[match.end() :]
