"""The manifest a manager opens after `custdev generate`, and the advice for a workbook that is
open in Excel, which depends on what the command can do instead."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.test_cli import run, write_csv

EXPORT = ["id,name,rep,sales", "1,A,张伟,10", "2,B,张伟,n/a", "3,C,Wu,5"]


def manifest_rows(folder: Path) -> list[list[str]]:
    with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_generate_that_also_plans_counts_each_unreadable_cell_once(tmp_path, capsys):
    source = write_csv(tmp_path / "e.csv", EXPORT)
    out = tmp_path / "o"

    plan = ("--start", "2027-01-04", "--weeks", "2")
    assert run(capsys, "generate", source, "--out", out, *plan, "--lang", "en").code == 0

    header, *rows = manifest_rows(out)
    row = dict(zip(header, next(r for r in rows if r[0] == "张伟"), strict=True))
    assert row["problems"] == "1"
    assert (
        row["details"] == "e.csv, column 'sales', line 3: 'n/a' is not a number; it counts as blank"
    )
    assert "Visit Plan" in openpyxl.load_workbook(out / "张伟.xlsx").sheetnames


def test_under_lang_zh_the_manifest_csv_has_chinese_headers_and_statuses(tmp_path, capsys):
    source = write_csv(tmp_path / "e.csv", EXPORT)
    out = tmp_path / "o"

    assert run(capsys, "generate", source, "--out", out, "--lang", "zh").code == 0

    header, *rows = manifest_rows(out)
    assert header == ["分组", "文件", "状态", "客户数", "A类", "B类", "C类", "问题数", "问题详情"]
    assert {row[2] for row in rows} == {"成功"}
    document = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {f["status"] for f in document["files"]} == {"ok"}  # for scripts: stable keys


def test_refresh_of_a_workbook_open_in_excel_advises_closing_it_not_another_file(tmp_path, capsys):
    source = write_csv(tmp_path / "e.csv", EXPORT)
    run(capsys, "generate", source, "--out", tmp_path / "o")
    book = tmp_path / "o" / "Wu.xlsx"
    (book.parent / f"~${book.name}").write_bytes(b"")

    result = run(capsys, "refresh", book, "--lang", "en")

    assert result.code == 2
    assert result.err == (
        "error: Wu.xlsx is open in Excel (~$Wu.xlsx exists). Fix: close it in Excel (everyone "
        "who has it open), then run refresh again; nothing was changed.\n"
    )


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        (("classify", "{source}", "-o", "{target}"), "or write to another file with -o OUTPUT."),
        (("generate", "{source}", "--out", "{folder}"), "or write into another folder with --out."),
        (("demo", "--out", "{folder}", "--lang", "en"), "or write into another folder with --out."),
    ],
)
def test_a_new_file_open_in_excel_is_refused_with_the_commands_own_way_around(
    tmp_path, capsys, command, advice
):
    source = write_csv(tmp_path / "e.csv", EXPORT)
    folder = tmp_path / "o"
    folder.mkdir()
    for name in ("out.xlsx", "Wu.xlsx", "demo_classified_en.xlsx"):
        (folder / f"~${name}").write_bytes(b"")
    names = {"source": source, "target": folder / "out.xlsx", "folder": folder}

    result = run(capsys, *(part.format(**names) for part in command))

    assert result.code == 2
    assert "is open in Excel" in result.err and advice in result.err
