"""Charts on a sheet follow its tables as they grow or shrink, in the chart parts' own text.

The sheet's drawings lead to its charts; each series reference (`<c:f>`) that ends within the
table body is moved the way `addin.workbook.chart_refs` moves it for openpyxl, and nothing else
of the chart part changes.
"""

from __future__ import annotations

import re

from addin.workbook.chart_refs import moved_ref
from addin.workbook.package.parts import Package
from addin.workbook.package.tables import TablePart

_FORMULA = re.compile(r"(<(?:\w+:)?f>)([^<]*)(</(?:\w+:)?f>)")


def follow_charts(
    package: Package, charts: dict[str, str], table: TablePart, old_last: int
) -> None:
    """Stretch the series of the table's sheet's charts that ended within its body, which
    ended at `old_last`; `charts` holds the chart parts' edited text, part by part."""
    first_body, new_last = table.header_row + 1, table.bounds[3]
    if old_last == new_last:
        return
    for chart in sheet_charts(package, table.sheet_part):
        xml = charts.get(chart) or package.text(chart)
        moved = follow_table(xml, table.sheet, first_body, old_last, new_last)
        if moved != xml:
            charts[chart] = moved


def sheet_charts(package: Package, sheet_part: str) -> list[str]:
    """The chart parts drawn on the sheet, through its drawings' relationships."""
    return [
        chart
        for drawing in package.related(sheet_part, "drawing")
        for chart in package.related(drawing, "chart")
    ]


def follow_table(xml: str, sheet: str, first_body: int, old_last: int, new_last: int) -> str:
    """The chart part's text with the series over the table body stretched to `new_last`."""
    if old_last == new_last:
        return xml

    def move(match: re.Match[str]) -> str:
        formula = _unescape(match.group(2))
        moved = moved_ref(formula, sheet, first_body, old_last, new_last)
        if moved == formula:
            return match.group(0)
        return match.group(1) + _escape(moved) + match.group(3)

    return _FORMULA.sub(move, xml)


def _unescape(text: str) -> str:
    return (
        text.replace("&apos;", "'")
        .replace("&quot;", '"')
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
