"""Pending cell edits of a sheet, and how they are written: values, formats, the calc chain.

An edit is [value, fill, format for a new cell]; UNSET leaves the value or the fill as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from addin.workbook.package.cells import cell_xml, column_letters, is_blank, is_date
from addin.workbook.package.parts import Package, with_attribute
from addin.workbook.package.sheet_xml import CellWriter
from addin.workbook.package.styles_xml import Styles
from addin.workbook.styles import text_color

UNSET = object()
"""An edit that leaves the value (or the fill) of a cell as it is."""
Edit = list[Any]
Edits = dict[int, dict[int, Edit]]
"""row -> column -> edit"""
_CALC_CHAIN = re.compile(r"<(?:\w+:)?(?:Relationship|Override)\b[^>]*calcChain\.xml\"[^>]*/>")


def cell_writer(edits: Edits, styles: Styles, replaced: list[bool]) -> CellWriter:
    """How each edited cell is written: its value as XML, its format derived once per pair;
    `replaced` gets an entry when a formula is overwritten."""
    formats: dict[tuple[int, object], int] = {}

    def restyled(base: int, fill: object) -> int:
        """The format `base` takes with a static fill; computed once per pair."""
        key = (base, fill)
        if key not in formats:
            rgb = fill if isinstance(fill, str) else None
            formats[key] = styles.with_fill(base, rgb, text_color(rgb) if rgb else None)
        return formats[key]

    def write(row: int, col: int, style: int | None, old: str | None) -> str | None:
        value, fill, default = edits[row][col]
        if old is None and fill is None and (value is UNSET or is_blank(value)):
            return None  # no fill on a cell that is not there: nothing to clear
        base = style if style is not None else (default or 0)
        if fill is not UNSET:
            base = restyled(base, fill)
        elif old is None and is_blank(value):
            return None  # nothing to write and nothing to keep
        if value is UNSET:
            if old is None:
                return cell_xml(f"{column_letters(col)}{row}", None, base)
            start = old[: old.index(">") + 1]
            return with_attribute(start, "s", str(base)) + old[len(start) :]
        if old is not None and "<f" in old:
            replaced.append(True)
        if is_date(value):
            base = styles.with_date(base)
        return cell_xml(f"{column_letters(col)}{row}", value, base)

    return write


@lru_cache(maxsize=4096)
def column_style(head: str, col: int) -> int:
    """The format a <col> element of the sheet gives column `col` (0 for none)."""
    for found in re.finditer(r"<(?:\w+:)?col\b[^>]*>", head):
        tag = found.group(0)
        low, high = (re.search(rf'\s{k}="(\d+)"', tag) for k in ("min", "max"))
        style = re.search(r'\sstyle="(\d+)"', tag)
        if low and high and int(low.group(1)) <= col <= int(high.group(1)):
            return int(style.group(1)) if style else 0
    return 0


def drop_calc_chain(package: Package) -> None:
    """Excel rebuilds the calculation chain; a stale one naming overwritten formulas is an error."""
    name = "xl/calcChain.xml"
    if not package.has(name):
        return
    package.entries = [e for e in package.entries if e.name != name]
    package.__post_init__()
    for part in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
        package.write(part, _CALC_CHAIN.sub("", package.text(part)).encode("utf-8"))
