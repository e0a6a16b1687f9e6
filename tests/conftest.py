"""Shared test set-up."""

from __future__ import annotations

import pytest

from tests.libreoffice import skip_or_fail, soffice_available


# --- LibreOffice: tests marked `libreoffice` skip without soffice, but fail in CI (CI=true). ---
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("libreoffice") and not soffice_available():
        skip_or_fail("LibreOffice (soffice) is not on PATH")
