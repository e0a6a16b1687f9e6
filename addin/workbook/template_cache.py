"""The shipped template as .xlsx bytes, built once and kept in the user's cache folder.

Building the bilingual template with openpyxl costs more than a small run's own work, so a
build is kept per language, Settings and code (custdev's source files by size and modification
time, as Python checks them for its .pyc files): a run that finds its build there never imports
openpyxl. Each file holds a header and the SHA-256 of its key and the bytes after it; a file
that fails the check (cut short, corrupt, not ours, another build's file renamed) is built
again and replaced. Files are written to a temporary name and renamed, so a reader never sees
half of one; a cache folder that cannot be written only costs the build, every run. Builds not
used for a month are removed when a new one is kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

from addin.domain.i18n import check_language
from addin.domain.settings import Settings

CACHE_ENV = "CUSTDEV_CACHE_DIR"
"""A folder to use instead of the platform's cache folder (tests, locked-down machines)."""
MAGIC = b"custdev template cache 1\n"
"""Starts every cache file; a new layout of the file gets a new number."""
SOURCE = Path(__file__).resolve().parents[1]
"""The addin package: any change to its code may change the template."""
BUILT_STAMP = b"2026-01-01T00:00:00Z</dcterms:modified>"
"""The template's fixed modified time (template.BUILT) as written in docProps/core.xml."""
UNUSED_SECONDS = 30 * 24 * 3600
"""A kept build not read for this long (another release's, other Settings) is removed."""
CORE = "docProps/core.xml"
"""The part holding the created and modified times."""

_built: dict[str, bytes] = {}
"""This process's templates by cache key: a batch of runs reads the file once."""


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


def template_bytes(lang: str = "en", settings: Settings | None = None) -> bytes:
    """The customer template in `lang` with `settings` (the defaults when None), as .xlsx bytes
    with the fixed build time: from the cache when a good copy is there, else built and kept."""
    lang = check_language(lang)
    settings = Settings() if settings is None else settings
    key = cache_key(lang, settings)
    found = _built.get(key)
    if found is None:
        path = cache_folder() / "templates" / f"customers_{lang}_{key}.bin"
        found = _read(path, key)
        if found is None:
            found = _build(lang, settings)
            _keep(path, key, found)
            _remove_unused(path.parent)
        _built[key] = found
    return found


def cache_key(lang: str, settings: Settings) -> str:
    """A name for one build: the language, every setting and the code that builds it."""
    described = f"{lang}\n{settings!r}\n{_code_fingerprint()}".encode()
    return hashlib.sha256(MAGIC + described).hexdigest()[:32]


@functools.cache
def _code_fingerprint() -> str:
    """custdev's source files, each by name, size and modification time (what Python checks
    before it uses a .pyc: reading and hashing every file cost a small run 10 ms), and the
    openpyxl release that writes the template."""
    digest = hashlib.sha256(_writer_release().encode())
    for folder, subfolders, names in os.walk(SOURCE):
        subfolders.sort()
        for name in sorted(n for n in names if n.endswith(".py")):
            path = os.path.join(folder, name)
            found = os.stat(path)
            relative = os.path.relpath(path, SOURCE)
            digest.update(f"{relative}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _writer_release() -> str:
    """openpyxl's distribution as installed, 'openpyxl-3.1.5.dist-info', found beside the
    package rather than by importlib.metadata, which costs a small run more than its work."""
    spec = importlib.util.find_spec("openpyxl")  # finds it without importing it
    if spec is None or spec.origin is None:
        return "openpyxl"
    folder = Path(spec.origin).parent
    found = [p.name for p in folder.parent.glob(f"{folder.name}-*.dist-info")]
    return found[0] if len(found) == 1 else "openpyxl " + _release_by_metadata()


def _release_by_metadata() -> str:
    """The release importlib.metadata finds: where the folder beside says nothing (an install
    of another layout, or two releases' folders side by side)."""
    from importlib import metadata

    try:
        return metadata.version("openpyxl")
    except metadata.PackageNotFoundError:  # not installed as a distribution: the code decides
        return ""


def _build(lang: str, settings: Settings) -> bytes:
    from addin.workbook.atomic import workbook_bytes  # openpyxl: only when the cache misses
    from addin.workbook.template import build_template

    return workbook_bytes(build_template(lang, settings), stamp=False)


def _read(path: Path, key: str) -> bytes | None:
    """The template kept at `path` for `key`, or None when there is none or it fails its
    check."""
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    start = len(MAGIC) + hashlib.sha256().digest_size
    body = stored[start:]
    if not stored.startswith(MAGIC) or not body.startswith(b"PK\x03\x04"):
        return None
    if _digest(key, body) != stored[len(MAGIC) : start]:
        return None
    with contextlib.suppress(OSError):  # a read-only folder: it stays unswept all the same
        os.utime(path)  # in use: not removed as unused
    return body


def _digest(key: str, body: bytes) -> bytes:
    return hashlib.sha256(key.encode() + b"\0" + body).digest()


def _keep(path: Path, key: str, data: bytes) -> None:
    """Write the cache file whole under a temporary name, then rename it over `path`."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + _digest(key, data) + data)
        os.replace(temp, path)
        temp = None
    except OSError:
        pass  # a read-only or full cache folder: the next run builds the template again
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def _remove_unused(folder: Path) -> None:
    """Remove the kept builds (and temporary files left by a crash) unused for a month."""
    cutoff = time.time() - UNUSED_SECONDS
    try:
        for path in folder.iterdir():
            if path.suffix in (".bin", ".tmp") and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    except OSError:
        pass  # another run removing them too, or a folder we cannot change: they stay


def modified_now(core: bytes) -> bytes:
    """docProps/core.xml of a template with its modified time set to now: the cached bytes
    keep the fixed build time, a workbook made from them is new."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return core.replace(BUILT_STAMP, now + BUILT_STAMP[len(b"2026-01-01T00:00:00Z") :])
