"""Parts added to or removed from a package, with their content types and relationships.

A part is only reachable through a relationship and only readable with a content type, so the
three always change together. Removing a sheet's old parts removes only those nothing else
refers to (an image two drawings share stays). [Content_Types].xml and .rels parts are edited as
trees: new elements take the prefix the part already uses.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from addin.adapters.package.parts import CONTENT_TYPES, CT_NS, REL_NS, Package, rels_name
from addin.adapters.package.safexml import parse, serialised

SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"


def free_name(package: Package, pattern: str) -> str:
    """The first 'xl/tables/table{}.xml' (say) whose number no part uses yet (part names are
    compared caselessly, as OPC does: 'Table1.xml' takes the name 'table1.xml')."""
    taken = {name.casefold() for name in package.names()}
    number = 1
    while pattern.format(number).casefold() in taken:
        number += 1
    return pattern.format(number)


def add_override(package: Package, part: str, content_type: str) -> None:
    root = package.xml(CONTENT_TYPES)
    etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=f"/{part}", ContentType=content_type)
    package.write(CONTENT_TYPES, serialised(root))


def remove_overrides(package: Package, parts: set[str]) -> None:
    """No content type left for `parts`; so also for a stale calculation chain."""
    root = package.xml(CONTENT_TYPES)
    names = {f"/{p}".casefold() for p in parts}
    found = [
        o for o in root.iter(f"{{{CT_NS}}}Override") if o.get("PartName", "").casefold() in names
    ]
    for override in found:
        override.getparent().remove(override)
    if found:
        package.write(CONTENT_TYPES, serialised(root))


def add_relationship(package: Package, source: str, kind: str, target: str) -> str:
    """A new relationship of `source` to the part `target`; its id."""
    name = rels_name(source)
    root = (
        package.xml(name)
        if package.has(name)
        else parse(f'<Relationships xmlns="{REL_NS}"/>'.encode(), name)
    )
    taken = {r.get("Id") for r in root.iter(f"{{{REL_NS}}}Relationship")}
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    rid = f"rId{number}"
    relative = posixpath.relpath(target, posixpath.dirname(source))
    etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=rid, Type=kind, Target=relative)
    package.write(name, serialised(root))
    return rid


def remove_relationships(package: Package, source: str, targets: set[str]) -> None:
    """`source`'s relationships to any of `targets` removed."""
    rels = package.relationships(source)
    gone = {rid for rid, (_, target) in rels.items() if target in targets}
    name = rels_name(source)
    if not gone or not package.has(name):
        return
    root = package.xml(name)
    for rel in list(root.iter(f"{{{REL_NS}}}Relationship")):
        if rel.get("Id") in gone:
            rel.getparent().remove(rel)
    package.write(name, serialised(root))


def write_relationships(package: Package, source: str, rels: list[tuple[str, str]]) -> list[str]:
    """`source`'s relationships replaced by (type, target part) pairs; their ids, in order.

    No relationships means no .rels part at all."""
    name = rels_name(source)
    if not rels:
        if package.has(name):
            package.remove(name)
        return []
    root = parse(f'<Relationships xmlns="{REL_NS}"/>'.encode(), name)
    ids = []
    for number, (kind, target) in enumerate(rels, start=1):
        relative = posixpath.relpath(target, posixpath.dirname(source))
        ids.append(f"rId{number}")
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=ids[-1], Type=kind, Target=relative)
    package.write(name, serialised(root))
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
        sources = [""] + [p for p in package.names() if p not in candidates]
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


def drop_calc_chain(package: Package) -> None:
    """Excel rebuilds the calculation chain; a stale one naming overwritten formulas is an error."""
    workbook = package.workbook_part()
    chains = {c for c in package.related(workbook, "calcChain") if package.has(c)}
    types = package.xml(CONTENT_TYPES).iter(f"{{{CT_NS}}}Override")
    chains |= {
        name
        for o in types
        if o.get("ContentType", "").endswith(".calcChain+xml")
        and package.has(name := o.get("PartName", "").lstrip("/"))
    }
    if not chains:
        return
    remove_relationships(package, workbook, chains)
    for chain in chains:
        package.remove(chain)
    remove_overrides(package, chains)
