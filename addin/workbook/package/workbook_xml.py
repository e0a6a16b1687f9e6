"""xl/workbook.xml edited as text: a new <sheet> in the tab order, and a sheet's print names.

Sheet-local defined names (print area, print titles) point at a sheet by its position among
all <sheet> elements (localSheetId), so a sheet inserted before others shifts their ids; the
active and first tabs shift with them. Everything else in the part stays as it was.
"""

from __future__ import annotations

import re
from html import unescape

from addin.workbook.package.cells import escape_attribute, escape_text
from addin.workbook.package.parts import DOC_REL, attribute

_SHEETS = re.compile(r"<((?:\w+:)?)sheets\b[^>]*>(.*?)</(?:\w+:)?sheets>", re.S)
_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_DEFINED_NAMES = re.compile(r"<((?:\w+:)?)definedNames\b[^>]*>(.*?)</(?:\w+:)?definedNames>", re.S)
_DEFINED_NAME = re.compile(r"<(?:\w+:)?definedName\b[^>]*>.*?</(?:\w+:)?definedName>", re.S)
_AFTER_NAMES = (
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)
"""What follows <definedNames> in CT_Workbook."""
PRINT_NAMES = ("_xlnm.Print_Area", "_xlnm.Print_Titles")


def sheet_tags(xml: str) -> list[str]:
    """The start tags of every <sheet> (worksheets, chart sheets, dialog sheets) in tab order."""
    found = _SHEETS.search(xml)
    return _SHEET.findall(found.group(2)) if found else []


def sheet_name(tag: str) -> str:
    return unescape(attribute(tag, "name") or "")


def sheet_rid(tag: str) -> str:
    found = re.search(r'\s(?:\w+:)?id="([^"]*)"', tag)
    return found.group(1) if found else ""


def insert_sheet(xml: str, name: str, rid: str, position: int) -> str:
    """workbook.xml with a visible sheet `name` (relationship `rid`) at `position` in the tabs."""
    found = _SHEETS.search(xml)
    if found is None:
        raise ValueError("the workbook has no <sheets>")
    tags = _SHEET.findall(found.group(2))
    ids = [int(attribute(t, "sheetId") or 0) for t in tags]
    prefix = _relationship_prefix(xml)
    declare = "" if prefix else f' xmlns:r="{DOC_REL}"'
    number = max(ids, default=0) + 1
    tag = (
        f'<{found.group(1)}sheet name="{escape_attribute(name)}" sheetId="{number}"'
        f'{declare} {prefix or "r"}:id="{rid}"/>'
    )
    if position < len(tags):
        at = found.start(2) + _nth_tag(found.group(2), position)
    else:
        at = found.end(2)
    return _shift_indexes(xml[:at] + tag + xml[at:], position)


def set_print_names(xml: str, position: int, area: str, titles: str | None) -> str:
    """The sheet's print area and print titles replaced by `area` and `titles` (None: none)."""
    names = [
        f'<definedName name="_xlnm.Print_Area" localSheetId="{position}">{escape_text(area)}'
        "</definedName>"
    ]
    if titles is not None:
        names.append(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{position}">'
            f"{escape_text(titles)}</definedName>"
        )
    found = _DEFINED_NAMES.search(xml)
    if found is None:
        at = _names_position(xml)
        return xml[:at] + "<definedNames>" + "".join(names) + "</definedNames>" + xml[at:]
    kept = [
        d
        for d in _DEFINED_NAME.findall(found.group(2))
        if not (
            attribute(d, "localSheetId") == str(position) and attribute(d, "name") in PRINT_NAMES
        )
    ]
    prefix = found.group(1)
    if prefix:
        names = [n.replace("<definedName", f"<{prefix}definedName") for n in names]
        names = [n.replace("</definedName", f"</{prefix}definedName") for n in names]
    body = "".join(kept + names)
    return xml[: found.start(2)] + body + xml[found.end(2) :]


def quoted(sheet: str) -> str:
    """A sheet name as formulas write it: 'It''s'."""
    return "'" + sheet.replace("'", "''") + "'"


def _nth_tag(body: str, n: int) -> int:
    return [m.start() for m in _SHEET.finditer(body)][n]


def _relationship_prefix(xml: str) -> str | None:
    root = re.search(r"<(?:\w+:)?workbook\b[^>]*>", xml)
    found = re.search(rf'xmlns:(\w+)="{re.escape(DOC_REL)}"', root.group(0)) if root else None
    return found.group(1) if found else None


def _shift_indexes(xml: str, position: int) -> str:
    """localSheetId, activeTab and firstSheet at or after `position` move one sheet on."""

    def shift(match: re.Match[str]) -> str:
        number = int(match.group(2))
        return f'{match.group(1)}"{number + 1 if number >= position else number}"'

    return re.sub(r'(\s(?:localSheetId|activeTab|firstSheet)=)"(\d+)"', shift, xml)


def _names_position(xml: str) -> int:
    """Where a new <definedNames> goes: before the first element that must follow it."""
    for tag in _AFTER_NAMES:
        found = re.search(rf"<(?:\w+:)?{tag}\b", xml)
        if found is not None:
            return found.start()
    return xml.rindex("</")
