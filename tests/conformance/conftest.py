"""The conformance suite runs when asked (it takes minutes, and the inner loop must not): with
--conformance, a -m expression naming it, or a path inside tests/conformance. The sample
re-saved by LibreOffice is converted in the background while the other spellings run."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conformance.corpus import SAMPLE, Resaving, every_nth, excel_files, soffice_here
from tests.conformance.summary import OUTCOME
from tests.libreoffice import skip_or_fail

HERE = Path(__file__).resolve().parent
_RESAVING: list[Resaving] = []
"""The one conversion of the session, started when the collected tests need it."""


def asked_for(config: pytest.Config) -> bool:
    """Whether this run asked for the conformance suite, by option, mark or path."""
    if config.getoption("conformance") or re.search(r"\bconformance\b", config.option.markexpr):
        return True
    here = config.invocation_params.dir
    return any(
        (here / arg.partition("::")[0]).resolve().is_relative_to(HERE) for arg in config.args
    )


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the suite out unless asked for. Else start re-saving the sample with LibreOffice
    now when a selected test needs it: the conversion (minutes: one file with a comment at
    XFD1048576 alone takes LibreOffice three) then overlaps the other spellings, which run
    first. Its own profile keeps other soffice calls of the session from queueing behind it.
    An xdist worker leaves it to the fixture: every worker collects every test, so each would
    start one, and the other workers keep both cores busy anyway."""
    if not asked_for(config):
        left_out = [item for item in items if item.get_closest_marker("conformance")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not item.get_closest_marker("conformance")]
        return
    if hasattr(config, "workerinput"):
        return
    if soffice_here() and any(item.nodeid.endswith("-libreoffice]") for item in items):
        _start_resaving()


def _start_resaving() -> Resaving:
    folder = Path(tempfile.mkdtemp(prefix="custdev_resaved_"))
    sample = every_nth(excel_files(), SAMPLE)
    _RESAVING.append(Resaving(sample, folder / "out", profile_dir=folder / "profile"))
    return _RESAVING[0]


def pytest_sessionfinish(session: pytest.Session) -> None:
    for resaving in _RESAVING:
        resaving.stop()  # done, unless the session was cut short; then its folder goes
        shutil.rmtree(resaving.outdir.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def resaved_by_libreoffice() -> dict[str, Path]:
    """Name -> the sample file re-saved by LibreOffice (those it could convert)."""
    if not soffice_here():
        skip_or_fail("LibreOffice (soffice) is not on PATH")
    return (_RESAVING[0] if _RESAVING else _start_resaving()).found()


@pytest.fixture(autouse=True)
def outcomes_in_the_report(request: pytest.FixtureRequest) -> Iterator[None]:
    """The outcomes a test noted go into its report (user_properties), where the summary
    (tests/conformance/summary.py) finds them, also from an xdist worker."""
    from tests.conformance.test_real_workbooks import OUTCOMES

    before = len(OUTCOMES)
    yield
    request.node.user_properties.extend((OUTCOME, noted) for noted in OUTCOMES[before:])
