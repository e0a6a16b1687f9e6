"""The conformance figures, printed after the run: tried, OK and refused per spelling."""

from __future__ import annotations

from collections import Counter

import pytest


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
        write(f"  {spelling:14} tried {tried[spelling]:4}  OK {ok[spelling]:4}  refused {refused}")
    for name, spelling, command, outcome in OUTCOMES:
        if outcome != "OK":
            write(f"  {name} ({spelling}, {command}): {outcome}")
