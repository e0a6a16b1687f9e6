"""Read the customer table from a file: .xlsx/.xlsm/.xltx through calamine, .csv in UTF-8 or GBK.

Reading only: the input file is opened read-only and never written. Which rows to take, in order:
the Excel table named `Customers`, else a sheet called Customers/客户, else the only sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import python_calamine as calamine

from addin.adapters.package import PackageBook
from addin.adapters.package.calamine_calls import calamine_calls
from addin.domain.errors import (
    EmptyTableError,
    MissingTableError,
    NotAWorkbookError,
)
from addin.domain.i18n import text
from addin.domain.problems import Layout
from addin.ports import RawTable
from addin.workbook.csv_reader import read_csv
from addin.workbook.file_checks import check_workbook_file, ole_error
from addin.workbook.rows import header_index, table_frame

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
SHEET_NAMES = ("customers", "客户")


def read_raw_table(
    path: str | Path, table: str = "Customers", *, strict: bool = False, encoding: str | None = None
) -> RawTable:
    """The raw rows and headers of the customer table in `path`; `strict` and `encoding` are
    for a CSV file (see csv_reader.read_csv)."""
    path = Path(path)
    head = check_workbook_file(path)
    if path.suffix.casefold() == ".csv":
        return read_csv(path, strict=strict, encoding=encoding)
    if path.suffix.casefold() in WORKBOOK_SUFFIXES and head.startswith(b"PK"):
        return _read_workbook(path, table)
    raise NotAWorkbookError(text("error.not_workbook", name=path.name))


def read_table_if_any(path: str | Path, table: str) -> RawTable | None:
    """The Excel table named `table` in a workbook, or None when it has no such table (or the
    file cannot be opened at all, which reading its customers says better)."""
    package = checked(Path(path))
    try:
        with calamine_calls():
            book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
            names = {name.casefold(): name for name in _table_names(book)}
    except (calamine.CalamineError, OSError):  # reading the customers then says why
        return None
    if table.casefold() not in names:
        return None
    with _unreadable(Path(path), package):
        return _from_table(Path(path), book.get_table_by_name(names[table.casefold()]))


def checked(path: Path) -> PackageBook | None:
    """Check the package once (sizes, DTDs, kinds, tables), so calamine then reads it safely;
    the book, to name a broken part should calamine fail."""
    if not path.is_file():
        return None
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _CHECKED:
        book = PackageBook.from_bytes(path.read_bytes(), path.name)
        book.check_tables()
        _CHECKED.clear()  # one file at a time: keep no more than the last
        _CHECKED[key] = book
    return _CHECKED[key]


_CHECKED: dict[tuple[str, int, int], PackageBook] = {}


def _read_workbook(path: Path, table: str) -> RawTable:
    package = checked(path)
    with _unreadable(path, package):
        book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
        names = {name.casefold(): name for name in _table_names(book)}
        if table.casefold() in names:
            return _from_table(path, book.get_table_by_name(names[table.casefold()]))
        return _from_sheet(path, book, table, list(names.values()))


@contextmanager
def _unreadable(path: Path, package: PackageBook | None) -> Iterator[None]:
    """A part calamine cannot read (a sheet the workbook lists but lacks, broken XML, a bad
    zip entry, a package that makes it panic) as one clear error naming the file and, when the
    package knows it, the part."""
    try:
        with calamine_calls():
            yield
    except calamine.PasswordError:
        raise ole_error(path) from None
    except calamine.CalamineError as error:
        if package is not None:
            raise package.unreadable(error) from None
        detail = f"{type(error).__name__}: {error}"
        raise NotAWorkbookError(
            text("error.unreadable_workbook", name=path.name, detail=detail)
        ) from None


def _table_names(book: calamine.CalamineWorkbook) -> list[str]:
    try:
        names = book.table_names  # a list attribute in python-calamine 0.9, not a method
        return list((names() if callable(names) else names) or [])
    except (calamine.TablesNotLoaded, calamine.TablesNotSupported):
        return []


def _from_table(path: Path, table: calamine.CalamineTable) -> RawTable:
    rows = table.to_python()
    frame = pd.DataFrame(rows, columns=list(table.columns), dtype=object)
    first_row, first_col = table.start if table.start is not None else (1, 0)
    layout = Layout(path.name, table.sheet, header_row=first_row, first_col=first_col)
    return RawTable(frame, layout)


def _from_sheet(
    path: Path, book: calamine.CalamineWorkbook, table: str, tables: list[str]
) -> RawTable:
    chosen = _chosen_sheet(path, book, table, tables)
    sheet = book.get_sheet_by_name(chosen)
    rows = sheet.to_python(skip_empty_area=True)
    top = header_index(rows)
    if top is None:
        raise EmptyTableError(text("error.empty_sheet", name=path.name, sheet=chosen))
    start_row, start_col = sheet.start if sheet.start is not None else (0, 0)
    # Only edge columns may go: Layout gives column letters by position, from first_col.
    frame, dropped = table_frame(rows[top], rows[top + 1 :], start_col, inner=False)
    layout = Layout(
        path.name, chosen, header_row=start_row + 1 + top, first_col=start_col + dropped
    )
    return RawTable(frame, layout)


def _chosen_sheet(
    path: Path, book: calamine.CalamineWorkbook, table: str, tables: list[str]
) -> str:
    sheets = book.sheet_names
    chosen = next((s for s in sheets if s.strip().casefold() in SHEET_NAMES), None)
    if chosen is None and len(sheets) == 1:
        chosen = sheets[0]
    if chosen is None:
        raise MissingTableError(
            text(
                "error.no_table",
                name=path.name,
                table=table,
                sheets=", ".join(sheets),
                tables=", ".join(tables) or text("none"),
            )
        )
    return chosen
