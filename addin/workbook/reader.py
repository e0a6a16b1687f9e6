"""Read the customer table from a file: .xlsx/.xlsm/.xltx through calamine, .csv in UTF-8 or GBK.

Reading only: the input file is opened read-only and never written. Which rows to take, in order:
the Excel table named `Customers`, else a sheet called Customers/客户, else the only sheet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import python_calamine as calamine

from addin.domain.errors import (
    EmptyTableError,
    EncryptedWorkbookError,
    InputFileError,
    MissingTableError,
    NotAWorkbookError,
)
from addin.domain.i18n import text
from addin.domain.problems import Layout
from addin.domain.schema import BY_KEY, canonical_key
from addin.ports import RawTable

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312
SHEET_NAMES = ("customers", "客户")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_raw_table(path: str | Path, table: str = "Customers") -> RawTable:
    """The raw rows and headers of the customer table in `path`."""
    path = Path(path)
    head = _head(path)
    if head.startswith(_OLE_MAGIC):
        raise _ole_error(path)
    if path.suffix.casefold() == ".csv":
        return _read_csv(path)
    if path.suffix.casefold() in WORKBOOK_SUFFIXES and head.startswith(b"PK"):
        return _read_workbook(path, table)
    raise NotAWorkbookError(text("error.not_workbook", name=path.name))


def read_table_if_any(path: str | Path, table: str) -> RawTable | None:
    """The Excel table named `table` in a workbook, or None when it has no such table."""
    try:
        book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
        names = {name.casefold(): name for name in _table_names(book)}
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, calamine.PasswordError):
        return None
    if table.casefold() not in names:
        return None
    return _from_table(Path(path), book.get_table_by_name(names[table.casefold()]))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(8)
    except FileNotFoundError:
        raise InputFileError(text("error.no_file", path=path)) from None
    except IsADirectoryError:
        raise InputFileError(text("error.is_folder", path=path)) from None
    except PermissionError:
        raise InputFileError(text("error.no_access", path=path)) from None


def _ole_error(path: Path) -> InputFileError:
    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00" in path.read_bytes()[: 1 << 20]:
        return EncryptedWorkbookError(text("error.encrypted", name=path.name))
    return NotAWorkbookError(text("error.xls", name=path.name))


def _read_workbook(path: Path, table: str) -> RawTable:
    try:
        book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
    except calamine.PasswordError:
        raise _ole_error(path) from None
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError) as error:
        raise NotAWorkbookError(
            text("error.unreadable_workbook", name=path.name, detail=error)
        ) from None
    names = {name.casefold(): name for name in _table_names(book)}
    if table.casefold() in names:
        return _from_table(path, book.get_table_by_name(names[table.casefold()]))
    return _from_sheet(path, book, table, list(names.values()))


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
    sheet = book.get_sheet_by_name(chosen)
    rows = sheet.to_python(skip_empty_area=True)
    if not rows or not any(str(v).strip() for v in rows[0]):
        raise EmptyTableError(text("error.empty_sheet", name=path.name, sheet=chosen))
    frame = pd.DataFrame(rows[1:], columns=[str(h).strip() for h in rows[0]], dtype=object)
    start_row, start_col = sheet.start if sheet.start is not None else (0, 0)
    return RawTable(frame, Layout(path.name, chosen, header_row=start_row + 1, first_col=start_col))


def _read_csv(path: Path) -> RawTable:
    for encoding in CSV_ENCODINGS:
        try:
            frame = pd.read_csv(
                path,
                dtype=str,
                encoding=encoding,
                keep_default_na=False,
                na_values=[""],
                sep=_delimiter(path, encoding),
            )
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError:
            raise EmptyTableError(text("error.empty_csv", name=path.name)) from None
        except pd.errors.ParserError as error:
            raise NotAWorkbookError(text("error.bad_csv", name=path.name, detail=error)) from None
    else:
        raise NotAWorkbookError(text("error.csv_encoding", name=path.name))
    frame.columns = [str(c).strip() for c in frame.columns]
    if _delimiter(path, encoding) == ";":
        frame = _decimal_commas(frame)
    return RawTable(frame.astype(object), Layout(path.name, None, header_row=1))


def _decimal_commas(frame: pd.DataFrame) -> pd.DataFrame:
    """Semicolon CSVs come from Excel set to a decimal comma: '1.234,5' in a number column."""
    for header in frame.columns:
        column = canonical_key(header)
        if column is not None and BY_KEY[column].type == "number":
            cells = frame[header].astype("string")
            european = cells.str.fullmatch(r"\s*-?\d{1,3}(\.\d{3})*(,\d+)?\s*|\s*-?\d+(,\d+)?\s*")
            fixed = cells.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
            frame[header] = fixed.where(european.fillna(False), cells).astype(object)
    return frame


def _delimiter(path: Path, encoding: str) -> str:
    """Comma, semicolon (European Excel) or tab, whichever the header line uses most."""
    with path.open(encoding=encoding) as file:
        header = file.readline()
    return max((",", ";", "\t"), key=header.count)
