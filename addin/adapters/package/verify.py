"""The check before writing: the package about to be written is read back and must be what
custdev meant to write, or nothing is written.

- every changed part parses (expat, no DTD);
- every element custdev added is in the namespace of the part it went into (cells are read in
  the context of their row, with the namespaces in force there), and no element of a changed
  part is in no namespace at all;
- every relationship target of a changed .rels part exists, every new part has a content type,
  and every content type override names a part that exists;
- the cells written read back with python-calamine, an independent reader, as the values meant.

Any difference raises `CheckError`, which PackageBook turns into a one-line CustdevError.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import os
import posixpath
import re
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import compress
from operator import itemgetter
from pyexpat import ExpatError
from typing import Any

import numpy as np
import pandas as pd
import python_calamine as calamine

from addin.adapters.package.background import (
    WORTH_A_PROCESS,
    ChildStopped,
    Forked,
    Inline,
    InProcess,
    Pending,
    beside,
    forked,
)
from addin.adapters.package.calamine_calls import calamine_calls
from addin.adapters.package.cells import as_read
from addin.adapters.package.emitter import attributes_xml
from addin.adapters.package.parts import CONTENT_TYPES, CT_NS, MAIN_NS, Package, rels_name
from addin.adapters.package.refs import column_letters
from addin.adapters.package.safexml import check_well_formed, expat, run
from addin.adapters.package.zipraw import PartError

ColumnCells = tuple[int, int, Sequence[object], bytearray]
"""(column, first row, values from that row down, flag by row number: 1 where written)."""
_BATCH = 4096
_BLOCK_ROWS = 8192
"""Rows of a sheet read back compared at a time."""


class CheckError(Exception):
    """What the check before writing found wrong, in a few words."""


@dataclass
class Written:
    """What a save meant to write: changed parts, the cells custdev added to each sheet in their
    rows' context, and every cell value by sheet name."""

    parts: dict[str, bytes] = field(default_factory=dict)
    added: dict[str, tuple[dict[str, str], list[bytes]]] = field(default_factory=dict)
    """sheet part -> (namespaces in force at sheetData, rows holding the cells added), checked
    with the parts (`check_parts`), in the process that parses them."""
    cells: dict[str, list[ColumnCells]] = field(default_factory=dict)
    """sheet name -> the cells written, a column at a time."""
    read_back: bytes | None = None
    """The package as written but with edited sheets cut down to the rows holding the cells
    written: calamine reads that instead of every row copied from the file."""
    windows: dict[str, Iterable[tuple[bytes, int, int]]] = field(default_factory=dict)
    """sheet name -> packages to read its cells from, each holding rows first..stop-1 of it
    (a million rows read back a block at a time, never all at once)."""


def check_package(
    data: Callable[[], bytes],
    package: Package,
    written: Written,
    parts_checked: Callable[[], None] | None = None,
) -> None:
    """Raise CheckError unless the package `data()` gives (of `package`) holds what `written`
    says; `data` is called only if calamine must read the package as written. `parts_checked`
    waits for `check_parts(written)` when it was started elsewhere (`parts_checking`)."""
    whole = {sheet: c for sheet, c in written.cells.items() if sheet not in written.windows}
    size = len(written.read_back or b"") + sum(map(len, written.parts.values()))
    reading = (  # calamine reads on a thread (it lets expat run here meanwhile)
        beside(lambda: _check_cells(written.read_back or data(), whole), "read-back", size)
        if whole
        else None
    )
    try:
        (parts_checked or (lambda: check_parts(written)))()
        _check_links(package, written.parts)
    except BaseException:  # a fault, Ctrl-C: the read-back's thread ends first
        if reading is not None:
            reading.settle()
        raise
    if reading is not None:
        reading.result()
    for sheet, windows in written.windows.items():
        _check_windows(windows, sheet, written.cells[sheet])


def check_parts(written: Written, parts: Collection[str] | None = None, added: bool = True) -> None:
    """Every changed part (of `parts`, when given) parses, and (with `added`) the elements
    added to sheets are SpreadsheetML."""
    for part, content in written.parts.items():
        if part.endswith((".xml", ".rels")) and content and (parts is None or part in parts):
            _check_part(part, content, in_sheet=part in written.added)
    for part, (scope, rows) in written.added.items() if added else ():
        check_added(part, scope, rows)


