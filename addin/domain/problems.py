"""Where a value sits in the user's sheet, and what is wrong with it, in words a rep can act on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from addin.domain.i18n import text

MAX_LISTED = 20
"""A message lists this many cells, then says how many more; the full list stays on the object."""


def column_letter(index: int) -> str:
    """Excel column letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Layout:
    """Where the table sits: the file, the sheet, the header row and each column's header."""

    source: str = "input"
    sheet: str | None = None
    header_row: int = 1
    first_col: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    """canonical key -> the header text as the user wrote it"""
    positions: dict[str, int] = field(default_factory=dict)
    """canonical key -> 0-based position within the table"""

    def where(self, key: str | None = None, row: int | None = None) -> str:
        """'customers.xlsx, sheet 'Customers', column 'Annual sales' (F), row 7'."""
        parts = [self.source]
        if self.sheet is not None:
            parts.append(text("where.sheet", sheet=self.sheet))
        if key is not None:
            header = self.headers.get(key, key)
            if self.sheet is not None and key in self.positions:
                letter = column_letter(self.first_col + self.positions[key])
                parts.append(text("where.column_letter", header=header, letter=letter))
            else:
                parts.append(text("where.column", header=header))
        if row is not None:
            parts.append(text("where.row" if self.sheet is not None else "where.line", row=row))
        return text("where.join").join(parts)


@dataclass(frozen=True)
class Problem:
    """One cell that could not be used as it is; the row is the sheet row (or CSV line).

    `expected` and `consequence` are message keys (see messages.py), so the text follows the
    language of whoever reads it.
    """

    row: int
    column: str
    value: object
    expected: str
    consequence: str = ""

    def describe(self, layout: Layout) -> str:
        value = text("problem.blank") if self.value in (None, "") else shown(self.value)
        said = text(
            "problem",
            where=layout.where(self.column, self.row),
            value=value,
            expected=text(self.expected),
        )
        return said + (
            text("problem.then", consequence=text(self.consequence)) if self.consequence else ""
        )


def shown(value: object) -> str:
    """A cell value as a spreadsheet shows it: '2024-01-05', 12.5, TRUE, 'text'."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return f"'{value.isoformat()}'"
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value)


def describe_all(problems: list[Problem], layout: Layout, limit: int = MAX_LISTED) -> str:
    """Every problem on its own line, cut after `limit` with a count of the rest."""
    lines = [p.describe(layout) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(text("problem.more", count=len(problems) - limit))
    return "\n".join(lines)
