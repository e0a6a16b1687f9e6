"""What is not a workbook custdev can open, refused with its own message before any reading:
a missing path, a folder, a file it may not read, an encrypted or .xls (OLE) file. Only the
standard library: a refresh that finds its workbook up to date checks it without pandas."""

from __future__ import annotations

from pathlib import Path

from addin.domain.errors import EncryptedWorkbookError, InputFileError, NotAWorkbookError
from addin.domain.i18n import text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file starts: an .xls workbook, or an encrypted .xlsx."""


def check_workbook_file(path: Path) -> bytes:
    """Refuse what custdev cannot open as a workbook; else the file's first 8 bytes."""
    head = _head(path)
    if head.startswith(OLE_MAGIC):
        raise ole_error(path)
    return head


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(8)
    except FileNotFoundError:
        raise InputFileError(text("error.no_file", path=path)) from None
    except IsADirectoryError:
        raise InputFileError(text("error.is_folder", path=path)) from None
    except PermissionError:
        raise InputFileError(text("error.no_access", path=path)) from None


def ole_error(path: Path) -> InputFileError:
    """The refusal of an OLE file: encrypted (password protected), else an old .xls."""
    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00" in path.read_bytes()[: 1 << 20]:
        return EncryptedWorkbookError(text("error.encrypted", name=path.name))
    return NotAWorkbookError(text("error.xls", name=path.name))