def parts_checking(written: Written) -> Callable[[], None]:
    """`check_parts(written)` started now, in forked processes when the parts are big: expat
    holds the interpreter lock, and a 100,000-row sheet takes it half a second that the
    read-back and zlib can use here instead. The biggest part is parsed in a process of its
    own, everything else in another (the cells added, a fifth of a second more). Call the
    result to wait for them (or run the checks, when small) and raise what they found."""
    sizes = {part: len(content) for part, content in written.parts.items()}
    if sum(sizes.values()) < WORTH_A_PROCESS:
        return lambda: check_parts(written)
    biggest = max(sizes, key=sizes.__getitem__)
    others = set(sizes) - {biggest}
    alone = InProcess(lambda: check_parts(written, {biggest}, added=False), "check")
    rest = InProcess(lambda: check_parts(written, others), "check-rest")

    def checked() -> None:
        try:
            alone.result()
        except BaseException:
            rest.cancel()
            raise
        rest.result()

    return checked


HAND_ON_BYTES = 2 << 20
"""A sheet that streams this far is parsed on in a forked child, on another core, from the
piece that reaches it: the fork (some 10 ms) costs less than expat parsing the rest here."""


def checked_stream(
    part: str,
    scope: Mapping[str, str],
    prefix: str,
    pieces: Iterable[tuple[bytes | memoryview, bool]],
) -> Iterator[bytes | memoryview]:
    """The pieces of a sheet as they pass, parsed on the way (expat, namespaces resolved): the
    sheet must be well-formed, and the pieces marked as added (appended rows, each element
    written with `prefix`) SpreadsheetML. Rather than a Python call per element, that is
    shown for the whole of them: `prefix` means SpreadsheetML where the rows go (`scope`), no
    namespace is declared inside them, and every tag in them is one of a cell's elements
    with that prefix (nothing else: text holds no '<').

    From the piece that reaches HAND_ON_BYTES on, the parser goes on in a forked child (which
    inherits it mid-sheet) fed through a pipe, where a child can start; after the last piece
    its verdict is waited for."""
    if scope.get(prefix[:-1] if prefix else "") != MAIN_NS:
        raise CheckError(f"{part}: cells written as <{prefix}c>, not SpreadsheetML")
    check = _StreamCheck(part, prefix)
    handed: _HandedOn | None = None
    passed = 0
    try:
        for piece, added in pieces:
            if passed < HAND_ON_BYTES <= passed + len(piece):  # once, before the piece that
                handed = _HandedOn.start(check)  # reaches it: the child parses it meanwhile
            passed += len(piece)
            if handed is not None:
                handed.send(piece, added)
            else:
                check.feed(piece, added)
            yield piece
    except BaseException:  # the save stopped (or the stream was dropped): so does the child
        if handed is not None:
            handed.cancel()
        raise
    if handed is not None:
        handed.finish()
    else:
        check.finish()


class _StreamCheck:
    """expat parsing a sheet's pieces in turn, and the checks on the pieces added."""

    def __init__(self, part: str, prefix: str) -> None:
        self.part = part
        self.foreign = re.compile(
            rb"<(?!/?" + re.escape(prefix.encode()) + rb"(?:row|c|is|t|v|f)[ >/])"
        )
        self.declared: list[str] = []
        self.parser = expat(part)

    def feed(self, piece: bytes | memoryview, added: bool) -> None:
        part, declared = self.part, self.declared
        self.parser.StartNamespaceDeclHandler = (lambda p, _: declared.append(p)) if added else None
        if added and (found := self.foreign.search(piece)):
            tag = bytes(piece[found.start() : found.start() + 40]).decode("utf-8", "replace")
            raise CheckError(f"{part}: a cell written as {tag!r}, not SpreadsheetML")
        self._parse(piece, False)
        if declared:
            raise CheckError(f"{part}: a namespace declared in a cell, not SpreadsheetML")

    def finish(self) -> None:
        self._parse(b"", True)

    def _parse(self, piece: bytes | memoryview, last: bool) -> None:
        try:
            self.parser.Parse(piece, last)
        except ExpatError as error:
            raise CheckError(f"{self.part}: {error}") from None
        except PartError as error:  # a DTD
            raise CheckError(f"{self.part}: {error.values.get('detail', error.key)}") from None


