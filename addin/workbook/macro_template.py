"""The macro-enabled templates, customers_en.xlsm and customers_zh.xlsm: the workbook template
with the project's own VBA module (workbook_templates/custdev.bas) and three buttons on the
Dashboard for Classify customers, Colour prospects and Plan visits.

The VBA project is written from source (addin.workbook.vba); the buttons are form controls in
the sheet's VML drawing, each calling its macro (`FmlaMacro`), as Excel writes them. openpyxl
carries both into the file through its `vba_archive`, the way it keeps a loaded .xlsm's VBA.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from html import escape
from pathlib import Path

from openpyxl import Workbook

from addin.domain.i18n import LANGUAGES, check_language, text
from addin.workbook.atomic import workbook_bytes, write_bytes
from addin.workbook.template import TEMPLATES, build_template
from addin.workbook.vba.project import SHEET_BASE, WORKBOOK_BASE, Module, document_module
from addin.workbook.vba.project import vba_project as vba_project_bytes

BAS = TEMPLATES / "custdev.bas"
BUTTONS = (  # (macro in custdev.bas, caption key)
    ("ClassifyCustomers", "button.classify"),
    ("ColourProspects", "button.colour"),
    ("PlanVisits", "button.plan"),
)
BUTTON_COLUMN, BUTTON_ROW = 5, 3
"""Zero-based column F, row 4: right of the Dashboard's ABC block, in rows of normal height."""
VML = "xl/drawings/vmlDrawing1.vml"
COPIED = ("xl/vbaProject.bin", VML)
"""The parts openpyxl copies from `vba_archive`."""
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>
<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"""


def macro_template_name(lang: str) -> str:
    """'customers_en.xlsm' or 'customers_zh.xlsm'."""
    return f"customers_{check_language(lang)}.xlsm"


def vba_source() -> str:
    """custdev.bas as the VBA editor keeps it: CRLF line endings."""
    return "\r\n".join(BAS.read_text(encoding="ascii").splitlines()) + "\r\n"


def vba_modules(sheet_count: int) -> list[Module]:
    """The workbook's and each sheet's document module, then the custdev module."""
    documents = [document_module("ThisWorkbook", WORKBOOK_BASE)] + [
        document_module(f"Sheet{i}", SHEET_BASE) for i in range(1, sheet_count + 1)
    ]
    return [*documents, Module("custdev", vba_source())]


def buttons_vml(lang: str) -> str:
    """The Dashboard's VML drawing: one form button per macro, stacked down column F."""
    shapes = "".join(
        _button(i, macro, text(caption, lang)) for i, (macro, caption) in enumerate(BUTTONS)
    )
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
        '<o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
        f"{shapes}</xml>"
    )


def _button(index: int, macro: str, caption: str) -> str:
    top = BUTTON_ROW + 2 * index  # two rows each, 4 pixels apart
    anchor = f"{BUTTON_COLUMN}, 0, {top}, 4, {BUTTON_COLUMN + 3}, 0, {top + 2}, 0"
    return (
        f'<v:shape id="_x0000_s{1025 + index}" type="#_x0000_t201" '
        'style="position:absolute;width:160pt;height:30pt;z-index:1;mso-wrap-style:tight" '
        'o:button="t" fillcolor="buttonFace [67]" strokecolor="windowText [64]" '
        'o:insetmode="auto"><v:fill color2="buttonFace [67]" o:detectmouseclick="t"/>'
        '<o:lock v:ext="edit" rotation="t"/>'
        '<v:textbox style="mso-direction-alt:auto" o:singleclick="f">'
        '<div style="text-align:center"><font face="Calibri" size="220" color="#000000">'
        f"{escape(caption)}</font></div></v:textbox>"
        '<x:ClientData ObjectType="Button">'
        f"<x:Anchor>{anchor}</x:Anchor><x:PrintObject>False</x:PrintObject>"
        f"<x:AutoFill>False</x:AutoFill><x:FmlaMacro>[0]!{macro}</x:FmlaMacro>"
        "<x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign>"
        "</x:ClientData></v:shape>"
    )


def build_macro_template(lang: str) -> Workbook:
    """The template workbook (openpyxl) with code names, the VBA project and the buttons."""
    wb = build_template(lang)
    wb.code_name = "ThisWorkbook"
    for i, ws in enumerate(wb.worksheets, start=1):
        ws.sheet_properties.codeName = f"Sheet{i}"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as parts:
        parts.writestr("[Content_Types].xml", CONTENT_TYPES)
        parts.writestr("_rels/.rels", ROOT_RELS)
        parts.writestr("xl/vbaProject.bin", vba_project_bytes(vba_modules(len(wb.worksheets))))
        parts.writestr(VML, buttons_vml(lang))
    wb.vba_archive = zipfile.ZipFile(archive)
    wb[text("sheet.dashboard", lang)].legacy_drawing = VML
    return wb


def macro_template_bytes(lang: str) -> bytes:
    """The .xlsm file, the same bytes on every build (see `in_stable_order`)."""
    return in_stable_order(workbook_bytes(build_macro_template(lang), stamp=False))


def in_stable_order(data: bytes) -> bytes:
    """openpyxl copies a workbook's VBA parts from a set, so their order in the zip and in
    [Content_Types].xml changes from run to run; put both in name order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        items = sorted(source.infolist(), key=lambda i: (i.filename in COPIED, i.filename))
        for item in items:
            part = source.read(item)
            if item.filename == "[Content_Types].xml":
                part = _sorted_defaults(part.decode("utf-8")).encode("utf-8")
            target.writestr(item, part)
    return out.getvalue()


def _sorted_defaults(types: str) -> str:
    defaults = re.findall(r"<Default [^>]*/>", types)
    first = types.index(defaults[0])
    rest = types[first:]
    for default in defaults:
        rest = rest.replace(default, "", 1)
    return types[:first] + "".join(sorted(defaults)) + rest


def write_macro_templates(
    folder: str | os.PathLike[str] = TEMPLATES, *, replace: bool = True
) -> list[Path]:
    """Write customers_en.xlsm and customers_zh.xlsm into `folder`; an existing file is kept
    (and the write refused) unless `replace`."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    return [
        write_bytes(target / macro_template_name(lang), macro_template_bytes(lang), replace=replace)
        for lang in LANGUAGES
    ]
