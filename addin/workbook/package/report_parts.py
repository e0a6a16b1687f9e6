"""A `Report` placed in the package as a worksheet: a new sheet, or the one it replaces.

A new sheet gets a worksheet part, a workbook relationship, a content type and a <sheet> entry
(before a trailing xlwings.conf sheet, as the openpyxl writer places it). A replaced sheet keeps
its part name, sheetId and position; its old table parts and whatever else only it referred to
are removed. Either way the report's tables get new table parts with workbook-wide unique ids,
and the sheet's print area and print titles are set as the openpyxl writer sets them.
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.domain.report import Report
from addin.workbook.package.cells import column_letters
from addin.workbook.package.edits import drop_calc_chain
from addin.workbook.package.new_parts import (
    SHEET_TYPE,
    TABLE_TYPE,
    add_override,
    add_relationship,
    free_name,
    reachable,
    remove_unreferenced,
    write_relationships,
)
from addin.workbook.package.parts import DOC_REL, Package
from addin.workbook.package.report_xml import sheet_xml, table_xml
from addin.workbook.package.styles_xml import Styles
from addin.workbook.package.workbook_xml import (
    insert_sheet,
    quoted,
    set_print_names,
    sheet_name,
    sheet_rid,
    sheet_tags,
)
from addin.workbook.report_sheet import LAST_SHEETS


@dataclass(frozen=True)
class Placed:
    """Where the report went: its sheet part, and its table parts with their text."""

    sheet_part: str
    tables: list[tuple[str, str]]
    removed: set[str]


def find_sheet(package: Package, name: str) -> tuple[int, str] | None:
    """(tab position, part) of the worksheet called `name` (Excel compares names caselessly)."""
    workbook = package.workbook_part()
    rels = package.relationships(workbook)
    for position, tag in enumerate(sheet_tags(package.text(workbook))):
        if sheet_name(tag).casefold() == name.casefold():
            kind, part = rels.get(sheet_rid(tag), ("", ""))
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
        xml = table_xml(report, table, next_table_id + offset)
        package.write(table_part, xml.encode("utf-8"))
        add_override(package, table_part, TABLE_TYPE)
        tables.append((table_part, xml))
    ids = write_relationships(package, part, [(f"{DOC_REL}/table", t) for t, _ in tables])
    removed = remove_unreferenced(package, old - {t for t, _ in tables})
    package.write(part, sheet_xml(report, styles, ids).encode("utf-8"))
    _print_names(package, position, name, report)
    return Placed(part, tables, removed)


def _new_sheet(package: Package, name: str) -> tuple[int, str]:
    """A new worksheet part, related from the workbook and listed in its tabs."""
    workbook = package.workbook_part()
    part = free_name(package, "xl/worksheets/sheet{}.xml")
    package.write(part, b"")  # claims the name; the caller writes the sheet
    rid = add_relationship(package, workbook, f"{DOC_REL}/worksheet", part)
    add_override(package, part, SHEET_TYPE)
    xml = package.text(workbook)
    names = [sheet_name(t) for t in sheet_tags(xml)]
    position = next((names.index(s) for s in LAST_SHEETS if s in names), len(names))
    package.write(workbook, insert_sheet(xml, name, rid, position).encode("utf-8"))
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
    xml = set_print_names(package.text(workbook), position, area, titles)
    package.write(workbook, xml.encode("utf-8"))
