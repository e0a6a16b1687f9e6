"""The xlwings side, kept thin: Excel functions, macros and the live-workbook adapter."""

from __future__ import annotations
