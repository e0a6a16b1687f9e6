"""Find every formula, external link and DDE link in a workbook package, and every CSV field that
a spreadsheet would take for a formula: the scanner of the hostile-input tests.

A workbook custdev writes may hold formulas of its own template (the Dashboard's ABC summary,
conditional formats and drop-down lists). Those are allowed only as the template has them: the
same sheet, the same cell or rule, the same formula once its quoted string literals are emptied.
Quoted literals are where Settings names legitimately appear (a drop-down of stage names); every
other character of a formula must be the template's own, so a formula born from data cannot hide
among them: `=1+1` or `cmd|' /C calc'!A0` is code, never a literal.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

PAYLOADS = (
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "\t=1+1",
    "\r=1+1",
    '=DDE("cmd";"/C calc";"!A0")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=WEBSERVICE("http://x")',
)
"""The twelve classic CSV- and formula-injection payloads (OWASP, and the DDE variants)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_TAGS = {
    "f",
    "definedName",
    "formula",
    "formula1",
    "formula2",
    "calculatedColumnFormula",
    "totalsRowFormula",
}
_LITERAL = re.compile(r'"(?:[^"]|"")*"')
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def code_of(formula: str) -> str:
    """The formula with every quoted string literal emptied: what would be evaluated."""
    return _LITERAL.sub('""', formula.strip().removeprefix("="))


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> the name of the sheet (or the table's name for a table part)."""
    names: dict[str, str] = {}
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    for sheet in workbook.iter():
        if local(sheet.tag) == "sheet":
            target = targets.get(sheet.get(_REL), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            names[str(PurePosixPath(part))] = str(sheet.get("name"))
    for part in archive.namelist():
        if part.startswith("xl/tables/") and part.endswith(".xml"):
            table = ElementTree.fromstring(archive.read(part))
            names[part] = f"table {table.get('displayName')}"
    return names


def formulas(path: Path) -> Counter[tuple[str, str, str]]:
    """(sheet, table or part, where in it, formula code) of every formula in every XML part of
    the workbook at `path`: cells, tables, conditional formats, validations, charts, names."""
    found: Counter[tuple[str, str, str]] = Counter()
    with zipfile.ZipFile(path) as archive:
        names = _sheet_names(archive)
        for part in archive.namelist():
            if part.endswith(".xml"):
                root = ElementTree.fromstring(archive.read(part))
                found.update(_formulas_of(root, names.get(part, part)))
    return found


def _formulas_of(root: ElementTree.Element, owner: str) -> list[tuple[str, str, str]]:
    found = []
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        if local(element.tag) not in FORMULA_TAGS:
            continue
        parent = parents.get(element)
        where = local(parent.tag) if parent is not None else ""
        if where == "c":  # a cell: its reference is where it must be
            where = f"cell {parent.get('r')}"  # type: ignore[union-attr]
        elif where == "cfRule":
            where = "conditional format"
        found.append((owner, where, code_of(element.text or "")))
    return found


def links(path: Path) -> list[str]:
    """External link parts, external relationships and DDE links in the workbook at `path`."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for part in archive.namelist():
            if "externalLink" in part:
                found.append(part)
            if not part.endswith((".xml", ".rels")):
                continue
            root = ElementTree.fromstring(archive.read(part))
            for element in root.iter():
                if local(element.tag) in ("ddeLink", "oleLink", "externalReference"):
                    found.append(f"{part}: <{local(element.tag)}>")
                if element.get("TargetMode") == "External":
                    found.append(f"{part}: external target {element.get('Target')}")
    return found


def unexpected_formulas(path: Path, template: Path) -> list[tuple[str, str, str]]:
    """Formulas in `path` that the template does not have at the same place (with repeats)."""
    return list((formulas(path) - formulas(template)).elements())


def data_born_in_cells(path: Path) -> list[str]:
    """Cells of any sheet holding a formula whose code contains a payload's code."""
    codes = {code_of(p.strip()) for p in PAYLOADS}
    return [
        f"{owner} {where}: {code}"
        for owner, where, code in formulas(path)
        if any(c and c in code for c in codes)
    ]


def formula_fields(path: Path, encoding: str = "utf-8-sig") -> list[tuple[int, str]]:
    """(line, field) of every CSV field a spreadsheet would take for a formula."""
    content = path.read_text(encoding=encoding)
    sample = content[:4096]
    delimiter = max(",;\t", key=sample.count)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    return [
        (reader.line_num, field)
        for row in reader
        for field in row
        if field.startswith(FORMULA_STARTS)
    ]
