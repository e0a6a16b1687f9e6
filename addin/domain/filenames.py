"""File names made from data (a rep's or a region's name) that are safe on Windows and macOS.

Chinese and other letters stay; characters Windows forbids, control characters, trailing dots and
spaces, reserved device names (CON, LPT1, ...) and Excel's '~$' lock-file prefix are replaced,
names are cut to a length every file system takes, and names that would collide on a
case-insensitive disk get a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_BYTES = 120
"""UTF-8 bytes of a stem: well under the 255 bytes of NTFS, APFS and ext4, with room for more."""
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}


def safe_stem(name: str) -> str:
    """A file name stem for `name`: readable, and valid on Windows, macOS and Linux."""
    stem = unicodedata.normalize("NFC", name)
    stem = re.sub(r"\s+", " ", stem).strip()  # tabs and line breaks too
    stem = _FORBIDDEN.sub("_", stem)
    stem = _cut(stem).rstrip(". ")
    if stem.startswith(("~$", ".")):  # a lock file to Excel, a hidden file to macOS
        stem = "_" + stem.lstrip("~$.")
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem or "_"


def _cut(stem: str) -> str:
    encoded = stem.encode("utf-8")
    if len(encoded) <= MAX_BYTES:
        return stem
    return encoded[:MAX_BYTES].decode("utf-8", errors="ignore")


def unique_stems(names: Iterable[str]) -> dict[str, str]:
    """name -> safe stem, distinct even where the disk ignores case ('Li' and 'LI')."""
    taken: set[str] = set()
    stems = {}
    for name in names:
        base = stem = safe_stem(name)
        number = 2
        while stem.casefold() in taken:
            stem = f"{base} ({number})"
            number += 1
        taken.add(stem.casefold())
        stems[name] = stem
    return stems
