"""Shared test set-up."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from addin.domain.i18n import use_language
from tests.libreoffice import skip_or_fail, soffice_available


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Messages in English whatever the machine's locale; tests of Chinese ask for it."""
    with use_language("en"):
        yield


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Templates the tests build are cached in a folder of the run, not the user's (the CLI
    run in a subprocess inherits it)."""
    before = os.environ.get("CUSTDEV_CACHE_DIR")
    os.environ["CUSTDEV_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("CUSTDEV_CACHE_DIR", None)
    else:
        os.environ["CUSTDEV_CACHE_DIR"] = before


# --- LibreOffice: tests marked `libreoffice` skip without soffice, but fail in CI (CI=true). ---
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("libreoffice") and not soffice_available():
        skip_or_fail("LibreOffice (soffice) is not on PATH")
