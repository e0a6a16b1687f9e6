"""The conformance figures, printed after the run: tried, OK and refused per spelling; and the
sample re-saved by LibreOffice, converted in the background while the other spellings run."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from tests.conformance.corpus import SAMPLE, Resaving, every_nth, excel_files, soffice_here
from tests.libreoffice import skip_or_fail

_RESAVING: list[Resaving] = []
"""The one conversion of the session, started when the collected tests need it."""


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start re-saving the sample with LibreOffice now when a selected test needs it: the
    conversion (minutes: one file with a comment at XFD1048576 alone takes LibreOffice three)
    then overlaps the other spellings, which run first. Its own profile keeps other soffice
    calls of the session from queueing behind it."""
    if soffice_here() and any(item.nodeid.endswith("-libreoffice]") for item in items):
        folder = Path(tempfile.mkdtemp(prefix="custdev_resaved_"))
        sample = every_nth(excel_files(), SAMPLE)
        _RESAVING.append(Resaving(sample, folder / "out", profile_dir=folder / "profile"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    for resaving in _RESAVING:
        resaving.stop()  # done, unless the session was cut short; then its folder goes
        shutil.rmtree(resaving.outdir.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def resaved_by_libreoffice() -> dict[str, Path]:
    """Name -> the sample file re-saved by LibreOffice (those it could convert)."""
    if not _RESAVING:
        skip_or_fail("LibreOffice (soffice) is not on PATH")
    return _RESAVING[0].found()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.conformance.test_real_workbooks import OUTCOMES

    if not OUTCOMES:
        return
    write = terminalreporter.write_line
    write("conformance: file x spelling x command -> outcome")
    tried, ok = Counter(s for _, s, _, _ in OUTCOMES), Counter()
    for _, spelling, _, outcome in OUTCOMES:
        ok[spelling] += outcome == "OK"
    for spelling in tried:
        refused = tried[spelling] - ok[spelling]
        write(f"  {spelling:22} tried {tried[spelling]:4}  OK {ok[spelling]:4}  refused {refused}")
    for name, spelling, command, outcome in OUTCOMES:
        if outcome != "OK":
            write(f"  {name} ({spelling}, {command}): {outcome}")
