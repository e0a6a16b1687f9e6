"""Refresh a workbook in place: recompute what custdev computes, keep everything else.

A workbook a refresh has left up to date, with nothing changed since, is answered from the user
cache folder (up_to_date.py) before pandas, calamine or the package editor are even imported:
refreshing it again costs the start of Python and a look at the end of the file.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from addin.domain.errors import InputFileError
from addin.domain.i18n import text
from addin.domain.run_report import RunOptions, RunReport
from addin.up_to_date import UpToDate
from addin.workbook.atomic import Snapshot, aside_path, check_target, write_bytes
from addin.workbook.file_checks import check_workbook_file

REFRESHABLE = (".xlsx", ".xlsm")


def refresh_file(
    path: str | Path,
    *,
    backup: bool = False,
    dry_run: bool = False,
    options: RunOptions | None = None,
) -> tuple[RunReport, Path | None]:
    """Recompute the add-in's cells in the workbook at `path`, keeping everything else.

    Refuses while Excel has it open; writes atomically; with `backup`, first keeps a copy of the
    file as it was. Returns the report and the backup's path.

    A workbook the refresh would leave byte for byte as it is, is not rewritten (nor backed up):
    the report says `up_to_date`. When nothing changed since a refresh left it so (the same
    package, name, options, code and day; see up_to_date.py), the report kept then is returned
    without reading the workbook's sheets.
    """
    path = Path(path)
    if path.suffix.casefold() not in REFRESHABLE:
        raise InputFileError(text("error.refresh_kind", path=path))
    check_workbook_file(path)  # a folder, an encrypted file: say so, not "not a zip file"
    check_target(path, "fix.locked_refresh")  # open in Excel: refuse before the work
    options = options or RunOptions()
    record = UpToDate(path.name, options.described())
    kept = record.recall(path)
    if kept is not None:
        return RunReport([kept], up_to_date=True), None
    return _refresh(path, backup, dry_run, options, record)


def _refresh(
    path: Path, backup: bool, dry_run: bool, options: RunOptions, record: UpToDate
) -> tuple[RunReport, Path | None]:
    """The whole refresh: read the package, run the steps, write what changed."""
    from addin.adapters.package.scan_ahead import scanned_early
    from addin.domain.schema import CUSTOMERS

    snapshot, data = Snapshot.read(path)
    early = scanned_early(data, path.name, CUSTOMERS)  # scanned while the imports below run

    from addin.adapters.heap import paused

    with paused():  # the imports, and a few hundred thousand lists and strings: no cycles
        from addin.adapters.package import PackageBook  # pandas, calamine: only for the work
        from addin.services import runs

        book = PackageBook.from_bytes(data, path.name, early)
        try:
            report = runs.refresh_book(book, options)
        except BaseException:
            book.stop_scans()  # a sheet scanned ahead in vain: its processes stop with the run
            raise
        if dry_run:
            return report, None
        book.forget_tables()  # what the steps read: memory the save can use
        new = book.to_bytes()
    if new == data:  # nothing to change: the file and its modified time stay
        record.remember(data, report)
        return dataclasses.replace(report, up_to_date=True), None
    copy = write_bytes(backup_path(path), data, replace=False) if backup else None
    # someone saved it meanwhile: theirs stays
    write_bytes(path, new, unchanged=snapshot, fix="fix.locked_refresh")
    record.remember(new, report)  # what a refresh of what it wrote would leave, and say
    return report, copy


def backup_path(path: Path) -> Path:
    """'book.xlsx' -> 'book.backup-20260301-093000.xlsx', beside it; never an older backup."""
    return aside_path(path, "backup")
