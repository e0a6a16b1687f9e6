"""Every message a user can see exists in English and 简体中文, with the same blanks to fill."""

from __future__ import annotations

import string

import pandas as pd
import pytest

from addin.cli import main
from addin.domain.errors import MissingColumnError
from addin.domain.i18n import TEXTS, language_of, text, use_language
from addin.domain.messages import MESSAGES
from addin.domain.problems import Layout
from addin.domain.validation import validate_customers
from addin.excel.functions import CD_ABC
from tests.udf_harness import column, excel_call


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted({**TEXTS, **MESSAGES}))
def test_each_message_has_both_languages_with_the_same_placeholders(key):
    english, chinese = {**TEXTS, **MESSAGES}[key]
    assert english.strip() and chinese.strip()
    assert placeholders(english) == placeholders(chinese)


def test_a_missing_column_is_explained_in_chinese_when_chinese_is_in_force():
    frame = pd.DataFrame([["1", "甲"]], columns=["客户编号", "客户名称"], dtype=object)
    with use_language("zh"), pytest.raises(MissingColumnError) as error:
        validate_customers(frame, Layout("客户.xlsx", "客户"))
    assert "客户.xlsx，工作表“客户”：缺少“销售额”（Annual sales）列" in str(error.value)


def test_the_command_line_speaks_the_language_it_is_given(tmp_path, capsys):
    assert main(["classify", str(tmp_path / "无.csv"), "--lang", "zh"]) == 2
    assert capsys.readouterr().err.startswith("错误：")


def test_cell_errors_follow_the_language_in_force():
    with use_language("zh"):
        [[message]] = excel_call(CD_ABC, column(1.0, 2.0), 0.96, 0.95)
    assert message.startswith("错误：")


def test_the_language_of_a_workbook_is_read_from_its_names():
    assert language_of(["客户", "设置"]) == "zh"
    assert language_of(["Customers", "Settings"]) == "en"
    assert text("where.row", "zh", row=7) == "第 7 行"


def test_no_message_key_is_used_twice():
    assert not set(TEXTS) & set(MESSAGES)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_command_line_help_prints_in_both_languages(lang, capsys):
    with pytest.raises(SystemExit) as done:
        main(["classify", "--help", "--lang", lang])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert ("按业务员或区域分别分类" in out) == (lang == "zh")
