"""File names made from data (a rep's or a region's name) that are safe on Windows and macOS.

Chinese and other letters stay; characters Windows forbids, control characters, trailing dots and
spaces, reserved device names (CON, LPT1, COM¹, CONIN$, ...) and Excel's '~$' lock-file prefix are
replaced; invisible characters (zero-width spaces, bidi controls such as U+202E, which can make
'Invoice\u202eslx.exe' look like 'Invoiceexe.xlsx') are dropped; names are cut to a length every
file system takes, and names that would collide on a disk that ignores case get a number.
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
    "CONIN$",
    "CONOUT$",
    "CLOCK$",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}
"""Windows device names, with any extension; compared after NFKC, which makes COM¹ COM1."""
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Cs"}
"""Format characters (zero-width, bidi controls, soft hyphen, BOM), controls and surrogates."""
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
"""Letters that show as nothing (Hangul fillers, the blank Braille pattern)."""


def safe_stem(name: str) -> str:
    """A file name stem for `name`: readable, and valid on Windows, macOS and Linux."""
    stem = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name))  # tabs and line breaks too
    stem = "".join(ch for ch in stem if _visible(ch)).strip()
    stem = _FORBIDDEN.sub("_", stem)
    stem = _cut(stem).rstrip(". ")
    if stem.startswith(("~$", ".")):  # a lock file to Excel, a hidden file to macOS
        stem = "_" + stem.lstrip("~$.")
    if _reserved(stem):
        stem = "_" + stem
    return stem or "_"


def _visible(ch: str) -> bool:
    return unicodedata.category(ch) not in _INVISIBLE_CATEGORIES and ch not in _BLANK_LETTERS


def _reserved(stem: str) -> bool:
    """Whether Windows takes the name for a device: 'CON', 'con.txt', 'COM¹', 'NUL .x'."""
    base = unicodedata.normalize("NFKC", stem).split(".")[0].strip()
    return base.upper() in _RESERVED


def _cut(stem: str) -> str:
    encoded = stem.encode("utf-8")
    if len(encoded) <= MAX_BYTES:
        return stem
    return encoded[:MAX_BYTES].decode("utf-8", errors="ignore")


def unique_stems(names: Iterable[str], blank: str = "(blank)") -> dict[str, str]:
    """name -> safe stem, distinct even where the disk ignores case ('Li' and 'LI'); the blank
    name '' (rows without a rep) is called `blank`, and a rep really called that gets a number."""
    names = list(names)
    taken: set[str] = set()
    stems = {}
    for name in sorted(names, key=lambda n: n != ""):  # the blank group keeps the plain name
        base = stem = safe_stem(name or blank)
        number = 2
        while stem.casefold() in taken:
            stem = f"{base} ({number})"
            number += 1
        taken.add(stem.casefold())
        stems[name] = stem
    return {name: stems[name] for name in names}
