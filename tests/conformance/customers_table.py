"""A Customers table added to the first worksheet of a workbook another program wrote, with lxml,
leaving the rest of that writer's XML alone.

The table goes below the sheet's used range, from column A: its rows are appended to the sheet
data, the table part, the sheet's relationship to it and its content type are added. No other
part changes, so what custdev later changes in the package is custdev's doing.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from addin.adapters.package.refs import column_letters
from tests.real_files import parts_of, zipped

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET = OFFICE_RELS + "/worksheet"
TABLE_REL = OFFICE_RELS + "/table"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"

HEADERS = ["Customer ID", "Name", "Annual sales", "Kind", "Rep", "Class"]
CLASS_HEADER = "Class"
SALES = [900_000, 50_000, 30_000, 10_000, 400_000, 5_000, 200_000, 1_000, 2_000, 3_000]
NAMES = ["Müller & Söhne", "李雷贸易", "<Acme> Ltd", 'O\'Brien "Fine" Foods', "Zoë  Café"]
KINDS = {False: "customer", True: "prospect"}
ROWS: list[list[object]] = [
    [f"C{i:03}", f"{NAMES[i % len(NAMES)]} {i}", s, KINDS[i == 4], "Ann", "C"]
    for i, s in enumerate(SALES, start=1)
]
"""Ten customers, one of them a prospect (no class); stale classes that refresh must replace."""
_AFTER_SHEET_DATA_NOT = {"extLst"}  # tableParts goes just before an extLst, else at the end


@dataclass(frozen=True)
class Placed:
    """Where the table landed: its sheet's part and name, and its cell range (1-based)."""

    sheet_part: str
    sheet_name: str
    first_row: int
    last_row: int
    columns: int

    @property
    def class_column(self) -> int:
        return HEADERS.index(CLASS_HEADER) + 1


