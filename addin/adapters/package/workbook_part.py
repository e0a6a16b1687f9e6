"""xl/workbook.xml edited as a tree: a new <sheet> in the tab order, and a sheet's print names.

Sheet-local defined names (print area, print titles) point at a sheet by its position among
all <sheet> elements (localSheetId), so a sheet inserted before others shifts their ids; the
active and first tabs shift with them. Everything else in the part stays as it was.
"""

from __future__ import annotations

from lxml import etree

from addin.adapters.package.refs import whole_number

DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_AFTER_NAMES = [
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
]
"""What follows <definedNames> in CT_Workbook."""
PRINT_NAMES = ("_xlnm.Print_Area", "_xlnm.Print_Titles")


def q(root: etree._Element, local: str) -> str:
    return f"{{{etree.QName(root).namespace}}}{local}"


def sheet_elements(root: etree._Element) -> list[etree._Element]:
    """Every <sheet> (worksheets, chart sheets, dialog sheets) in tab order."""
    holder = root.find(q(root, "sheets"))
    return [] if holder is None else [s for s in holder if s.tag == q(root, "sheet")]


def sheet_rid(sheet: etree._Element) -> str:
    return sheet.get(f"{{{DOC_REL}}}id", "")


def insert_sheet(root: etree._Element, name: str, rid: str, position: int) -> None:
    """A visible sheet `name` (relationship `rid`) at `position` in the tabs."""
    holder = root.find(q(root, "sheets"))
    if holder is None:
        raise ValueError("the workbook has no <sheets>")
    sheets = sheet_elements(root)
    ids = [n for s in sheets if (n := whole_number(s.get("sheetId"))) is not None]
    declared = DOC_REL in root.nsmap.values()
    made = holder.makeelement(q(root, "sheet"), {}, nsmap=None if declared else {"r": DOC_REL})
    made.set("name", name)
    made.set("sheetId", str(max(ids, default=0) + 1))
    made.set(f"{{{DOC_REL}}}id", rid)
    if position < len(sheets):
        sheets[position].addprevious(made)
    else:
        holder.append(made)
    _shift_indexes(root, position)


def set_print_names(root: etree._Element, position: int, area: str, titles: str | None) -> None:
    """The sheet's print area and print titles replaced by `area` and `titles` (None: none)."""
    holder = root.find(q(root, "definedNames"))
    if holder is None:
        holder = root.makeelement(q(root, "definedNames"), {})
        later = [root.find(q(root, tag)) for tag in _AFTER_NAMES]
        anchor = next((e for e in later if e is not None), None)
        if anchor is None:
            root.append(holder)
        else:
            anchor.addprevious(holder)
    for found in list(holder):
        if found.get("localSheetId") == str(position) and found.get("name") in PRINT_NAMES:
            holder.remove(found)
    for name, value in (("_xlnm.Print_Area", area), ("_xlnm.Print_Titles", titles)):
        if value is not None:
            made = etree.SubElement(holder, q(root, "definedName"))
            made.set("name", name)
            made.set("localSheetId", str(position))
            made.text = value


def quoted(sheet: str) -> str:
    """A sheet name as formulas write it: 'It''s'."""
    return "'" + sheet.replace("'", "''") + "'"


def _shift_indexes(root: etree._Element, position: int) -> None:
    """localSheetId, activeTab and firstSheet at or after `position` move one sheet on."""
    for element in root.iter(q(root, "definedName"), q(root, "workbookView")):
        for name in ("localSheetId", "activeTab", "firstSheet"):
            number = whole_number(element.get(name))
            if number is not None and number >= position:
                element.set(name, str(number + 1))
