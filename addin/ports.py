"""The one small port between the use cases and a workbook, live in Excel or a file on disk.

Tables are addressed by their Excel table name (`Customers`, `Settings`, `AbcSummary`,
`ParetoData`, `Pipeline`, ...); columns by their header text. Adapters: `PackageBook` (files,
edited part by part in the OOXML package, so nothing else of the user's file changes) and
`XlwingsBook` (a workbook open in Excel, classic xlwings or xlwings Lite). The tests run the
same contract against a reference implementation over openpyxl (tests/reference).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from addin.domain.errors import MissingTableError, SchemaError
from addin.domain.i18n import text
from addin.domain.problems import Layout, shown
from addin.domain.report import Report
from addin.domain.report import ReportTable as ReportTable  # adapters meet it in reports

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with these would be a formula or a DDE link in Excel: adapters store it as text."""


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def missing_table(source: str, name: str, tables: list[str]) -> MissingTableError:
    """The error every adapter raises for a table it cannot find, naming those it can."""
    known = ", ".join(tables) or text("none")
    return MissingTableError(text("error.table_missing", name=source, table=name, tables=known))


def column_taken(where: str, header: str, cell: str, value: object) -> SchemaError:
    """The error every adapter raises rather than write a new column over the user's cells."""
    return SchemaError(
        text("error.column_taken", where=where, header=header, cell=cell, value=shown(value))
    )


def sheet_taken(source: str, sheet: str, tables: list[str], report: Report) -> SchemaError | None:
    """The error to raise before replacing a sheet that holds a table the report does not own."""
    own = {t.name.casefold() for t in report.tables}
    foreign = [t for t in tables if t.casefold() not in own]
    if not foreign:
        return None
    return SchemaError(text("error.sheet_taken", name=source, sheet=sheet, table=foreign[0]))


@dataclass(frozen=True)
class RawTable:
    """A table's body exactly as the cells hold it, under the headers the user wrote."""

    frame: pd.DataFrame
    layout: Layout
    text_at_most: int | None = None
    """No cell holds more characters than this, when the reader knows it cheaply (a CSV file's
    longest line); None when it does not."""


class WorkbookPort(Protocol):
    source: str
    """How messages name this workbook, e.g. 'customers.xlsx'."""

    def has_table(self, name: str) -> bool: ...

    def read_table(self, name: str) -> RawTable:
        """The table's rows; raises MissingTableError naming the tables that do exist."""
        ...

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        """Replace the table's rows with `frame` (columns in the table's order), resizing it."""
        ...

    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        """Fill the column `header` of `table` (appending the column if it is missing)."""
        ...

    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        """Static fills ('RRGGBB' or None for none) down the column, one per table row."""
        ...

    def write_report(self, sheet: str, report: Report) -> None:
        """Replace the sheet called `sheet` (added at the end if missing) with `report`.

        Tables the sheet held are removed first, so the report's tables can take their names.
        """
        ...