class _HandedOn:
    """A _StreamCheck going on in a forked child: each piece is sent through a pipe as its
    added flag, its length (4 bytes) and its bytes; the child returns how many bytes it parsed,
    so that a child that stopped early, or a pipe that broke, fails the check."""

    def __init__(self, check: _StreamCheck, child: Forked[int], sink: int) -> None:
        self.part = check.part
        self.child = child
        self.out = open(sink, "wb", buffering=1 << 16)  # noqa: SIM115  (closed by finish)
        self.sent = 0
        self.broken = False

    @classmethod
    def start(cls, check: _StreamCheck) -> _HandedOn | None:
        source, sink = os.pipe()
        child = forked(partial(_go_on, check, source, sink), "check-stream")
        os.close(source)
        if child is None:
            os.close(sink)
            return None
        return cls(check, child, sink)

    def send(self, piece: bytes | memoryview, added: bool) -> None:
        if self.broken:
            return
        try:
            self.out.write(bytes([added]) + len(piece).to_bytes(4, "little"))
            self.out.write(piece)
        except BrokenPipeError:
            self.broken = True
        self.sent += len(piece)

    def cancel(self) -> None:
        self.child.cancel()
        with contextlib.suppress(OSError):
            self.out.close()

    def finish(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self.out.close()
        try:
            parsed = self.child.result()
        except ChildStopped:
            parsed = -1
        if self.broken or parsed != self.sent:
            raise CheckError(f"{self.part}: the check of its rows stopped before their end")


def _go_on(check: _StreamCheck, source: int, sink: int) -> int:
    """In the child: the pieces from the pipe parsed on; how many bytes they held."""
    os.close(sink)  # the child's copy: else the pipe would never end
    parsed = 0
    with open(source, "rb") as stream:
        while len(header := stream.read(5)) == 5:
            piece = stream.read(int.from_bytes(header[1:], "little"))
            check.feed(piece, bool(header[0]))
            parsed += len(piece)
    check.finish()
    return parsed


def _element_names(part: str, content: bytes | Iterable[bytes]) -> dict[str, object]:
    """Every distinct element name of a part, 'uri local [prefix]', from one expat pass: the
    handler is dict.setdefault, so expat calls no Python code for each element."""
    names: dict[str, object] = {}
    parser = expat(part)
    parser.StartElementHandler = names.setdefault
    try:
        run(parser, content, part)
    except PartError as error:
        raise CheckError(f"{part}: {error.values.get('detail', error.key)}") from None
    return names


def _check_part(part: str, content: bytes, in_sheet: bool) -> None:
    """Well-formed; and outside a spliced sheet (checked by its additions), every element is
    in a namespace."""
    if in_sheet:
        try:
            check_well_formed(content, part)
        except PartError as error:
            raise CheckError(f"{part}: {error.values.get('detail', error.key)}") from None
        return
    for name in _element_names(part, content):
        if " " not in name:
            raise CheckError(f"{part}: <{name}> is in no namespace")


def check_added(part: str, scope: Mapping[str, str], rows: list[bytes]) -> None:
    """Every element added to the sheet, parsed inside its row, is SpreadsheetML."""
    declarations = [("xmlns" if not p else f"xmlns:{p}", uri) for p, uri in scope.items()]
    opening = f"<check{attributes_xml(declarations)}>".encode()
    for name in _element_names(part, _in_batches(opening, rows, b"</check>")):
        if name != "check" and not name.startswith(f"{MAIN_NS} "):
            raise CheckError(f"{part}: a cell written as <{name}>, not SpreadsheetML")


def _in_batches(opening: bytes, rows: list[bytes], closing: bytes) -> Iterator[bytes]:
    """`rows` inside `opening` and `closing`, a few thousand rows a piece: a million rows are
    parsed without one more copy of them all."""
    yield opening
    for start in range(0, len(rows), _BATCH):
        yield b"".join(rows[start : start + _BATCH])
    yield closing


def _check_links(package: Package, parts: Mapping[str, bytes]) -> None:
    """Relationships of changed .rels parts lead to parts; new parts have content types."""
    names = set(package.names())
    for part in parts:
        if part.endswith(".rels"):
            source = _rels_source(part)
            for rid, (_, target) in package.relationships(source).items():
                if target not in names:
                    raise CheckError(f"{part}: {rid} leads to {target}, which is not there")
    if CONTENT_TYPES not in package.changed and not (
        set(parts) - set(e.name for e in package.entries)
    ):
        return
    types = package.xml(CONTENT_TYPES)
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iter(f"{{{CT_NS}}}Override")}
    defaults = {d.get("Extension", "").casefold() for d in types.iter(f"{{{CT_NS}}}Default")}
    for missing in overrides - names:
        raise CheckError(f"{CONTENT_TYPES}: a content type for {missing}, which is not there")
    for part in parts:
        extension = posixpath.splitext(part)[1].lstrip(".").casefold()
        if part != CONTENT_TYPES and part not in overrides and extension not in defaults:
            raise CheckError(f"{part} has no content type")


