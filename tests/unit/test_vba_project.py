"""vbaProject.bin written from source, read back with the tools made to read Office files:
oletools' MS-OVBA decompressor and VBA parser, and olefile for the Compound File."""

from __future__ import annotations

import io
import random
import struct

import olefile
import pytest
from oletools.olevba import VBA_Parser, decompress_stream

from addin.workbook.vba.cfb import storage, stream, write_compound_file
from addin.workbook.vba.compression import compress
from addin.workbook.vba.project import (
    SHEET_BASE,
    WORKBOOK_BASE,
    Module,
    decrypt,
    document_module,
    encrypt,
    vba_project,
)

SOURCE = 'Attribute VB_Name = "Tools"\r\nSub Hello()\r\n    MsgBox "Hello"\r\nEnd Sub\r\n'


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"a",
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",  # MS-OVBA's own example
        SOURCE.encode() * 200,  # several chunks
        bytes(random.Random(7).getrandbits(8) for _ in range(4096)),  # a raw chunk
        bytes(random.Random(8).choices(b"ab \r\n", k=12_000)),
    ],
    ids=["empty", "one", "spec", "chunks", "raw", "text"],
)
def test_compressed_data_decompresses_to_itself_with_oletools(data):
    assert bytes(decompress_stream(bytearray(compress(data)))) == data


def _brute_force_tokens(chunk: bytes) -> list[tuple[int, int] | int]:
    """A chunk's tokens by trying every earlier position, nearest first: (offset, length) for
    a copy of 3 bytes or more, else the literal byte."""
    tokens: list[tuple[int, int] | int] = []
    position = 0
    while position < len(chunk):
        maximum = min((0xFFFF >> max((position - 1).bit_length(), 4)) + 3, len(chunk) - position)
        best = (0, 0)
        for candidate in range(position - 1, -1, -1):
            length = 0
            while length < maximum and chunk[candidate + length] == chunk[position + length]:
                length += 1
            if length > best[1]:
                best = (position - candidate, length)
        if best[1] >= 3:
            tokens.append(best)
            position += best[1]
        else:
            tokens.append(chunk[position])
            position += 1
    return tokens


def _copy_tokens(data: bytes) -> list[tuple[int, int] | int]:
    """The tokens of compress(data) for a single compressed chunk, read back from its bytes."""
    body, tokens, position, at = compress(data)[3:], [], 0, 0
    while at < len(body):
        flags, at = body[at], at + 1
        for bit in range(8):
            if at >= len(body):
                break
            if flags >> bit & 1:
                token = int.from_bytes(body[at : at + 2], "little")
                bits = max((position - 1).bit_length(), 4)
                offset, length = (token >> (16 - bits)) + 1, (token & (0xFFFF >> bits)) + 3
                tokens.append((offset, length))
                position, at = position + length, at + 2
            else:
                tokens.append(body[at])
                position, at = position + 1, at + 1
    return tokens


@pytest.mark.parametrize(
    "data",
    [
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        SOURCE.encode() * 20,
        bytes(random.Random(9).choices(b"ab", k=2000)),  # matches overlapping their source
        b"a" * 3000,  # one long run: the longest copy a position allows
    ],
    ids=["spec", "source", "two-letters", "run"],
)
def test_every_copy_is_the_longest_and_nearest_earlier_match(data):
    assert _copy_tokens(data) == _brute_force_tokens(data)


def test_olefile_reads_every_stream_small_and_large_from_the_compound_file():
    large = bytes(random.Random(1).getrandbits(8) for _ in range(10_000))
    data = write_compound_file(
        [
            stream("PROJECT", b"p" * 519),
            storage("VBA", stream("dir", b"d" * 300), stream("Module1", large)),
            stream("PROJECTwm", b""),
        ]
    )
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert sorted(ole.listdir()) == [["PROJECT"], ["PROJECTwm"], ["VBA", "Module1"], ["VBA", "dir"]]
    assert ole.openstream("PROJECT").read() == b"p" * 519
    assert ole.openstream("VBA/Module1").read() == large
    assert ole.openstream("PROJECTwm").read() == b""


def test_project_properties_are_obfuscated_as_office_does_and_read_back():
    # Excel's own values (xlwings' quickstart workbook): not protected, no password, visible.
    assert decrypt("A7A58C2B7CDD73E173E173E173E1") == bytes(4)
    assert decrypt("9D9FB6314A2D4B2D4BD2") == b"\xff"
    project_id = "{E2E0E410-BF04-4DC5-BDD2-D3FBBA8B7D37}"
    for seed in (0x00, 0x07, 0x9D):
        assert decrypt(encrypt(project_id, b"\x00\x01\xff", seed)) == b"\x00\x01\xff"
    # seed, version and project key as Excel wrote them for this id (what follows is random)
    assert encrypt(project_id, b"\xff", 0x9D)[:6] == "9D9FB6"


def test_olevba_finds_each_module_with_its_source():
    modules = [
        document_module("ThisWorkbook", WORKBOOK_BASE),
        document_module("Sheet1", SHEET_BASE),
        Module("Tools", SOURCE),
    ]
    parser = VBA_Parser("vbaProject.bin", data=vba_project(modules))
    found = {stream_path: code for _, stream_path, _, code in parser.extract_macros()}
    assert found["VBA/Tools"].replace("\r\n", "\n") == SOURCE.replace("\r\n", "\n")
    assert set(found) == {"VBA/ThisWorkbook", "VBA/Sheet1", "VBA/Tools"}


def test_the_project_header_carries_no_compiled_code_so_office_compiles_the_source():
    ole = olefile.OleFileIO(io.BytesIO(vba_project([Module("Tools", SOURCE)])))
    assert ole.openstream("VBA/_VBA_PROJECT").read() == struct.pack("<HHBH", 0x61CC, 0xFFFF, 0, 0)
    project = ole.openstream("PROJECT").read().decode("cp1252")
    assert "Module=Tools\r\n" in project and 'Name="VBAProject"\r\n' in project
