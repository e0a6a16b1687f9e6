"""An openpyxl workbook as .xlsx bytes, written in memory: the template builder's output.

Kept apart from `atomic` so that writing a file does not import openpyxl: only building a
workbook with it (the templates, when the cache misses) does.
"""

from __future__ import annotations

import datetime as dt
import io
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter


def openpyxl_bytes(wb: Workbook, *, stamp: bool = True) -> bytes:
    """The .xlsx file as openpyxl writes it; `stamp` sets the modified time to now."""
    if stamp:
        wb.properties.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    buffer = io.BytesIO()
    # ExcelWriter rather than wb.save: wb.save always stamps the modified time.
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryWriter(wb, archive).write_data()
    return buffer.getvalue()


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer without its temp files: it writes each sheet to a file in the system's
    temp folder first, so a full temp disk or a file size limit would fail there, with an lxml
    error and no file name. Sheets of a template are small: built in memory instead."""

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)
