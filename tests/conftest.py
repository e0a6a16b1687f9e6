"""Shared test set-up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from addin.domain.i18n import use_language
from tests.libreoffice import skip_or_fail, soffice_available


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Messages in English whatever the machine's locale; tests of Chinese ask for it."""
    with use_language("en"):
        yield


# --- LibreOffice: tests marked `libreoffice` skip without soffice, but fail in CI (CI=true). ---
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("libreoffice") and not soffice_available():
        skip_or_fail("LibreOffice (soffice) is not on PATH")
