"""Compiled bytecode for a test run, kept in a folder of its own rather than not at all.

Some shells and containers set PYTHONDONTWRITEBYTECODE (this project's machines do). Then every
test process, and every `custdev` a test starts, compiles custdev's source and the tests (with
pytest's assertion rewriting) again: about 15 s of processor time in a run of the inner loop.
So the run keeps its bytecode under a folder of the user's own in the temporary directory
(PYTHONPYCACHEPREFIX, which the processes it starts inherit): the source tree still gets no
__pycache__ folders, which is what that setting is usually for.
"""

from __future__ import annotations

import getpass
import os
import shutil
import sys
import tempfile
from pathlib import Path


def keep_bytecode_aside() -> None:
    if not sys.dont_write_bytecode or sys.pycache_prefix or not hasattr(os, "getuid"):
        return
    folder = Path(tempfile.gettempdir()) / f"custdev-tests-pycache-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid != os.getuid():  # another user's folder: compile in memory instead
        return
    # The bytecode of code a test copied into pytest's temporary folders (one runs custdev from
    # a copy) is of no use to the next run: dropped, so that the folder does not grow.
    runs = Path(tempfile.gettempdir(), f"pytest-of-{getpass.getuser()}")
    shutil.rmtree(folder / runs.relative_to(runs.anchor), ignore_errors=True)
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
