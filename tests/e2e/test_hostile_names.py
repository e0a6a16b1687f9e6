"""Rep names as they come from real exports: other Unicode spellings, invisible characters,
bidi controls, Windows device names and a rep literally called '(blank)'."""

from __future__ import annotations

import csv

from tests.e2e.test_cli import run, write_csv


def generated(tmp_path, capsys, reps: list[str | None]) -> tuple[list[str], dict[str, str]]:
    lines = ["Customer ID,Name,Rep,Annual sales"]
    lines += [f"C{i},Customer {i},{rep or ''},{100 + i}" for i, rep in enumerate(reps)]
    source = write_csv(tmp_path / "export.csv", lines)
    out = tmp_path / "reps"
    result = run(capsys, "generate", source, "--out", out, "--template", "en")
    assert result.code == 0, result.text
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {r["file"]: r["customers"] for r in csv.DictReader(file)}
    return sorted(p.name for p in out.glob("*.xlsx")), rows


def test_one_rep_spelled_in_nfc_and_nfd_gets_one_workbook(tmp_path, capsys):
    files, rows = generated(tmp_path, capsys, ["Jos\u00e9", "Jose\u0301", "Jos\u00e9"])

    assert files == ["Jos\u00e9.xlsx"] and rows == {"Jos\u00e9.xlsx": "3"}


def test_a_rep_called_blank_and_rows_without_a_rep_get_two_workbooks(tmp_path, capsys):
    files, rows = generated(tmp_path, capsys, ["(blank)", None, None])

    assert files == ["(blank) (2).xlsx", "(blank).xlsx"]
    assert rows == {"(blank).xlsx": "2", "(blank) (2).xlsx": "1"}


def test_file_names_drop_bidi_controls_and_escape_device_names(tmp_path, capsys):
    files, _ = generated(
        tmp_path, capsys, ["Invoice\u202eslx.exe", "CONIN$", "COM\u00b9", "Li\u200b"]
    )

    assert files == ["Invoiceslx.exe.xlsx", "Li.xlsx", "_COM\u00b9.xlsx", "_CONIN$.xlsx"]