def _rels_source(rels: str) -> str:
    """'xl/_rels/workbook.xml.rels' -> 'xl/workbook.xml' ('' for the package's own)."""
    if rels == "_rels/.rels":
        return ""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def _check_cells(data: bytes, cells: Mapping[str, list[ColumnCells]]) -> None:
    """Each written cell, read back with calamine, holds the value meant."""
    with _reading_back():
        _compare_cells(calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)), cells)


@contextmanager
def _reading_back() -> Iterator[None]:
    """calamine calls reading what is about to be written: what it cannot read is a CheckError."""
    try:
        with calamine_calls():
            yield
    except (calamine.CalamineError, calamine.XmlError, calamine.ZipError) as error:
        raise CheckError(f"calamine cannot read it back ({error})") from None


def _compare_cells(book: calamine.CalamineWorkbook, cells: Mapping[str, list[ColumnCells]]) -> None:
    """Each sheet's written cells against what calamine reads, a block of rows at a time: a
    whole sheet's cells are never all held at once."""
    for sheet, columns in cells.items():
        read = book.get_sheet_by_name(sheet)
        left = read.start[1] if read.start else 0  # rows come from row 1, columns from `left`
        rows = read.iter_rows()
        first = 1
        while block := list(itertools.islice(rows, _BLOCK_ROWS)):
            _compare_rows(block, first - 1, left, sheet, columns, first, first + len(block))
            first += len(block)
        end = max((len(flags) for *_, flags in columns), default=first)
        _compare_rows([], first - 1, left, sheet, columns, first, end)  # past calamine's last


READ_AHEAD = 2
"""Windows read back at once: two keep both cores busy, and hold two windows' cells."""


def _check_windows(
    windows: Iterable[tuple[bytes, int, int]], sheet: str, columns: list[ColumnCells]
) -> None:
    """The cells written in each window's rows (first..stop-1), read back from its package.
    Each window is read and compared on a thread of its own, READ_AHEAD at a time, while the
    next window is cut here: calamine lets go of the interpreter lock while it reads, so the
    cores all work. The first fault found is raised."""
    ahead: deque[Pending[None] | Inline[None]] = deque()
    try:
        for window, first, stop in windows:
            check = partial(_check_window, window, sheet, columns, first, stop)
            ahead.append(beside(check, "read-back", len(window)))
            if len(ahead) >= READ_AHEAD:
                ahead.popleft().result()
        while ahead:
            ahead.popleft().result()
    finally:  # leaving early (a fault, Ctrl-C): the other windows' threads end first
        for reading in ahead:
            reading.settle()


def _check_window(
    data: bytes, sheet: str, columns: list[ColumnCells], first: int, stop: int
) -> None:
    """The cells written in rows first..stop-1, read back from `data` with calamine."""
    with _reading_back():
        read = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet)
        top, left = read.start if read.start else (0, 0)
        rows = read.to_python()  # from (top, left), 0-based
    _compare_rows(rows, top, left, sheet, columns, first, stop)


