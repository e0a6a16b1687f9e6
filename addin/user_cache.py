"""Files custdev can make again, kept in the user's cache folder: hash-checked, written whole.

Each kept file starts with its kind's magic line and the SHA-256 of its key and body, so a file
cut short, damaged, not ours, or another key's file renamed reads as missing. Files are written
under a temporary name and renamed, so a reader never sees half of one; a folder that cannot be
written only costs the work the file would have saved. Only the standard library is imported:
a run that finds what it needs here loads nothing else.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

CACHE_ENV = "CUSTDEV_CACHE_DIR"
"""A folder to use instead of the platform's cache folder (tests, locked-down machines)."""
SOURCE = Path(__file__).resolve().parent
"""The addin package: any change to its code may change what it makes."""
UNUSED_SECONDS = 30 * 24 * 3600
"""A kept file not read for this long (another release's, other Settings) is removed."""


def cache_folder() -> Path:
    """Where custdev keeps files it can build again: $CUSTDEV_CACHE_DIR, else the platform's
    user cache folder (as platformdirs finds it) with a custdev folder in it."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "custdev"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "custdev"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else home / ".cache") / "custdev"  # spec: absolute


@functools.cache
def code_fingerprint(*distributions: str) -> str:
    """custdev's source files, each by name, size and modification time (what Python checks
    before it uses a .pyc: reading and hashing every file cost a small run 10 ms), and the
    releases of the `distributions` whose work the kept files hold."""
    digest = hashlib.sha256()
    for name in distributions:
        digest.update(f"{name}={release(name)}\0".encode())
    for folder, subfolders, names in os.walk(SOURCE):
        subfolders.sort()
        for name in sorted(n for n in names if n.endswith(".py")):
            path = os.path.join(folder, name)
            found = os.stat(path)
            relative = os.path.relpath(path, SOURCE)
            digest.update(f"{relative}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def release(distribution: str) -> str:
    """The distribution as installed, 'openpyxl-3.1.5.dist-info', found beside its package
    rather than by importlib.metadata, which costs a small run more than its work; the release
    importlib.metadata finds where the folder beside says nothing (another layout, or two
    releases' folders side by side)."""
    module = distribution.replace("-", "_")
    spec = importlib.util.find_spec(module)  # finds it without importing it
    if spec is not None and spec.origin is not None:
        folder = Path(spec.origin).parent
        found = [p.name for p in folder.parent.glob(f"{folder.name}-*.dist-info")]
        if len(found) == 1:
            return found[0]
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # not installed as a distribution: the code decides
        return ""


def read_kept(path: Path, magic: bytes, key: str) -> bytes | None:
    """The body kept at `path` for `key`, or None when there is none or it fails its check."""
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    start = len(magic) + hashlib.sha256().digest_size
    body = stored[start:]
    if not stored.startswith(magic) or _digest(key, body) != stored[len(magic) : start]:
        return None
    with contextlib.suppress(OSError):  # a read-only folder: it stays unswept all the same
        os.utime(path)  # in use: not removed as unused
    return body


def keep(path: Path, magic: bytes, key: str, body: bytes) -> None:
    """Write the file whole under a temporary name, then rename it over `path`; a folder that
    cannot be written (read-only, full, a file in its place) keeps nothing, silently."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(magic + _digest(key, body) + body)
        os.replace(temp, path)
        temp = None
    except OSError:
        pass
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def remove_unused(folder: Path, unused_seconds: float = UNUSED_SECONDS) -> None:
    """Remove the kept files (and temporary files left by a crash) not used for that long."""
    cutoff = time.time() - unused_seconds
    try:
        for path in folder.iterdir():
            if path.suffix in (".bin", ".tmp") and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    except OSError:
        pass  # another run removing them too, or a folder we cannot change: they stay


def _digest(key: str, body: bytes) -> bytes:
    return hashlib.sha256(key.encode() + b"\0" + body).digest()
