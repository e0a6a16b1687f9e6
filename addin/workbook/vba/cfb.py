"""A Compound File (MS-CFB, version 3) writer: the container of a vbaProject.bin.

Version 3 files have 512-byte sectors; streams under 4096 bytes live in the mini stream (64-byte
sectors) held by the root entry. Siblings in a storage are chained in the order MS-CFB sorts
names (shorter first, then by upper-case code units), all black, as SheetJS' cfb writer does:
readers walk the tree by name order and never check its colours. olefile reads the result back
in the tests, and LibreOffice opens the workbooks that carry it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from itertools import pairwise

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
HEADER_FAT_SLOTS = 109


@dataclass
class Entry:
    """A storage (with children) or a stream (with data) of the compound file."""

    name: str
    data: bytes | None = None
    children: list[Entry] = field(default_factory=list)

    def add(self, entry: Entry) -> Entry:
        self.children.append(entry)
        return entry


def storage(name: str, *children: Entry) -> Entry:
    return Entry(name, None, list(children))


def stream(name: str, data: bytes) -> Entry:
    return Entry(name, data)


def _order(name: str) -> tuple[int, str]:
    return len(name), name.upper()


def _flatten(root: Entry) -> list[Entry]:
    """Root first, then every entry breadth-first: its index is its directory slot."""
    entries, queue = [root], [root]
    while queue:
        for child in sorted(queue.pop(0).children, key=lambda e: _order(e.name)):
            entries.append(child)
            queue.append(child)
    return entries


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else END


def write_compound_file(root_children: list[Entry]) -> bytes:
    """The bytes of a compound file whose root storage holds `root_children`."""
    root = Entry("Root Entry", None, root_children)
    entries = _flatten(root)
    streams = [e for e in entries if e.data is not None]
    small = [e for e in streams if len(e.data or b"") < MINI_CUTOFF]
    large = [e for e in streams if len(e.data or b"") >= MINI_CUTOFF]

    mini = bytearray()
    mini_fat: list[int] = []
    start: dict[int, int] = {}
    for entry in small:
        data = entry.data or b""
        count = -(-len(data) // MINI_SECTOR)
        start[id(entry)] = len(mini_fat) if data else END
        mini_fat += [0] * count
        _chain(mini_fat, len(mini_fat) - count, count)
        mini += data + bytes(count * MINI_SECTOR - len(data))

    def sectors(size: int) -> int:
        return -(-size // SECTOR)

    directory_sectors = sectors(len(entries) * 128)
    mini_fat_sectors = sectors(len(mini_fat) * 4)
    mini_stream_sectors = sectors(len(mini))
    large_sectors = [sectors(len(e.data or b"")) for e in large]
    content = directory_sectors + mini_fat_sectors + mini_stream_sectors + sum(large_sectors)
    fat_sectors = 1
    while fat_sectors * SECTOR // 4 < content + fat_sectors:
        fat_sectors += 1
    if fat_sectors > HEADER_FAT_SLOTS:
        raise ValueError("a VBA project this large needs DIFAT sectors, which are not written")

    fat = [FREE] * (fat_sectors * SECTOR // 4)
    for i in range(fat_sectors):
        fat[i] = FAT_SECTOR
    position = fat_sectors
    layout: list[tuple[int, bytes]] = []

    def place(data: bytes, count: int) -> int:
        nonlocal position
        first = position
        _chain(fat, first, count)
        layout.append((first, data + bytes(count * SECTOR - len(data))))
        position += count
        return first

    directory_start = position
    position += directory_sectors  # written last, once every stream knows its first sector
    _chain(fat, directory_start, directory_sectors)
    mini_fat_start = (
        place(_sector_table(mini_fat, mini_fat_sectors), mini_fat_sectors) if mini_fat else END
    )
    root_start = place(bytes(mini), mini_stream_sectors) if mini else END
    for entry, count in zip(large, large_sectors, strict=True):
        start[id(entry)] = place(entry.data or b"", count)

    directory = b"".join(
        _directory_entry(entries, i, root_start if i == 0 else start.get(id(e), END), len(mini))
        for i, e in enumerate(entries)
    )
    directory += b"".join(_empty_entry() for _ in range(directory_sectors * 4 - len(entries)))
    assert len(directory) == directory_sectors * SECTOR
    layout.append((directory_start, directory))

    header = _header(fat_sectors, directory_start, mini_fat_start, mini_fat_sectors)
    body = bytearray(position * SECTOR)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    body[: len(fat_bytes)] = fat_bytes
    for first, data in layout:
        body[first * SECTOR : first * SECTOR + len(data)] = data
    return header + bytes(body)


def _sector_table(table: list[int], sectors: int) -> bytes:
    """A FAT or mini FAT filling `sectors`, unused slots marked free."""
    padded = table + [FREE] * (sectors * SECTOR // 4 - len(table))
    return b"".join(struct.pack("<I", v) for v in padded)


def _header(fat_sectors: int, directory_start: int, mini_fat_start: int, mini_fats: int) -> bytes:
    difat = [i if i < fat_sectors else FREE for i in range(HEADER_FAT_SLOTS)]
    head = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        bytes(16),
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector shift: 2**9
        6,  # mini sector shift: 2**6
        bytes(6),
        0,  # directory sectors (0 in version 3)
        fat_sectors,
        directory_start,
        0,  # transaction signature
        MINI_CUTOFF,
        mini_fat_start,
        mini_fats,
        END,  # first DIFAT sector: none
        0,  # DIFAT sectors
    )
    return head + b"".join(struct.pack("<I", v) for v in difat)


def _directory_entry(entries: list[Entry], index: int, first: int, mini_size: int) -> bytes:
    entry = entries[index]
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    kind = 5 if index == 0 else (1 if entry.data is None else 2)
    siblings = _siblings(entries)
    child = _first_child(entries, entry)
    size = mini_size if index == 0 else len(entry.data or b"")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        kind,
        1,  # black
        NO_STREAM,  # left sibling
        siblings.get(index, NO_STREAM),  # right sibling: the next name in order
        child,
        bytes(16),  # CLSID
        0,  # state bits
        0,  # creation time
        0,  # modification time
        first if (entry.data is not None or index == 0) else 0,  # a storage has none
        size,
    )[:128]


def _siblings(entries: list[Entry]) -> dict[int, int]:
    """Index -> index of the next sibling in name order (a chain down the right)."""
    nexts: dict[int, int] = {}
    for parent in entries:
        ordered = sorted(parent.children, key=lambda e: _order(e.name))
        indices = [entries.index(c) for c in ordered]
        nexts.update(pairwise(indices))
    return nexts


def _first_child(entries: list[Entry], entry: Entry) -> int:
    if not entry.children:
        return NO_STREAM
    return entries.index(min(entry.children, key=lambda e: _order(e.name)))


def _empty_entry() -> bytes:
    return bytes(64) + struct.pack("<HBBIII", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM) + bytes(48)
