"""Workbooks that are damaged, hostile or of a kind custdev cannot edit: one clear line naming the
part, exit code 2, and the file byte for byte as it was, on every command that reads it."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from pathlib import Path

import pytest

from addin.adapters.package import book_parts, cells, edits, limits
from addin.cli import main
from tests.real_files import corpus, excel_customers, parts_of, respelled, x_prefixed, zipped

SHEET = "xl/worksheets/sheet1.xml"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as stop:
        code = stop.code
    captured = capsys.readouterr()
    return int(code or 0), captured.out + captured.err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(capsys, tmp_path: Path, data: bytes, *words: str, name: str = "book.xlsx") -> None:
    """refresh and classify both exit 2 with one line holding `words`; the file is unchanged."""
    path = tmp_path / name
    path.write_bytes(data)
    before = digest(path)
    for command in (["refresh", path], ["classify", path, "-o", tmp_path / "out.xlsx"]):
        code, said = run(capsys, *command, "--lang", "en")
        assert code == 2, said
        line = said.strip()
        assert "\n" not in line and "Traceback" not in line and "internal error" not in line
        for word in words:
            assert word in line, line
        assert digest(path) == before
    assert not (tmp_path / "out.xlsx").exists()


def with_part(data: bytes, name: str, content: bytes | None) -> bytes:
    parts = parts_of(data)
    if content is None:
        del parts[name]
    else:
        parts[name] = content
    return zipped(parts)


def sheet_with_doctype(doctype: str, body_text: str) -> bytes:
    sheet = parts_of(excel_customers())[SHEET].decode()
    sheet = sheet.replace("?>", f"?>{doctype}", 1).replace(">Customer 1<", f">{body_text}<", 1)
    return sheet.encode()


def test_an_external_entity_xxe_is_refused_and_never_read(capsys, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    sheet = sheet_with_doctype(f'<!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret}">]>', "&x;")
    refused(capsys, tmp_path, with_part(excel_customers(), SHEET, sheet), SHEET, "DTD")


def test_a_billion_laughs_in_the_workbook_part_is_refused(capsys, tmp_path):
    lol = '<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    lol += "".join(
        f'<!ENTITY {c} "{(chr(ord(c) - 1) and "&" + chr(ord(c) - 1) + ";") * 10}">'
        for c in "cdefghi"
    )
    data = excel_customers()
    workbook = parts_of(data)["xl/workbook.xml"].decode()
    workbook = workbook.replace("?>", f"?><!DOCTYPE workbook [{lol}]>", 1)
    refused(
        capsys, tmp_path, with_part(data, "xl/workbook.xml", workbook.encode()), "xl/workbook.xml"
    )


def test_a_sheet_that_unpacks_far_tighter_than_any_workbook_is_refused_unread(capsys, tmp_path):
    sheet = parts_of(excel_customers())[SHEET]
    padding = b"<!--" + b" " * (40 * limits.MB) + b"-->"
    bomb = sheet.replace(b"<sheetData>", padding + b"<sheetData>", 1)
    refused(capsys, tmp_path, with_part(excel_customers(), SHEET, bomb), SHEET, "zip bomb")


def test_a_part_that_unpacks_past_its_declared_size_is_refused(capsys, tmp_path):
    data = excel_customers()
    lying = declared_smaller(data, SHEET)
    refused(capsys, tmp_path, lying, SHEET, "declares")


def declared_smaller(data: bytes, name: str) -> bytes:
    """The zip with `name`'s uncompressed size written as 100 bytes, locally and centrally."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    struct.pack_into("<I", out, info.header_offset + 22, 100)
    at = data.index(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length].decode() == name:
            struct.pack_into("<I", out, at + 24, 100)
        at = data.find(b"PK\x01\x02", at + 46)
    return bytes(out)


