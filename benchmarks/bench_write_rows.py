"""Write a million customers (5 columns) into the shipped template through PackageBook.

What `custdev classify` of a million-row export spends in the file adapter: the rows written
into the Customers table, the package built, and the check before writing (expat and calamine
read it all back). Prints wall time and the peak memory (VmHWM) of a fresh process.

Run by hand:  python benchmarks/bench_write_rows.py [--rows N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CODE = """
import re, time
import numpy as np, pandas as pd
from addin.adapters.package import PackageBook
from addin.workbook.atomic import workbook_bytes
from addin.workbook.template import build_template
rows = {rows}
rng = np.random.default_rng(5)
frame = pd.DataFrame({{
    "Customer ID": [f"C{{i:07d}}" for i in range(rows)],
    "Name": [f"Customer {{i}}" for i in range(rows)],
    "Rep": [f"Rep {{i:04d}}" for i in rng.integers(0, 1000, rows)],
    "Kind": np.where(rng.random(rows) < 0.2, "prospect", "customer"),
    "Annual sales": np.round(rng.lognormal(12, 1.6, rows), 2),
}})
book = PackageBook.from_bytes(workbook_bytes(build_template("en"), stamp=False), "out.xlsx")
start = time.perf_counter()
book.write_table("Customers", frame)
data = book.to_bytes()
seconds = time.perf_counter() - start
peak = int(re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read())[1]) / 1024
size = len(data) / 1e6
print(f"{{rows:,}} rows x 5 columns: {{seconds:.1f}} s, {{size:.0f}} MB, peak {{peak:.0f}} MB")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", CODE.format(rows=args.rows)], check=True, env=env)


if __name__ == "__main__":
    main()
