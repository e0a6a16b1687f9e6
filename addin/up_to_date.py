"""Workbooks a refresh left up to date, remembered in the user's cache folder, so that refreshing
one again with nothing changed costs a look at its zip directory instead of the whole work.

The package a refresh writes (or finds it would write unchanged) is what the next refresh would
leave as it is, as long as nothing else changes: the package, custdev's code and the libraries
it runs on, the options, the day (prospects go stale and plans start from next Monday, both
counted from today) and the file's name (messages name it). (A workbook with a visit plan is so
in content, not byte for byte: its report tables get new part names at every refresh.) All of
these make the entry's key; the entry holds the run's report, as JSON, in every language. A
refresh that finds its key answers at once with that report; anything wrong with an entry (cut
short, damaged, another version's, a folder that cannot be read or written) reads as no entry,
and the refresh does its work. Only the standard library and the pure domain are imported here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import struct
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from addin.domain.i18n import LANGUAGES, current_language, use_language
from addin.domain.problems import Problem
from addin.domain.run_report import StepReport
from addin.user_cache import cache_folder, code_fingerprint, keep, read_kept, remove_unused

MAGIC = b"custdev refreshed 1\n"
"""Starts every entry; a new layout of the entry gets a new number."""
FOLDER = "refreshed"
"""The entries' folder inside the cache folder."""
LIBRARIES = ("pandas", "numpy", "lxml", "python-calamine", "holidays", "pyvrp", "openpyxl")
"""The libraries a refresh runs on: a new release of one may compute something else."""
UNUSED_SECONDS = 2 * 24 * 3600
"""An entry's key holds its day, so after that day it is never read again; kept one more day
for clocks and time zones, then removed when a new entry is kept."""

_END = struct.Struct("<4s4H2LH")
"""The zip's end of central directory record, without its comment."""
_TIMES: dict[str, Callable[[str], object]] = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
}
"""How a kept date or time is read back, by the kind it was kept under."""


@dataclass(frozen=True)
class KeptReport:
    """The report of the refresh that left the workbook up to date, as it was kept: its
    problems, and its summary and problem lines in each language (shown in the one in force)."""

    problems: list[Problem]
    messages: Mapping[str, str]
    descriptions: Mapping[str, str]

    def message(self) -> str:
        return self.messages[current_language()]

    def describe_problems(self) -> str:
        return self.descriptions[current_language()]


class UpToDate:
    """One refresh's look-up and record: the workbook's name, the options (as text) and the day
    the refresh counts from (today)."""

    def __init__(self, name: str, options: str, day: dt.date | None = None) -> None:
        self.started = dt.date.today()
        self.name, self.options, self.day = name, options, day or self.started

    def recall(self, path: Path) -> KeptReport | None:
        """The kept report when the workbook at `path` is one a refresh left up to date under
        this run's key, else None."""
        try:
            with path.open("rb") as file:
                fingerprint = package_fingerprint(file)
        except OSError:
            return None
        if fingerprint is None:
            return None
        key = self._key(fingerprint)
        body = read_kept(cache_folder() / FOLDER / f"{key}.bin", MAGIC, key)
        if body is None:
            return None
        try:
            return _report_from(json.loads(body))
        except (ValueError, TypeError, KeyError, AttributeError):  # not what remember() wrote
            return None

    def remember(self, package: bytes, report: StepReport) -> None:
        """Keep `report` as the answer for a refresh of `package` under this run's key (not when
        the day changed during the run: its steps may have counted from either day)."""
        fingerprint = package_fingerprint(io.BytesIO(package))
        if fingerprint is None or dt.date.today() != self.started:
            return
        try:
            body = json.dumps(_record_of(report), ensure_ascii=False).encode()
        except TypeError:  # a cell value JSON cannot hold: the next refresh does the work
            return
        key = self._key(fingerprint)
        folder = cache_folder() / FOLDER
        keep(folder / f"{key}.bin", MAGIC, key, body)
        remove_unused(folder, UNUSED_SECONDS)

    def _key(self, fingerprint: str) -> str:
        code = code_fingerprint(*LIBRARIES)
        parts = (fingerprint, self.name, self.options, self.day.isoformat(), sys.version, code)
        return hashlib.sha256(MAGIC + "\n".join(parts).encode()).hexdigest()[:32]


def package_fingerprint(file: BinaryIO) -> str | None:
    """A hash of the zip's central directory (each part's name, CRC-32, sizes, time and place,
    in order), its end record and the file's size, read from the end of the file: a few KB even
    for a big workbook. None for a zip this does not read (zip64, bytes after the directory)."""
    size = file.seek(0, os.SEEK_END)
    tail_size = min(size, _END.size + 0xFFFF)  # the end record and the longest comment
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END.size:
        return None
    _, disk, start_disk, _, entries, length, offset, comment = _END.unpack_from(tail, at)
    end = size - tail_size + at
    if disk or start_disk or at + _END.size + comment != len(tail) or offset + length != end:
        return None
    file.seek(offset)
    directory = file.read(length)
    if len(directory) != length or not directory.startswith(b"PK\x01\x02" if entries else b""):
        return None
    return hashlib.sha256(f"{size}\0".encode() + directory + tail[at:]).hexdigest()


def _record_of(report: StepReport) -> dict[str, object]:
    """The report as JSON can hold it: its problems, and its words in every language."""
    messages, descriptions = {}, {}
    for lang in LANGUAGES:
        with use_language(lang):
            messages[lang], descriptions[lang] = report.message(), report.describe_problems()
    problems = [
        [p.row, p.column, _value_record(p.value), p.expected, p.consequence]
        for p in report.problems
    ]
    return {"problems": problems, "messages": messages, "descriptions": descriptions}


def _report_from(record: dict[str, Any]) -> KeptReport:
    """The KeptReport of a record _record_of made; a TypeError, KeyError or ValueError for
    anything else."""
    messages, descriptions = record["messages"], record["descriptions"]
    for words in (messages, descriptions):
        if not isinstance(words, dict) or not all(isinstance(words[k], str) for k in LANGUAGES):
            raise ValueError("not a kept report")
    problems = [
        Problem(int(row), str(column), _value_from(value), str(expected), str(consequence))
        for row, column, value, expected, consequence in record["problems"]
    ]
    return KeptReport(problems, messages, descriptions)


def _value_record(value: object) -> object:
    """A cell value for JSON: dates and times tagged with their kind, numbers and text as they
    are; a TypeError for anything else."""
    if isinstance(value, (dt.date, dt.time)):  # a datetime is a date too
        kind = "datetime" if isinstance(value, dt.datetime) else type(value).__name__
        return {kind: value.isoformat()}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__}")


def _value_from(record: object) -> object:
    if isinstance(record, dict):
        ((kind, text),) = record.items()
        return _TIMES[kind](text)
    return record
