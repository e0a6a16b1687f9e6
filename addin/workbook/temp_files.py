"""The temporary files of atomic writes: named so that custdev knows its own, and swept up when a
run that made them was killed before it could remove them.

A temp file is `.NAME.custdev-HOST-PID-RANDOM.tmp` beside NAME. One is abandoned when the process
that wrote it is gone (same machine, POSIX) or, for files of another machine, another system or
earlier versions of custdev (`.STEM-RANDOM.xlsx.tmp`), when it is older than STALE_AFTER. Files
custdev did not make are never touched, whatever their name looks like otherwise.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from pathlib import Path

STALE_AFTER = 3600.0
"""Seconds after which a temp file whose writer cannot be asked is abandoned: one write takes
seconds, not an hour."""


def _host_name() -> str:
    """socket.gethostname(), which on POSIX is uname's node name: socket is not imported."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


HOST = hashlib.sha256(_host_name().encode("utf-8", "replace")).hexdigest()[:8]
_OURS = re.compile(r"\..+\.custdev-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[A-Za-z0-9_]+\.tmp")
_EARLIER = re.compile(r"\..+-[a-z0-9_]{8}\.(xlsx|xlsm|xltx|xltm|csv|json)\.tmp")
"""What tempfile made for custdev before the names above: '.STEM-' + 8 random + '.xlsx.tmp'."""
TEMP_SUFFIX = ".tmp"
_swept: set[Path] = set()


def temp_prefix(target: Path) -> str:
    """The start of the name of a temp file for `target`, naming this machine and process."""
    return f".{target.name}.custdev-{HOST}-{os.getpid()}-"


def sweep_once(folder: Path) -> list[Path]:
    """Remove abandoned temp files of custdev from `folder`, once per folder and process."""
    key = folder.resolve()
    if key in _swept:
        return []
    _swept.add(key)
    return remove_stale(folder)


def remove_stale(folder: Path, now: float | None = None) -> list[Path]:
    """Remove custdev's abandoned temp files in `folder`; returns those removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if entry.name.endswith(TEMP_SUFFIX) and _abandoned(entry, now):
            try:
                os.unlink(entry.path)
            except OSError:
                continue  # gone already, or not ours to remove after all
            removed.append(Path(entry.path))
    return removed


def _abandoned(entry: os.DirEntry[str], now: float) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    old = now - info.st_mtime > STALE_AFTER
    ours = _OURS.fullmatch(entry.name)
    if ours is None:
        return old and _EARLIER.fullmatch(entry.name) is not None
    if ours["host"] == HOST and os.name == "posix":
        return not _running(int(ours["pid"]))
    return old


def _running(pid: int) -> bool:
    """Whether a process `pid` runs on this machine (POSIX: signal 0 asks without sending)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True
