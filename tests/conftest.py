"""Shared test set-up."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from addin.domain.i18n import use_language
from tests.bytecode import keep_bytecode_aside
from tests.libreoffice import RENDERS, Rendered, skip_or_fail, soffice_available
from tests.soffice_guard import no_soffice, remove_stand_ins
from tests.solver_budget import full_budget, scaled_budget

pytest_plugins = ["tests.conformance.summary"]
keep_bytecode_aside()  # before the test modules are collected, and the workers start


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--conformance",
        action="store_true",
        help="also run the real-workbook conformance suite (marked conformance, minutes long; "
        "-m conformance or a path in tests/conformance asks for it too)",
    )


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Messages in English whatever the machine's locale; tests of Chinese ask for it."""
    with use_language("en"):
        yield


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Templates the tests build are cached in a folder of the run, not the user's (the CLI
    run in a subprocess inherits it). xdist's workers share one: each template is built once
    a run (the cache writes a temporary file and renames it, so two writers cannot clash)."""
    before = os.environ.get("CUSTDEV_CACHE_DIR")
    if os.environ.get("PYTEST_XDIST_WORKER"):  # basetemp is the run's folder/popen-gwN
        folder = tmp_path_factory.getbasetemp().parent / "cache"
        folder.mkdir(exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp("cache")
    os.environ["CUSTDEV_CACHE_DIR"] = str(folder)
    yield
    if before is None:
        os.environ.pop("CUSTDEV_CACHE_DIR", None)
    else:
        os.environ["CUSTDEV_CACHE_DIR"] = before


@pytest.fixture(autouse=True, scope="session")
def small_solver_budget() -> Iterator[None]:
    """Plans get 3% of the route solver's budget (tests/solver_budget.py says why)."""
    with scaled_budget():
        yield


@pytest.fixture
def fresh_solver() -> Iterator[None]:
    """The 3% of the budget, every problem solved anew: for tests about determinism."""
    with scaled_budget(remembered=False):
        yield


@pytest.fixture
def full_solver_budget() -> Iterator[None]:
    """The route solver's whole budget, for a test about how good the routes are."""
    with full_budget():
        yield


# --- LibreOffice: tests marked `libreoffice` skip without soffice, but fail in CI (CI=true). ---
# Tests not marked fail if they start soffice (set-up included, where shared renders are made).
@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    if item.get_closest_marker("libreoffice") and not soffice_available():
        skip_or_fail("LibreOffice (soffice) is not on PATH")
    with no_soffice(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with no_soffice(item):
        return (yield)


# --- xdist (-n auto; pyproject.toml asks for --dist loadgroup): tests sharing a costly fixture
# run on one worker, which makes it once: the LibreOffice tests (their renders), and the tests of
# a module that use a module-scoped fixture.
def pytest_itemcollected(item: pytest.Item) -> None:
    if not item.config.pluginmanager.hasplugin("xdist"):
        return
    if item.get_closest_marker("libreoffice"):
        item.add_marker(pytest.mark.xdist_group("libreoffice"))
        return
    info = getattr(item, "_fixtureinfo", None)
    shared = info.name2fixturedefs.values() if info else ()
    if any(defs[-1].scope in ("module", "package") for defs in shared):
        item.add_marker(pytest.mark.xdist_group(item.nodeid.partition("::")[0]))


_LIBREOFFICE_MODULES = pytest.StashKey[set[str]]()


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[_LIBREOFFICE_MODULES] = {
        item.module.__name__.rpartition(".")[2]
        for item in items
        if isinstance(item, pytest.Function) and item.get_closest_marker("libreoffice")
    }


@pytest.fixture(scope="session")
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """Every workbook kind the selected LibreOffice tests render (tests.libreoffice.render),
    built and converted once for the session, in one soffice call per format."""
    modules = request.config.stash.get(_LIBREOFFICE_MODULES, set())
    names = {name for name, kind in RENDERS.items() if kind.module in modules}
    return Rendered(tmp_path_factory.mktemp("rendered"), names)


def pytest_sessionfinish() -> None:
    remove_stand_ins()
