"""Kinds of workbook custdev cannot edit, and damaged or hostile packages, given to refresh,
classify and generate --template through the command line: exit 0 with a right result, or exit 2
with one line naming the file (and the part) in English and Chinese; never a traceback, and the
input byte for byte as it was."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from addin.workbook.reader import read_raw_table
from addin.workbook.temp_files import HOST
from tests.e2e.test_cli import encrypted_copy
from tests.e2e.test_damaged_and_hostile_files import digest, run, with_part
from tests.real_files import corpus, excel_customers, parts_of, zipped

SHEET = "xl/worksheets/sheet1.xml"
STYLES = "xl/styles.xml"
TRANSITIONAL_TO_STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
        b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
    b"http://schemas.openxmlformats.org/drawingml/2006/main": (
        b"http://purl.oclc.org/ooxml/drawingml/main"
    ),
}
"""What Excel's 'Strict Open XML Spreadsheet' changes: the namespaces (and relationship types)."""


def commands(path: Path, out: Path) -> dict[str, list[object]]:
    out.mkdir(exist_ok=True)
    csv = out.parent / "export.csv"
    csv.write_text("Customer ID,Name,Annual sales,Rep\nC1,A,100,Ann\nC2,B,50,Ann\n")
    return {
        "refresh": ["refresh", path],
        "classify": ["classify", path, "-o", out / "classified.xlsx"],
        "generate": ["generate", csv, "--template", path, "--out", out / "reps"],
    }


def refused_everywhere(
    capsys, tmp_path: Path, data: bytes, words: dict[str, list[str]], may_work: str = ""
) -> None:
    """refresh, classify and generate --template each exit 2 with one line naming the file and
    holding the words of its language; the file is unchanged and nothing is written. The
    command `may_work` may instead exit 0 with the right classes (classify reads the cells
    alone, so a part only refresh and generate need does not stop it)."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    before = digest(path)
    out = tmp_path / "out"
    for lang, said_words in words.items():
        for command, args in commands(path, out).items():
            code, said = run(capsys, *args, "--lang", lang)
            line = said.strip()
            if code == 0 and command == may_work:
                assert EXPECTED_CLASSES in columns_of(out / "classified.xlsx")
                assert digest(path) == before, command
                (out / "classified.xlsx").unlink()
                continue
            assert code == 2, (command, said)
            assert "\n" not in line and "Traceback" not in line, (command, said)
            assert "internal error" not in line and "内部错误" not in line, (command, said)
            assert "book.xlsx" in line, (command, line)
            for word in said_words:
                assert word in line, (command, line)
            assert digest(path) == before, command
            assert not out.exists() or not any(out.rglob("*.xlsx")), command


EXPECTED_CLASSES = ["A", "B", "C", "C", "A", "C", "B", "C", "C", "C"]
"""The ABC classes of tests.real_files.SALES (900,000 ... 3,000)."""


def columns_of(path: Path) -> list[list[str]]:
    """Each column of the customer table in `path`, as text (the Class column's header follows
    --lang)."""
    frame = read_raw_table(path).frame
    return [[str(v) for v in frame[c]] for c in frame.columns]


def strict(data: bytes) -> bytes:
    """The package with the namespaces Excel writes for Strict Open XML."""
    parts = {}
    for name, content in parts_of(data).items():
        for old, new in TRANSITIONAL_TO_STRICT.items():
            content = content.replace(old, new)
        parts[name] = content
    return zipped(parts)


def test_an_encrypted_workbook_is_refused_by_every_command(capsys, tmp_path):
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(excel_customers())
    data = encrypted_copy(plain, tmp_path / "locked.xlsx").read_bytes()
    words = {"en": ["password protected"], "zh": ["受密码保护", "修正"]}
    refused_everywhere(capsys, tmp_path, data, words)


def test_an_old_xls_workbook_is_refused_by_every_command(capsys, tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)  # an OLE file without encryption
    refused_everywhere(capsys, tmp_path, ole, {"en": [".xls"], "zh": [".xls", "修正"]})


def test_a_binary_xlsb_workbook_is_refused_by_every_command(capsys, tmp_path):
    data = corpus("calamine", "any_sheets.xlsb").read_bytes()
    refused_everywhere(capsys, tmp_path, data, {"en": [".xlsb"], "zh": [".xlsb", "修正"]})


def test_a_strict_open_xml_workbook_is_refused_by_every_command(capsys, tmp_path):
    data = strict(excel_customers())
    assert b"purl.oclc.org/ooxml/spreadsheetml/main" in parts_of(data)[SHEET]
    refused_everywhere(capsys, tmp_path, data, {"en": ["Strict"], "zh": ["Strict", "修正"]})


def test_excels_own_strict_file_is_refused_by_every_command(capsys, tmp_path):
    data = corpus("calamine", "strict_iso_paths.xlsx").read_bytes()
    refused_everywhere(capsys, tmp_path, data, {"en": ["Strict"]})


# --- damaged and hostile packages ------------------------------------------------------------


def wrong_crc(data: bytes, name: str) -> bytes:
    """The package with `name`'s CRC-32 flipped in its local and central headers; its packed
    bytes intact, so only the CRC check can tell."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    wrong = struct.pack("<I", info.CRC ^ 0xFFFFFFFF)
    out[info.header_offset + 14 : info.header_offset + 18] = wrong  # local header
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name.encode()))  # its directory entry
    out[central + 16 : central + 20] = wrong
    return bytes(out)


