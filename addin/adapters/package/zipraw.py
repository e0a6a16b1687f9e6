"""Zip entries as raw compressed bytes: read them out of a package and write them back unchanged.

The standard `zipfile` always recompresses what it writes; copying the compressed bytes instead is
faster and keeps untouched parts (VBA, images, charts) exactly as they were. Nothing is trusted
before it is checked: the sizes the zip directory declares are capped (`limits`) before anything
is unpacked, and unpacking stops the moment a part grows past its declared size.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zipfile import ZIP_DEFLATED, ZIP_STORED, BadZipFile, ZipFile

from addin.adapters.package import deflate, limits

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the fixed time atomic.ZIP_EPOCH stands for
_UTF8 = 0x800
_LIMIT = 0xFFFFFFFF
_CHUNK = 4 * limits.MB


class PartError(Exception):
    """A part that cannot be read safely; `key` names the message, `part` the part."""

    def __init__(self, key: str, part: str, **values: object) -> None:
        super().__init__(key, part)
        self.key, self.part, self.values = key, part, values


@dataclass(frozen=True)
class Entry:
    """One zip member: its name, its compressed bytes, and what it takes to inflate them."""

    name: str
    raw: bytes
    crc: int
    size: int
    method: int

    def content(self) -> bytes:
        """The member's bytes, unpacked no further than its declared size and CRC-checked."""
        return b"".join(self.chunks())

    def chunks(self) -> Iterator[bytes]:
        """The member's bytes in pieces, checked as they come: a part that grows past its
        declared size stops at once, and a bad CRC fails after the last piece."""
        if self.method == ZIP_STORED:
            pieces: Iterable[bytes] = [self.raw]
        elif self.method == ZIP_DEFLATED:
            pieces = _inflated(self.name, self.raw, self.size)
        else:
            raise PartError("error.part_damaged", self.name, detail=f"method {self.method}")
        crc, total = 0, 0
        for piece in pieces:
            total += len(piece)
            if total > self.size:
                raise PartError("error.part_size", self.name)
            crc = deflate.crc32(piece, crc)
            yield piece
        if total != self.size or crc != self.crc:
            raise PartError("error.part_damaged", self.name, detail="CRC or size mismatch")


def _inflated(name: str, raw: bytes, size: int) -> Iterator[bytes]:
    """Inflate `raw` in pieces, never producing more than one byte past `size`."""
    inflater = zlib.decompressobj(-15)
    data, made = raw, 0
    try:
        while not inflater.eof:
            piece = inflater.decompress(data, min(_CHUNK, size + 1 - made))
            made += len(piece)
            yield piece
            if made > size:
                return
            data = inflater.unconsumed_tail
            if not piece and not data:
                break  # the stream ended early: the size check after it says so
    except zlib.error as error:
        raise PartError("error.part_damaged", name, detail=str(error)) from None


def deflated(name: str, content: bytes, level: int = 6) -> Entry:
    """A new entry holding `content`, compressed as Excel does."""
    return deflated_pieces(name, (content,), level)


def deflated_pieces(name: str, pieces: Iterable[bytes | memoryview], level: int) -> Entry:
    """A new entry holding `pieces` one after another, compressed as they come: a sheet of a
    million rows is never one string in memory, only its compressed bytes."""
    packer = deflate.compressobj(level)
    raw, crc, size = [], 0, 0
    for piece in pieces:
        crc = deflate.crc32(piece, crc)
        size += len(piece)
        raw.append(packer.compress(piece))
    raw.append(packer.flush())
    return Entry(name, b"".join(raw), crc, size, ZIP_DEFLATED)


def read_entries(data: bytes) -> list[Entry]:
    """Every member of the zip in `data`, in stored order, compressed bytes as they are; the
    declared sizes checked against the limits before anything is unpacked."""
    entries = []
    total = 0
    with ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > limits.ENTRY_LIMIT:
            raise BadZipFile(f"{len(infos)} zip entries")
        for info in infos:
            if info.flag_bits & 0x1:
                raise BadZipFile(f"{info.filename}: encrypted zip members are not supported")
            total += info.file_size
            check_declared(info.filename, info.file_size, info.compress_size, total)
            offset = info.header_offset
            name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
            start = offset + _LOCAL.size + name_len + extra_len
            raw = data[start : start + info.compress_size]
            entries.append(Entry(info.filename, raw, info.CRC, info.file_size, info.compress_type))
    return entries


def check_declared(name: str, size: int, packed: int, total: int) -> None:
    """Refuse a part whose declared size or packing ratio no real workbook has."""
    if size > limits.PART_LIMIT:
        raise PartError(
            "error.part_too_big", name, size=size // limits.MB, limit=limits.PART_LIMIT // limits.MB
        )
    if total > limits.PACKAGE_LIMIT:
        raise PartError("error.package_too_big", name, limit=limits.PACKAGE_LIMIT // limits.MB)
    if size > limits.RATIO_GRACE and size > limits.RATIO_LIMIT * max(packed, 1):
        raise PartError("error.part_ratio", name, ratio=size // max(packed, 1))


def zip_bytes(entries: Iterable[Entry]) -> bytes:
    """A zip of `entries` in order, with fixed times: the same entries give the same bytes."""
    out = io.BytesIO()
    central = []
    for entry in entries:
        if len(entry.raw) >= _LIMIT or entry.size >= _LIMIT or out.tell() >= _LIMIT:
            raise BadZipFile(f"{entry.name}: parts over 4 GB are not supported")
        name = entry.name.encode("utf-8")
        flags = _UTF8 if not entry.name.isascii() else 0
        fields = (20, flags, entry.method, 0, _DOS_DATE, entry.crc, len(entry.raw), entry.size)
        central.append((out.tell(), name, fields))
        out.write(_LOCAL.pack(0x04034B50, *fields, len(name), 0))
        out.write(name)
        out.write(entry.raw)
    start = out.tell()
    for offset, name, fields in central:
        out.write(_CENTRAL.pack(0x02014B50, 20, *fields, len(name), 0, 0, 0, 0, 0, offset))
        out.write(name)
    size = out.tell() - start
    out.write(_END.pack(0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()
