"""The template cache: a build is kept per language and Settings, a bad file is built again,
and a cache folder that cannot be written costs only time."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from addin import user_cache
from addin.api import classify_file
from addin.domain.settings import Settings
from addin.workbook import template_cache
from addin.workbook.atomic import workbook_bytes
from addin.workbook.template import build_template
from addin.workbook.template_cache import MAGIC, cache_folder, cache_key, template_bytes


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and no template kept in this process from an earlier test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CUSTDEV_CACHE_DIR", str(folder))
    monkeypatch.setattr(template_cache, "_built", {})
    yield folder


def kept(cache: Path) -> list[Path]:
    return sorted((cache / "templates").glob("*.bin"))


def fresh_process() -> None:
    """Forget the templates this process read, as a new run would not have them."""
    template_cache._built.clear()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cached_template_is_the_one_the_code_builds(cache: Path, lang: str) -> None:
    expected = workbook_bytes(build_template(lang), stamp=False)
    assert template_bytes(lang) == expected
    fresh_process()
    assert template_bytes(lang) == expected  # read from the file this time
    (path,) = kept(cache)
    assert path.read_bytes().endswith(expected)


def test_each_language_and_settings_get_their_own_file(cache: Path) -> None:
    red = Settings(color_a="C00000")
    template_bytes("en")
    template_bytes("zh")
    template_bytes("en", red)
    assert len(kept(cache)) == 3
    assert (
        len({cache_key("en", Settings()), cache_key("zh", Settings()), cache_key("en", red)}) == 3
    )
    with zipfile.ZipFile(BytesIO(template_bytes("en", red))) as archive:
        assert b"C00000" in archive.read("xl/styles.xml")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"PK\x03\x04 not a cache file at all",  # someone else's file
        lambda data: data[:-10] + b"0123456789",  # a changed byte: the hash no longer fits
        lambda data: MAGIC + bytes(32) + b"PK\x03\x04" + b"x" * 100,  # ours in shape, not hash
    ],
)
def test_a_damaged_or_foreign_cache_file_is_built_again_and_replaced(cache: Path, damage) -> None:
    good = template_bytes("en")
    (path,) = kept(cache)
    stored = path.read_bytes()
    path.write_bytes(damage(stored))
    fresh_process()
    assert template_bytes("en") == good
    assert path.read_bytes() == stored


def test_another_builds_file_under_this_builds_name_is_not_taken_for_it(cache: Path) -> None:
    plain = template_bytes("en")
    template_bytes("en", Settings(color_a="C00000"))
    path, other = sorted(kept(cache), key=lambda p: cache_key("en", Settings()) not in p.name)
    path.write_bytes(other.read_bytes())  # whole and well hashed, but for other Settings
    fresh_process()
    assert template_bytes("en") == plain


def test_builds_unused_for_a_month_go_when_a_new_one_is_kept(cache: Path) -> None:
    template_bytes("en")
    (old,) = kept(cache)
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(old, (month_ago, month_ago))
    template_bytes("zh")  # a new build kept: the old one is swept
    assert [p.name for p in kept(cache)] == [f"customers_zh_{cache_key('zh', Settings())}.bin"]
    fresh_process()
    template_bytes("zh")  # read, not built: it stays
    assert len(kept(cache)) == 1


def test_the_cache_folder_follows_the_platform_and_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CUSTDEV_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "custdev"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert cache_folder() == Path.home() / ".cache" / "custdev"
    monkeypatch.setenv("CUSTDEV_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"


def test_a_cache_folder_that_cannot_be_written_still_gives_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file where the folder should be: mkdir fails for root as well, unlike chmod.
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CUSTDEV_CACHE_DIR", str(blocked / "cache"))
    monkeypatch.setattr(template_cache, "_built", {})
    assert template_bytes("en") == workbook_bytes(build_template("en"), stamp=False)
    assert blocked.read_text() == "not a folder"
    assert not list(tmp_path.glob("**/*.tmp")) and not list(tmp_path.glob("**/.*"))


def test_a_classified_workbook_is_stamped_now_not_with_the_templates_build_time(
    cache: Path, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Customer ID,Name,Annual sales\nC1,A,100\nC2,B,5\n", encoding="utf-8")
    classify_file(source, tmp_path / "out.xlsx")
    props = openpyxl.load_workbook(tmp_path / "out.xlsx").properties
    assert props.created == dt.datetime(2026, 1, 1)
    assert dt.datetime.now() - props.modified < dt.timedelta(days=2)
    assert len(kept(cache)) == 1


def test_a_change_to_the_source_makes_a_new_key(tmp_path: Path, monkeypatch) -> None:
    # The key follows each source file's size and modification time, as a .pyc does.
    source = tmp_path / "addin"
    (source / "domain").mkdir(parents=True)
    (source / "api.py").write_text("ANSWER = 1\n")
    (source / "domain" / "rule.py").write_text("SHARE = 0.8\n")
    (source / "notes.txt").write_text("not code")
    monkeypatch.setattr(user_cache, "SOURCE", source)

    def key() -> str:
        user_cache.code_fingerprint.cache_clear()
        return cache_key("en", Settings())

    try:
        first = key()
        assert key() == first  # nothing changed
        (source / "notes.txt").write_text("still not code")
        assert key() == first
        rule = source / "domain" / "rule.py"
        rule.write_text("SHARE = 0.7\n")  # as long as before: its time tells
        os.utime(rule, ns=(rule.stat().st_atime_ns, rule.stat().st_mtime_ns + 1_000_000))
        second = key()
        assert second != first
        (source / "domain" / "more.py").write_text("")
        assert key() not in (first, second)
    finally:
        user_cache.code_fingerprint.cache_clear()
