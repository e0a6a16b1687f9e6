"""CSV files in the encodings real exports use: detected with charset-normalizer, said when only
guessed (with a sample of the text as read), mixed files named line by line, --encoding wins."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from addin.api import read_customers
from addin.domain.errors import CustdevWarning, NotAWorkbookError, SettingsError
from addin.domain.i18n import use_language

GERMAN = "Customer ID;Name;Annual sales\nK1;Müller;1.234,50\nK2;Großhandel Krämer;99\n"
CHINESE = "客户编号,客户名称,销售额\nC1,张三,100\n"


def read(path: Path, data: bytes, **options: object) -> tuple[object, list[str]]:
    """The table read from `data` at `path`, and the custdev warnings said while reading."""
    path.write_bytes(data)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        table = read_customers(path, **options)  # type: ignore[arg-type]
    return table, [str(w.message) for w in said if issubclass(w.category, CustdevWarning)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_windows_1252_csv_reads_right_and_says_the_encoding_it_guessed(tmp_path, lang):
    with use_language(lang):
        table, said = read(tmp_path / "kunden.csv", GERMAN.encode("cp1252"))

    assert table.frame["name"].tolist() == ["Müller", "Großhandel Krämer"]
    assert table.frame["annual_sales"].tolist() == [1234.5, 99.0]
    assert len(said) == 1 and "Windows-1252" in said[0] and "K1;Müller;1.234,50" in said[0]
    assert {"en": "guessed", "zh": "推测"}[lang] in said[0]


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_a_short_chinese_csv_is_read_and_its_headers_make_the_encoding_certain(tmp_path, codec):
    table, said = read(tmp_path / "c.csv", CHINESE.encode(codec))

    assert table.frame["name"].tolist() == ["张三"]
    assert said == []


def test_a_chinese_csv_with_english_headers_says_it_read_gb18030_with_a_sample(tmp_path):
    text = "Customer ID,Name,Rep,Annual sales\nC1,深圳华南电子,王芳,100\nC2,北京宏达,李娜,50\n"

    table, said = read(tmp_path / "e.csv", text.encode("gbk"))

    assert table.frame["rep"].tolist() == ["王芳", "李娜"]
    assert len(said) == 1 and "GB18030" in said[0] and "C1,深圳华南电子,王芳,100" in said[0]


@pytest.mark.parametrize("end", ["\r\n", "\r", "\n"])
def test_the_sample_of_a_guess_is_the_first_line_not_ascii_counted_as_the_csv_module_does(
    tmp_path, end
):
    lines = ["Customer ID,Name,Rep,Annual sales", "C0,Plain,Li,1", "C1,深圳华南电子,王芳,100"]
    text = end.join([*lines, "C2," + "北" * 70 + ",李娜,50", ""])

    _, said = read(tmp_path / "e.csv", text.encode("gbk"))

    assert len(said) == 1 and "line 3 reads “C1,深圳华南电子,王芳,100”" in said[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_utf8_file_with_some_gbk_lines_names_them_and_reads_each_in_its_own(tmp_path, lang):
    lines = [b"Customer ID,Name,Annual sales\n", "C1,Zoë,100\n".encode()]
    lines += ["C2,张三,50\n".encode("gbk"), "C3,李娜,10\n".encode(), "C4,王芳,5\n".encode("gbk")]

    with use_language(lang):
        table, said = read(tmp_path / "mixed.csv", b"".join(lines))

    assert table.frame["name"].tolist() == ["Zoë", "张三", "李娜", "王芳"]
    assert len(said) == 1 and "3, 5" in said[0] and "C2,张三,50" in said[0]
    assert {"en": "not UTF-8", "zh": "不是 UTF-8"}[lang] in said[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_strict_refuses_a_file_mixing_encodings(tmp_path, lang):
    data = "id,name,sales\nC1,Zoë,1\n".encode() + "C2,张三,2\n".encode("gbk")

    with use_language(lang), pytest.raises(NotAWorkbookError) as raised:
        read(tmp_path / "mixed.csv", data, strict=True)

    assert "mixed.csv" in str(raised.value) and "3" in str(raised.value)
    assert {"en": "--strict", "zh": "--strict"}[lang] in str(raised.value)


def test_the_encoding_given_wins_over_the_detected_one(tmp_path):
    data = "Customer ID,Name,Annual sales\nC1,客戶,100\n".encode("big5")

    table, said = read(tmp_path / "tw.csv", data, encoding="big5")

    assert table.frame["name"].tolist() == ["客戶"] and said == []


def test_bytes_that_are_not_in_the_encoding_given_name_their_line(tmp_path):
    data = b"id,name,sales\nC1,A,1\nC2,\xff\xfe,2\n"

    with pytest.raises(NotAWorkbookError, match=r"t.csv, line 3: the text is not utf-8"):
        read(tmp_path / "t.csv", data, encoding="utf-8")


def test_an_encoding_python_does_not_know_is_refused(tmp_path):
    with pytest.raises(SettingsError, match="'klingon' is not an encoding"):
        read(tmp_path / "t.csv", b"id,name,sales\n1,a,2\n", encoding="klingon")


def test_unicode_text_saved_by_excel_utf16_with_its_mark_is_read(tmp_path):
    text = "客户编号\t客户名称\t销售额\r\nC1\t张三\t100\r\n"

    table, said = read(tmp_path / "unicode.txt.csv", text.encode("utf-16"))

    assert table.frame["name"].tolist() == ["张三"] and said == []
