"""The text of a CSV file: which encoding its bytes are in, and how sure that is.

UTF-8 (with or without a byte-order mark) and UTF-16 with one are certain. Anything else is a
guess: charset-normalizer, a maintained detector, says which families of encodings are
plausible, and custdev reads the file in the one Excel uses for that family on Windows (GB18030,
a superset of GBK, for Chinese; Windows-1252 for Western languages), choosing between families
by which decoding gives headers it knows. The guess counts as certain only when that decoding
alone recognises the header row; otherwise the caller tells the user which encoding was used,
with a sample. A file that is UTF-8 except for some lines (pasted from another export) is read
line by line, each line in its own encoding, and those lines are named.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from addin.domain.errors import NotAWorkbookError
from addin.domain.i18n import text
from addin.domain.settings import encoding_name
from addin.workbook.rows import HEADER_SEARCH, MIN_KNOWN, known

SEPARATORS = (",", ";", "\t")  # comma, European Excel's semicolon, tab
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB = ("gb", "hz", "cp936")
"""Codec name prefixes of the simplified Chinese encodings, all read as their superset GB18030."""
_LATIN_CODECS = (
    *("cp1250", "cp1252", "cp1254", "cp1257", "cp437", "cp775", "cp850", "cp852", "cp858"),
    *("cp860", "cp861", "cp863", "cp865", "hp_roman8"),
    *("mac_roman", "mac_latin2", "mac_iceland", "mac_turkish"),
    *(f"iso8859_{n}" for n in (1, 2, 3, 4, 9, 10, 13, 14, 15, 16)),
)
"""The single-byte encodings of languages in Latin script, all read as Windows-1252 first."""


@functools.cache
def _latin() -> frozenset[str]:
    """_LATIN_CODECS as codecs name them; looked up only for a guess (each lookup imports the
    codec's module, which a UTF-8 file never needs)."""
    return frozenset(codecs.lookup(name).name for name in _LATIN_CODECS)


PREFERRED = {"gb": "gb18030", "latin": "cp1252"}
"""What Excel on Windows saves 'CSV' in, per family: Chinese GBK (GB18030), Western cp1252."""
_CJK_IN_WORD = re.compile(r"[A-Za-z][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff][a-z]")
_HIGH_LATIN_RUN = re.compile(
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]{3,}"
)
SAMPLE_BYTES = 1 << 18  # enough for the detector; it would read a 50 MB file for minutes
SAMPLE_CHARS = 60


@dataclass(frozen=True)
class Decoded:
    """A CSV file's text, the encoding it was read in, and what the user should be told."""

    text: str
    encoding: str
    certain: bool = True
    other_lines: tuple[int, ...] = field(default_factory=tuple)
    """Lines (1-based) read in `encoding` in a file otherwise UTF-8."""

    def sample(self) -> tuple[int, str]:
        """The first line that is not plain ASCII (where an encoding shows), shortened; the
        lines after it are not looked at."""
        lines = enumerate(self._lines(), 1)
        number, line = next(((n, ln) for n, ln in lines if not ln.isascii()), (1, None))
        return number, _shortened(line) if line is not None else self.line(1)

    def line(self, number: int) -> str:
        """Line `number` (1-based) of the text, shortened to show in a message; only the
        lines up to it are looked at."""
        found = next(islice(self._lines(), number - 1, None), "") if number > 0 else ""
        return _shortened(found)

    def _lines(self) -> Iterator[str]:
        """Lines as the csv module counts them, one at a time: ends are \\n, \\r\\n or \\r,
        nothing else."""
        return iter(io.StringIO(self.text, newline=""))


def _shortened(line: str) -> str:
    line = line.rstrip("\r\n")
    return line if len(line) <= SAMPLE_CHARS else line[:SAMPLE_CHARS] + "…"


