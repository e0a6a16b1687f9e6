"""The input of a file use case: its customer table, read and checked once, its Settings, and
where its output may go: never over a file the run reads, over an existing file only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from addin.domain.errors import InputFileError
from addin.domain.excel_limits import check_fits_excel
from addin.domain.i18n import text
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.services import SETTINGS, check_customers, settings_from_table
from addin.workbook.clashes import check_outputs
from addin.workbook.reader import WORKBOOK_SUFFIXES, read_raw_table, read_table_if_any


@dataclass(frozen=True)
class Reading:
    """How a use case reads its input and guards its output: strictness, --force, encoding."""

    strict: bool = False
    force: bool = False
    encoding: str | None = None


def read_customers(
    path: str | Path, strict: bool = False, encoding: str | None = None
) -> CustomerTable:
    """The validated customer table of an .xlsx/.xlsm/.csv file (the file is only read).

    A CSV file's encoding is `encoding`, else detected; a guess is said as a CustdevWarning.
    """
    return checked_table(path, Reading(strict, encoding=encoding))[0]


def checked_table(
    path: str | Path, reading: Reading, overrides: dict[str, object] | None = None
) -> tuple[CustomerTable, Settings]:
    """The customer table of `path`, validated and small enough for a new workbook, and the
    settings it was validated with (the file's, with `overrides` on top)."""
    raw = read_raw_table(path, strict=reading.strict, encoding=reading.encoding)
    settings = read_file_settings(path).with_overrides(**(overrides or {}))
    table = check_customers(raw, reading.strict, settings)
    check_fits_excel(table.frame, table.layout, raw.text_at_most)  # written into a new book
    return table, settings


def read_file_settings(path: str | Path) -> Settings:
    """The Settings table of a workbook, or the defaults for a CSV or a workbook without one."""
    if Path(path).suffix.casefold() not in WORKBOOK_SUFFIXES:
        return Settings()
    raw = read_table_if_any(path, SETTINGS)
    return settings_from_table(raw) if raw is not None else Settings()


def default_output(path: Path, suffix: str = "classified") -> Path:
    return path.with_name(f"{path.stem}_{suffix}.xlsx")


def replaces(output: str | Path | None, force: bool) -> bool:
    """An existing output is replaced when the caller named it, or forces it."""
    return force or output is not None


def inputs(
    source: str | Path,
    output: str | Path | None,
    suffix: str,
    reading: Reading,
    overrides: dict[str, object],
    also_read: dict[Path, str] | None = None,
) -> tuple[CustomerTable, Path, Settings]:
    """The validated table, where to write, and the settings, after checking the paths: the
    output is never a file the run reads, nor (unless named or forced) one that exists."""
    source = Path(source)
    target = Path(output) if output else default_output(source, suffix)
    if target.suffix.casefold() != ".xlsx" and not target.is_dir():
        raise InputFileError(text("error.output_suffix", path=target))
    reads = {source: "role.input", **(also_read or {})}
    check_outputs([target], reads, replace=replaces(output, reading.force), named=True)
    table, settings = checked_table(source, reading, overrides)
    return table, target, settings
