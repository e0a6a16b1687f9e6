"""Zip entries as raw compressed bytes: read them out of a package and write them back unchanged.

The standard `zipfile` always recompresses what it writes; copying the compressed bytes instead is
faster and keeps untouched parts (VBA, images, charts) exactly as they were.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from zipfile import ZIP_DEFLATED, ZIP_STORED, BadZipFile, ZipFile

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the fixed time atomic.ZIP_EPOCH stands for
_UTF8 = 0x800
_LIMIT = 0xFFFFFFFF


@dataclass(frozen=True)
class Entry:
    """One zip member: its name, its compressed bytes, and what it takes to inflate them."""

    name: str
    raw: bytes
    crc: int
    size: int
    method: int

    def content(self) -> bytes:
        """The member's bytes, decompressed and checked against the CRC."""
        if self.method == ZIP_STORED:
            data = self.raw
        elif self.method == ZIP_DEFLATED:
            data = zlib.decompress(self.raw, -15)
        else:
            raise BadZipFile(f"{self.name}: compression method {self.method} is not supported")
        if zlib.crc32(data) != self.crc:
            raise BadZipFile(f"{self.name}: bad CRC")
        return data


def deflated(name: str, content: bytes, level: int = 6) -> Entry:
    """A new entry holding `content`, compressed as Excel does."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    raw = packer.compress(content) + packer.flush()
    return Entry(name, raw, zlib.crc32(content), len(content), ZIP_DEFLATED)


def read_entries(data: bytes) -> list[Entry]:
    """Every member of the zip in `data`, in stored order, compressed bytes as they are."""
    entries = []
    with ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & 0x1:
                raise BadZipFile(f"{info.filename}: encrypted zip members are not supported")
            offset = info.header_offset
            name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
            start = offset + _LOCAL.size + name_len + extra_len
            raw = data[start : start + info.compress_size]
            entries.append(Entry(info.filename, raw, info.CRC, info.file_size, info.compress_type))
    return entries


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
