"""A `Report` placed in the package as a worksheet: a new sheet, or the one it replaces.

A new sheet gets a worksheet part, a workbook relationship, a content type and a <sheet> entry
(before a trailing xlwings.conf sheet). A replaced sheet keeps its part name, sheetId and
position; its old table parts and whatever else only it referred to are removed. Either way the
report's tables get new table parts with workbook-wide unique ids, and the sheet's print area
and print titles are set.
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.adapters.package.new_parts import (
    SHEET_TYPE,
    TABLE_TYPE,
    add_override,
    add_relationship,
    drop_calc_chain,
    free_name,
    reachable,
    remove_unreferenced,
    write_relationships,
)
from addin.adapters.package.parts import DOC_REL, Package
from addin.adapters.package.refs import column_letters
from addin.adapters.package.report_xml import ReportSheetWriter, ReportTableWriter
from addin.adapters.package.safexml import serialised
from addin.adapters.package.styles import Styles
from addin.adapters.package.workbook_part import (
    insert_sheet,
    quoted,
    set_print_names,
    sheet_elements,
    sheet_rid,
)
from addin.domain.report import Report

LAST_SHEETS = ("xlwings.conf",)
"""Sheets that stay at the end of the workbook; new report sheets go before them."""


@dataclass(frozen=True)
class Placed:
    """Where the report went: its sheet part, its table parts with their bytes, and the parts
    removed with the sheet it replaced."""

    sheet_part: str
    tables: list[tuple[str, bytes]]
    removed: set[str]


def find_sheet(package: Package, name: str) -> tuple[int, str] | None:
    """(tab position, part) of the worksheet called `name` (Excel compares names caselessly)."""
    workbook = package.workbook_part()
    rels = package.relationships(workbook)
    for position, sheet in enumerate(sheet_elements(package.xml(workbook))):
        if sheet.get("name", "").casefold() == name.casefold():
            kind, part = rels.get(sheet_rid(sheet), ("", ""))
            if kind.endswith("/worksheet"):
                return position, part
    return None


def place_report(
    package: Package, styles: Styles, name: str, report: Report, next_table_id: int
) -> Placed:
    """Write `report` as the sheet `name`; table ids start at `next_table_id`."""
    found = find_sheet(package, name)
    if found is None:
        position, part = _new_sheet(package, name)
        old: set[str] = set()
    else:
        position, part = found
        old = reachable(package, part)
        drop_calc_chain(package)  # the old sheet's formulas may be in the chain
    tables = []
    for offset, table in enumerate(report.tables):
        table_part = free_name(package, "xl/tables/table{}.xml")
        xml = ReportTableWriter(report, table, next_table_id + offset).xml()
        package.write(table_part, xml)
        add_override(package, table_part, TABLE_TYPE)
        tables.append((table_part, xml))
    ids = write_relationships(package, part, [(f"{DOC_REL}/table", t) for t, _ in tables])
    removed = remove_unreferenced(package, old - {t for t, _ in tables})
    package.write(part, ReportSheetWriter(report, styles, ids).xml())
    _print_names(package, position, name, report)
    return Placed(part, tables, removed)


def _new_sheet(package: Package, name: str) -> tuple[int, str]:
    """A new worksheet part, related from the workbook and listed in its tabs."""
    workbook = package.workbook_part()
    part = free_name(package, "xl/worksheets/sheet{}.xml")
    package.write(part, b"")  # claims the name; the caller writes the sheet
    rid = add_relationship(package, workbook, f"{DOC_REL}/worksheet", part)
    add_override(package, part, SHEET_TYPE)
    root = package.xml(workbook)
    names = [s.get("name", "") for s in sheet_elements(root)]
    position = next((names.index(s) for s in LAST_SHEETS if s in names), len(names))
    insert_sheet(root, name, rid, position)
    package.write(workbook, serialised(root))
    return position, part


def _print_names(package: Package, position: int, name: str, report: Report) -> None:
    """Print area over what was written; a single table's header row repeats on every page."""
    width = max((len(row) for row in report.rows), default=1)
    area = f"{quoted(name)}!$A$1:${column_letters(max(width, 1))}${max(len(report.rows), 1)}"
    titles = None
    if len(report.tables) == 1:
        header = report.tables[0].row + 1
        titles = f"{quoted(name)}!${header}:${header}"
    workbook = package.workbook_part()
    root = package.xml(workbook)
    set_print_names(root, position, area, titles)
    package.write(workbook, serialised(root))
