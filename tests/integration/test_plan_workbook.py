"""The plan workbook in LibreOffice: plan and calendar render with class colours, route sheets
and cards print on A4 pages, a rep-day never splits over two pages, and the demo's plan of 240
customers prints in under 60 pages in either language."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from addin.api import DEMO_PLAN_START, plan_file
from addin.domain.i18n import text
from addin.domain.settings import Settings
from tests.libreoffice import Rendered, pixels_near, render, skip_or_fail
from tests.workbooks import demo_folder

A4 = (595, 842)  # points, upright; landscape is the same turned
PLAN_SHEETS = ("plan", "unscheduled", "week", "month", "manager", "touches", "cards", "checklist")


DAYS: list[int] = []
"""The number of rep-days of the one-week plan, as its build found it."""


def one_week_plan(folder: Path) -> Path:
    """A one-week plan for ten customers of one rep."""
    csv = folder / "customers.csv"
    lines = ["Customer ID,Name,Rep,Kind,Annual sales,Latitude,Longitude,Contact,Interests"]
    lines += [
        f"C{i},Firm {i},Li,customer,{100000 // (i + 1)},{30.2 + i / 200:.3f},{120.1 + i / 250:.3f},"
        f"Ms Wang {i},tea"
        for i in range(10)
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, workbook = plan_file(csv, folder / "plan.xlsx", start=dt.date(2026, 3, 2), weeks=1)
    DAYS.append(len(report.plan.days))
    return workbook


def demo_plan_sheets(lang: str, folder: Path) -> Path:
    """The plan's sheets of the demo's plan workbook (240 customers), without the others: the
    customer table prints on its own."""
    book = openpyxl.load_workbook(demo_folder(lang) / f"demo_plan_{lang}.xlsx")
    plan = {text(f"sheet.{key}", lang) for key in PLAN_SHEETS}
    for sheet in [ws for ws in book.worksheets if ws.title not in plan]:
        book.remove(sheet)
    assert len(book.worksheets) == len(PLAN_SHEETS)
    book.save(folder / "plan_sheets.xlsx")
    return folder / "plan_sheets.xlsx"


render("plan_one_week", one_week_plan, "pdf")
for _lang in ("en", "zh"):
    render(f"demo_plan_sheets_{_lang}", functools.partial(demo_plan_sheets, _lang), "pdf")


@pytest.fixture(scope="module")
def plan_pdf(rendered: Rendered) -> Path:
    return rendered.pdf("plan_one_week")


@pytest.fixture(scope="module")
def planned(plan_pdf: Path) -> tuple[Path, int]:
    """The one-week plan as a PDF, and its number of rep-days."""
    [days] = DAYS
    return plan_pdf, days


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


@pytest.mark.libreoffice
def test_the_plan_and_the_week_calendar_render_with_class_colours(plan_pdf, rendered):
    all_pages = pages(plan_pdf)
    pngs = rendered.pngs("plan_one_week", dpi=50)
    colour_a = Settings().color_a
    for title in ("Visit plan 2026-03-02", "Week of 2026-03-02: Li"):
        page = first_page(all_pages, title)
        assert pixels_near(pngs[page], colour_a) > 200, title
        assert all_pages[page][1] == A4[::-1]  # landscape


@pytest.mark.libreoffice
@pytest.mark.parametrize("title", ["Visits in this plan", "Route sheet 出发前检核"])
def test_cards_and_route_sheets_print_on_upright_a4_pages(plan_pdf, title):
    printed = [size for content, size in pages(plan_pdf) if title in content]
    assert printed and all(size == A4 for size in printed)


@pytest.mark.libreoffice
def test_each_visit_day_has_a_route_sheet_that_stays_on_one_page(planned):
    pdf, days = planned
    sheets = [c for c, _ in pages(pdf) if "Route sheet" in c]
    titles = sum(c.count("Route sheet 出发前检核") for c in sheets)
    assert titles == days > 1  # one per rep-day
    for content in sheets:  # every rep-day on the page has all 17 boxes of its checklist
        assert content.count("☐ ") >= 17 * content.count("Route sheet 出发前检核")
    assert len(sheets) == 1  # they share a page


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_plan_of_240_customers_prints_in_under_60_pages(rendered, lang):
    printed = pages(rendered.pdf(f"demo_plan_sheets_{lang}"))
    assert len(printed) < 60
    route = [c for c, _ in printed if text("checklist.title", lang, rep="", date="")[:4] in c]
    days = sum(c.count(text("checklist.title", lang, rep="", date="")[:6]) for c in route)
    assert days > len(route)  # several rep-days a page, never one per visit


def test_the_demo_plan_starts_the_monday_after_its_data():
    assert DEMO_PLAN_START.weekday() == 0
    assert dt.date(2026, 11, 2) == DEMO_PLAN_START
