"""Every value custdev puts into a cell through openpyxl goes through here: text stays text.

openpyxl turns any str starting with '=' into a formula and '#N/A' into an error value, whoever
wrote the str. A stage name from Settings, a rep's name or a note must never become either (a
'=cmd|...' would be a live DDE link), so `put` stores every str as a string, whatever it starts
with; formulas come only from `put_formula`, which custdev's own code calls with the formulas it
builds (the Dashboard's ABC summary). A test walks the openpyxl side of the code and fails on any
other way of setting a cell's value.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


def put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """The cell at (row, col) holding `value`; a str is a string cell, never a formula."""
    cell = ws.cell(row, col)
    return set_value(cell, value)


def set_value(cell: Cell, value: object) -> Cell:
    """`cell` holding `value`, under the same rule as `put` (for cells already at hand)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl said 'f' for '=...' and 'e' for '#N/A'
    return cell


def put_formula(ws: Worksheet, row: int, col: int, formula: str) -> Cell:
    """The cell at (row, col) holding `formula` ('=SUM(...)'), built by custdev's own code."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell = ws.cell(row, col)
    cell.value = formula
    cell.data_type = "f"
    return cell
