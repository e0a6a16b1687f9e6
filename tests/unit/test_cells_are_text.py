"""The one emitter: text is always text, only the template's own table formula is a formula,
and escaping happens once, whatever the text holds."""

from __future__ import annotations

import pytest
from lxml import etree

from addin.adapters.package.cells import CellLimitError, TableFormula, cell_xml
from addin.adapters.package.emitter import escape_attribute, escape_data
from addin.adapters.package.sheet_scan import MAIN
from addin.ports import FORMULA_STARTS


def parsed(cell: str, prefix: str = "") -> etree._Element:
    declare = f'xmlns:{prefix[:-1]}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return etree.fromstring(f"<{prefix}row {declare}>{cell}</{prefix}row>")[0]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_starting_like_a_formula_is_an_inline_string_never_a_formula(start):
    cell = parsed(cell_xml("", "A1", f"{start}SUM(A1)", 0))
    assert cell.get("t") == "inlineStr" and cell.find(f"{{{MAIN}}}f") is None
    assert cell.findtext(f"{{{MAIN}}}is/{{{MAIN}}}t") == f"{start}SUM(A1)"


def test_only_a_table_formula_becomes_a_formula_and_in_the_parts_prefix():
    cell = parsed(cell_xml("x:", "D2", TableFormula("Customers[[#This Row],[Sales]]*0.1"), 3), "x:")
    assert cell.tag == f"{{{MAIN}}}c" and cell.get("s") == "3"
    assert cell.findtext(f"{{{MAIN}}}f") == "Customers[[#This Row],[Sales]]*0.1"


def test_markup_quotes_and_control_characters_are_escaped_once():
    text = '<b> & "q" \x01_x0041_'
    assert escape_data(text) == '&lt;b&gt; &amp; "q" _x0041_'
    assert escape_attribute(text) == "&lt;b&gt; &amp; &quot;q&quot; _x0041_"
    cell = parsed(cell_xml("", "A1", text, 0))
    assert cell.findtext(f"{{{MAIN}}}is/{{{MAIN}}}t") == '<b> & "q" _x005F_x0041_'


def test_text_longer_than_excel_holds_in_a_cell_is_refused_naming_the_cell():
    with pytest.raises(CellLimitError) as found:
        cell_xml("", "B7", "x" * 32_768, 0)
    assert found.value.ref == "B7" and found.value.length == 32_768
    assert "x" * 32_767 in cell_xml("", "B7", "x" * 32_767, 0)
