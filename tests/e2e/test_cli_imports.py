"""`custdev --help` and `custdev <command> --help` answer without loading pandas or the workbook
libraries (issue 11: help within 0.3 s), and a command imports only what it needs.

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


def test_classify_loads_pandas_but_nothing_only_generation_plans_the_demo_or_former_need(tmp_path):
    # pandas shows the reading of sys.modules sees a command's imports (the test above can fail).
    source = tmp_path / "three.csv"
    source.write_text(
        "Customer ID,Customer name,Rep,Kind,Annual sales\n"
        "C1,Acme,Ann,customer,900\nC2,Beta,Ann,customer,300\nC3,Gamma,Bo,customer,100\n",
        encoding="utf-8",
    )
    code = """
import json, sys
from addin.cli import main
code = main(["classify", sys.argv[1], "-o", sys.argv[2]])
print(json.dumps([code, sorted(m for m in sys.argv[3:] if m in sys.modules)]))
"""
    unneeded = [
        "addin.batch",
        "addin.runs",
        "addin.manifest",
        "addin.demo_data",
        "addin.domain.former",
        "holidays",
        "pyvrp",
    ]
    out = python(code, str(source), str(tmp_path / "out.xlsx"), "pandas", *unneeded)

    assert json.loads(out.splitlines()[-1]) == [0, ["pandas"]]
