"""workbook.xml edits: a new sheet goes where asked, and sheet-local names follow their sheets."""

from __future__ import annotations

from addin.adapters.package.parts import DOC_REL, MAIN_NS
from addin.adapters.package.safexml import parse, serialised
from addin.adapters.package.styles import Styles
from addin.adapters.package.workbook_part import (
    insert_sheet,
    set_print_names,
    sheet_elements,
    sheet_rid,
)

WORKBOOK = (
    f'<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_REL}"><bookViews><workbookView activeTab="1"/>'
    '</bookViews><sheets><sheet name="Data" sheetId="3" r:id="rId1"/>'
    '<sheet name="xlwings.conf" sheetId="7" r:id="rId2"/></sheets><definedNames>'
    '<definedName name="_xlnm.Print_Area" localSheetId="1">x</definedName>'
    '<definedName name="Rate">Data!$A$1</definedName></definedNames><calcPr/></workbook>'
)


def edited(xml: str, edit) -> tuple[str, object]:
    root = parse(xml.encode(), "xl/workbook.xml")
    edit(root)
    return serialised(root).decode(), root


def test_a_sheet_inserted_before_the_last_one_shifts_the_names_and_tab_after_it():
    xml, root = edited(WORKBOOK, lambda r: insert_sheet(r, "Plan & Co", "rId9", 1))

    sheets = sheet_elements(root)
    assert [s.get("name") for s in sheets] == ["Data", "Plan & Co", "xlwings.conf"]
    assert sheets[1].get("sheetId") == "8" and sheet_rid(sheets[1]) == "rId9"
    assert 'localSheetId="2">x<' in xml and 'activeTab="2"' in xml
    assert 'name="Plan &amp; Co"' in xml


def test_a_sheet_goes_at_the_end_and_declares_the_relationship_prefix_it_needs():
    bare = WORKBOOK.replace(f' xmlns:r="{DOC_REL}"', "").replace(' r:id="rId1"', "")
    bare = bare.replace(' r:id="rId2"', "")
    xml, root = edited(bare, lambda r: insert_sheet(r, "Plan", "rId9", 2))

    assert sheet_elements(root)[2].get("name") == "Plan"
    assert f'xmlns:r="{DOC_REL}"' in xml and 'r:id="rId9"' in xml
    assert 'localSheetId="1">x<' in xml  # nothing came before it


def test_print_names_replace_the_sheets_own_and_keep_every_other_name():
    xml, _ = edited(WORKBOOK, lambda r: set_print_names(r, 1, "'Plan'!$A$1:$B$2", "'Plan'!$3:$3"))

    assert ">x<" not in xml and "Data!$A$1" in xml
    assert '<definedName name="_xlnm.Print_Titles" localSheetId="1">' in xml
    assert "'Plan'!$A$1:$B$2" in xml


def test_print_names_make_a_defined_names_block_before_calc_pr_when_there_is_none():
    plain = WORKBOOK[: WORKBOOK.index("<definedNames>")] + "<calcPr/></workbook>"

    xml, _ = edited(plain, lambda r: set_print_names(r, 0, "'P'!$A$1:$A$1", None))

    assert xml.index("<definedNames>") < xml.index("<calcPr/>")
    assert "Print_Titles" not in xml


def test_a_new_number_format_is_appended_once_after_the_files_own():
    styles = Styles(
        (
            f'<styleSheet xmlns="{MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" '
            'formatCode="&quot;x&quot;0"/></numFmts><fonts count="1"><font/></fonts>'
            '<fills count="1"><fill/></fills><cellXfs count="1"><xf/></cellXfs></styleSheet>'
        ).encode(),
        "xl/styles.xml",
    )

    first = styles.new_format(None, None, "yyyy-mm-dd", None)
    again = styles.new_format(None, None, "yyyy-mm-dd", None)
    builtin = styles.new_format(None, None, "0.00", None)

    xml = styles.to_bytes().decode()
    assert first == again and styles.xfs[first].get("numFmtId") == "165"
    assert styles.xfs[builtin].get("numFmtId") == "2"
    assert '<numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;x&quot;0"/>' in xml
    assert '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' in xml
