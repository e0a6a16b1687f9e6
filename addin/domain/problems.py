"""Where a value sits in the user's sheet, and what is wrong with it, in words a rep can act on."""

from __future__ import annotations

from dataclasses import dataclass, field

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
            parts.append(f"sheet '{self.sheet}'")
        if key is not None:
            header = self.headers.get(key, key)
            if self.sheet is not None and key in self.positions:
                letter = column_letter(self.first_col + self.positions[key])
                parts.append(f"column '{header}' ({letter})")
            else:
                parts.append(f"column '{header}'")
        if row is not None:
            parts.append(f"row {row}" if self.sheet is not None else f"line {row}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One cell that could not be used as it is; the row is the sheet row (or CSV line)."""

    row: int
    column: str
    value: object
    expected: str
    consequence: str = ""

    def describe(self, layout: Layout) -> str:
        value = "blank" if self.value in (None, "") else repr(self.value)
        tail = f"; {self.consequence}" if self.consequence else ""
        return f"{layout.where(self.column, self.row)}: {value} is not {self.expected}{tail}"


def describe_all(problems: list[Problem], layout: Layout, limit: int = MAX_LISTED) -> str:
    """Every problem on its own line, cut after `limit` with a count of the rest."""
    lines = [p.describe(layout) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more")
    return "\n".join(lines)
