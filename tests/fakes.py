"""An in-memory WorkbookPort for the service tests (the cosmicpython fake repository).

The macros and Lite scripts are tested on doubles of the xlwings runtimes instead:
tests/xlwings_double, as strict as the engines they stand for.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from addin.domain.errors import MissingTableError
from addin.domain.problems import Layout
from addin.ports import RawTable, Report


class InMemoryBook:
    """WorkbookPort over named DataFrames; remembers fills for assertions."""

    def __init__(self, tables: dict[str, pd.DataFrame], source: str = "memory.xlsx") -> None:
        self.tables = {k: v.astype(object) for k, v in tables.items()}
        self.fills: dict[tuple[str, str], list[str | None]] = {}
        self.reports: dict[str, Report] = {}
        self.source = source

    def has_table(self, name: str) -> bool:
        return name in self.tables

    def read_table(self, name: str) -> RawTable:
        if name not in self.tables:
            raise MissingTableError(f"{self.source}: no table {name}")
        return RawTable(self.tables[name].copy(), Layout(self.source, name, header_row=1))

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        self.tables[name] = frame.astype(object).reset_index(drop=True)

    def write_column(self, table: str, header: str, values: Sequence[object]) -> None:
        frame = self.tables[table]
        frame[header] = pd.Series(list(values), dtype=object)

    def set_fills(self, table: str, header: str, colors: Sequence[str | None]) -> None:
        self.fills[(table, header)] = list(colors)

    def write_report(self, sheet: str, report: Report) -> None:
        """Keep the report by sheet name, and each of its tables as a frame by table name."""
        self.reports[sheet] = report
        for t in report.tables:
            rows = report.rows[t.row + 1 : t.row + 1 + t.rows]
            header = [str(h) for h in report.rows[t.row][t.col : t.col + t.columns]]
            body = [row[t.col : t.col + t.columns] for row in rows]
            self.tables[t.name] = pd.DataFrame(body, columns=header, dtype=object)
