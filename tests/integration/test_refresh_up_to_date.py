"""A workbook refresh would leave as it is, is not rewritten; refreshed again with nothing changed
(same package, options, code and day), the answer comes from the user cache folder at once, with
the same report. Anything else does the whole refresh."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from addin.adapters.package import PackageBook
from addin.api import RunOptions, refresh_file
from addin.domain.errors import WorkbookLockedError
from addin.domain.i18n import use_language
from addin.domain.planning.plan import PlanOptions
from addin.up_to_date import FOLDER, MAGIC, KeptReport, UpToDate
from addin.user_cache import keep

ROOT = Path(__file__).resolve().parents[2]
SALES = [900_000, 50_000, 30_000, "lots", 10_000, 400_000]
"""Annual sales of the customers; 'lots' is a cell refresh cannot use (a warning)."""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CUSTDEV_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def book(tmp_path: Path, cache: Path) -> Path:
    """A small workbook with Customers (one unusable sales cell) and Settings tables."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(["Customer ID", "Name", "Annual sales"])
    for i, sales in enumerate(SALES, start=1):
        ws.append([f"C{i}", f"Customer {i}", sales])
    ws.add_table(Table(displayName="Customers", ref=f"A1:C{len(SALES) + 1}"))
    settings = wb.create_sheet("Settings")
    for row in (["Key", "Setting", "Value"], ["a_share", "A share", 0.8], ["b_share", "B", 0.95]):
        settings.append(row)
    settings.add_table(Table(displayName="Settings", ref="A1:C3"))
    path = tmp_path / "books" / "customers.xlsx"
    path.parent.mkdir()
    wb.save(path)
    return path


def recalled(report) -> bool:
    """Whether the report came from the cache folder rather than from reading the workbook."""
    return isinstance(report.reports[0], KeptReport)


def entries(cache: Path) -> list[Path]:
    return sorted((cache / FOLDER).glob("*.bin"))


def said(report) -> tuple[object, ...]:
    return report.problems, report.message(), report.describe_problems()


@pytest.mark.parametrize(("first", "second"), [("en", "en"), ("zh", "zh"), ("en", "zh")])
def test_a_second_refresh_leaves_the_file_alone_and_says_what_the_first_said(
    book, tmp_path, monkeypatch, first, second
):
    with use_language(first):
        refresh_file(book)
    data, stamp, files = book.read_bytes(), book.stat().st_mtime_ns, sorted(book.parent.iterdir())

    with use_language(second):
        again, backup = refresh_file(book, backup=True)
        recalled_said = said(again)
        monkeypatch.setenv("CUSTDEV_CACHE_DIR", str(tmp_path / "empty"))
        full, _ = refresh_file(book)  # the whole work, as a cache folder without the entry
        full_said = said(full)

    assert recalled(again) and again.up_to_date and backup is None
    assert book.read_bytes() == data and book.stat().st_mtime_ns == stamp
    assert sorted(book.parent.iterdir()) == files  # no backup: nothing was replaced
    assert not recalled(full) and full.up_to_date  # refresh is a fixed point: nothing to write
    problems, message, described = recalled_said
    assert recalled_said == full_said and len(problems) == 1 and "'lots'" in described
    chinese = second == "zh"
    assert ("个客户" in message) == chinese and ("第 5 行" in described) == chinese


def test_a_refresh_with_nothing_to_change_does_not_rewrite_the_file(book, tmp_path, monkeypatch):
    refresh_file(book)
    data, stamp, files = book.read_bytes(), book.stat().st_mtime_ns, sorted(book.parent.iterdir())
    monkeypatch.setenv("CUSTDEV_CACHE_DIR", str(tmp_path / "empty"))

    report, backup = refresh_file(book, backup=True)

    assert not recalled(report) and report.up_to_date and backup is None
    assert book.read_bytes() == data and book.stat().st_mtime_ns == stamp
    assert sorted(book.parent.iterdir()) == files


def test_a_refresh_that_writes_says_so_and_keeps_a_backup(book):
    report, backup = refresh_file(book, backup=True)
    assert not report.up_to_date and backup is not None and backup.exists()


