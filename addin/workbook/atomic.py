"""Save files atomically (a crash never leaves half a file), never over a file that is not ours to
replace, and reproducibly (same zip).

Every write goes to a temp file beside the target, flushed to disk, then renamed over it. Before
the rename: a file that must not be replaced is linked into place instead (the link fails if it
appeared meanwhile), and a file custdev read and is replacing (refresh) must still be what it read
(`Snapshot`). A symbolic link is written through: its target gets the new content, the link stays.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import os
import secrets
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from addin.adapters.written import note_written
from addin.domain.errors import (
    ChangedMeanwhileError,
    InputFileError,
    OutputExistsError,
    OutputFileError,
    WorkbookLockedError,
)
from addin.domain.i18n import text
from addin.workbook.temp_files import TEMP_SUFFIX, sweep_once, temp_prefix

if TYPE_CHECKING:
    from openpyxl import Workbook

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold; fixed so rebuilt files do not differ by the clock."""
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_unfinished: set[Path] = set()
"""Temp files this process is writing, for `remove_unfinished` when it must stop at once."""
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
"""A file made here and now, never one already there (O_BINARY: no newline translation on
Windows)."""
_starting = threading.Lock()
"""Held while a temp file is made and listed, so that `remove_unfinished` (on another thread)
never misses one made meanwhile."""


@dataclass(frozen=True)
class Snapshot:
    """A file as custdev read it: size, modified time and content hash, to tell later whether
    someone else saved it meanwhile."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def read(cls, path: Path) -> tuple[Snapshot, bytes]:
        """The file's bytes and their snapshot, read again if the file changed while read."""
        for _ in range(3):
            before = path.stat()
            data = path.read_bytes()
            after = path.stat()
            if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns):
                break
        digest = hashlib.sha256(data).hexdigest()
        return cls(after.st_size, after.st_mtime_ns, digest), data

    def matches(self, path: Path) -> bool:
        """Whether the file at `path` is still the one snapshotted."""
        try:
            now = path.stat()
            if (now.st_size, now.st_mtime_ns) != (self.size, self.mtime_ns):
                return False
            return hashlib.sha256(path.read_bytes()).hexdigest() == self.sha256
        except OSError:
            return False


def save_workbook(
    wb: Workbook, path: str | os.PathLike[str], *, stamp: bool = True, replace: bool = True
) -> Path:
    """Write `wb` to `path` atomically; on any failure the old file stays byte-identical.

    `stamp` sets the modified time to now, as openpyxl does; templates pass False to keep theirs.
    Without `replace`, an existing file at `path` is refused (OutputExistsError).
    """
    return write_bytes(path, workbook_bytes(wb, stamp=stamp), replace=replace)


def write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    replace: bool = True,
    unchanged: Snapshot | None = None,
    fix: str = "fix.locked",
    sync_folder: bool = True,
) -> Path:
    """Write `data` to `path` atomically, after the checks of `check_target` (`fix`: what to do
    about a lock, which depends on the command).

    Without `sync_folder` the rename is made durable by the caller's `sync_directory` of the
    folder, once for a batch of files written there (the file's bytes are flushed before it
    is renamed either way, so a crash never leaves half of it).

    Without `replace`, a file already at `path` is never replaced, even one that appears while
    the data is written. With `unchanged`, the file must still match that snapshot (custdev read
    it, someone may have saved it since); if not, it is left alone and the data is kept beside it.
    """
    target = check_target(path, fix)
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    if real != target:
        check_target(real, fix)  # the lock file of the workbook the link points to
    if not replace and real.exists():
        fix = text("fix.force_or_output")
        raise OutputExistsError(text("error.output_exists", path=target, fix=fix))
    try:
        _write(real, data, replace, unchanged)
        if sync_folder:
            sync_directory(real.parent)
    except PermissionError:
        raise WorkbookLockedError(text("error.cannot_write", path=target)) from None
    except (OutputFileError, WorkbookLockedError):
        raise
    except OSError as error:
        raise write_error(target, error) from None
    return target


def write_error(path: Path, error: OSError) -> OutputFileError:
    """The one-line message for an OSError met while writing `path`."""
    if error.errno in _FULL:
        reason, fix = text("reason.disk_full"), text("fix.free_space")
    elif error.errno == errno.EFBIG:
        reason, fix = text("reason.too_large"), text("fix.free_space")
    else:
        reason, fix = error.strerror or str(error), text("fix.check_disk")
    return OutputFileError(text("error.write_failed", path=path, reason=reason, fix=fix))


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
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_error(folder, error) from None
    return folder


def workbook_bytes(wb: Workbook, *, stamp: bool = True) -> bytes:
    """The .xlsx file an openpyxl workbook makes, as bytes, with zip entry times fixed; openpyxl
    is imported only by the commands that build a workbook with it (templates, on a cache
    miss), not by every one that writes a file."""
    from addin.workbook.openpyxl_writer import openpyxl_bytes

    return normalised_zip(openpyxl_bytes(wb, stamp=stamp))


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


def _write(target: Path, data: bytes, replace: bool, unchanged: Snapshot | None) -> None:
    """Write a sibling temp file, flush it to disk, then move it into place."""
    sweep_once(target.parent)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
    temp: Path | None = None
    try:
        # The name is chosen, listed and only then made, inside this try: Ctrl-C, which can
        # come between any two steps, finds a temp file named here and removed below, or none
        # at all (tempfile's own functions left it behind when it came just after they made it).
        with _starting:
            while temp is None:
                temp = target.parent / f"{temp_prefix(target)}{secrets.token_hex(6)}{TEMP_SUFFIX}"
                _unfinished.add(temp)
                try:
                    made = os.open(temp, _NEW_FILE, 0o600)
                except FileExistsError:  # another's: neither ours to write nor to remove
                    other, temp = temp, None
                    _unfinished.discard(other)
        with open(made, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if unchanged is not None and not unchanged.matches(target):
            raise _changed(target, temp)
        if replace:
            os.replace(temp, target)
        else:
            _link_new(temp, target)
        note_written(target)
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
            _unfinished.discard(temp)


def remove_unfinished() -> None:
    """Remove the temp files this process is writing: it is about to end without finishing.
    No temp file is started after this (the lock is kept), so none made meanwhile by another
    thread is left behind."""
    _starting.acquire()
    for temp in list(_unfinished):
        temp.unlink(missing_ok=True)


def _link_new(temp: Path, target: Path) -> None:
    """Put `temp` at `target` only if nothing is there: a hard link fails when the name exists,
    with no moment in between (a file system without hard links gets a check, then a rename)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputExistsError(text("error.appeared_meanwhile", path=target)) from None
    except OSError:
        if target.exists():
            raise OutputExistsError(text("error.appeared_meanwhile", path=target)) from None
        os.replace(temp, target)


def _changed(target: Path, temp: Path) -> ChangedMeanwhileError:
    """The error for a file saved by someone else meanwhile; custdev's result kept beside it."""
    aside = aside_path(target, "refreshed")
    try:
        os.link(temp, aside)
    except OSError:
        return ChangedMeanwhileError(text("error.changed_meanwhile_unsaved", name=target.name))
    return ChangedMeanwhileError(text("error.changed_meanwhile", name=target.name, aside=aside))


def aside_path(path: Path, label: str) -> Path:
    """'book.xlsx' -> 'book.LABEL-20260301-093000.xlsx', beside it; never an existing file."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}-{number}{path.suffix}")
        number += 1
    return candidate


def sync_directory(folder: Path) -> None:
    """Make the renames into `folder` durable where the OS allows it (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
