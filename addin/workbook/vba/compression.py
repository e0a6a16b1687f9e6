"""MS-OVBA 2.4.1 compression: how a VBA project stores its `dir` stream and module source.

A CompressedContainer is the signature byte 0x01 and chunks of at most 4096 source bytes; each
chunk is a 2-byte header and token sequences (a flag byte, then 8 tokens: a literal byte, or a
2-byte copy token pointing back into the chunk). Written from the specification (the same
algorithm as EPPlus' VBACompression.cs); tests read it back with oletools' decompressor.
"""

from __future__ import annotations

CHUNK = 4096
SIGNATURE = 0x01
MIN_MATCH = 3


def compress(data: bytes) -> bytes:
    """The CompressedContainer of `data`."""
    out = bytearray([SIGNATURE])
    for start in range(0, len(data), CHUNK):
        out += _chunk(data[start : start + CHUNK])
    return bytes(out)


def _chunk(chunk: bytes) -> bytes:
    body = _tokens(chunk)
    if len(body) <= CHUNK:
        header = (len(body) + 2 - 3) | (0b011 << 12) | 0x8000
        return header.to_bytes(2, "little") + body
    if len(chunk) < CHUNK:  # a raw chunk must hold exactly 4096 bytes
        raise ValueError("an incompressible VBA chunk shorter than 4096 bytes")
    return ((CHUNK + 2 - 3) | (0b011 << 12)).to_bytes(2, "little") + chunk


def _tokens(chunk: bytes) -> bytes:
    """Token sequences for one chunk: greedy longest matches within the chunk."""
    out = bytearray()
    position = 0
    earlier = _Earlier(chunk)
    while position < len(chunk):
        flag_at, flags = len(out), 0
        out.append(0)
        for bit in range(8):
            if position >= len(chunk):
                break
            offset, length = earlier.longest_match(position)
            if length >= MIN_MATCH:
                bit_count = _bit_count(position)
                token = ((offset - 1) << (16 - bit_count)) | (length - 3)
                out += token.to_bytes(2, "little")
                flags |= 1 << bit
                position += length
            else:
                out.append(chunk[position])
                position += 1
        out[flag_at] = flags
    return bytes(out)


def _bit_count(position: int) -> int:
    """Bits of a copy token's offset at this position: ceil(log2(position)), at least 4."""
    return max((position - 1).bit_length(), 4)


class _Earlier:
    """Where each 3-byte string starts in a chunk, so that a match is looked for only where it
    can be 3 bytes or longer (shorter ones are written as literals anyway). The nearest of the
    longest wins, as in a search of every earlier position from the nearest back."""

    def __init__(self, chunk: bytes) -> None:
        self.chunk = chunk
        self.starts: dict[bytes, list[int]] = {}
        self.indexed = 0  # positions below this are in `starts`

    def longest_match(self, position: int) -> tuple[int, int]:
        """(offset back, length) of the longest earlier match of the bytes at `position`."""
        chunk, starts = self.chunk, self.starts
        for at in range(self.indexed, position):  # index every position passed, copied ones too
            starts.setdefault(chunk[at : at + MIN_MATCH], []).append(at)
        self.indexed = max(self.indexed, position)
        maximum = min((0xFFFF >> _bit_count(position)) + 3, len(chunk) - position)
        best_offset, best_length = 0, 0
        if maximum < MIN_MATCH:
            return best_offset, best_length
        for candidate in reversed(starts.get(chunk[position : position + MIN_MATCH], ())):
            length = MIN_MATCH
            while length < maximum and chunk[candidate + length] == chunk[position + length]:
                length += 1
            if length > best_length:
                best_offset, best_length = position - candidate, length
                if length == maximum:
                    break
        return best_offset, best_length
