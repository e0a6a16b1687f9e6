"""Limits through the command line: what no workbook can hold, plans too long or on dates Excel
cannot show, and figures too large to add up, each one clear line and exit 2 (or a warning)."""

from __future__ import annotations

import csv
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.e2e.test_cli import REPO, offset_workbook, run, write_csv
from tests.workbooks import customers_book


class TooSlow(BaseException):
    """Raised in the test's own thread when a run exceeds its deadline (not caught by the CLI)."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop the block after `seconds` where signals allow it: a plan of 100,000 weeks would
    otherwise run for many minutes before failing."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(*_: object) -> None:
        raise TooSlow(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def small_csv(folder):
    return write_csv(folder / "c.csv", ["id,name,sales,rep", "1,A,100,Li", "2,B,50,Li"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_csv_wider_than_excel_is_refused_before_a_table_past_xfd_is_written(
    tmp_path, capsys, lang
):
    headers = ["Customer ID", "Name", "Annual sales"] + [f"c{i}" for i in range(4, 16_385)]
    source = tmp_path / "wide.csv"
    with source.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(headers)
        writer.writerows([f"C{r}", "n", r, *["x"] * (len(headers) - 3)] for r in range(5))

    result = run(capsys, "classify", source, "--lang", lang)

    assert result.code == 2
    assert "wide.csv" in result.err and "16,384" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wide.csv"]


def test_a_value_longer_than_a_cell_holds_is_refused_naming_its_line(tmp_path, capsys):
    source = write_csv(tmp_path / "c.csv", ["id,name,sales,notes", f"1,A,5,{'x' * 40_000}"])

    result = run(capsys, "classify", source)

    assert result.code == 2 and "column 'notes', line 2: 40,000 characters" in result.err


def test_a_value_quoted_over_many_short_lines_is_measured_whole(tmp_path, capsys):
    note = "\n".join(["y" * 99] * 400)  # 39,999 characters, no line longer than 100
    source = write_csv(tmp_path / "c.csv", ["id,name,sales,notes", f'1,A,5,"{note}"'])

    result = run(capsys, "classify", source)

    assert result.code == 2 and "column 'notes', line 2: 39,999 characters" in result.err


def test_a_rep_that_grows_past_a_cell_in_unicode_nfc_is_refused(tmp_path, capsys):
    rep = "\u0958" * 16_384  # Devanagari qa: two characters each in NFC
    source = write_csv(tmp_path / "c.csv", ["id,name,sales,rep", f"1,A,5,{rep}"])

    result = run(capsys, "classify", source)

    assert result.code == 2 and "column 'rep', line 2: 32,768 characters" in result.err


@pytest.mark.parametrize("command", ["plan", "generate"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_plan_of_more_than_52_weeks_is_refused_at_once(tmp_path, capsys, command, lang):
    out = ["--out", tmp_path / "o"] if command == "generate" else []

    with deadline(20):
        result = run(
            capsys, command, small_csv(tmp_path), *out, "--weeks", "100000", "--lang", lang
        )

    assert result.code == 2
    assert {"en": "1 to 52 weeks", "zh": "1 到 52 周"}[lang] in result.err


def test_plan_weeks_in_the_settings_sheet_beyond_52_names_the_cell(tmp_path, capsys):
    from openpyxl.worksheet.table import Table

    wb = customers_book([["C1", "A", 100]])
    ws = wb.create_sheet("Settings")
    for row in [["Key", "Value"], ["plan_weeks", 5000]]:
        ws.append(row)
    ws.add_table(Table(displayName="Settings", ref="A1:B2"))
    wb.save(tmp_path / "book.xlsx")

    result = run(capsys, "plan", tmp_path / "book.xlsx")

    assert result.code == 2
    assert "(plan_weeks)" in result.err and "1 to 52 weeks, not 5000" in result.err


@pytest.mark.parametrize("start", ["9999-12-27", "0001-01-01", "1899-12-31"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_plan_start_outside_1900_to_9998_is_refused_not_an_internal_error(
    tmp_path, capsys, start, lang
):
    result = run(capsys, "plan", small_csv(tmp_path), "--start", start, "--lang", lang)

    assert result.code == 2 and "internal error" not in result.err and "内部错误" not in result.err
    assert start in result.err and "9998-12-31" in result.err
    assert {"en": "outside the dates", "zh": "超出计划可用的日期范围"}[lang] in result.err


def test_a_plan_on_the_last_date_allowed_is_made(tmp_path, capsys):
    result = run(capsys, "plan", small_csv(tmp_path), "--start", "9998-12-28", "--weeks", "52")

    assert result.code == 0, result.text


def test_sales_of_1e308_are_a_warning_per_cell_not_numpy_runtime_warnings(tmp_path):
    source = offset_workbook(tmp_path / "customers.xlsx", 1e308)
    done = subprocess.run(
        [sys.executable, "-W", "default", "-m", "addin.cli", "classify", source],
        env={"PYTHONPATH": str(REPO), "CUSTDEV_LANG": "en", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "RuntimeWarning" not in done.stderr and "numpy" not in done.stderr
    assert done.stderr.count("warning:") == 1 and "10^15" in done.stderr
