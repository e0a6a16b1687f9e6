"""Excel table parts (xl/tables/tableN.xml): where a table sits, its columns, and resizing it.

The part is edited as a tree, so what custdev does not model (styles, calculated column formulas,
x14 and xr extensions, unique ids) stays as it was, and names are read and written unescaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from addin.adapters.package.parts import Package
from addin.adapters.package.refs import range_bounds, range_ref, whole_number
from addin.adapters.package.safexml import parse, serialised


@dataclass
class TablePart:
    """One table: its part, its sheet, its range and its column names, and the part's tree."""

    part: str
    sheet: str
    sheet_part: str
    name: str
    bounds: tuple[int, int, int, int]
    header_rows: int
    totals_rows: int
    columns: list[str]
    root: etree._Element
    changed: bool = False
    formulas: dict[int, str] = field(default_factory=dict)
    """Calculated columns: position in the table (0-based) -> the formula every row holds."""

    @classmethod
    def parse(cls, part: str, sheet: str, sheet_part: str, data: bytes) -> TablePart:
        root = parse(data, part)
        ns = etree.QName(root).namespace
        elements = list(root.iter(f"{{{ns}}}tableColumn"))
        formulas = {
            i: found.text
            for i, c in enumerate(elements)
            if (found := c.find(f"{{{ns}}}calculatedColumnFormula")) is not None
            and found.text
            and found.get("array") != "1"
        }
        try:
            bounds = range_bounds(root.get("ref", "A1"))
        except ValueError:
            bounds = (1, 1, 1, 1)
        return cls(
            part,
            sheet,
            sheet_part,
            root.get("displayName") or root.get("name") or "",
            bounds,
            _count(root.get("headerRowCount"), 1),
            _count(root.get("totalsRowCount"), 0),
            [c.get("name", "") for c in elements],
            root,
            formulas=formulas,
        )

    def q(self, local: str) -> str:
        return f"{{{etree.QName(self.root).namespace}}}{local}"

    @property
    def header_row(self) -> int:
        return self.bounds[1]

    @property
    def body_rows(self) -> int:
        return self.bounds[3] - self.bounds[1] - self.totals_rows

    @property
    def id(self) -> int:
        return whole_number(self.root.get("id")) or 0

    def resize(self, max_col: int, max_row: int) -> None:
        """Set the table's last column and row; the autoFilter follows (minus a total row)."""
        min_col, min_row, _, _ = self.bounds
        self.bounds = (min_col, min_row, max_col, max_row)
        self.root.set("ref", range_ref(min_col, min_row, max_col, max_row))
        found = self.root.find(self.q("autoFilter"))
        if found is not None:
            found.set("ref", range_ref(min_col, min_row, max_col, max_row - self.totals_rows))
        self.changed = True

    def rename_columns(self, names: list[str]) -> None:
        """Column names as the header cells now read; columns beyond the old ones are added."""
        holder = self.root.find(self.q("tableColumns"))
        if holder is None or names == self.columns:
            return
        elements = [e for e in holder if e.tag == self.q("tableColumn")]
        ids = [whole_number(e.get("id")) or 0 for e in elements]
        for i, name in enumerate(names):
            if i < len(elements):
                elements[i].set("name", name)
            else:
                ids.append(max(ids, default=0) + 1)
                etree.SubElement(holder, self.q("tableColumn"), id=str(ids[-1]), name=name)
        holder.set("count", str(len(names)))
        self.columns = list(names)
        self.changed = True

    def to_bytes(self) -> bytes:
        return serialised(self.root)


def next_table_id(tables: Iterable[TablePart]) -> int:
    """An id no table of the workbook has: Excel repairs a file where two tables share one."""
    return max([0, *(t.id for t in tables)]) + 1


def _count(value: str | None, default: int) -> int:
    number = whole_number(value)
    return default if number is None else number


def tables_of(package: Package) -> dict[str, TablePart]:
    """Every table of the package's worksheets, by name folded to lower case."""
    tables = {}
    for sheet, part in package.sheets():
        for target in package.related(part, "table"):
            table = TablePart.parse(target, sheet, part, package.read(target))
            tables[table.name.casefold()] = table
    return tables
