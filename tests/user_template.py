"""A user's own macro workbook, built in code: everything openpyxl would lose on a re-save.

openpyxl builds the base (tables, a formula, a chart, an image, sheet protection, a defined name);
then zip surgery adds what openpyxl cannot write or would drop: an x14 data bar, a cross-sheet
list validation (x14), a sparkline, a comment with formatted text, a form button bound to a macro
(VML shape + ctrlProp part) and a VBA project (taken from xlwings' quickstart workbook).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.drawing.image import Image
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADERS = ["Customer ID", "Name", "Rep", "Annual sales", "Memo"]
INJECTIONS = ["=1+1", "+1", "-2", "@SUM(A1)", "\tTab", "\r=cmd|' /C calc'!A0", '=HYPERLINK("x")']
ROWS = [
    ["C1", "Acme", "张伟", 900000, INJECTIONS[0]],
    ["C2", "Bolt", "张伟", 50000, INJECTIONS[1]],
    ["C3", "Crest", "李娜", 30000, INJECTIONS[2]],
    ["C4", "Delta", "李娜", 10000, INJECTIONS[3]],
    ["C5", "Echo", "Smith/Jones", 400000, INJECTIONS[4]],
    ["C6", "Fox", "CON", 5000, INJECTIONS[5]],
    ["C7", "Gulf", "李娜", 200000, INJECTIONS[6]],
]
ARTEFACTS = {
    # part -> text that proves the artefact is there
    "xl/worksheets/sheet1.xml": ["x14:dataBar", "x14:dataValidation", "Lists!$A$1:$A$3"],
    "xl/worksheets/sheet3.xml": ["x14:sparklineGroups", "<controls>", "sheetProtection"],
    "xl/comments1.xml": ["<b/>", "FFC00000"],
    "xl/drawings/vmlDrawing2.vml": ['ObjectType="Button"', "[0]!SampleCall"],
    "xl/ctrlProps/ctrlProp1.xml": ['objectType="Button"'],
    "xl/workbook.xml": ["Threshold"],
}


def vba_project() -> bytes:
    xlwings = pytest.importorskip("xlwings")
    with zipfile.ZipFile(Path(xlwings.__file__).parent / "quickstart.xlsm") as archive:
        return archive.read("xl/vbaProject.bin")


def png() -> bytes:
    pil = pytest.importorskip("PIL.Image")
    out = io.BytesIO()
    pil.new("RGB", (24, 24), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def openpyxl_base(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Customers"
    for row in [HEADERS, *rows]:
        ws.append(row)
    for (memo,) in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        memo.data_type = "s"  # the user's text, not a formula
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "#,##0"
    ws.add_table(Table(displayName="Customers", ref=f"A1:E{len(rows) + 1}"))
    lists = wb.create_sheet("Lists")
    for name in ("张伟", "李娜", "Smith/Jones"):
        lists.append([name])
    report = wb.create_sheet("Report")
    report["B2"], report["C2"] = "Total", "=SUM(Customers[Annual sales])"
    for r, values in enumerate([[1, 3, 2, 5], [4, 2, 6, 1]], start=5):
        report.cell(r, 1, f"Series {r}")
        for c, v in enumerate(values, start=2):
            report.cell(r, c, v)
    chart = BarChart()
    chart.add_data(Reference(report, min_col=2, min_row=5, max_col=5, max_row=6), from_rows=True)
    report.add_chart(chart, "A10")
    report.add_image(Image(io.BytesIO(png())), "H2")
    report.protection.sheet = True
    wb.defined_names["Threshold"] = DefinedName("Threshold", attr_text="Report!$C$2")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def user_template(path: Path, rows: list[list[object]] | None = None) -> Path:
    """Write the macro workbook at `path` (.xlsm); `rows` default to ROWS."""
    parts = dict(_entries(openpyxl_base(ROWS if rows is None else rows)))
    parts["xl/vbaProject.bin"] = vba_project()
    parts["xl/comments1.xml"] = COMMENTS.encode()
    parts["xl/drawings/vmlDrawing1.vml"] = (VML_HEAD.format(idmap=1) + NOTE + "</xml>").encode()
    parts["xl/drawings/vmlDrawing2.vml"] = (VML_HEAD.format(idmap=2) + BUTTON + "</xml>").encode()
    parts["xl/ctrlProps/ctrlProp1.xml"] = CTRL_PROP.encode()
    _edit(parts, "[Content_Types].xml", _content_types)
    _edit(
        parts,
        "xl/_rels/workbook.xml.rels",
        lambda x: _add_rel(x, "rIdVba", VBA_REL, "vbaProject.bin"),
    )
    _edit(parts, "xl/worksheets/sheet1.xml", _customers_sheet)
    _edit(parts, "xl/worksheets/sheet3.xml", _report_sheet)
    customers_rels = "xl/worksheets/_rels/sheet1.xml.rels"
    _edit(
        parts,
        customers_rels,
        lambda x: _add_rel(x, "rIdVml", f"{R}/vmlDrawing", "../drawings/vmlDrawing1.vml"),
    )
    _edit(
        parts, customers_rels, lambda x: _add_rel(x, "rIdCm", f"{R}/comments", "../comments1.xml")
    )
    report_rels = "xl/worksheets/_rels/sheet3.xml.rels"
    _edit(
        parts,
        report_rels,
        lambda x: _add_rel(x, "rIdVml", f"{R}/vmlDrawing", "../drawings/vmlDrawing2.vml"),
    )
    _edit(
        parts,
        report_rels,
        lambda x: _add_rel(x, "rIdCtrl", f"{R}/ctrlProp", "../ctrlProps/ctrlProp1.xml"),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def _edit(parts: dict[str, bytes], name: str, change: Callable[[str], str]) -> None:
    parts[name] = change(parts[name].decode()).encode()


VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def _add_rel(xml: str, rid: str, kind: str, target: str) -> str:
    return xml.replace(
        "</Relationships>",
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/></Relationships>',
    )


def _content_types(xml: str) -> str:
    xml = xml.replace("spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml").replace(
        "application/vnd.openxmlformats-officedocument.sheet.macroEnabled",
        "application/vnd.ms-excel.sheet.macroEnabled",
    )
    extra = (
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        '<Default Extension="vml" '
        'ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
        '<Override PartName="/xl/comments1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>'
        '<Override PartName="/xl/ctrlProps/ctrlProp1.xml" '
        'ContentType="application/vnd.ms-excel.controlproperties+xml"/>'
    )
    return xml.replace("</Types>", extra + "</Types>")


def _before(xml: str, tag: str, insert: str) -> str:
    at = re.search(rf"<{tag}\b", xml)
    assert at, tag
    return xml[: at.start()] + insert + xml[at.start() :]


def _customers_sheet(xml: str) -> str:
    xml = _before(xml, "pageMargins", DATA_BAR)
    xml = _before(xml, "tableParts", f'<legacyDrawing xmlns:r="{R}" r:id="rIdVml"/>')
    return xml.replace("</worksheet>", CUSTOMERS_EXT + "</worksheet>")


def _report_sheet(xml: str) -> str:
    control = f'<control xmlns:r="{R}" shapeId="2049" r:id="rIdCtrl" name="Button 1"/>'
    controls = f'<legacyDrawing xmlns:r="{R}" r:id="rIdVml"/><controls>{control}</controls>'
    xml = re.sub(r"(<drawing\b[^>]*/>)", lambda m: m.group(1) + controls, xml, count=1)
    return xml.replace("</worksheet>", SPARKLINE_EXT + "</worksheet>")


DATA_BAR_ID = "{6F2B2C1E-0000-4000-8000-000000000001}"
DATA_BAR = (
    '<conditionalFormatting sqref="D2:D100"><cfRule type="dataBar" priority="1"><dataBar>'
    '<cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst>'
    f'<ext uri="{{B025F937-C7B1-47D3-B67F-A62EFF666E3E}}" xmlns:x14="{X14}">'
    f"<x14:id>{DATA_BAR_ID}</x14:id>"
    "</ext></extLst></cfRule></conditionalFormatting>"
)
CUSTOMERS_EXT = (
    f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14}">'
    f'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="{XM}">'
    f'<x14:cfRule type="dataBar" id="{DATA_BAR_ID}"><x14:dataBar minLength="0" maxLength="100" '
    'gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/>'
    '<x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar>'
    "</x14:cfRule><xm:sqref>D2:D100</xm:sqref></x14:conditionalFormatting>"
    "</x14:conditionalFormattings></ext>"
    f'<ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" xmlns:x14="{X14}">'
    f'<x14:dataValidations count="1" xmlns:xm="{XM}"><x14:dataValidation type="list" '
    'allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1>'
    "<xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>C2:C100</xm:sqref>"
    "</x14:dataValidation></x14:dataValidations></ext></extLst>"
)
SPARKLINE_EXT = (
    f'<extLst><ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" xmlns:x14="{X14}">'
    f'<x14:sparklineGroups xmlns:xm="{XM}"><x14:sparklineGroup displayEmptyCellsAs="gap">'
    '<x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/>'
    '<x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/>'
    '<x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/>'
    '<x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines>'
    "<x14:sparkline><xm:f>Report!B5:E5</xm:f><xm:sqref>F5</xm:sqref></x14:sparkline>"
    "</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>"
)
COMMENTS = (
    '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>'
    '<author>Manager</author></authors><commentList><comment ref="B1" authorId="0"><text>'
    '<r><rPr><b/><sz val="9"/><color rgb="FFC00000"/><rFont val="Tahoma"/></rPr><t>Manager:</t></r>'
    '<r><rPr><i/><sz val="9"/><rFont val="Tahoma"/></rPr>'
    '<t xml:space="preserve"> names as on the contract</t></r></text></comment></commentList>'
    "</comments>"
)
VML_HEAD = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
    '<o:idmap v:ext="edit" data="{idmap}"/></o:shapelayout>'
)
NOTE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:80pt;'
    'margin-top:2pt;width:120pt;height:50pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" '
    'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
    '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
    '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
    "<x:MoveWithCells/><x:SizeWithCells/><x:Anchor>2, 15, 0, 2, 4, 15, 3, 16</x:Anchor>"
    "<x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>1</x:Column></x:ClientData></v:shape>"
)
BUTTON = (
    '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path shadowok="f" '
    'o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
    '<o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
    '<v:shape id="_x0000_s2049" type="#_x0000_t201" style="position:absolute;margin-left:300pt;'
    'margin-top:20pt;width:90pt;height:24pt;z-index:1" o:button="t" fillcolor="buttonFace [67]" '
    'strokecolor="windowText [64]" o:insetmode="auto"><v:fill color2="buttonFace [67]" '
    'o:detectmouseclick="t"/><o:lock v:ext="edit" rotation="t"/><v:textbox '
    'style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:center">'
    '<font face="Calibri" size="220" color="#000000">Run macro</font></div></v:textbox>'
    '<x:ClientData ObjectType="Button"><x:Anchor>6, 0, 1, 0, 8, 0, 3, 0</x:Anchor>'
    "<x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>"
    "<x:FmlaMacro>[0]!SampleCall</x:FmlaMacro><x:TextHAlign>Center</x:TextHAlign>"
    "<x:TextVAlign>Center</x:TextVAlign></x:ClientData></v:shape>"
)
CTRL_PROP = f'<formControlPr xmlns="{X14}" objectType="Button" lockText="1"/>'
