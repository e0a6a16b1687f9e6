"""The conformance figures, printed after the run: tried, OK and refused per spelling, and each
outcome that is not OK. A plugin of the root conftest, not a hook of tests/conformance/conftest.py:
with xdist the controller prints the summary, and it never loads the conftests of the folders
its workers collect."""

from __future__ import annotations

from collections import Counter

import pytest

OUTCOME = "conformance"
"""The name of the (file, spelling, command, outcome) user properties of a report."""
_NOTED: list[tuple[str, str, str, str]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "teardown":
        _NOTED.extend(tuple(value) for name, value in report.user_properties if name == OUTCOME)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _NOTED:
        return
    write = terminalreporter.write_line
    write("conformance: file x spelling x command -> outcome")
    tried, ok = Counter(s for _, s, _, _ in _NOTED), Counter()
    for _, spelling, _, outcome in _NOTED:
        ok[spelling] += outcome == "OK"
    for spelling in tried:
        refused = tried[spelling] - ok[spelling]
        write(f"  {spelling:22} tried {tried[spelling]:4}  OK {ok[spelling]:4}  refused {refused}")
    for name, spelling, command, outcome in _NOTED:
        if outcome != "OK":
            write(f"  {name} ({spelling}, {command}): {outcome}")
