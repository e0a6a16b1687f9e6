"""Workbooks saved by Excel (from ../shared/corpus), given a Customers table, and the same files
in other legal spellings of their XML: the `x:` prefix of the Open XML SDK, single-quoted
attributes, pretty-printed XML, and hostile or broken variants. Built with lxml and zipfile,
never with custdev's own writer."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADERS = ["Customer ID", "Name", "Annual sales", "Kind"]
SALES = [900_000, 50_000, 30_000, 10_000, 400_000, 5_000, 200_000, 1_000, 2_000, 3_000]
CUSTOMERS = [[f"C{i}", f"Customer {i}", s, "customer"] for i, s in enumerate(SALES, start=1)]


def corpus(*path: str) -> Path:
    """A file of the shared corpus (beside the project, or beside the worktrees)."""
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (shared / "corpus").is_dir():
            return shared.joinpath("corpus", *path)
    pytest.skip("the shared corpus (../shared/corpus) is not here")


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def excel_customers() -> bytes:
    """Excel's own table03.xlsx (a table at C3:F13 beside a hyperlink) holding ten customers:
    the table renamed Customers, its header and body cells rewritten in Excel's spelling."""
    parts = parts_of(corpus("excel", "table03.xlsx").read_bytes())
    table = etree.fromstring(parts["xl/tables/table1.xml"])
    table.set("name", "Customers")
    table.set("displayName", "Customers")
    for column, name in zip(table.iter(f"{{{MAIN}}}tableColumn"), HEADERS, strict=True):
        column.set("name", name)
    parts["xl/tables/table1.xml"] = etree.tostring(table, xml_declaration=True, encoding="UTF-8")
    sheet = etree.fromstring(parts["xl/worksheets/sheet1.xml"])
    data = sheet.find(f"{{{MAIN}}}sheetData")
    for row in list(data):
        if row.get("r") != "1":
            data.remove(row)
    for r, values in enumerate([HEADERS, *CUSTOMERS], start=3):
        row = etree.SubElement(data, f"{{{MAIN}}}row", r=str(r), spans="3:6")
        for c, value in enumerate(values):
            cell = etree.SubElement(row, f"{{{MAIN}}}c", r=f"{'CDEF'[c]}{r}")
            if isinstance(value, str):
                cell.set("t", "inlineStr")
                text = etree.SubElement(etree.SubElement(cell, f"{{{MAIN}}}is"), f"{{{MAIN}}}t")
                text.text = value
            else:
                etree.SubElement(cell, f"{{{MAIN}}}v").text = str(value)
    parts["xl/worksheets/sheet1.xml"] = etree.tostring(
        sheet, xml_declaration=True, encoding="UTF-8"
    )
    return zipped(parts)


def respelled(data: bytes, spell: Callable[[bytes], bytes], only: str = r"xl/.*\.xml") -> bytes:
    """The package with every matching XML part passed through `spell`."""
    parts = parts_of(data)
    return zipped({n: spell(c) if re.fullmatch(only, n) else c for n, c in parts.items()})


def x_prefixed(xml: bytes) -> bytes:
    """SpreadsheetML under the prefix x: (as the Open XML SDK writes it), not as the default."""
    root = etree.fromstring(xml)
    if etree.QName(root).namespace != MAIN:
        return xml
    nsmap = {p: u for p, u in root.nsmap.items() if p is not None} | {"x": MAIN}
    made = etree.Element(root.tag, root.attrib, nsmap=nsmap)
    made.text = root.text
    for child in root:
        made.append(child)
    out = etree.tostring(made, xml_declaration=True, encoding="UTF-8", standalone=True)
    assert b"<x:" in out and b'xmlns="' not in out
    return out


def single_quoted(xml: bytes) -> bytes:
    """Every attribute value in single quotes (those holding a ' keep double ones)."""
    return re.sub(rb'(\s[\w:.-]+)="([^"\']*)"', rb"\1='\2'", xml)


def pretty(xml: bytes) -> bytes:
    """Line breaks and indents between elements, attributes in another order."""
    root = etree.fromstring(xml)
    for element in root.iter():
        if isinstance(element.tag, str) and len(element.attrib) > 1:
            items = list(element.attrib.items())
            element.attrib.clear()
            for name, value in reversed(items):
                element.set(name, value)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
