"""Saving a workbook atomically: all of the new file or none of it, never half."""

from __future__ import annotations

import itertools
import linecache
import os
import sys
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import openpyxl
import pytest

from addin.adapters import written
from addin.adapters.written import recording_writes
from addin.domain.errors import InputFileError, WorkbookLockedError
from addin.workbook import atomic, openpyxl_writer
from addin.workbook.atomic import save_workbook, workbook_bytes, write_bytes


def small_book(value: str) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.active["A1"] = value
    return wb


def test_saving_replaces_the_file_with_a_workbook_openpyxl_reads(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    save_workbook(small_book("old"), target)
    save_workbook(small_book("new"), target)
    assert openpyxl.load_workbook(target).active["A1"].value == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_save_leaves_the_old_file_byte_identical_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "book.xlsx"
    save_workbook(small_book("old"), target)
    before = target.read_bytes()

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, failing, broken)
    with pytest.raises(OSError, match="disk full"):
        save_workbook(small_book("new"), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


def test_a_workbook_that_cannot_be_written_leaves_the_old_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "book.xlsx"
    save_workbook(small_book("old"), target)
    before = target.read_bytes()

    def half_written(writer: object) -> None:
        raise ValueError("Cannot convert to Excel")

    monkeypatch.setattr(openpyxl_writer.ExcelWriter, "write_data", half_written)
    with pytest.raises(ValueError, match="Cannot convert"):
        save_workbook(small_book("new"), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


def test_zip_entries_carry_a_fixed_time_so_saves_can_be_compared(tmp_path: Path) -> None:
    path = save_workbook(small_book("x"), tmp_path / "book.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {atomic.ZIP_EPOCH}


def test_saving_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    save_workbook(small_book("old"), target)
    os.chmod(target, 0o640)
    save_workbook(small_book("new"), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_workbook_open_in_excel_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "rep.xlsx"
    save_workbook(small_book("before"), target)
    before = target.read_bytes()
    (tmp_path / "~$rep.xlsx").write_bytes(b"owner file Excel keeps while the book is open")
    with pytest.raises(WorkbookLockedError, match="open in Excel"):
        save_workbook(small_book("after"), target)
    assert target.read_bytes() == before


def test_a_permission_error_becomes_a_message_about_closing_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")  # what Windows says for an open file

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WorkbookLockedError, match="close it in Excel"):
        save_workbook(small_book("x"), tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_saving_into_a_missing_folder_says_which_folder(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        save_workbook(small_book("x"), tmp_path / "nowhere" / "out.xlsx")


def test_a_recording_gets_the_files_put_in_place_while_it_is_open_in_order(tmp_path: Path) -> None:
    before = tmp_path / "before.txt"
    atomic.write_bytes(before, b"not recorded")
    with recording_writes() as outer:
        atomic.write_bytes(tmp_path / "a.txt", b"a")
        with recording_writes() as inner:  # the same files: equal lists, both kept apart
            atomic.write_bytes(tmp_path / "b.txt", b"b")
        atomic.write_bytes(tmp_path / "a.txt", b"again", replace=True)
    atomic.write_bytes(tmp_path / "after.txt", b"not recorded")

    assert outer == [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "a.txt"]
    assert inner == [tmp_path / "b.txt"]


def test_writes_outside_a_recording_keep_nothing_in_a_long_lived_process(tmp_path: Path) -> None:
    # Excel's Python process lives for hours: a path kept per write (as Ctrl-C's list of what a
    # command wrote once was, for every write) would grow without end.
    target = tmp_path / "book.xlsx"
    atomic.write_bytes(target, b"first")  # whatever a first write sets up once
    tracemalloc.start()
    try:
        for n in range(300):
            atomic.write_bytes(target, b"again %d" % n, replace=True)
        kept = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(True, atomic.__file__), tracemalloc.Filter(True, written.__file__)]
        )
    finally:
        tracemalloc.stop()
    assert sum(stat.count for stat in kept.statistics("filename")) < 20


def ctrl_c_before_line(k: int, files: set[str]) -> Callable[..., Any]:
    """A tracer that raises KeyboardInterrupt before the k-th line run in `files`: Ctrl-C,
    which Python raises between one step of the code and the next, at that moment.

    Not where no Ctrl-C can land (Python raises it only when it checks for signals: on a call
    or a jump back): on a `try:` line, which is a no-op the tracer stops at, and on the line of
    a `with` that the tracer sees again when its block ends, just before the context's
    __exit__ runs. Raised there, it would skip handlers that a signal never skips, and leave
    held a lock that Ctrl-C cannot leave held."""
    lines = itertools.count(1)
    seen: set[tuple[int, int]] = set()

    def each_line(frame: FrameType, event: str, arg: object) -> Any:
        if event != "line":
            return each_line
        where = (id(frame), frame.f_lineno)
        source = linecache.getline(frame.f_code.co_filename, frame.f_lineno).lstrip()
        if source.startswith("try:") or (where in seen and source.startswith("with ")):
            return each_line
        seen.add(where)
        if next(lines) == k:
            raise KeyboardInterrupt
        return each_line

    def each_call(frame: FrameType, event: str, arg: object) -> Any:
        return each_line if frame.f_code.co_filename in files else None

    return each_call


def test_ctrl_c_at_any_moment_of_a_write_leaves_the_old_or_the_new_file_and_no_temp_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "book.xlsx"
    old, new = workbook_bytes(small_book("old")), workbook_bytes(small_book("new"))
    target.write_bytes(old)
    code = {atomic.__file__, tempfile.__file__}  # the write (and tempfile, if it used it again)
    for k in itertools.count(1):
        tracer = sys.gettrace()
        sys.settrace(ctrl_c_before_line(k, code))
        try:
            write_bytes(target, new)
            interrupted = False
        except KeyboardInterrupt:
            interrupted = True
        finally:
            sys.settrace(tracer)
        assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"], k
        assert target.read_bytes() in (old, new), k
        if not interrupted:  # the k-th line was never reached: every moment was tried
            break
        target.write_bytes(old)
    assert k > 20
