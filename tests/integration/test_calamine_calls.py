"""The one door to python-calamine: a Rust panic inside it (minimal_package.xlsx of calamine's
own tests makes it panic, 'should be in a folder') becomes a calamine error, and then one clear
line and exit 2 on the command line, without Rust's report or backtrace on stderr."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import python_calamine as calamine

from addin.adapters.package.calamine_calls import CalaminePanic, calamine_calls

ROOT = Path(__file__).resolve().parents[2]
PANICS = ROOT / "tests" / "conformance" / "files" / "calamine" / "minimal_package.xlsx"
"""Parts at the zip's root (sheet1.xml, not xl/worksheets/sheet1.xml): calamine panics on it."""


def test_a_panic_becomes_a_calamine_error_and_its_report_stays_off_stderr(capfd):
    with pytest.raises(calamine.CalamineError) as raised, calamine_calls():
        calamine.CalamineWorkbook.from_path(str(PANICS), load_tables=True)

    assert isinstance(raised.value, CalaminePanic)
    assert "should be in a folder" in str(raised.value)
    said = capfd.readouterr().err
    assert "panicked" not in said and "backtrace" not in said


def test_the_panic_is_really_there_outside_the_door(capfd):
    """What the door is for: calamine itself raises a BaseException and prints Rust's report."""
    with pytest.raises(BaseException) as raised:
        calamine.CalamineWorkbook.from_path(str(PANICS), load_tables=True)
    assert not isinstance(raised.value, Exception)
    assert "panicked" in capfd.readouterr().err


def test_what_else_reaches_stderr_meanwhile_is_passed_on(capfd):
    with calamine_calls():
        os.write(2, b"a warning of someone else\n")
        calamine.CalamineWorkbook.from_path(str(PANICS))  # no tables asked: no panic

    assert capfd.readouterr().err == "a warning of someone else\n"


def test_calls_on_two_threads_that_overlap_leave_stderr_where_it_was(capfd):
    """fd 2 is the process's: a thread that enters after this one and leaves after it must not
    restore fd 2 to the file this one held it in."""
    entered, left = threading.Event(), threading.Event()

    def later_call() -> None:
        with calamine_calls():
            entered.set()
            left.wait(10)
            calamine.CalamineWorkbook.from_path(str(PANICS))

    with calamine_calls():
        thread = threading.Thread(target=later_call)
        thread.start()
        assert entered.wait(10)
    left.set()
    thread.join(10)
    os.write(2, b"said after both\n")

    assert capfd.readouterr().err == "said after both\n"


def test_a_panic_on_one_thread_is_cut_from_what_the_others_said(capfd):
    entered = threading.Event()

    def panicking_call() -> None:
        with pytest.raises(CalaminePanic), calamine_calls():
            entered.wait(10)
            calamine.CalamineWorkbook.from_path(str(PANICS), load_tables=True)

    thread = threading.Thread(target=panicking_call)
    with calamine_calls():
        thread.start()
        os.write(2, b"a warning before it\n")
        entered.set()
        thread.join(10)
    assert capfd.readouterr().err == "a warning before it\n"


def test_other_errors_pass_through_the_door_unchanged():
    with pytest.raises(KeyError), calamine_calls():
        raise KeyError("ours")


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["classify", "pipeline", "plan", "former"])
def test_every_command_that_reads_it_says_one_line_on_the_command_line(tmp_path, command, lang):
    book = tmp_path / PANICS.name
    book.write_bytes(PANICS.read_bytes())
    before = fingerprint(book)
    csv = tmp_path / "visits.csv"
    csv.write_text("Customer ID,Name,Annual sales,Rep\nC1,A,100,Ann\n")
    out = tmp_path / "o.xlsx"
    args = {
        "classify": ["classify", book, "-o", out],
        "pipeline": ["pipeline", book, "-o", out],
        "plan": ["plan", book, "-o", out, "--quick"],
        "former": ["former", book, csv, "-o", out],
    }[command]

    done = subprocess.run(
        [sys.executable, "-m", "addin.cli", *map(str, args), "--lang", lang],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "1"},
    )

    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert PANICS.name in lines[0] and "should be in a folder" in lines[0]
    assert {"en": "Fix:", "zh": "修正"}[lang] in lines[0]
    assert fingerprint(book) == before and not out.exists()


def test_a_read_back_calamine_cannot_do_stops_the_write_as_a_check_error():
    """The read-back check goes through the same door: a package calamine fails on (here a sheet
    cut off mid-element) is a CheckError, which PackageBook turns into one line, not a crash."""
    from addin.adapters.package.parts import Package
    from addin.adapters.package.verify import CheckError, Written, check_package
    from tests.real_files import excel_customers, parts_of, zipped

    parts = parts_of(excel_customers())
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet[: sheet.index(b"</sheetData>")]
    data = zipped(parts)
    written = Written(cells={"Sheet1": [(7, 4, ["A"], bytearray([0, 0, 0, 0, 1]))]})

    with pytest.raises(CheckError, match="calamine cannot read it back"):
        check_package(lambda: data, Package.from_bytes(data), written)
