"""`custdev --help` and `custdev <command> --help` answer without loading pandas or the workbook
libraries (issue 11: help within 0.3 s), and a command imports only what it needs.

The command lines run one after another in a fresh interpreter, as `custdev` would start; the
modules loaded are read from sys.modules after each, so a heavy import is named with the command
line that made it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

import pytest

from addin.cli import build_parser
from tests.workbooks import customers_book

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "openpyxl", "lxml", "python_calamine", "holidays", "pyvrp")

RUNS = """
import contextlib, io, json, sys
from addin.cli import main

argvs, heavy = json.loads(sys.argv[1]), set(sys.argv[2:])
found = {}
for argv in argvs:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:
            code = stop.code
    loaded = sorted({m.split(".")[0] for m in sys.modules} & heavy)
    said = {"out": out.getvalue(), "err": err.getvalue()}
    found[" ".join(argv)] = {"code": code, "loaded": loaded, **said}
print(json.dumps(found))
"""


def python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    """What `code` prints, run in a fresh interpreter that imports this checkout's addin (with
    `env` added to the environment)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    env.pop("CUSTDEV_LANG", None)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def runs(*argvs: list[str]) -> dict[str, dict[str, Any]]:
    """Each command line's exit code, output and the heavy modules loaded once it had run, all
    run one after another in one fresh interpreter (so the first to load a module is named)."""
    return json.loads(python(RUNS, json.dumps(argvs), *HEAVY))


def commands() -> list[str]:
    parser = build_parser()
    return list(next(a for a in parser._actions if isinstance(a, _SubParsersAction)).choices)


@pytest.mark.parametrize(("lang", "usage"), [("en", "usage: custdev"), ("zh", "用法：custdev")])
def test_every_help_is_shown_without_pandas_numpy_or_the_workbook_libraries(lang, usage):
    shown = runs(["--help", "--lang", lang], *([c, "--help", "--lang", lang] for c in commands()))

    assert len(shown) >= 9  # custdev itself and each of its (eight or more) commands
    for argv, found in shown.items():
        assert (found["code"], found["out"][: len(usage)]) == (0, usage), argv
    assert {argv: found["loaded"] for argv, found in shown.items()} == {a: [] for a in shown}


def test_a_bad_option_value_is_refused_without_pandas_or_the_workbook_libraries():
    refused = runs(
        ["classify", "x.csv", "--a-share", "2"],
        ["classify", "x.csv", "--encoding", "no-such-encoding"],
        ["pipeline", "x.csv", "--target", "-1", "--lang", "zh"],
        ["plan", "x.csv", "--start", "2026-13-01"],
        ["plan", "x.csv", "--weeks", "99"],
        ["generate", "x.csv", "--out", "o", "--jobs", "0"],
    )

    for argv, found in refused.items():
        assert (found["code"], "error" in found["err"] or "错误" in found["err"]) == (2, True), argv
    assert {argv: found["loaded"] for argv, found in refused.items()} == {a: [] for a in refused}


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
        "addin.services.runs",
        "addin.services.generate",
        "addin.manifest",
        "addin.demo_data",
        "addin.domain.former",
        "holidays",
        "pyvrp",
    ]
    out = python(code, str(source), str(tmp_path / "out.xlsx"), "pandas", *unneeded)

    assert json.loads(out.splitlines()[-1]) == [0, ["pandas"]]


def test_classify_with_the_template_cached_loads_no_openpyxl(tmp_path):
    # The first classify of a fresh cache builds the template (openpyxl); the next reads it.
    source = tmp_path / "three.csv"
    source.write_text("Customer ID,Customer name,Annual sales\nC1,Acme,900\nC2,Beta,300\n")
    code = """
import json, sys
from addin.cli import main
code = main(["classify", sys.argv[1], "-o", sys.argv[2]])
print(json.dumps([code, "openpyxl" in sys.modules]))
"""
    cache = {"CUSTDEV_CACHE_DIR": str(tmp_path / "cache")}
    first = python(code, str(source), str(tmp_path / "one.xlsx"), env=cache)
    again = python(code, str(source), str(tmp_path / "two.xlsx"), env=cache)

    assert json.loads(first.splitlines()[-1]) == [0, True]
    assert json.loads(again.splitlines()[-1]) == [0, False]


def test_a_refresh_of_a_workbook_already_up_to_date_loads_no_pandas_or_workbook_library(tmp_path):
    # The first refresh does the work (pandas and the rest); the next, nothing changed, does not.
    book = tmp_path / "book.xlsx"
    customers_book([["C1", "Acme", 900], ["C2", "Beta", 300], ["C3", "Gamma", 100]]).save(book)
    code = """
import json, sys
from addin.cli import main
code = main(["refresh", sys.argv[1], "--lang", "en"])
print(json.dumps([code, sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2:]))]))
"""
    cache = {"CUSTDEV_CACHE_DIR": str(tmp_path / "cache")}
    first = python(code, str(book), *HEAVY, env=cache).splitlines()
    again = python(code, str(book), *HEAVY, env=cache).splitlines()

    assert json.loads(first[-1])[0] == 0 and "pandas" in json.loads(first[-1])[1]
    assert json.loads(again[-1]) == [0, []]
    assert (
        again[:-2] == first[:-2] and again[-2] == f"{book} was already up to date: not rewritten."
    )
