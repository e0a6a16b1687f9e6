"""Which files this process has put in place, recorded only while someone asks: the command
line, to say what a command stopped by Ctrl-C had written in full. Outside a recording nothing
is kept, so a process that lives for hours (Excel's) does not keep a path per write.

The atomic writer (workbook/atomic.py) reports each file once it is renamed into place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_recordings: list[list[Path]] = []
"""The open `recording_writes` blocks, each given every file put in place while it is open."""


@contextmanager
def recording_writes() -> Iterator[list[Path]]:
    """The files put in place while the block runs (by any thread of this process), in the
    order written."""
    written: list[Path] = []
    _recordings.append(written)
    try:
        yield written
    finally:  # by identity: two recordings of the same files are equal lists
        _recordings[:] = [other for other in _recordings if other is not written]


def note_written(path: Path) -> None:
    """Record that `path` was just put in place, written in full: every open recording gets
    it (none kept when no recording is open)."""
    for written in _recordings:
        written.append(path)
