"""A file's biggest part, unpacked and checked when the file is opened, is kept for its first
read (a refresh scans that sheet next), and only then: a CRC that does not match is still
refused at opening, a part written since reads as written, and copies unpack for themselves."""

from __future__ import annotations

import pytest

from addin.adapters.package import formats
from addin.adapters.package.formats import opened
from addin.adapters.package.zipraw import Entry
from addin.domain.errors import InputFileError
from tests.e2e.test_refused_by_every_command import wrong_crc
from tests.real_files import excel_customers, parts_of


@pytest.fixture
def unpacked(monkeypatch) -> list[str]:
    """The parts unpacked after opening, by name."""
    monkeypatch.setattr(formats, "KEPT_UNPACKED", 1)  # the biggest part counts as big
    seen: list[str] = []
    chunks = Entry.chunks

    def counted(self):
        seen.append(self.name)
        return chunks(self)

    monkeypatch.setattr(Entry, "chunks", counted)
    return seen


def test_the_biggest_part_is_read_once_as_opened_and_unpacked_again_after(unpacked):
    data = excel_customers()
    package = opened(data, "book.xlsx")
    biggest = max(package.entries, key=lambda e: e.size).name
    unpacked.clear()
    assert package.read(biggest) == parts_of(data)[biggest]
    assert unpacked == []  # kept from the opening
    assert package.read(biggest) == parts_of(data)[biggest]
    assert unpacked == [biggest]  # the second read unpacks: nothing big stays held


def test_a_part_written_since_or_a_copy_does_not_take_what_was_kept(unpacked):
    data = excel_customers()
    package = opened(data, "book.xlsx")
    biggest = max(package.entries, key=lambda e: e.size).name
    copy = package.copy()
    unpacked.clear()
    assert copy.read(biggest) == parts_of(data)[biggest]
    assert unpacked == [biggest]
    package.write(biggest, b"<worksheet/>")
    assert package.read(biggest) == b"<worksheet/>"


def test_the_biggest_part_with_a_wrong_crc_is_still_refused_at_opening(unpacked):
    data = excel_customers()
    biggest = max(opened(data, "book.xlsx").entries, key=lambda e: e.size).name
    with pytest.raises(InputFileError, match="CRC"):
        opened(wrong_crc(data, biggest), "book.xlsx")
