"""How much custdev unpacks and writes: sized for a workbook of a million customers, refusing a
zip bomb long before it costs seconds or memory, and Excel's own limits on a sheet.

A million rows of the customer table come to about 500 MB of sheet XML packed some 10:1; the
tightest real parts seen (comments, VML drawings) pack about 60:1, and zip bombs 1000:1 and more.
"""

from __future__ import annotations

from addin.domain.excel_sizes import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS

MB = 1 << 20
PART_LIMIT = 1024 * MB
"""Largest unpacked part read."""
PACKAGE_LIMIT = 2048 * MB
"""Largest sum of the unpacked parts of one package."""
RATIO_LIMIT = 200
"""Largest packing ratio of a part bigger than RATIO_GRACE."""
RATIO_GRACE = 1 * MB
"""Parts up to this size may pack any way they like: they cost nothing to unpack."""
ENTRY_LIMIT = 100_000
"""Most zip entries read: a workbook with thousands of images stays far below it."""

TABLE_CELL_LIMIT = 60_000_000
"""Largest table read (rows x columns): a million customers in every column of the template
twice over; a table over the whole sheet (17 billion cells) is refused, not allocated."""

MAX_ROW, MAX_COLUMN, MAX_TEXT = MAX_ROWS, MAX_COLUMNS, MAX_CELL_CHARS
"""Excel's last row, last column and longest cell text (the domain's, checked on input too)."""
