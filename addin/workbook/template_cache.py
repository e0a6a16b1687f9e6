"""The shipped template as .xlsx bytes, built once and kept in the user's cache folder.

Building the bilingual template with openpyxl costs more than a small run's own work, so a
build is kept per language, Settings and code (custdev's source files by size and modification
time, as Python checks them for its .pyc files): a run that finds its build there never imports
openpyxl. Kept as user_cache keeps files: hash-checked (a file that fails the check is built
again and replaced), written whole, and a cache folder that cannot be written only costs the
build, every run. Builds not used for a month are removed when a new one is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from addin.domain.i18n import check_language
from addin.domain.settings import Settings
from addin.user_cache import cache_folder, code_fingerprint, keep, read_kept, remove_unused

MAGIC = b"custdev template cache 1\n"
"""Starts every cache file; a new layout of the file gets a new number."""
WRITER = "openpyxl"
"""The library that writes the template: its release is part of the build's key."""
BUILT_STAMP = b"2026-01-01T00:00:00Z</dcterms:modified>"
"""The template's fixed modified time (template.BUILT) as written in docProps/core.xml."""
CORE = "docProps/core.xml"
"""The part holding the created and modified times."""

_built: dict[str, bytes] = {}
"""This process's templates by cache key: a batch of runs reads the file once."""


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
            keep(path, MAGIC, key, found)
            remove_unused(path.parent)
        _built[key] = found
    return found


def cache_key(lang: str, settings: Settings) -> str:
    """A name for one build: the language, every setting and the code that builds it."""
    described = f"{lang}\n{settings!r}\n{code_fingerprint(WRITER)}".encode()
    return hashlib.sha256(MAGIC + described).hexdigest()[:32]


def _build(lang: str, settings: Settings) -> bytes:
    from addin.workbook.atomic import workbook_bytes  # openpyxl: only when the cache misses
    from addin.workbook.template import build_template

    return workbook_bytes(build_template(lang, settings), stamp=False)


def _read(path: Path, key: str) -> bytes | None:
    """The template kept at `path` for `key` (a zip package), or None."""
    body = read_kept(path, MAGIC, key)
    return body if body is not None and body.startswith(b"PK\x03\x04") else None


def modified_now(core: bytes) -> bytes:
    """docProps/core.xml of a template with its modified time set to now: the cached bytes
    keep the fixed build time, a workbook made from them is new."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return core.replace(BUILT_STAMP, now + BUILT_STAMP[len(b"2026-01-01T00:00:00Z") :])