def decoded(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """The text of the CSV bytes `data` of the file `name`, in `encoding` when one is given."""
    if encoding:
        return Decoded(_in_encoding(data, name, encoding), encoding_name(encoding))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(_in_encoding(data, name, codec), codec)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    utf8 = [_is_utf8(line) for line in lines]
    foreign = [line for line, ok in zip(lines, utf8, strict=True) if not ok]
    if any(ok and not line.isascii() for line, ok in zip(lines, utf8, strict=True)):
        return _mixed(lines, utf8, _guess(b"".join(foreign), name)[0], name)
    codec, certain = _guess(data, name)
    return Decoded(data.decode(codec), codec, certain)


def _in_encoding(data: bytes, name: str, encoding: str) -> str:
    encoding_name(encoding)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NotAWorkbookError(
            text("error.csv_not_in_encoding", name=name, line=line, encoding=encoding)
        ) from None


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mixed(lines: list[bytes], utf8: list[bool], codec: str, name: str) -> Decoded:
    """A UTF-8 file with some lines in another encoding: each line in its own."""
    parts = []
    for number, (line, ok) in enumerate(zip(lines, utf8, strict=True), start=1):
        try:
            parts.append(line.decode("utf-8" if ok else codec))
        except UnicodeDecodeError:
            raise NotAWorkbookError(
                text("error.csv_not_in_encoding", name=name, line=number, encoding=codec)
            ) from None
    others = tuple(i for i, ok in enumerate(utf8, start=1) if not ok)
    return Decoded("".join(parts), codec, certain=False, other_lines=others)


def _guess(data: bytes, name: str) -> tuple[str, bool]:
    """The encoding to read `data` in, and whether the header row makes it certain: custdev
    knows the headers in that decoding and in no other.

    Between decodings with as many known headers, the one whose text looks least like mojibake
    wins: a file of a few lines says little to a detector, and 'Müller' in Windows-1252 is
    also valid GB18030 ('M黮ler').
    """
    sample = _sample(data)
    candidates = _candidates(data, sample)
    if not candidates:
        raise NotAWorkbookError(text("error.csv_encoding", name=name))
    scores = {codec: _header_score(data, codec) for codec in candidates}
    top = max(scores.values())

    def rank(codec: str) -> tuple[int, bool, int]:
        odd = _oddities(sample.decode(codec, errors="replace"))
        return -odd, codec in PREFERRED.values(), -candidates.index(codec)

    # Oddities only part decodings with as many known headers (reading the sample for them
    # costs a big file 25 ms a decoding): the others lose on the headers alone.
    tied = [c for c in candidates if scores[c] == top]
    best = tied[0] if len(tied) == 1 else max(tied, key=rank)
    others = [scores[c] for c in candidates if c != best]
    return best, scores[best] >= MIN_KNOWN and all(s < scores[best] for s in others)


def _sample(data: bytes) -> bytes:
    """The first SAMPLE_BYTES of `data`, cut after a line end (not inside a character)."""
    if len(data) <= SAMPLE_BYTES:
        return data
    return data[: data.rfind(b"\n", 0, SAMPLE_BYTES) + 1] or data[:SAMPLE_BYTES]


def _candidates(data: bytes, sample: bytes) -> list[str]:
    """One encoding per family the detector finds plausible, in its order, then Excel's own
    (GB18030, Windows-1252) when the detector left them out; each decodes all of `data`."""
    from charset_normalizer import from_bytes  # only for a guess: UTF-8 and a BOM are certain

    found = [match.encoding for match in from_bytes(sample)] + list(PREFERRED.values())
    chosen: dict[str, str] = {}
    for codec in found:
        family = _family(codec)
        if family in chosen:
            continue
        for option in (PREFERRED.get(family, codec), codec):
            if _decodes(data, option):
                chosen[family] = option
                break
    return list(chosen.values())


def _oddities(decoded_text: str) -> int:
    """Signs of text read in the wrong encoding: one CJK character inside a Latin word (a
    Western letter read as half of a GB18030 pair) or three Western accented letters and
    symbols in a row (a Chinese character read as Windows-1252)."""
    return len(_CJK_IN_WORD.findall(decoded_text)) + len(_HIGH_LATIN_RUN.findall(decoded_text))


def _family(codec: str) -> str:
    """'gb' for the simplified Chinese encodings, 'latin' for single-byte European ones, else
    the codec itself: Big5, Shift-JIS or Korean text is its own family."""
    name = codecs.lookup(codec).name
    if name.startswith(_GB):
        return "gb"
    if name in _latin():
        return "latin"
    return name


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _header_score(data: bytes, codec: str) -> int:
    """How many headers custdev knows one of the first rows holds, read in `codec`."""
    head = data[:4096].decode(codec, errors="ignore").splitlines()
    lines = [line for line in islice(head, HEADER_SEARCH + 5) if line.strip()]
    best = 0
    for sep in SEPARATORS:
        try:
            rows = list(csv.reader(lines, delimiter=sep))
        except csv.Error:
            continue
        best = max([best, *(len(known(row)) for row in rows)])
    return best
