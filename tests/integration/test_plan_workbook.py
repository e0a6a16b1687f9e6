"""The plan workbook in LibreOffice: plan and calendar render with class colours, and the cards
and checklists print on A4 pages."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from addin.api import plan_file
from addin.domain.settings import Settings
from tests.libreoffice import convert, pixels_near, render_png, skip_or_fail

pytestmark = pytest.mark.libreoffice
A4 = (595, 842)  # points, upright; landscape is the same turned


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    csv = folder / "customers.csv"
    lines = ["Customer ID,Name,Rep,Kind,Annual sales,Latitude,Longitude,Contact,Interests"]
    lines += [
        f"C{i},Firm {i},Li,customer,{100000 // (i + 1)},{30.2 + i / 50:.3f},{120.1 + i / 70:.3f},"
        f"Ms Wang {i},tea"
        for i in range(10)
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, workbook = plan_file(csv, folder / "plan.xlsx", start=dt.date(2026, 3, 2), weeks=1)
    return convert(workbook, "pdf", folder / "pdf")


def pages(pdf: Path) -> list[tuple[str, tuple[int, int]]]:
    """Each page's text and its size in points, via Poppler."""
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        skip_or_fail("pdftotext/pdfinfo (poppler-utils) are not on PATH")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = [
        (round(float(line.split()[3])), round(float(line.split()[5])))
        for line in info.splitlines()
        if line.startswith("Page") and "size:" in line
    ]
    texts = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, len(sizes) + 1)
    ]
    return list(zip(texts, sizes, strict=True))


def first_page(all_pages: list[tuple[str, tuple[int, int]]], words: str) -> int:
    return next(i for i, (content, _) in enumerate(all_pages) if words in content)


def test_the_plan_and_the_week_calendar_render_with_class_colours(plan_pdf, tmp_path):
    all_pages = pages(plan_pdf)
    pngs = render_png(plan_pdf, tmp_path / "png", dpi=50)
    colour_a = Settings().color_a
    for title in ("Visit plan 2026-03-02", "Week of 2026-03-02: Li"):
        page = first_page(all_pages, title)
        assert pixels_near(pngs[page], colour_a) > 200, title
        assert all_pages[page][1] == A4[::-1]  # landscape


@pytest.mark.parametrize("title", ["Customer card 客户卡", "Before going out 出发前检核"])
def test_cards_and_checklists_print_on_upright_a4_pages(plan_pdf, title):
    all_pages = pages(plan_pdf)
    printed = [size for content, size in all_pages if title in content]
    assert printed and all(size == A4 for size in printed)


def test_each_visit_day_has_its_own_checklist_page(plan_pdf):
    checklists = [c for c, _ in pages(plan_pdf) if "Before going out" in c]
    assert len(checklists) == 5  # one rep, five working days with visits
    assert all(c.count("☐") == 17 for c in checklists)
