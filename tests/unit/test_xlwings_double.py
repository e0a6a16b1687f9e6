"""The runtime doubles are as strict as the engines: the rules each test names come from xlwings'
own source (the remote engine's address parser, conversion's value shapes, COM's limits)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.xlwings_double import ComError, ExcelState, SheetState, excel_book, flush, lite_book


def workbook() -> ExcelState:
    sheet = SheetState("Data")
    sheet.add_table("Sales", 1, 1, [["Name", "Sales"], ["a", 1.0], ["b", 2.0], ["c", 3.0]])
    return ExcelState("book.xlsm", [sheet])


def test_lite_reads_a_comma_joined_address_as_its_first_cell_only():
    state = workbook()
    book, impl = lite_book(state)
    book.sheets[0].range("M41,M44").color = "#FF0000"
    book.sheets[0].range("M41,M44:M45").color = "#00FF00"
    flush(state, impl.actions)
    assert state.sheets[0].fills == {
        (41, 13): "#00FF00",
        (42, 13): "#00FF00",
        (43, 13): "#00FF00",
        (44, 13): "#00FF00",
        (45, 13): "#00FF00",
    }  # the rows between M41 and M44 were coloured too


def test_lite_refuses_an_address_with_two_colons_as_the_remote_engine_does():
    book, _ = lite_book(workbook())
    with pytest.raises(ValueError, match="too many values to unpack"):
        book.sheets[0].range("Y4:Y5,Y9:Y12")


@pytest.mark.parametrize("make", [lite_book, excel_book])
def test_values_come_back_in_xlwings_shapes(make):
    book, _ = make(workbook())
    sheet = book.sheets[0]
    assert sheet.range("B2").value == 1.0
    assert sheet.range("B2:B4").value == [1.0, 2.0, 3.0]
    assert sheet.range("A2:B2").value == ["a", 1.0]
    assert sheet.range("B2:B3").options(ndim=2).value == [[1.0], [2.0]]
    assert sheet.range("A1:B2").value == [["Name", "Sales"], ["a", 1.0]]


def test_lite_reads_the_snapshot_and_applies_writes_after_the_script():
    state = workbook()
    book, impl = lite_book(state)
    book.sheets[0].range("C1").value = ["x", "y"]  # a flat list goes across the row
    assert book.sheets[0].range("C1").value is None
    flush(state, impl.actions)
    assert state.sheets[0].rows(1, 3, 1, 4) == [["x", "y"]]
    assert [a["func"] for a in impl.actions] == ["setValues"]


def test_classic_excel_sees_its_own_writes_at_once():
    state = workbook()
    book, impl = excel_book(state)
    book.sheets[0].range("C1").value = dt.date(2026, 3, 2)
    assert book.sheets[0].range("C1").value == dt.datetime(2026, 3, 2)
    assert impl.calls == [("setValues", "$C$1"), ("getValues", "$C$1")]


def test_lite_widths_are_points_and_classic_widths_characters_up_to_255():
    state = workbook()
    book, impl = lite_book(state)
    book.sheets[0].range("A1").column_width = 300.0
    flush(state, impl.actions)
    assert state.sheets[0].widths == {1: 300.0}
    classic, _ = excel_book(state)
    with pytest.raises(ComError):
        classic.sheets[0].range("A1").column_width = 300.0


def test_classic_excel_refuses_an_address_longer_than_255_characters():
    book, _ = excel_book(workbook())
    book.sheets[0].range(",".join(f"A{r}" for r in range(1, 60, 2))).color = "#FF0000"
    with pytest.raises(ComError):
        book.sheets[0].range(",".join(f"A{r}" for r in range(1, 200, 2))).color = "#FF0000"


def test_lite_table_names_are_exact_in_python_and_unique_in_excel_whatever_the_case():
    state = workbook()
    book, impl = lite_book(state)
    assert "Sales" in book.sheets[0].tables and "sales" not in book.sheets[0].tables
    sheet = book.sheets[0]
    sheet.tables.add(source=sheet.range("E1:F2"), name="SALES")
    with pytest.raises(ValueError, match="already exists"):
        flush(state, impl.actions)


def test_lite_has_no_status_bar_and_cannot_read_fills_back():
    book, _ = lite_book(workbook())
    with pytest.raises(NotImplementedError):
        book.app.status_bar = "hello"
    with pytest.raises(NotImplementedError):
        _ = book.sheets[0].range("A1").color


@pytest.mark.parametrize("make", [lite_book, excel_book])
def test_text_that_looks_like_a_number_or_a_formula_is_typed_in_as_excel_would(make):
    state = workbook()
    book, impl = make(state)
    book.sheets[0].range("D1").value = [["00123", "'00123", "=1+1", "50%"]]
    if make is lite_book:
        flush(state, impl.actions)
    d1, e1, f1, g1 = state.sheets[0].rows(1, 4, 1, 7)[0]
    assert (d1, e1, g1) == (123.0, "00123", 0.5) and f1.text == "=1+1"
