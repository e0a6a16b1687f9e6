"""argparse's own words (usage, options, help of -h, its errors) speak the language of the run,
like custdev's own: `--lang zh` or CUSTDEV_LANG=zh gives Chinese help throughout."""

from __future__ import annotations

import argparse
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.argparse_i18n import argparse_language
from addin.domain.i18n import use_language
from addin.domain.messages import MESSAGES
from tests.e2e.test_cli import run, write_csv

ROOT = Path(__file__).resolve().parents[2]
ARGPARSE = {key: pair for key, pair in MESSAGES.items() if key.startswith("argparse.")}


def test_english_help_keeps_argparse_headings_as_they_are(capsys):
    result = run(capsys, "generate", "--help", "--lang", "en")

    assert "\npositional arguments:\n" in result.out and "\noptions:\n" in result.out
    assert "：" not in result.out


def test_chinese_help_has_no_english_words_of_argparse_left(capsys):
    result = run(capsys, "classify", "--help", "--lang", "zh")

    assert result.code == 0
    assert result.out.startswith("用法：custdev classify ")
    assert "\n选项：\n" in result.out and "\n位置参数：\n" in result.out  # a Chinese colon
    assert ":\n" not in result.out
    assert "-h, --help            显示此帮助信息并退出" in result.out
    for english in ("usage:", "options", "positional arguments", "show this help message"):
        assert english not in result.out


def test_with_custdev_lang_zh_argparse_errors_are_chinese_and_exit_with_2():
    env = {**os.environ, "CUSTDEV_LANG": "zh", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "addin.cli", "classify", "--method", "often", "x.csv"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("用法：custdev classify ")
    assert "custdev classify：错误：参数 --method：无效的选择：'often'（可选：" in done.stderr


def test_a_missing_argument_is_named_in_chinese(capsys):
    result = run(capsys, "former", "--lang", "zh")
    assert result.code == 2
    assert "错误：缺少以下必需参数：input, former" in result.err


def test_english_help_keeps_argparse_words_and_argparse_is_left_as_it_was(capsys):
    before = argparse._  # type: ignore[attr-defined]
    result = run(capsys, "classify", "--help", "--lang", "en")
    assert result.out.startswith("usage: custdev classify ")
    assert "show this help message and exit" in result.out
    assert argparse._ is before  # type: ignore[attr-defined]


def test_the_words_translated_are_the_ones_this_pythons_argparse_uses():
    source = inspect.getsource(argparse)
    for key in ("usage", "options", "help", "error", "required", "invalid_choice", "argument"):
        english = ARGPARSE[f"argparse.{key}"][0]
        assert repr(english)[1:-1] in source, key  # a new Python changed its words: add them


@pytest.mark.parametrize("key", sorted(ARGPARSE))
def test_each_argparse_translation_keeps_its_percent_placeholders(key):
    english, chinese = ARGPARSE[key]
    pattern = r"%(?:\(\w+\))?[sr]"
    assert sorted(re.findall(pattern, english)) == sorted(re.findall(pattern, chinese))


def test_a_parser_built_inside_the_block_speaks_chinese():
    with use_language("zh"), argparse_language():
        parser = argparse.ArgumentParser(prog="x")
        assert parser.format_help().startswith("用法：x [-h]")


def test_lang_before_the_command_gives_its_help_and_its_workbook_that_language(capsys, tmp_path):
    """`custdev --lang zh --help` was refused ('invalid choice: zh' for COMMAND)."""
    helped = run(capsys, "--lang", "zh", "--help")
    assert helped.code == 0 and helped.out.startswith("用法：custdev ")
    source = write_csv(
        tmp_path / "customers.csv",
        ["Customer ID,Name,Rep,Annual sales", "C1,One,Ann,100", "C2,Two,Ann,50"],
    )
    before, after = tmp_path / "before.xlsx", tmp_path / "after.xlsx"

    assert run(capsys, "--lang", "zh", "classify", source, "-o", before).code == 0
    assert run(capsys, "classify", source, "-o", after, "--lang", "zh").code == 0
    both = [load_workbook(path, read_only=True).sheetnames for path in (before, after)]
    assert both[0] == both[1] and any("\u4e00" <= ch <= "\u9fff" for ch in "".join(both[0]))
    english, plain = tmp_path / "english.xlsx", tmp_path / "plain.xlsx"  # the command's own wins
    assert run(capsys, "--lang", "zh", "classify", source, "-o", english, "--lang", "en").code == 0
    assert run(capsys, "classify", source, "-o", plain, "--lang", "en").code == 0
    names = [load_workbook(path, read_only=True).sheetnames for path in (english, plain)]
    assert names[0] == names[1] and "Customers" in names[0]
