"""Parts added to or removed from a package, with their content types and relationships.

A part is only reachable through a relationship and only readable with a content type, so the
three always change together. Removing a sheet's old parts removes only those nothing else
refers to (an image two drawings share stays).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from addin.workbook.package.cells import escape_attribute
from addin.workbook.package.parts import REL_NS, Package, rels_name

CONTENT_TYPES = "[Content_Types].xml"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"


def free_name(package: Package, pattern: str) -> str:
    """The first 'xl/tables/table{}.xml' (say) whose number no part uses yet (part names are
    compared caselessly, as OPC does: 'Table1.xml' takes the name 'table1.xml')."""
    taken = {name.casefold() for name in all_parts(package)}
    number = 1
    while pattern.format(number).casefold() in taken:
        number += 1
    return pattern.format(number)


def all_parts(package: Package) -> list[str]:
    """Every part name: the file's entries, then the parts added since."""
    names = [e.name for e in package.entries]
    known = set(names)
    return names + [n for n in package.changed if n not in known]


def add_override(package: Package, part: str, content_type: str) -> None:
    xml = package.text(CONTENT_TYPES)
    tag = f'<Override PartName="/{escape_attribute(part)}" ContentType="{content_type}"/>'
    at = xml.rindex("</")
    package.write(CONTENT_TYPES, (xml[:at] + tag + xml[at:]).encode("utf-8"))


def remove_overrides(package: Package, parts: Iterable[str]) -> None:
    xml = original = package.text(CONTENT_TYPES)
    for part in parts:
        name = re.escape(escape_attribute(part))
        xml = re.sub(rf'<(?:\w+:)?Override\b[^>]*PartName="/{name}"[^>]*/>', "", xml)
    if xml != original:
        package.write(CONTENT_TYPES, xml.encode("utf-8"))


def add_relationship(package: Package, source: str, kind: str, target: str) -> str:
    """A new relationship of `source` to the part `target`; its id."""
    name = rels_name(source)
    xml = (
        package.text(name)
        if package.has(name)
        else f'<Relationships xmlns="{REL_NS}"></Relationships>'
    )
    taken = set(re.findall(r'\sId="([^"]*)"', xml))
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    rid = f"rId{number}"
    relative = posixpath.relpath(target, posixpath.dirname(source))
    tag = f'<Relationship Id="{rid}" Type="{kind}" Target="{escape_attribute(relative)}"/>'
    at = xml.rindex("</")
    package.write(name, (xml[:at] + tag + xml[at:]).encode("utf-8"))
    return rid


def write_relationships(package: Package, source: str, rels: list[tuple[str, str]]) -> list[str]:
    """`source`'s relationships replaced by (type, target part) pairs; their ids, in order.

    No relationships means no .rels part at all."""
    name = rels_name(source)
    if not rels:
        if package.has(name):
            package.remove(name)
        return []
    tags, ids = [], []
    for number, (kind, target) in enumerate(rels, start=1):
        relative = posixpath.relpath(target, posixpath.dirname(source))
        ids.append(f"rId{number}")
        tags.append(
            f'<Relationship Id="rId{number}" Type="{kind}" Target="{escape_attribute(relative)}"/>'
        )
    xml = f'<Relationships xmlns="{REL_NS}">{"".join(tags)}</Relationships>'
    package.write(name, xml.encode("utf-8"))
    return ids


def reachable(package: Package, part: str) -> set[str]:
    """Every part reached from `part` through relationships, `part` itself left out."""
    found: set[str] = set()
    todo = [part]
    while todo:
        for _, target in package.relationships(todo.pop()).values():
            if target not in found and target != part and package.has(target):
                found.add(target)
                todo.append(target)
    return found


def remove_unreferenced(package: Package, candidates: set[str]) -> set[str]:
    """Remove those of `candidates` that no remaining part refers to, with their .rels."""
    while True:
        sources = [""] + [p for p in all_parts(package) if p not in candidates]
        referenced = {
            target
            for source in sources
            if not source.endswith(".rels")
            for _, target in package.relationships(source).values()
        }
        orphans = candidates - referenced
        if orphans == candidates:
            break
        candidates = orphans
    for part in candidates:
        package.remove(part)
        if package.has(rels_name(part)):
            package.remove(rels_name(part))
    remove_overrides(package, candidates)
    return candidates
