"""Charts over a table follow it when it grows or shrinks, as they do when a user adds rows in
Excel: a series that ended k rows above the table's last row ends k rows above the new one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from openpyxl.chart._chart import ChartBase
from openpyxl.worksheet.worksheet import Worksheet

_REF = re.compile(
    r"^(?P<sheet>.+)!\$(?P<col1>[A-Z]+)\$(?P<row1>\d+)(?::\$(?P<col2>[A-Z]+)\$(?P<row2>\d+))?$"
)
"""'Sheet'!$A$2:$A$9, or a single cell 'Sheet'!$A$2 (what openpyxl writes for one row)."""


def follow_table(ws: Worksheet, first_body: int, old_last: int, new_last: int) -> None:
    """Stretch the series on `ws`'s charts that end within the table body rows."""
    if old_last == new_last:
        return
    for chart in getattr(ws, "_charts", []):
        for holder, attribute in _formula_holders(chart):
            formula = getattr(holder, attribute)
            moved = moved_ref(formula, ws.title, first_body, old_last, new_last)
            if moved != formula:
                setattr(holder, attribute, moved)


def _formula_holders(chart: ChartBase) -> Iterator[tuple[object, str]]:
    """Each reference once: a combined chart lists itself among its parts, and series may share
    one category reference."""
    seen: set[int] = set()
    for part in [chart, *getattr(chart, "_charts", [])]:
        for series in part.series:
            for source in (series.val, series.cat, series.xVal, series.yVal):
                for ref in (getattr(source, "numRef", None), getattr(source, "strRef", None)):
                    if ref is not None and ref.f and id(ref) not in seen:
                        seen.add(id(ref))
                        yield ref, "f"


def moved_ref(formula: str, sheet: str, first_body: int, old_last: int, new_last: int) -> str:
    """`formula` stretched with the table when it is a range on `sheet` ending in the body;
    plain strings in and out, so the package adapter moves its charts' <c:f> text the same way."""
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
