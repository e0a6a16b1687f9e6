"""File names made from rep and region names: safe on Windows and macOS, Chinese kept."""

from __future__ import annotations

import pytest

from addin.domain.filenames import MAX_BYTES, safe_stem, unique_stems


def test_chinese_names_are_kept_as_they_are():
    assert safe_stem("张伟") == "张伟"
    assert safe_stem("华南 区域") == "华南 区域"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Smith/Jones", "Smith_Jones"),
        ('a<b>c:d"e\\f|g?h*i', "a_b_c_d_e_f_g_h_i"),
        ("tab\there", "tab here"),
        ("trailing dots...", "trailing dots"),
        ("  spaced  ", "spaced"),
        ("CON", "_CON"),
        ("lpt1.report", "_lpt1.report"),
        ("~$owner", "_owner"),
        (".hidden", "_hidden"),
        ("", "_"),
        ("???", "___"),
    ],
)
def test_characters_and_names_windows_refuses_are_replaced(name, stem):
    assert safe_stem(name) == stem


def test_long_names_are_cut_on_a_character_boundary():
    stem = safe_stem("客" * 200)
    assert len(stem.encode("utf-8")) <= MAX_BYTES
    assert set(stem) == {"客"}


def test_names_that_differ_only_in_case_get_distinct_files():
    stems = unique_stems(["Li", "LI", "li", "a/b", "a_b"])
    assert stems == {"Li": "Li", "LI": "LI (2)", "li": "li (3)", "a/b": "a_b", "a_b": "a_b (2)"}


def test_decomposed_accents_from_macos_become_one_name():
    assert safe_stem("Jose\u0301") == "Jos\u00e9"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Invoice\u202eslx.exe", "Invoiceslx.exe"),  # would show as 'Invoiceexe.xlsx'
        ("\u202bعلي\u202c", "علي"),
        ("Li\u200bNa", "LiNa"),  # zero-width space
        ("\ufeffZhang", "Zhang"),  # a byte-order mark pasted in
        ("soft\u00adhyphen", "softhyphen"),
        ("\u2066Wang\u2069", "Wang"),
        ("\u3164", "_"),  # a Hangul filler shows as nothing
        ("Zh\u0085ang", "Zh ang"),  # NEL is a line break
    ],
)
def test_invisible_and_bidi_characters_are_dropped(name, stem):
    assert safe_stem(name) == stem


@pytest.mark.parametrize(
    "name",
    ["CONIN$", "conout$", "CLOCK$", "COM\u00b9", "LPT\u00b3", "com\u00b2.xlsx", "NUL .x", "Aux"],
)
def test_every_windows_device_name_is_escaped(name):
    assert safe_stem(name).startswith("_")


def test_a_rep_really_called_blank_does_not_take_the_blank_groups_file():
    stems = unique_stems(["(blank)", "", "Li"])
    assert stems == {"(blank)": "(blank) (2)", "": "(blank)", "Li": "Li"}
