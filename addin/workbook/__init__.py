"""The openpyxl side: read input files, fill and style workbooks, build the templates."""

from __future__ import annotations

from addin.workbook.openpyxl_book import OpenpyxlBook
from addin.workbook.reader import read_raw_table

__all__ = ["OpenpyxlBook", "read_raw_table"]