def edit_a_cell_with_openpyxl(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    wb["Customers"]["C2"] = 800_000
    wb.save(path)


def edit_a_cell_with_the_package_editor(path: Path) -> None:
    edited = PackageBook.open(path)
    edited.write_column("Customers", "Annual sales", [*SALES[:-1], 500_000])
    path.write_bytes(edited.to_bytes())


def change_a_setting(path: Path) -> None:
    edited = PackageBook.open(path)
    edited.write_column("Settings", "Value", [0.7, 0.95])
    path.write_bytes(edited.to_bytes())


def add_a_part(path: Path) -> None:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("customXml/item1.xml", "<note>added by another tool</note>")


@pytest.mark.parametrize(
    "change",
    [edit_a_cell_with_openpyxl, edit_a_cell_with_the_package_editor, change_a_setting, add_a_part],
)
def test_any_change_to_the_workbook_brings_the_whole_refresh(book, cache, change):
    refresh_file(book)
    change(book)

    report, _ = refresh_file(book)

    assert not recalled(report)
    assert recalled(refresh_file(book)[0])  # and is remembered in turn
    assert len(entries(cache)) == 2


def test_other_options_another_name_or_another_day_bring_the_whole_refresh(book, cache):
    first, _ = refresh_file(book)
    renamed = book.with_name("renamed.xlsx")
    shutil.copy(book, renamed)
    options = RunOptions(overrides={"a_share": 0.7})

    assert not recalled(refresh_file(book, options=options, dry_run=True)[0])
    assert not recalled(refresh_file(renamed)[0])  # its warnings name the file
    assert recalled(refresh_file(book)[0])

    shutil.rmtree(cache)  # kept on another day only: a plan or staleness could differ today
    yesterday = dt.date.today() - dt.timedelta(days=1)
    UpToDate(book.name, RunOptions().described(), yesterday).remember(book.read_bytes(), first)
    assert not recalled(refresh_file(book)[0])
    assert recalled(refresh_file(book)[0])  # today's entry, kept by the refresh just done


def test_how_a_plan_is_run_is_not_part_of_the_key_but_what_it_plans_is():
    start = dt.date(2026, 3, 2)

    def described(**options) -> str:
        return RunOptions(plan_start=start, **options).described()

    assert described(planning=PlanOptions(mapper=map)) == described(planning=PlanOptions())
    assert described(planning=PlanOptions(progress=print)) == described(planning=PlanOptions())
    assert described(planning=PlanOptions(quick=True)) != described(planning=PlanOptions())
    assert described() != RunOptions(plan_start=start + dt.timedelta(days=7)).described()
    assert described(strict=True) != described()


def test_a_dry_run_may_answer_from_the_cache_and_writes_nothing(book):
    refresh_file(book)
    data = book.read_bytes()

    report, backup = refresh_file(book, dry_run=True, backup=True)

    assert recalled(report) and backup is None and book.read_bytes() == data


def test_a_workbook_open_in_excel_is_refused_even_when_it_is_up_to_date(book):
    refresh_file(book)
    (book.parent / f"~${book.name}").write_bytes(b"owner")

    with pytest.raises(WorkbookLockedError, match="is open in Excel"):
        refresh_file(book)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"PK\x03\x04 not a cache file at all",  # someone else's file
        lambda data: data[:-3] + b"xyz",  # a changed byte: the hash no longer fits
        lambda data: MAGIC + bytes(32) + b"{}",  # ours in shape, not in hash
    ],
)
def test_a_damaged_or_foreign_entry_brings_the_whole_refresh_and_is_replaced(book, cache, damage):
    first, _ = refresh_file(book)
    (path,) = entries(cache)
    stored = path.read_bytes()
    path.write_bytes(damage(stored))

    report, _ = refresh_file(book)

    assert not recalled(report) and said(report) == said(first)
    assert path.read_bytes() == stored


@pytest.mark.parametrize("body", [b"not json", b'{"problems": 1}', b"[]", b'{"messages": {}}'])
def test_an_entry_another_version_wrote_under_the_same_key_brings_the_whole_refresh(
    book, cache, body
):
    refresh_file(book)
    (path,) = entries(cache)
    keep(path, MAGIC, path.stem, body)  # well hashed, but not what this version keeps

    assert not recalled(refresh_file(book)[0])
    assert recalled(refresh_file(book)[0])


def test_a_cache_folder_that_cannot_be_written_costs_only_the_work(book, tmp_path, monkeypatch):
    blocked = tmp_path / "a_file"  # a file where the folder should be: root cannot mkdir either
    blocked.write_text("not a folder")
    monkeypatch.setenv("CUSTDEV_CACHE_DIR", str(blocked / "cache"))

    first, _ = refresh_file(book)
    again, _ = refresh_file(book)

    assert not recalled(again) and again.up_to_date and said(again) == said(first)
    assert blocked.read_text() == "not a folder"


def test_a_cache_folder_that_cannot_be_read_costs_only_the_work(book, cache):
    refresh_file(book)
    (path,) = entries(cache)
    path.unlink()
    path.mkdir()  # reading it fails (IsADirectoryError), even for root

    report, _ = refresh_file(book)

    assert not recalled(report) and report.up_to_date


def test_other_code_brings_the_whole_refresh(book, cache, tmp_path):
    """custdev's source run from elsewhere hits the entry; the same with one line changed
    does the whole refresh (and keeps an entry of its own)."""
    refresh_file(book)
    same, changed = tmp_path / "same", tmp_path / "changed"
    for copy in (same, changed):
        shutil.copytree(ROOT / "addin", copy / "addin", ignore=shutil.ignore_patterns("__py*"))
    with (changed / "addin" / "domain" / "messages.py").open("a") as source:
        source.write("# a new release\n")

    def refresh_with(code: Path) -> str:
        env = {**os.environ, "PYTHONPATH": str(code)}
        done = subprocess.run(
            [sys.executable, "-m", "addin.cli", "refresh", str(book), "--lang", "en"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=code,  # `-m` puts the working folder first on the path
        )
        return done.stdout

    assert "already up to date" in refresh_with(same) and len(entries(cache)) == 1
    assert "already up to date" in refresh_with(changed) and len(entries(cache)) == 2


def test_a_date_where_sales_belong_is_recalled_as_the_same_date(book):
    wb = openpyxl.load_workbook(book)
    wb["Customers"]["C3"] = dt.datetime(2024, 1, 5, 9, 30)
    wb.save(book)
    first, _ = refresh_file(book)

    again, _ = refresh_file(book)

    assert recalled(again) and said(again) == said(first)
    assert [type(p.value) for p in again.problems] == [dt.datetime, str]
