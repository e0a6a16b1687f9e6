"""Render the README screenshots from the demo workbooks with LibreOffice (run by hand).

    python docs/screenshots.py   # writes docs/classified_en.png, docs/dashboard_zh.png ...

The shot shows the columns a rep looks at first; the workbook itself keeps every column.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from addin.api import write_demo
from addin.domain.schema import BY_KEY

DOCS = Path(__file__).resolve().parent
SHOWN = (
    "customer_id",
    "name",
    "rep",
    "city",
    "kind",
    "annual_sales",
    "stage",
    "follow_up",
    "abc_class",
    "segment",
)
ROWS = 28


def focused_copy(source: Path, target: Path, lang: str) -> None:
    """The demo workbook with only the SHOWN columns and the first ROWS rows printable."""
    workbook = load_workbook(source)
    sheet = workbook.worksheets[0]
    shown = {BY_KEY[k].label(lang) for k in SHOWN}
    for cell in sheet[1]:
        if cell.value not in shown:
            sheet.column_dimensions[cell.column_letter].hidden = True
    sheet.print_area = f"A1:{sheet.cell(1, sheet.max_column).column_letter}{ROWS}"
    for other in workbook.worksheets[1:]:
        shown_sheets = ("Summary", "ABC汇总", "Dashboard", "仪表板")
        other.sheet_state = "visible" if other.title in shown_sheets else "hidden"
    workbook.save(target)


def render(workbook: Path, out: Path, name: str) -> list[Path]:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(workbook)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / f"{workbook.stem}.pdf"
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf), str(out / name)], check=True)
    return sorted(out.glob(f"{name}*.png"))


def main() -> int:
    if not shutil.which("soffice"):
        print("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for lang in ("en", "zh"):
            write_demo(folder, lang, customers=120)
            focused = folder / f"shot_{lang}.xlsx"
            focused_copy(folder / f"demo_classified_{lang}.xlsx", focused, lang)
            pages = render(focused, folder, f"page_{lang}")
            for page, suffix in zip(pages, ("classified", "dashboard", "summary"), strict=False):
                shutil.copy(page, DOCS / f"{suffix}_{lang}.png")
                print(DOCS / f"{suffix}_{lang}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
