"""Save workbooks atomically (a crash never leaves half a file) and reproducibly (same zip)."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import tempfile
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from addin.domain.errors import InputFileError, WorkbookLockedError
from addin.domain.i18n import text

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold; fixed so rebuilt files do not differ by the clock."""


def save_workbook(wb: Workbook, path: str | os.PathLike[str], *, stamp: bool = True) -> Path:
    """Write `wb` to `path` atomically; on any failure the old file stays byte-identical.

    `stamp` sets the modified time to now, as openpyxl does; templates pass False to keep theirs.
    """
    target = check_target(path)
    try:
        _replace(target, workbook_bytes(wb, stamp=stamp))
    except PermissionError:
        raise WorkbookLockedError(text("error.cannot_write", path=target)) from None
    return target


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: '~$' and the name, in the same folder."""
    return path.with_name(f"~${path.name}")


def check_target(path: str | os.PathLike[str], fix: str = "fix.locked") -> Path:
    """Refuse early to write where it cannot work: a missing folder, a workbook open in Excel.

    `fix` is the message key of what to do about the lock, which depends on the command."""
    target = Path(path)
    if target.is_dir():
        raise InputFileError(text("error.output_folder_given", path=target))
    if not target.parent.is_dir():
        raise InputFileError(text("error.no_folder", path=target, folder=target.parent))
    if lock_file(target).exists():
        raise WorkbookLockedError(
            text(
                "error.open_in_excel", name=target.name, lock=lock_file(target).name, fix=text(fix)
            )
        )
    return target


def output_folder(path: str | os.PathLike[str]) -> Path:
    """The folder outputs go into, made when missing; a file of that name is refused."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputFileError(text("error.not_a_folder", path=folder))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def workbook_bytes(wb: Workbook, *, stamp: bool = True) -> bytes:
    """The .xlsx file as bytes, with zip entry times fixed."""
    if stamp:
        wb.properties.modified = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    buffer = io.BytesIO()
    # ExcelWriter rather than wb.save: wb.save always stamps the modified time.
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return normalised_zip(buffer.getvalue())


def normalised_zip(data: bytes) -> bytes:
    """The same entries in the same order, with fixed times and attributes."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = ZipInfo(item.filename, date_time=ZIP_EPOCH)
            info.compress_type = ZIP_DEFLATED
            info.create_system = 0  # otherwise the building platform shows in the bytes
            info.external_attr = 0
            target.writestr(info, source.read(item))
    return out.getvalue()


def _replace(target: Path, data: bytes) -> None:
    """Write a sibling temp file, flush it to disk, then rename it over the target."""
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        dir=target.parent, prefix=f".{target.stem}-", suffix=target.suffix + ".tmp", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: str | os.PathLike[str], data: bytes, fix: str = "fix.locked") -> Path:
    """Write `data` to `path` atomically, after the same checks as `save_workbook`."""
    target = check_target(path, fix)
    try:
        _replace(target, data)
    except PermissionError:
        raise WorkbookLockedError(text("error.cannot_write", path=target)) from None
    return target
