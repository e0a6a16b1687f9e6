"""The openpyxl side: read input files and build the templates (files are edited by
`addin.adapters.package`)."""

from __future__ import annotations

from addin.workbook.reader import read_raw_table

__all__ = ["read_raw_table"]
