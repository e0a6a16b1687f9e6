"""Refresh never half-writes a workbook, never writes one that is open, and can write nothing."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from addin import refresh
from addin.adapters.package import parts
from addin.api import refresh_file
from addin.domain.errors import (
    ChangedMeanwhileError,
    EncryptedWorkbookError,
    InputFileError,
    WorkbookLockedError,
)
from addin.domain.i18n import use_language
from addin.services import runs
from addin.workbook import atomic
from tests.user_template import user_template


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return user_template(tmp_path / "manager.xlsm")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_workbook_open_in_excel_is_refused_and_left_alone(workbook):
    before = workbook.read_bytes()
    (workbook.parent / f"~${workbook.name}").write_bytes(b"owner")

    with pytest.raises(WorkbookLockedError, match=r"manager.xlsm is open in Excel"):
        refresh_file(workbook)

    assert workbook.read_bytes() == before


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_crash_while_writing_leaves_the_original_byte_identical(workbook, monkeypatch, failing):
    before, files = workbook.read_bytes(), listing(workbook.parent)

    def crash(*_: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(atomic.os, failing, crash)
    with pytest.raises(OSError, match="power cut"):
        refresh_file(workbook)

    assert workbook.read_bytes() == before
    assert listing(workbook.parent) == files


def test_a_crash_while_building_the_package_leaves_the_original_alone(workbook, monkeypatch):
    before = workbook.read_bytes()

    def crash(*_: object) -> bytes:
        raise MemoryError("out of memory")

    monkeypatch.setattr(parts, "zip_bytes", crash)
    with pytest.raises(MemoryError):
        refresh_file(workbook)

    assert workbook.read_bytes() == before
    assert gc.isenabled()  # paused during the refresh, back on after the crash


def test_the_cycle_collector_is_back_on_after_refreshes_and_dry_runs(workbook):
    refresh_file(workbook, dry_run=True)
    assert gc.isenabled()
    refresh_file(workbook)
    assert gc.isenabled()


def test_a_dry_run_reports_the_classes_and_writes_nothing(workbook):
    before, stamp, files = (
        workbook.read_bytes(),
        workbook.stat().st_mtime_ns,
        listing(workbook.parent),
    )

    report, backup = refresh_file(workbook, dry_run=True, backup=True)

    assert report.message().startswith("Classified 7 customers")
    assert backup is None
    assert workbook.read_bytes() == before and workbook.stat().st_mtime_ns == stamp
    assert listing(workbook.parent) == files


def test_a_backup_holds_the_workbook_as_it_was(workbook):
    before = workbook.read_bytes()

    _, backup = refresh_file(workbook, backup=True)

    assert backup is not None and backup.parent == workbook.parent
    assert backup.name.startswith("manager.backup-") and backup.suffix == ".xlsm"
    assert backup.read_bytes() == before
    assert workbook.read_bytes() != before


def test_refresh_keeps_the_files_permissions(workbook):
    os.chmod(workbook, 0o640)
    refresh_file(workbook)
    assert workbook.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("name", ["customers.csv", "old.xls", "book.xltx"])
def test_only_workbooks_are_refreshed(tmp_path, name):
    (tmp_path / name).write_text("x")
    with pytest.raises(InputFileError, match=r"refreshes .xlsx and .xlsm"):
        refresh_file(tmp_path / name)


def test_a_missing_workbook_is_named(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        refresh_file(tmp_path / "nowhere.xlsx")


def test_backups_never_overwrite_each_other(tmp_path):
    book = tmp_path / "b.xlsx"
    first = refresh.backup_path(book)
    first.write_bytes(b"x")
    assert refresh.backup_path(book) != first


def test_refresh_through_a_symbolic_link_writes_the_target_and_keeps_the_link(workbook):
    link = workbook.parent / "shortcut.xlsm"
    link.symlink_to(workbook.name)
    before = workbook.read_bytes()

    refresh_file(link)

    assert link.is_symlink() and os.readlink(link) == workbook.name
    assert workbook.read_bytes() != before  # the target was refreshed
    assert listing(workbook.parent) == ["manager.xlsm", "shortcut.xlsm"]


def test_refresh_refuses_a_file_saved_by_someone_else_meanwhile_and_keeps_both(
    workbook, monkeypatch
):
    theirs = b"PK saved by a colleague while custdev worked"
    refresh_book = runs.refresh_book

    def colleague_saves(book, options):  # the save lands between custdev's read and write
        report = refresh_book(book, options)
        workbook.write_bytes(theirs)
        return report

    monkeypatch.setattr(runs, "refresh_book", colleague_saves)
    with pytest.raises(ChangedMeanwhileError, match="changed on disk") as raised:
        refresh_file(workbook)

    assert workbook.read_bytes() == theirs
    kept = [p for p in workbook.parent.iterdir() if p.name.startswith("manager.refreshed-")]
    assert len(kept) == 1 and str(kept[0]) in str(raised.value)
    assert kept[0].read_bytes().startswith(b"PK\x03\x04")


def test_a_save_that_keeps_the_size_and_time_is_still_noticed_by_its_hash(workbook, monkeypatch):
    refresh_book, original = runs.refresh_book, workbook.stat()

    def same_size_same_time(book, options):
        report = refresh_book(book, options)
        data = bytearray(workbook.read_bytes())
        data[-1] ^= 0xFF  # one byte differs, the size does not
        workbook.write_bytes(bytes(data))
        os.utime(workbook, ns=(original.st_atime_ns, original.st_mtime_ns))
        return report

    monkeypatch.setattr(runs, "refresh_book", same_size_same_time)
    with pytest.raises(ChangedMeanwhileError):
        refresh_file(workbook)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_refresh_of_an_encrypted_workbook_says_it_is_password_protected(tmp_path, lang):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain, secret = user_template(tmp_path / "plain.xlsm"), tmp_path / "secret.xlsx"
    with plain.open("rb") as source, secret.open("wb") as out:
        ooxml.OOXMLFile(source).encrypt("pw", out)

    with use_language(lang), pytest.raises(EncryptedWorkbookError) as raised:
        refresh_file(secret)

    said = {"en": "password protected", "zh": "受密码保护"}[lang]
    assert str(raised.value).startswith("secret.xlsx") and said in str(raised.value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_refresh_of_a_folder_says_it_is_a_folder(tmp_path, lang):
    folder = tmp_path / "books.xlsx"
    folder.mkdir()

    with use_language(lang), pytest.raises(InputFileError) as raised:
        refresh_file(folder)

    assert {"en": "is a folder", "zh": "这是文件夹"}[lang] in str(raised.value)