def with_customers(data: bytes) -> tuple[bytes, Placed]:
    """The package `data` with a Customers table on its first worksheet, and where it is."""
    parts = parts_of(data)
    workbook = _target("", _rels(parts, "_rels/.rels"), OFFICE_RELS + "/officeDocument")
    sheet_part, sheet_name = _first_worksheet(parts, workbook)
    sheet = etree.fromstring(parts[sheet_part])
    placed = _append_rows(sheet, sheet_part, sheet_name)
    table_part = _new_table_part(parts)
    parts[table_part] = _table_xml(parts, placed)
    rels_part = _rels_name(sheet_part)
    rel_id = _add_relationship(parts, rels_part, _relative(sheet_part, table_part))
    _add_table_part(sheet, rel_id)
    parts[sheet_part] = etree.tostring(sheet, xml_declaration=True, encoding="UTF-8")
    _add_content_type(parts, table_part)
    return zipped(parts), placed


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _rels(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _target(source: str, rels: etree._Element, kind: str) -> str:
    for rel in rels.iter(f"{{{PKG_RELS}}}Relationship"):
        if rel.get("Type") == kind:
            return _resolve(source, rel.get("Target", ""))
    raise LookupError(f"no {kind} relationship")


def _first_worksheet(parts: dict[str, bytes], workbook: str) -> tuple[str, str]:
    found = _rels(parts, _rels_name(workbook)).iter(f"{{{PKG_RELS}}}Relationship")
    rels = {r.get("Id"): r for r in found}
    root = etree.fromstring(parts[workbook])
    for sheet in root.iter(f"{{{MAIN}}}sheet"):
        rel = rels.get(sheet.get(f"{{{OFFICE_RELS}}}id"))
        if rel is not None and rel.get("Type") == WORKSHEET:
            return _resolve(workbook, rel.get("Target", "")), sheet.get("name", "")
    raise LookupError("the workbook has no worksheet")


def _cell_row(ref: str) -> int:
    return int(re.sub(r"[A-Z$]", "", ref.upper()) or 0)


def _append_rows(sheet: etree._Element, part: str, name: str) -> Placed:
    """The header and customers in rows two below the last row holding a cell or a merge
    (empty rows further down, such as a formatted row 1,048,576, stay where they are)."""
    data = sheet.find(f"{{{MAIN}}}sheetData")
    assert data is not None, f"{part} has no sheetData"
    rows: dict[int, etree._Element] = {}
    last = number = 0
    for row in data.iter(f"{{{MAIN}}}row"):
        number = int(row.get("r")) if row.get("r") else number + 1
        rows[number] = row
        if len(row):
            last = number
    for merge in sheet.iter(f"{{{MAIN}}}mergeCell"):
        last = max(last, *(_cell_row(r) for r in merge.get("ref", "A1").split(":")))
    first = last + 2
    for offset, values in enumerate([HEADERS, *ROWS]):
        r = first + offset
        row = rows.get(r)
        if row is None:
            row = etree.Element(f"{{{MAIN}}}row", r=str(r))
            later = next((rows[n] for n in sorted(rows) if n > r), None)
            if later is None:
                data.append(row)
            else:
                later.addprevious(row)
        for column, value in enumerate(values):
            cell = etree.SubElement(row, f"{{{MAIN}}}c", r=f"{chr(65 + column)}{r}")
            if isinstance(value, str):
                cell.set("t", "inlineStr")
                etree.SubElement(
                    etree.SubElement(cell, f"{{{MAIN}}}is"), f"{{{MAIN}}}t"
                ).text = value
            else:
                etree.SubElement(cell, f"{{{MAIN}}}v").text = str(value)
    placed = Placed(part, name, first, first + len(ROWS), len(HEADERS))
    dimension = sheet.find(f"{{{MAIN}}}dimension")
    if dimension is not None:
        ref = dimension.get("ref", "A1").split(":")
        end_row = max(_cell_row(ref[-1]), placed.last_row)
        end_column = max(_column_number(ref[-1]), placed.columns)
        dimension.set("ref", f"A1:{column_letters(end_column)}{end_row}")
    return placed


def _column_number(ref: str) -> int:
    number = 0
    for letter in re.sub(r"[^A-Z]", "", ref.upper()):
        number = number * 26 + ord(letter) - 64
    return number


def _new_table_part(parts: dict[str, bytes]) -> str:
    number = 1
    while f"xl/tables/table{number}.xml" in parts:
        number += 1
    return f"xl/tables/table{number}.xml"


def _table_xml(parts: dict[str, bytes], placed: Placed) -> bytes:
    ids = [0]
    for name, content in parts.items():
        if name.startswith("xl/tables/") and name.endswith(".xml"):
            ids.append(int(etree.fromstring(content).get("id", "0")))
    ref = f"A{placed.first_row}:{column_letters(placed.columns)}{placed.last_row}"
    table = etree.Element(
        f"{{{MAIN}}}table",
        {"id": str(max(ids) + 1), "name": "Customers", "displayName": "Customers"},
        nsmap={None: MAIN},
    )
    table.set("ref", ref)
    table.set("totalsRowShown", "0")
    etree.SubElement(table, f"{{{MAIN}}}autoFilter", ref=ref)
    columns = etree.SubElement(table, f"{{{MAIN}}}tableColumns", count=str(len(HEADERS)))
    for number, header in enumerate(HEADERS, start=1):
        etree.SubElement(columns, f"{{{MAIN}}}tableColumn", id=str(number), name=header)
    etree.SubElement(
        table,
        f"{{{MAIN}}}tableStyleInfo",
        name="TableStyleMedium2",
        showFirstColumn="0",
        showLastColumn="0",
        showRowStripes="1",
        showColumnStripes="0",
    )
    return etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source))


def _add_relationship(parts: dict[str, bytes], rels_part: str, target: str) -> str:
    if rels_part in parts:
        rels = etree.fromstring(parts[rels_part])
    else:
        rels = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    taken = {r.get("Id") for r in rels}
    number = 1
    while f"rIdCustomers{number}" in taken:
        number += 1
    rel_id = f"rIdCustomers{number}"
    etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship", Id=rel_id, Type=TABLE_REL, Target=target)
    parts[rels_part] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    return rel_id


def _add_table_part(sheet: etree._Element, rel_id: str) -> None:
    table_parts = sheet.find(f"{{{MAIN}}}tableParts")
    if table_parts is None:
        table_parts = etree.Element(f"{{{MAIN}}}tableParts")
        ext = sheet.find(f"{{{MAIN}}}extLst")
        if ext is not None:
            ext.addprevious(table_parts)
        else:
            sheet.append(table_parts)
    etree.SubElement(table_parts, f"{{{MAIN}}}tablePart", {f"{{{OFFICE_RELS}}}id": rel_id})
    table_parts.set("count", str(len(table_parts)))


def _add_content_type(parts: dict[str, bytes], table_part: str) -> None:
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(
        types, f"{{{TYPES}}}Override", PartName="/" + table_part, ContentType=TABLE_TYPE
    )
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{{{TYPES}}}Default")}
    if "rels" not in defaults:
        etree.SubElement(types, f"{{{TYPES}}}Default", Extension="rels", ContentType=RELS_TYPE)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