def test_parts_and_packages_over_the_limits_are_refused_naming_the_part(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setattr(limits, "PART_LIMIT", 4000)
    refused(capsys, tmp_path, excel_customers(), "theme1.xml", "MB")


def test_a_damaged_part_is_named(capsys, tmp_path):
    data = bytearray(excel_customers())
    at = data.index(SHEET.encode()) + len(SHEET) + 20  # inside the packed sheet
    data[at] ^= 0xFF
    refused(capsys, tmp_path, bytes(data), SHEET, "damaged")


def test_malformed_xml_in_a_sheet_is_named(capsys, tmp_path):
    sheet = parts_of(excel_customers())[SHEET].replace(b"</sheetData>", b"</sheetDat>", 1)
    refused(capsys, tmp_path, with_part(excel_customers(), SHEET, sheet), SHEET, "well-formed")


OTHER_DIGITS = [  # (part, as written, as a hostile writer spells it with digits int() refuses)
    (SHEET, b'<c r="E4">', b'<c r="E4" s="\xc2\xb2">'),  # s="²": a format number?
    (SHEET, b'<row r="5" ', b'<row r="\xc2\xb95" '),
    (SHEET, b'<col min="3"', b'<col min="\xc2\xb23"'),
    ("xl/tables/table1.xml", b'id="1" name="Customers"', b'id="\xc2\xb9" name="Customers"'),
    ("xl/tables/table1.xml", b'<tableColumn id="2"', b'<tableColumn id="\xc2\xb2"'),
    ("xl/styles.xml", b'<xf numFmtId="0" fontId="0"', b'<xf numFmtId="\xc2\xb2" fontId="\xc2\xb2"'),
    ("xl/workbook.xml", b'sheetId="1"', b'sheetId="\xc2\xb9"'),
]


@pytest.mark.parametrize(("part", "written", "hostile"), OTHER_DIGITS)
def test_a_number_written_in_digits_int_refuses_is_no_number_not_an_internal_error(
    capsys, tmp_path, part, written, hostile
):
    """str.isdigit() takes '²' and int() refuses it: such a number reads as none written, or
    the file is refused in one line (calamine refuses a row so numbered), never a crash."""
    content = parts_of(excel_customers())[part]
    assert content.count(written) >= 1
    path = tmp_path / "book.xlsx"
    path.write_bytes(with_part(excel_customers(), part, content.replace(written, hostile, 1)))
    for command in (["refresh", path], ["classify", path, "-o", tmp_path / "out.xlsx"]):
        code, said = run(capsys, *command, "--lang", "en")
        assert "internal error" not in said and "Traceback" not in said, said
        assert code == 0 or (code == 2 and said.strip().count("\n") == 0), said


def test_a_row_past_the_last_a_sheet_has_is_refused_by_refresh_naming_it(capsys, tmp_path):
    """Reading it is calamine's business (classify reads on); editing it is refused."""
    sheet = parts_of(excel_customers())[SHEET].replace(b'<row r="5" ', b'<row r="%d" ' % 10**20)
    path = tmp_path / "book.xlsx"
    path.write_bytes(with_part(excel_customers(), SHEET, sheet))
    before = digest(path)
    code, said = run(capsys, "refresh", path, "--lang", "en")
    assert code == 2 and said.strip().count("\n") == 0, said
    assert SHEET in said and "row 100000000000000000000" in said
    assert digest(path) == before


@pytest.mark.parametrize("part", [SHEET, "xl/styles.xml"])
def test_a_missing_sheet_or_styles_part_is_named(capsys, tmp_path, part):
    data = with_part(excel_customers(), part, None)
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    before = digest(path)
    code, said = run(capsys, "refresh", path, "--lang", "en")
    assert code == 2 and part in said and "\n" not in said.strip()
    assert digest(path) == before


def test_a_table_over_the_whole_sheet_is_refused_not_allocated(capsys, tmp_path):
    data = excel_customers()
    table = parts_of(data)["xl/tables/table1.xml"].replace(b'ref="C3:F13"', b'ref="A1:XFD1048576"')
    refused(capsys, tmp_path, with_part(data, "xl/tables/table1.xml", table), "Resize Table")


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("pass_protected.xlsx", ["password"]),
        ("any_sheets.xlsb", [".xlsb"]),
        ("strict_iso_paths.xlsx", ["Strict"]),
    ],
)
def test_kinds_custdev_cannot_edit_are_named_in_both_languages(capsys, tmp_path, file, words):
    data = corpus("calamine", file).read_bytes()
    refused(capsys, tmp_path, data, *words)
    code, said = run(capsys, "refresh", tmp_path / "book.xlsx", "--lang", "zh")
    assert code == 2 and "修正" in said


def test_an_old_xls_workbook_is_named(capsys, tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)
    refused(capsys, tmp_path, ole, ".xls")


def test_a_write_that_would_not_read_back_as_meant_is_never_written(capsys, tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    path.write_bytes(excel_customers())
    before = digest(path)

    def wrong(p, value, style, ref=""):
        return cells.cell_tail(p, "Z" if value == "A" else value, style, ref)

    monkeypatch.setattr(edits, "cell_tail", wrong)
    code, said = run(capsys, "refresh", path, "--lang", "en")

    assert code == 2 and "did not read back as meant" in said and "G4" in said
    assert digest(path) == before


def test_cells_written_in_no_namespace_are_caught_before_writing(capsys, tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    path.write_bytes(respelled(excel_customers(), x_prefixed))
    before = digest(path)
    real = book_parts.cell_writers

    def without_prefix(write):
        return lambda row, _prefix, style: write(row, "", style)

    def unprefixed(sheet_edits, styles):  # the old bug: new cells in no namespace
        return {col: without_prefix(w) for col, w in real(sheet_edits, styles).items()}

    monkeypatch.setattr(book_parts, "cell_writers", unprefixed)
    code, said = run(capsys, "refresh", path, "--lang", "en")

    assert code == 2 and "not SpreadsheetML" in said
    assert digest(path) == before


def test_text_longer_than_a_cell_holds_is_refused_with_the_cell_named(capsys, tmp_path):
    data = excel_customers()
    sheet = parts_of(data)[SHEET].replace(b">Customer 1<", b">" + b"x" * 40_000 + b"<", 1)
    path = tmp_path / "book.xlsx"
    path.write_bytes(with_part(data, SHEET, sheet))
    out = tmp_path / "out.xlsx"
    code, said = run(capsys, "classify", path, "-o", out, "--lang", "en")
    assert code == 2 and "32,767" in said and "40,000" in said
    assert not out.exists()
