"""A zip bomb refused: a small workbook whose sheet unpacks to hundreds of MB.

The file is the shipped template with its Customers sheet swapped for one that unpacks to
`--mb` MB of XML (400 by default, packed to about half a megabyte). `custdev refresh --dry-run`
and `custdev classify` run on it in fresh processes; each must exit 2 with one line naming the
part, and the script prints the wall time and peak memory (VmHWM) of each.

Run by hand:  python benchmarks/bench_zip_bomb.py [--mb N]
Target (issue 10): refused within 5 s and 300 MB.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from addin.workbook.atomic import workbook_bytes
from addin.workbook.template import build_template

REPO = Path(__file__).resolve().parents[1]
ROW = b'<row r="9"><c r="A9" t="inlineStr"><is><t>x</t></is></c></row>'


def bomb(mb: int) -> bytes:
    """The template with sheet1.xml unpacking to about `mb` MB."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(build_template("en"), stamp=False)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with target.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head)
                chunk = ROW * (1 << 14)
                for _ in range(mb * (1 << 20) // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</sheetData>" + tail)
    return out.getvalue()


def measured(args: list[str]) -> tuple[float, float, int, str]:
    """Seconds, peak MB, exit code and output of `custdev ARGS` in a fresh process."""
    code = (
        "import sys, re\nfrom addin.cli import main\n"
        "try:\n    rc = main(sys.argv[1:])\nexcept SystemExit as e:\n    rc = e.code\n"
        "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1]\n"
        "print('PEAK', peak, 'RC', rc, file=sys.stderr)\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    seconds = time.perf_counter() - start
    last = done.stderr.strip().splitlines()[-1].split()
    said = (done.stdout + "\n".join(done.stderr.strip().splitlines()[:-1])).strip()
    return seconds, int(last[1]) / 1024, int(last[3]), said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_bomb_") as folder:
        path = Path(folder) / "bomb.xlsx"
        path.write_bytes(bomb(args.mb))
        with zipfile.ZipFile(path) as archive:
            size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
        print(f"{path.stat().st_size / 1e6:.2f} MB file, sheet unpacks to {size / 1e6:.0f} MB")
        for command in (["refresh", str(path), "--dry-run"], ["classify", str(path)]):
            seconds, peak, code, said = measured([*command, "--lang", "en"])
            print(f"  custdev {command[0]:8} exit {code}  {seconds:5.2f} s  peak {peak:5.0f} MB")
            print(f"    {said}")


if __name__ == "__main__":
    main()
