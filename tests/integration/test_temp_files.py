"""Temp files of atomic writes that a killed run left behind are swept up by the next write in
their folder; files custdev did not make, and temp files still being written, are left alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from addin.workbook import temp_files
from addin.workbook.atomic import write_bytes
from addin.workbook.temp_files import HOST, STALE_AFTER, remove_stale

HOUR_AGO = time.time() - STALE_AFTER - 60


def touch(path: Path, when: float | None = None) -> Path:
    path.write_bytes(b"PK half a zip")
    if when is not None:
        os.utime(path, (when, when))
    return path


def dead_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


@pytest.mark.skipif(os.name != "posix", reason="processes are asked with signal 0 on POSIX")
def test_a_temp_file_of_a_killed_custdev_is_removed_by_the_next_write(tmp_path: Path) -> None:
    left = touch(tmp_path / f".张伟.xlsx.custdev-{HOST}-{dead_pid()}-k2j4_x9a.tmp")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = touch(tmp_path / f".李娜.xlsx.custdev-{HOST}-{sleeper.pid}-a1b2c3d4.tmp")
        temp_files._swept.discard(tmp_path.resolve())

        write_bytes(tmp_path / "out.xlsx", b"new")

        assert not left.exists()
        assert busy.exists()  # its writer is still at work
    finally:
        sleeper.kill()
        sleeper.wait()


def test_temp_files_of_earlier_versions_go_once_they_are_an_hour_old(tmp_path: Path) -> None:
    old = touch(tmp_path / ".rep-abcd1234.xlsx.tmp", HOUR_AGO)
    fresh = touch(tmp_path / ".rep-wxyz6789.xlsx.tmp")

    assert remove_stale(tmp_path) == [old]
    assert fresh.exists()


def test_a_temp_file_of_another_machine_goes_only_once_it_is_an_hour_old(tmp_path: Path) -> None:
    other = "0" * 8 if HOST != "0" * 8 else "1" * 8
    fresh = touch(tmp_path / f".rep.xlsx.custdev-{other}-12-abcdefgh.tmp")
    old = touch(tmp_path / f".rep2.xlsx.custdev-{other}-12-abcdefgh.tmp", HOUR_AGO)

    assert remove_stale(tmp_path) == [old]
    assert fresh.exists()


@pytest.mark.parametrize(
    "name",
    ["notes.tmp", ".notes.tmp", "rep.xlsx.tmp", ".rep.xlsx.custdev.tmp", ".rep-ab.xlsx.tmp"],
)
def test_files_that_custdev_did_not_make_are_never_removed(tmp_path: Path, name: str) -> None:
    kept = touch(tmp_path / name, HOUR_AGO)

    assert remove_stale(tmp_path) == []
    assert kept.exists()


def test_a_folder_or_a_link_named_like_a_temp_file_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / f".a.xlsx.custdev-{HOST}-1-abcdefgh.tmp"
    folder.mkdir()
    target = touch(tmp_path / "precious.xlsx", HOUR_AGO)
    link = tmp_path / ".b-abcd1234.xlsx.tmp"
    link.symlink_to(target)
    os.utime(link, (HOUR_AGO, HOUR_AGO), follow_symlinks=False)

    assert remove_stale(tmp_path) == []
    assert folder.is_dir() and link.is_symlink() and target.exists()
