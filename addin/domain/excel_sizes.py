"""How much an Excel sheet holds: rows, columns, characters in a cell (the numbers alone, which
the file adapter needs before pandas is imported; excel_limits checks a table against them)."""

from __future__ import annotations

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767
