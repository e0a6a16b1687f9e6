"""No command writes over a file it read, nor over a file it did not make in this run unless
--force says so: a clash is one clear line, exit 2, and every file stays as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from addin.domain.i18n import use_language
from tests.e2e.test_cli import HEADER, fingerprint, offset_workbook, run, write_csv
from tests.formula_scan import formula_fields


def reps_export(folder: Path, *reps: str) -> Path:
    lines = [HEADER] + [f"C{i},客户{i},{rep},客户,{1000 * (i + 1)}," for i, rep in enumerate(reps)]
    return write_csv(folder / "export.csv", lines)


def fingerprints(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: fingerprint(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_generate_refuses_to_write_a_reps_workbook_over_its_own_input(tmp_path, capsys, lang):
    source = offset_workbook(tmp_path / "张伟.xlsx", 1000)  # and 张伟 is one of its reps
    before = fingerprints(tmp_path)

    result = run(capsys, "generate", source, "--out", tmp_path, "--lang", lang)

    assert result.code == 2, result.text
    said = {"en": "never writes over a file it reads", "zh": "从不覆盖它读取的文件"}[lang]
    assert said in result.err and "张伟.xlsx" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert fingerprints(tmp_path) == before


def test_generate_refuses_to_write_its_manifest_over_an_export_called_manifest(tmp_path, capsys):
    source = reps_export(tmp_path, "张伟").rename(tmp_path / "manifest.csv")
    before = fingerprints(tmp_path)

    result = run(capsys, "generate", source, "--out", tmp_path)

    assert result.code == 2 and "manifest.csv" in result.err
    assert fingerprints(tmp_path) == before


def test_generate_refuses_to_write_over_its_own_template(tmp_path, capsys):
    template = tmp_path / "李娜.xlsx"
    run(capsys, "templates", "--out", tmp_path / "t")
    (tmp_path / "t" / "customers_zh.xlsx").rename(template)
    source = reps_export(tmp_path / "in", "李娜")
    before = fingerprint(template)

    result = run(capsys, "generate", source, "--out", tmp_path, "--template", template, "--force")

    assert result.code == 2 and "the template" in result.err
    assert fingerprint(template) == before


def test_generate_replaces_the_workbooks_of_an_earlier_run_only_with_force(tmp_path, capsys):
    source = reps_export(tmp_path, "张伟", "李娜")
    out = tmp_path / "reps"
    assert run(capsys, "generate", source, "--out", out).code == 0
    (out / "张伟.xlsx").write_bytes(b"the rep's own work since")
    before = fingerprints(out)

    again = run(capsys, "generate", source, "--out", out)

    assert again.code == 2
    assert "4 file(s) this run would write already exist" in again.err and "--force" in again.err
    assert fingerprints(out) == before
    forced = run(capsys, "generate", source, "--out", out, "--force")
    assert forced.code == 0, forced.text
    assert (out / "张伟.xlsx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("command", "default"),
    [
        ("classify", "customers_classified.xlsx"),
        ("pipeline", "customers_pipeline.xlsx"),
        ("plan", "customers_plan.xlsx"),
    ],
)
def test_a_default_output_that_exists_is_replaced_only_with_force(
    tmp_path, capsys, command, default
):
    source = offset_workbook(tmp_path / "customers.xlsx", 1000)
    existing = tmp_path / default
    existing.write_bytes(b"someone's file")

    refused = run(capsys, command, source)

    assert refused.code == 2
    assert f"{existing} already exists" in refused.err and "--force" in refused.err
    assert existing.read_bytes() == b"someone's file"
    assert run(capsys, command, source, "--force").code == 0
    assert existing.read_bytes().startswith(b"PK")


def test_an_output_named_with_o_may_be_replaced(tmp_path, capsys):
    source = offset_workbook(tmp_path / "customers.xlsx", 1000)
    named = tmp_path / "mine.xlsx"
    named.write_bytes(b"old")

    assert run(capsys, "classify", source, "-o", named).code == 0
    assert named.read_bytes().startswith(b"PK")


def test_former_never_writes_over_the_list_of_former_customers(tmp_path, capsys):
    source = offset_workbook(tmp_path / "customers.xlsx", 1000)
    former = offset_workbook(tmp_path / "former.xlsx", 5)
    before = fingerprint(former)

    result = run(capsys, "former", source, former, "-o", former, "--force")

    assert result.code == 2 and "the former customers list" in result.err
    assert fingerprint(former) == before


@pytest.mark.parametrize("out", [None, "."], ids=["no --out", "--out ."])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_templates_refuses_to_replace_a_filled_in_template(
    tmp_path, capsys, monkeypatch, out, lang
):
    monkeypatch.chdir(tmp_path)
    filled = tmp_path / "customers_en.xlsx"
    filled.write_bytes(b"a template a rep has filled in")

    with use_language(lang):  # templates has no --lang: the language in force speaks
        result = run(capsys, "templates", *(["--out", out] if out else []))

    assert result.code == 2
    assert "customers_en.xlsx" in result.err
    assert {"en": "already exists", "zh": "已存在"}[lang] in result.err
    assert filled.read_bytes() == b"a template a rep has filled in"
    assert not (tmp_path / "customers_zh.xlsx").exists()  # nothing written, not half of it
    assert run(capsys, "templates", "--force").code == 0
    assert filled.read_bytes().startswith(b"PK")


def test_demo_refuses_to_replace_files_in_its_folder(tmp_path, capsys):
    out = tmp_path / "demo"
    assert run(capsys, "demo", "--out", out, "--lang", "en", "--customers", "20").code == 0
    before = fingerprints(out)

    result = run(capsys, "demo", "--out", out, "--lang", "en", "--customers", "20")

    assert result.code == 2 and "already exist" in result.err
    assert fingerprints(out) == before


def test_a_rep_whose_name_is_a_formula_is_text_in_the_csv_manifest_and_raw_in_the_json(
    tmp_path, capsys
):
    rep = "=cmd|' /C calc'!A0"
    source = reps_export(tmp_path, rep, "+1+1", "@SUM(1,2)", "-2+3")

    result = run(capsys, "generate", source, "--out", tmp_path / "reps")

    assert result.code == 0, result.text
    assert formula_fields(tmp_path / "reps" / "manifest.csv") == []
    text = (tmp_path / "reps" / "manifest.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text
    document = json.loads((tmp_path / "reps" / "manifest.json").read_text(encoding="utf-8"))
    assert rep in {f["group"] for f in document["files"]}


def test_an_os_level_write_failure_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    import errno

    from addin.workbook import atomic

    source = offset_workbook(tmp_path / "customers.xlsx", 1000)

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    result = run(capsys, "classify", source, "--lang", "zh")

    assert result.code == 2
    assert "磁盘已满" in result.err and len(result.err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.xlsx"]
