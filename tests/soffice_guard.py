"""Every test that starts LibreOffice is marked `libreoffice`, so `-m "not libreoffice"` stays
a fast inner loop. While a test without the mark runs (set-up included, where shared fixtures
render), PATH starts with a stand-in `soffice` that notes the call and refuses it; the test then
fails, naming the mark it needs. Child processes inherit PATH, so a CLI run or LibreOffice's own
Python starting soffice is caught too."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

NAMES = ("soffice", "libreoffice", "localc")


@cache
def _stand_in_folder() -> Path:
    """A folder holding the stand-ins, made once a session and removed at its end."""
    folder = Path(tempfile.mkdtemp(prefix="custdev_no_soffice_"))
    for name in NAMES:
        script = folder / name
        script.write_text(
            "#!/bin/sh\n"
            f'echo "$0 $*" >> "{folder}/called"\n'
            "echo 'soffice started by a test not marked libreoffice: "
            "add @pytest.mark.libreoffice' >&2\n"
            "exit 97\n"
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def remove_stand_ins() -> None:
    if _stand_in_folder.cache_info().currsize:
        shutil.rmtree(_stand_in_folder(), ignore_errors=True)


@contextmanager
def no_soffice(item: pytest.Item) -> Iterator[None]:
    """Run a phase of `item` with soffice replaced by the stand-in, unless it is marked."""
    if item.get_closest_marker("libreoffice"):
        yield
        return
    folder = _stand_in_folder()
    called = folder / "called"
    called.unlink(missing_ok=True)
    before = os.environ.get("PATH", "")
    os.environ["PATH"] = os.pathsep.join([str(folder), before])
    try:
        yield
    finally:  # also when the test failed: the refused soffice call is the likely reason
        os.environ["PATH"] = before
        if called.exists():
            calls = called.read_text().strip()
            called.unlink()
            pytest.fail(
                f"{item.nodeid} starts LibreOffice ({calls}) but is not marked: "
                "add @pytest.mark.libreoffice so that -m 'not libreoffice' leaves it out",
                pytrace=False,
            )