def _compare_rows(
    rows: Sequence[Sequence[object]],
    top: int,
    left: int,
    sheet: str,
    columns: list[ColumnCells],
    first: int,
    stop: int,
) -> None:
    """The cells written in rows first..stop-1 against `rows`, calamine's reading of the
    sheet from (top, left), 0-based: compared a column at a time, one comparison of whole
    lists when all is as meant."""
    wanted = [col - 1 - left for col, *_ in columns]
    width = len(rows[0]) if rows else 0
    picked: dict[int, Sequence[object]] = {}
    if rows and all(0 <= at < width for at in wanted) and min(map(len, rows)) == width:
        getter = itemgetter(*wanted, wanted[0])  # two items at least: a tuple for each row
        transposed = list(zip(*map(getter, rows), strict=True))
        picked = dict(zip(wanted, transposed[:-1], strict=True))
    for col, start, values, flags in columns:
        lo, hi = max(first, start), min(stop, len(flags), start + len(values))
        if lo >= hi or flags.find(1, lo, hi) < 0:
            continue
        at = col - 1 - left
        i, j = lo - 1 - top, hi - 1 - top  # rows before calamine's first and after its last: ""
        found: list[object] = [""] * min(max(0, -i), hi - lo)
        if at in picked:  # each column of a row taken by one C call above
            found += picked[at][max(0, i) : max(0, j)]
        else:
            found += [row[at] if 0 <= at < len(row) else "" for row in rows[max(0, i) : max(0, j)]]
        found += [""] * (hi - lo - len(found))
        meant, wrote = values[lo - start : hi - start], flags[lo:hi]
        meant_written, found_written = list(compress(meant, wrote)), list(compress(found, wrote))
        if _same_lists(meant_written, found_written) or _same_dates(meant_written, found_written):
            continue  # the cells written (not the rows a column leaves alone) as meant
        for k, (value, seen) in enumerate(zip(meant, found, strict=True)):
            if wrote[k] and not (type(value) is type(seen) and value == seen):
                _compare(sheet, lo + k, col, value, seen)


def _same_lists(meant: list[object], found: list[object]) -> bool:
    """Whether two lists hold equal values of the same types (NA compares as unknown)."""
    try:
        return list(map(type, meant)) == list(map(type, found)) and meant == found
    except (TypeError, ValueError):
        return False


def _same_dates(meant: list[object], found: list[object]) -> bool:
    """Whether timestamps (no time zone) read back as dates and times within a millisecond of
    them, as `_same` has it, compared in one pass for a column of dates."""
    if not meant or set(map(type, meant)) != {pd.Timestamp}:
        return False
    if not set(map(type, found)) <= {dt.date, dt.datetime}:
        return False
    try:
        was, now = pd.DatetimeIndex(meant), pd.DatetimeIndex(found)
    except (TypeError, ValueError, OverflowError):
        return False
    if was.tz is not None or now.tz is not None:
        return False
    apart = (now - was).to_numpy()
    return bool((np.abs(apart) < np.timedelta64(1, "ms")).all())


def _compare(sheet: str, row: int, col: int, value: object, found: object) -> None:
    kind = type(value)
    if kind is type(found) and (kind is str or kind is float) and value == found:
        return  # the common case, text or a number read as written
    if not _same(as_read(value), found):
        where = f"{sheet}!{column_letters(col)}{row}"
        raise CheckError(f"{where} reads back as {found!r}, not {as_read(value)!r}")


def _same(meant: object, found: Any) -> bool:
    if meant is None:
        return found == "" or found is None
    if isinstance(meant, bool) or isinstance(found, bool):
        return meant == found and type(meant) is type(found)
    if isinstance(meant, float):
        return isinstance(found, (int, float)) and float(found) == meant
    if isinstance(meant, (dt.date, dt.datetime)):
        was, now = _as_datetime(meant), _as_datetime(found)
        return was is not None and now is not None and abs(now - was) < dt.timedelta(seconds=0.001)
    return found == meant


def _as_datetime(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return None


def rels_of(parts: Iterable[str]) -> set[str]:
    return {rels_name(p) for p in parts}
