"""What a visit plan adds to each workbook of `custdev generate --start`: planning's fixed cost.

A batch of small reps (20 customers each, as a rep's own workbook holds) is generated twice in
the same run, each time as the whole command in a fresh process: without plans (the baseline),
then with a four-week plan in every workbook by the quick planner (`--quick`, so that the route
solver's budget, a second a rep by default, does not hide the rest). The difference, per rep, is
what planning and the plan sheets cost beyond the solver: paid once for every workbook, it is
what a batch of 1,000 reps pays 1,000 times. Prints medians of several runs.

Run by hand:  python benchmarks/bench_generate_plans.py [--reps N] [--runs N]
To compare with older code, run it with PYTHONPATH pointing at a checkout of it (the commands
are `python -m addin.cli`, which the child processes find there).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_plan import START, customers


def seconds(csv: Path, out: Path, *options: str) -> float:
    """Wall time of one `custdev generate` in a fresh process."""
    command = [sys.executable, "-m", "addin.cli", "generate", str(csv), "--out", str(out)]
    command += ["--force", *options]
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "export.csv"
        customers(20 * args.reps, args.reps).to_csv(csv, index=False)
        out = Path(folder) / "out"
        plans = ("--start", START.isoformat(), "--weeks", "4", "--quick")
        plain, planned = [], []
        for _ in range(args.runs):  # alternated, so that a change of the host's pace hits both
            plain.append(seconds(csv, out))
            planned.append(seconds(csv, out, *plans))
        without, with_plans = statistics.median(plain), statistics.median(planned)
        print(f"{args.reps} reps, 20 customers each; medians of {args.runs} runs")
        print(f"  generate, no plans (baseline)     {without:6.2f} s")
        print(f"  generate --start ... --quick      {with_plans:6.2f} s")
        per_rep = (with_plans - without) / args.reps * 1000
        print(f"  a plan adds, per workbook         {per_rep:6.1f} ms")


if __name__ == "__main__":
    main()