def bad_crc(data: bytes, name: str) -> bytes:
    """The package with one byte of `name`'s packed data flipped: its CRC no longer matches."""
    out = bytearray(data)
    at = data.index(name.encode()) + len(name) + 20  # inside the packed part
    out[at] ^= 0xFF
    return bytes(out)


@pytest.mark.parametrize(
    ("case", "part", "words"),
    [
        ("missing", SHEET, ["has no"]),
        ("missing", STYLES, ["has no"]),
        ("malformed", SHEET, ["well-formed"]),
        ("malformed", STYLES, ["well-formed"]),
        ("malformed", "xl/workbook.xml", ["well-formed"]),
        ("malformed", "xl/tables/table1.xml", ["well-formed"]),
        ("malformed", "xl/_rels/workbook.xml.rels", ["well-formed"]),
        ("malformed", "[Content_Types].xml", ["well-formed"]),
        ("missing", "xl/tables/table1.xml", ["has no"]),
        ("missing", "[Content_Types].xml", ["has no"]),
        ("bad crc", "xl/tables/table1.xml", ["damaged"]),
        ("wrong crc", SHEET, ["damaged", "CRC"]),
        ("wrong crc", STYLES, ["damaged", "CRC"]),
        ("wrong crc", "xl/theme/theme1.xml", ["damaged", "CRC"]),
        ("bad crc", SHEET, ["damaged"]),
        ("bad crc", STYLES, ["damaged"]),
    ],
)
def test_a_damaged_part_is_named_by_every_command(capsys, tmp_path, case, part, words):
    data = excel_customers()
    if case == "missing":
        data = with_part(data, part, None)
    elif case == "malformed":
        content = parts_of(data)[part]
        data = with_part(data, part, content[: len(content) // 2])  # cut mid-element
    elif case == "wrong crc":
        data = wrong_crc(data, part)
    else:
        data = bad_crc(data, part)
    words = {"en": [part, *words], "zh": [part, "修正"]}
    refused_everywhere(capsys, tmp_path, data, words, may_work="classify" if part == STYLES else "")


def backslashed(data: bytes) -> bytes:
    """Every entry name written with Windows separators (`xl\\worksheets\\sheet1.xml`), as some
    old zip tools do; the parts' contents as they were."""
    return zipped({name.replace("/", "\\"): content for name, content in parts_of(data).items()})


def test_backslashes_in_entry_names_are_refused_naming_the_part(capsys, tmp_path):
    data = backslashed(excel_customers())
    words = {"en": ["backslashes", "\\"], "zh": ["反斜杠", "\\"]}
    refused_everywhere(capsys, tmp_path, data, words)


def test_a_half_written_temp_file_of_an_earlier_run_is_swept_and_refresh_works(tmp_path):
    book = tmp_path / "book.xlsx"
    book.write_bytes(excel_customers())
    # What a killed refresh of another machine leaves: half a zip, an hour and more ago.
    leftover = tmp_path / ".book.xlsx.custdev-00000000-1-abc123.tmp"
    leftover.write_bytes(excel_customers()[:3000])
    old = time.time() - 2 * 3600
    os.utime(leftover, (old, old))
    foreign = tmp_path / "notes.tmp"  # not custdev's: never touched
    foreign.write_bytes(b"keep me")

    done = subprocess.run(
        [sys.executable, "-m", "addin.cli", "refresh", str(book), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert not leftover.exists()
    assert foreign.read_bytes() == b"keep me"
    sheet = parts_of(book.read_bytes())[SHEET]
    assert b"Class" in sheet or b"class" in sheet.lower()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx", "notes.tmp"]


def test_half_written_temp_files_in_the_output_folder_are_swept_and_generate_works(
    capsys, tmp_path
):
    template = tmp_path / "template.xlsx"
    template.write_bytes(excel_customers())
    out = tmp_path / "reps"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # its pid then runs no more
    dead.wait()
    leftovers = [  # a killed run of this machine; one of an earlier custdev, hours ago
        out / f".Ann.xlsx.custdev-{HOST}-{dead.pid}-k1ll3d.tmp",
        out / ".Ann-ab12cd34.xlsx.tmp",
    ]
    for leftover in leftovers:
        leftover.write_bytes(excel_customers()[:3000])  # half a zip
    old = time.time() - 2 * 3600
    os.utime(leftovers[1], (old, old))
    csv = tmp_path / "export.csv"
    csv.write_text("Customer ID,Name,Annual sales,Rep\nC1,A,100,Ann\nC2,B,50,Ann\n")

    code, said = run(capsys, "generate", csv, "--template", template, "--out", out)

    assert code == 0, said
    assert not any(leftover.exists() for leftover in leftovers)
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".xlsx") == ["Ann.xlsx"]
    assert [str(v) for v in read_raw_table(out / "Ann.xlsx").frame["Customer ID"]] == ["C1", "C2"]
