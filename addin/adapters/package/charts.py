"""Charts on a sheet follow its tables as they grow or shrink, as they do when a user adds rows
in Excel: a series that ended k rows above the table's last row ends k rows above the new one.

The sheet's drawings lead to its charts; each series reference (`<c:f>`, found by namespace) that
ends within the table body is moved, and nothing else of the chart part changes.
"""

from __future__ import annotations

import re

from lxml import etree

from addin.adapters.package.parts import Package
from addin.adapters.package.safexml import serialised
from addin.adapters.package.tables import TablePart

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_REF = re.compile(
    r"^(?P<sheet>.+)!\$(?P<col1>[A-Z]+)\$(?P<row1>\d+)(?::\$(?P<col2>[A-Z]+)\$(?P<row2>\d+))?$"
)
"""'Sheet'!$A$2:$A$9, or a single cell 'Sheet'!$A$2: the formula text of a series reference."""


def moved_ref(formula: str, sheet: str, first_body: int, old_last: int, new_last: int) -> str:
    """`formula` stretched with the table when it is a range on `sheet` ending in the body."""
    match = _REF.match(formula)
    if match is None or match["sheet"].strip("'").replace("''", "'") != sheet:
        return formula
    row1 = int(match["row1"])
    row2 = int(match["row2"] or row1)
    col2 = match["col2"] or match["col1"]
    if not (first_body - 1 <= row1 <= row2 <= old_last and row2 >= first_body):
        return formula
    end = max(new_last - (old_last - row2), first_body)
    return f"{match['sheet']}!${match['col1']}${row1}:${col2}${end}"


def follow_charts(
    package: Package, charts: dict[str, etree._Element], table: TablePart, old_last: int
) -> None:
    """Stretch the series of the table's sheet's charts that ended within its body, which
    ended at `old_last`; `charts` holds the edited chart trees, part by part."""
    first_body, new_last = table.header_row + 1, table.bounds[3]
    if old_last == new_last:
        return
    for chart in sheet_charts(package, table.sheet_part):
        root = charts.get(chart)
        if root is None:
            root = package.xml(chart)
        moved = False
        for holder in root.iter(f"{{{CHART_NS}}}f"):
            formula = holder.text or ""
            new = moved_ref(formula, table.sheet, first_body, old_last, new_last)
            if new != formula:
                holder.text, moved = new, True
        if moved:
            charts[chart] = root


def sheet_charts(package: Package, sheet_part: str) -> list[str]:
    """The chart parts drawn on the sheet, through its drawings' relationships."""
    return [
        chart
        for drawing in package.related(sheet_part, "drawing")
        for chart in package.related(drawing, "chart")
    ]


def chart_bytes(root: etree._Element) -> bytes:
    return serialised(root)
