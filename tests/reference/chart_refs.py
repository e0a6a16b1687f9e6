"""Charts over a table follow it when it grows or shrinks, as they do when a user adds rows in
Excel: a series that ended k rows above the table's last row ends k rows above the new one."""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl.chart._chart import ChartBase
from openpyxl.worksheet.worksheet import Worksheet

from addin.adapters.package.charts import moved_ref


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
