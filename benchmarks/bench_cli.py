"""Time the small runs a user makes most: `custdev --help`, `custdev classify --help`, and
`custdev classify` of a 3-row CSV into a new workbook, each in a fresh process as a user runs it.

In the same rounds, as baselines: Python starting and doing nothing (`python -c pass`), and
XlsxWriter (constant memory mode) writing the same cells in a fresh process, the floor a small
classify could reach. The commands take turns within each round, so a busy machine slows them
alike; the figures are medians of the rounds (wall time, and the processor time of the child).

The processes keep compiled bytecode in a folder of their own (PYTHONPYCACHEPREFIX), as an
installed custdev has its .pyc files: with PYTHONDONTWRITEBYTECODE set (as in some shells and
containers), every run would compile custdev's source again, some 0.1 s that no user pays. One
line times the 3-row classify that way too, for comparison.

Run by hand:  python benchmarks/bench_cli.py [--runs N]
Targets (issue 11): --help <= 0.3 s wall; classify of 3 rows <= 0.6 s wall.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CSV = (
    "Customer ID,Customer name,Rep,Kind,Annual sales\n"
    "C1,Acme,Ann,customer,900\n"
    "C2,Beta,Ann,customer,300\n"
    "C3,Gamma,Bo,customer,100\n"
)
CUSTDEV = "import sys; from addin.cli import main; sys.exit(main())"
"""What the `custdev` console script runs; `-c` keeps this checkout's code (PYTHONPATH)."""
XLSXWRITER = """
import sys, xlsxwriter
rows = [line.split(",") for line in open(sys.argv[1], encoding="utf-8").read().splitlines()]
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet("Customers")
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        sheet.write(r, c, float(value) if r and c == 4 else value)
book.close()
"""


def timed(argv: list[str], cwd: Path, code: Path, bytecode: bool = True) -> tuple[float, float]:
    """Wall and processor seconds (user + system) of one fresh process running `argv`, with
    the `addin` of checkout `code`; compiled bytecode is kept in `cwd` (unless `bytecode` is
    false: then a module without a .pyc beside it, custdev's, is compiled on every run)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cwd / "pycache" / code.name)
    else:
        env.pop("PYTHONPYCACHEPREFIX", None)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


@dataclass(frozen=True)
class Case:
    """One line of the table: the argv of run i, the checkout it runs, its target (seconds)."""

    argv: Callable[[int], list[str]]
    code: Path = REPO
    target: float | None = None
    bytecode: bool = True


def custdev(*args: str) -> Callable[[int], list[str]]:
    """`custdev args` as run i; {i} in an argument becomes the run's number (a new output)."""
    return lambda i: [sys.executable, "-c", CUSTDEV, *(a.format(i=i) for a in args)]


COMMANDS = {
    "custdev --help": (("--help",), 0.3),
    "custdev classify --help": (("classify", "--help"), 0.3),
    "custdev classify --help --lang zh": (("classify", "--help", "--lang", "zh"), 0.3),
    "custdev classify, 3-row CSV": (("classify", "three.csv", "-o", "out_{i}.xlsx"), 0.6),
}
UNCOMPILED = "classify 3-row CSV, PYTHONDONTWRITEBYTECODE=1"
"""The same classify as a shell with PYTHONDONTWRITEBYTECODE set runs it: custdev's source is
compiled on every run, unless its __pycache__ folders were written before."""


def cases(against: Path | None) -> dict[str, Case]:
    """What is timed, by the name printed; with `against`, its custdev lines as well."""
    python = sys.executable
    found = {"python -c pass (start-up baseline)": Case(lambda i: [python, "-c", "pass"])}
    for name, (args, target) in COMMANDS.items():
        found[name] = Case(custdev(*args), REPO, target)
        if against is not None:
            found[f"{name} [{against.name}]"] = Case(custdev(*args), against)
    classify = COMMANDS["custdev classify, 3-row CSV"][0]
    found[UNCOMPILED] = Case(custdev(*classify), REPO, bytecode=False)
    if importlib.util.find_spec("xlsxwriter"):
        floor = ["three.csv", "floor_{i}.xlsx"]
        found["XlsxWriter, the same cells (floor)"] = Case(
            lambda i: [python, "-c", XLSXWRITER, *(a.format(i=i) for a in floor)]
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--against", type=Path, help="another checkout (its addin) timed in the same rounds"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_cli_"))
    try:
        (work / "three.csv").write_text(CSV, encoding="utf-8")
        timing = cases(args.against)
        for case in timing.values():  # warm the disk cache and write the .pyc files
            timed(case.argv(-1), work, case.code, case.bytecode)
        walls: dict[str, list[float]] = {name: [] for name in timing}
        cpus: dict[str, list[float]] = {name: [] for name in timing}
        for i in range(args.runs):
            for name, case in timing.items():
                wall, cpu = timed(case.argv(i), work, case.code, case.bytecode)
                walls[name].append(wall)
                cpus[name].append(cpu)
        load = os.getloadavg()[0]
        print(f"{REPO}: a fresh process per run, median of {args.runs} rounds")
        print(f"(load average {load:.1f} on {os.cpu_count()} cores when they ended)")
        print(f"  {'':45} {'wall':>8} {'cpu':>8} {'wall - start-up':>16}  target")
        start_up = statistics.median(walls["python -c pass (start-up baseline)"])
        for name, case in timing.items():
            wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
            verdict = "met" if case.target and wall <= case.target else "NOT met"
            goal = f"<= {case.target} s, {verdict}" if case.target else ""
            print(f"  {name:45} {wall:7.3f}s {cpu:7.3f}s {wall - start_up:15.3f}s  {goal}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
