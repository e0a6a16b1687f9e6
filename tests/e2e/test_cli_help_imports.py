"""`custdev --help` and `custdev <command> --help` answer without loading pandas or the workbook
libraries (issue 11: help within 0.3 s): only the command that runs imports what it needs.

Each language runs in a fresh interpreter, as `custdev` would start; the modules each help
brought in are read from sys.modules, so a heavy import is named with the command that made it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "openpyxl", "lxml", "python_calamine", "holidays", "pyvrp")

HELPS = """
import argparse, contextlib, io, json, sys
from addin.cli import build_parser, main

lang, heavy = sys.argv[1], tuple(sys.argv[2:])
actions = build_parser()._actions
commands = next(a for a in actions if isinstance(a, argparse._SubParsersAction)).choices
found = {}
for argv in [["--help"], *([name, "--help"] for name in commands)]:
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown), contextlib.suppress(SystemExit):
        main([*argv, "--lang", lang])
    loaded = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
    found[" ".join(argv)] = {"loaded": loaded, "help": shown.getvalue()}
print(json.dumps(found))
"""


def python(code: str, *args: str) -> str:
    """What `code` prints, run in a fresh interpreter that imports this checkout's addin."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CUSTDEV_LANG", None)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.mark.parametrize(("lang", "usage"), [("en", "usage: custdev"), ("zh", "用法：custdev")])
def test_every_help_is_shown_without_pandas_numpy_or_the_workbook_libraries(lang, usage):
    shown = json.loads(python(HELPS, lang, *HEAVY))

    assert len(shown) >= 9  # custdev itself and each of its (eight or more) commands
    for argv, found in shown.items():
        assert str(found["help"]).startswith(usage), argv
    assert {argv: found["loaded"] for argv, found in shown.items()} == {a: [] for a in shown}


def test_the_check_would_see_pandas_once_a_command_runs():
    # The same reading of sys.modules after a command that reads a file: the test above can fail.
    code = """
import contextlib, io, sys
from addin.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(["classify", "no-such-file.csv"])
print("pandas" in sys.modules)
"""
    assert python(code).split() == ["True"]
