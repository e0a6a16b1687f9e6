"""`custdev --help` and `custdev <command> --help` answer without loading pandas or the workbook
libraries (issue 11: help within 0.3 s), and a command imports only what it needs.

The command lines run one after another in a fresh interpreter, as the `custdev` program
(`main()` reading sys.argv, which makes imports of its own that `main(argv)` does not); the
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
            sys.argv = ["custdev", *argv]
            code = main()  # as the program
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


THREE_ROWS = (
    "Customer ID,Customer name,Rep,Kind,Annual sales\n"
    "C1,Acme,Ann,customer,900\nC2,Beta,Ann,customer,300\nC3,Gamma,Bo,customer,100\n"
)
CLASSIFY = """
import json, sys
from addin.cli import main
source, output, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
sys.argv = ["custdev", "classify", source, "-o", output]
code = main()  # as the program
print(json.dumps([code, sorted(m for m in modules if m in sys.modules)]))
"""


def classify_loads(
    source: Path, output: Path, modules: list[str], env: dict[str, str] | None = None
) -> list[Any]:
    """[exit code, which of `modules` were loaded] of a classify of `source` into `output`, in
    a fresh interpreter."""
    out = python(CLASSIFY, str(source), str(output), *modules, env=env)
    return json.loads(out.splitlines()[-1])


def test_classify_loads_pandas_but_nothing_only_generation_plans_the_demo_or_former_need(tmp_path):
    # pandas shows the reading of sys.modules sees a command's imports (the test above can fail).
    source = tmp_path / "three.csv"
    source.write_text(THREE_ROWS, encoding="utf-8")
    unneeded = "addin.batch addin.services.runs addin.services.generate addin.manifest"
    unneeded += " addin.demo_data addin.domain.former holidays pyvrp"
    found = classify_loads(source, tmp_path / "out.xlsx", ["pandas", *unneeded.split()])

    assert found == [0, ["pandas"]]


def test_classify_with_the_template_cached_loads_no_openpyxl(tmp_path):
    # The first classify of a fresh cache builds the template (openpyxl); the next reads it.
    source = tmp_path / "three.csv"
    source.write_text("Customer ID,Customer name,Annual sales\nC1,Acme,900\nC2,Beta,300\n")
    cache = {"CUSTDEV_CACHE_DIR": str(tmp_path / "cache")}
    first = classify_loads(source, tmp_path / "one.xlsx", ["openpyxl"], cache)
    again = classify_loads(source, tmp_path / "two.xlsx", ["openpyxl"], cache)

    assert (first, again) == ([0, ["openpyxl"]], [0, []])


def test_a_small_classify_loads_nothing_its_run_does_not_use(tmp_path):
    # Issue 11: a 3-row classify within 0.6 s. Modules it once loaded though it never used them,
    # each worth milliseconds to tens of them: the encoding detector (the file is UTF-8), the
    # planning modules, multiprocessing (no part is big enough for a process), importlib.metadata
    # (the template cache's key) and socket (the host name of temp files).
    source = tmp_path / "three.csv"
    source.write_text(THREE_ROWS, encoding="utf-8")
    unused = "charset_normalizer addin.domain.planning.plan addin.domain.planning.tables"
    unused += " addin.services.plan multiprocessing importlib.metadata email socket"
    cache = {"CUSTDEV_CACHE_DIR": str(tmp_path / "cache")}
    classify_loads(source, tmp_path / "one.xlsx", [], cache)  # builds the template
    again = classify_loads(source, tmp_path / "two.xlsx", ["pandas", *unused.split()], cache)

    assert again == [0, ["pandas"]]


def test_a_csv_that_is_not_utf8_still_has_its_encoding_detected(tmp_path):
    # The detector is imported only for such a file (the test above): it must still be used.
    source = tmp_path / "gbk.csv"
    source.write_bytes("客户编号,客户名称,销售额\nC1,华为,900\nC2,小米,300\n".encode("gb18030"))

    found = classify_loads(source, tmp_path / "out.xlsx", ["charset_normalizer"])

    assert found == [0, ["charset_normalizer"]]


def test_the_command_itself_still_says_an_error_in_one_line(tmp_path):
    # Run as the program (main() without arguments), custdev imports with the collector
    # paused and freezes the heap when done: an error must still be one line and exit code 2.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    program = "import sys; from addin.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", program, "classify", str(tmp_path / "missing.csv"), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
    )

    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.count("\n") == 1 and "missing.csv" in done.stderr, done.stderr


def test_a_refresh_of_a_workbook_already_up_to_date_loads_no_pandas_or_workbook_library(tmp_path):
    # The first refresh does the work (pandas and the rest); the next, nothing changed, does not.
    book = tmp_path / "book.xlsx"
    customers_book([["C1", "Acme", 900], ["C2", "Beta", 300], ["C3", "Gamma", 100]]).save(book)
    code = """
import json, sys
from addin.cli import main
book, heavy = sys.argv[1], set(sys.argv[2:])
sys.argv = ["custdev", "refresh", book, "--lang", "en"]
code = main()  # as the program: it loaded pandas before any command ran, up to date or not
print(json.dumps([code, sorted({m.split(".")[0] for m in sys.modules} & heavy)]))
"""
    cache = {"CUSTDEV_CACHE_DIR": str(tmp_path / "cache")}
    first = python(code, str(book), *HEAVY, env=cache).splitlines()
    again = python(code, str(book), *HEAVY, env=cache).splitlines()

    assert json.loads(first[-1])[0] == 0 and "pandas" in json.loads(first[-1])[1]
    assert json.loads(again[-1]) == [0, []]
    assert (
        again[:-2] == first[:-2] and again[-2] == f"{book} was already up to date: not rewritten."
    )
