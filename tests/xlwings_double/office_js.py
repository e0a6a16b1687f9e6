"""What Office.js does with the actions an xlwings Lite script queued: apply them in order.

The client side of the remote engine's double (tests/xlwings_double/remote.py): Excel's own rules
hold here, e.g. table names are unique in a workbook whatever their case.
"""

from __future__ import annotations

from typing import Any

from xlwings import utils

from tests.xlwings_double.state import ExcelState, SheetState, resize_table, typed_in


def flush(state: ExcelState, actions: list[dict[str, Any]]) -> None:
    """What Office.js does with the queued actions after the script: apply them in order.

    Excel's own rules apply here: table names are unique in a workbook (case-insensitively),
    tables never overlap, and a resized table keeps its header row.
    """
    for action in actions:
        APPLY.get(action["func"], _unknown)(state, action)


def _unknown(state: ExcelState, action: dict[str, Any]) -> None:
    raise NotImplementedError(f"the double does not model {action['func']}")


def _sheet(state: ExcelState, action: dict[str, Any]) -> SheetState:
    return state.sheets[action["sheet_position"]]


def _cells(action: dict[str, Any]) -> list[tuple[int, int]]:
    top, left = action["start_row"] + 1, action["start_column"] + 1
    return [
        (top + r, left + c)
        for r in range(action["row_count"])
        for c in range(action["column_count"])
    ]


def _set_values(state: ExcelState, action: dict[str, Any]) -> None:
    rows = action["values"]
    assert len(rows) == action["row_count"] and all(
        len(r) == action["column_count"] for r in rows
    ), "setValues: values must match the range's shape"
    _sheet(state, action).put(
        action["start_row"] + 1,
        action["start_column"] + 1,
        [[typed_in(v) for v in r] for r in rows],
    )


def _clear(state: ExcelState, action: dict[str, Any]) -> None:
    sheet = _sheet(state, action)
    for cell in _cells(action):
        sheet.cells.pop(cell, None)


def _colour(state: ExcelState, action: dict[str, Any]) -> None:
    sheet = _sheet(state, action)
    for cell in _cells(action):
        _fill(sheet, cell, action["args"][0])


def _colours(state: ExcelState, action: dict[str, Any]) -> None:
    sheet, matrix = _sheet(state, action), action["args"][0]
    top, left = action["start_row"] + 1, action["start_column"] + 1
    for r, row in enumerate(matrix):
        for c, colour in enumerate(row):
            if colour != "keep":
                _fill(sheet, (top + r, left + c), colour)


def _fill(sheet: SheetState, cell: tuple[int, int], colour: str | None) -> None:
    if colour is None:
        sheet.fills.pop(cell, None)
    else:
        sheet.fills[cell] = colour.upper()


def _width(state: ExcelState, action: dict[str, Any]) -> None:
    sheet, left = _sheet(state, action), action["start_column"] + 1
    for column in range(left, left + action["column_count"]):
        sheet.widths[column] = action["args"][0]


def _font(state: ExcelState, action: dict[str, Any]) -> None:
    sheet, (key, value) = _sheet(state, action), action["args"]
    assert key == "bold"
    cells = set(_cells(action))
    sheet.bold = sheet.bold | cells if value else sheet.bold - cells


def _add_sheet(state: ExcelState, action: dict[str, Any]) -> None:
    position, name = action["args"]
    assert name.casefold() not in (n.casefold() for n in state.sheet_names()), name
    state.sheets.insert(position, SheetState(name))


def _delete_sheet(state: ExcelState, action: dict[str, Any]) -> None:
    del state.sheets[action["sheet_position"]]


def _bounds(address: str) -> tuple[int, int, int, int]:
    first, last = utils.a1_to_tuples(address.replace("$", ""))
    last = last or first
    return first[0], first[1], last[0], last[1]


def _add_table(state: ExcelState, action: dict[str, Any]) -> None:
    address, _, _, name = action["args"]
    state.add_table(_sheet(state, action), name, _bounds(address))


def _resize_table(state: ExcelState, action: dict[str, Any]) -> None:
    position, address = action["args"]
    resize_table(_sheet(state, action).tables[position], _bounds(address))


def _alert(state: ExcelState, action: dict[str, Any]) -> None:
    state.alerts.append(action["args"][0])


APPLY = {
    "setValues": _set_values,
    "rangeClearContents": _clear,
    "setRangeColor": _colour,
    "setRangeColors": _colours,
    "setColumnWidth": _width,
    "setFontProperty": _font,
    "addSheet": _add_sheet,
    "sheetDelete": _delete_sheet,
    "addTable": _add_table,
    "resizeTable": _resize_table,
    "alert": _alert,
}
