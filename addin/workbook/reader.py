"""Read the customer table from a file: .xlsx/.xlsm/.xltx through calamine, .csv in UTF-8 or GBK.

Reading only: the input file is opened read-only and never written. Which rows to take, in order:
the Excel table named `Customers`, else a sheet called Customers/客户, else the only sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

import pandas as pd
import python_calamine as calamine

from addin.domain.errors import (
    EmptyTableError,
    EncryptedWorkbookError,
    InputFileError,
    MissingTableError,
    NotAWorkbookError,
    SchemaError,
)
from addin.domain.i18n import text
from addin.domain.problems import MAX_LISTED, Layout, column_letter
from addin.domain.schema import BY_KEY, canonical_key
from addin.domain.values import blank_mask
from addin.ports import RawTable

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312
SHEET_NAMES = ("customers", "客户")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SEPARATORS = (",", ";", "\t")  # comma, European Excel's semicolon, tab
HEADER_SEARCH = 10  # the header is among the first ten non-empty rows: a title or notes above
MIN_KNOWN = 2  # a row is the header when it has at least this many headers we recognise


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
    chosen = _chosen_sheet(path, book, table, tables)
    sheet = book.get_sheet_by_name(chosen)
    rows = sheet.to_python(skip_empty_area=True)
    top = _header_index(rows)
    if top is None:
        raise EmptyTableError(text("error.empty_sheet", name=path.name, sheet=chosen))
    start_row, start_col = sheet.start if sheet.start is not None else (0, 0)
    # Only edge columns may go: Layout gives column letters by position, from first_col.
    frame, dropped = _frame(rows[top], rows[top + 1 :], start_col, inner=False)
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


def _read_csv(path: Path) -> RawTable:
    content = _decoded(path)
    sep = _delimiter(content)
    rows = _csv_lines(path, content, sep)
    top = _header_index(rows)
    if top is None:
        raise EmptyTableError(text("error.empty_csv", name=path.name))
    _check_widths(path, rows, top, sep)
    # CSV messages give no column letters, so an empty unnamed column may go from anywhere.
    frame, _ = _frame(rows[top], rows[top + 1 :], 0, inner=True)
    if sep == ";":
        frame = _decimal_commas(frame)
    return RawTable(frame, Layout(path.name, None, header_row=top + 1))


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotAWorkbookError(text("error.csv_encoding", name=path.name))


def _csv_lines(path: Path, content: str, sep: str) -> list[list[str]]:
    """The fields of each line of the file: rows[i] is line i + 1, so messages name true lines.

    The csv module rather than pandas, which skips blank lines, makes an over-long row's first
    field the index (or drops its last field) and cannot say on which line a record starts.
    Blank lines stay as blank rows, and a record quoted over several lines sits on its first
    line with blank rows under it; the validation drops blank rows.
    """
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=sep)
    try:
        rows = list(reader)  # fast when each record is one line, as it nearly always is
        if reader.line_num != len(rows):
            reader = csv.reader(io.StringIO(content, newline=""), delimiter=sep)
            rows = []
            for record in reader:
                rows.append(record)
                rows.extend([] for _ in range(reader.line_num - len(rows)))
    except csv.Error as error:
        detail = f"{text('where.line', row=reader.line_num)}: {error}"
        raise NotAWorkbookError(text("error.bad_csv", name=path.name, detail=detail)) from None
    _check_closed(path, content, rows, sep)
    return rows


def _check_closed(path: Path, content: str, rows: list[list[str]], sep: str) -> None:
    """Refuse a quote left open: the csv module quietly reads the rest of the file into one
    field (a line break in the last record's fields), so ask its strict mode, which says so."""
    last = next((i for i in range(len(rows) - 1, -1, -1) if rows[i]), None)
    if last is None or not any("\n" in field or "\r" in field for field in rows[last]):
        return
    lines = islice(io.StringIO(content, newline=""), last, None)
    try:
        list(csv.reader(lines, delimiter=sep, strict=True))
    except csv.Error as error:
        if "end of data" in str(error):
            where = Layout(path.name).where(row=last + 1)
            raise NotAWorkbookError(text("error.csv_open_quote", where=where)) from None


def _delimiter(content: str) -> str:
    """The separator that splits a row near the top into the most headers we know, else the one
    the first non-empty line uses most (a title line above the headers may have none)."""
    lines = list(
        islice((ln for ln in io.StringIO(content, newline="") if ln.strip()), HEADER_SEARCH)
    )

    def score(sep: str) -> tuple[int, int]:
        try:
            known = max((len(_known(row)) for row in csv.reader(lines, delimiter=sep)), default=0)
        except csv.Error:
            known = 0
        return (known if known >= MIN_KNOWN else 0, lines[0].count(sep) if lines else 0)

    return max(SEPARATORS, key=score)


def _check_widths(path: Path, rows: list[list[str]], top: int, sep: str) -> None:
    """Refuse rows with more values than headers: usually an unquoted comma inside a value, and
    reading on would drop or shift values. Empty extra fields (trailing commas) are harmless."""
    width = len(rows[top])
    bad = [
        i + 1
        for i in range(top + 1, len(rows))
        if len(rows[i]) > width and any(_filled(cell) for cell in rows[i][width:])
    ]
    if not bad:
        return
    listed = ", ".join(map(str, bad[:MAX_LISTED])) + (" …" if len(bad) > MAX_LISTED else "")
    raise SchemaError(
        text(
            "error.csv_extra_values",
            where=Layout(path.name).where(row=bad[0]),
            found=len(rows[bad[0] - 1]),
            columns=width,
            header=top + 1,
            lines=listed,
            sep={"\t": "Tab"}.get(sep, sep),
        )
    )


def _header_index(rows: Sequence[Sequence[object]]) -> int | None:
    """Where the header row is: of the first ten non-empty rows, the one with the most headers
    we recognise (the first of equals), or the first non-empty row when none has two; None for
    no non-empty row. Rows above it (a title, notes) are not part of the table."""
    filled = (i for i, row in enumerate(rows) if any(_filled(cell) for cell in row))
    candidates = list(islice(filled, HEADER_SEARCH))
    if not candidates:
        return None
    best = max(candidates, key=lambda i: len(_known(rows[i])))
    return best if len(_known(rows[best])) >= MIN_KNOWN else candidates[0]


def _known(row: Sequence[object]) -> set[str]:
    """The columns a row's cells name; distinct, so that data repeating one word scores one."""
    return {key for key in map(canonical_key, filter(_filled, row)) if key is not None}


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _frame(
    header: Sequence[object], body: Sequence[Sequence[object]], first_col: int, inner: bool
) -> tuple[pd.DataFrame, int]:
    """The body under the header, and how many columns went from the left edge.

    A column with a blank header and no values (stray formatting, trailing commas) goes: at the
    edges only, or anywhere when `inner`. One with values is named after its letter, 'Column E',
    so that nothing is lost and no table gets a blank header.
    """
    width = len(header)
    cells = [
        row if len(row) == width else [*row[:width], *[""] * (width - len(row))] for row in body
    ]
    frame = pd.DataFrame(cells, columns=range(width), dtype=object)
    names = [str(h).strip() if _filled(h) else "" for h in header]
    empty = [not name and bool(blank_mask(frame[i]).all()) for i, name in enumerate(names)]
    kept = [i for i in range(width) if not empty[i]]  # never none: the header row has a value
    if not inner:
        kept = list(range(kept[0], kept[-1] + 1))
    named = [names[i] or f"Column {column_letter(first_col + i)}" for i in kept]
    return frame[kept].set_axis(_unique(named), axis=1), kept[0]


def _unique(names: list[str]) -> list[str]:
    """Repeats of a header we do not know numbered: 'Memo', 'Memo (2)', as pandas needs unique
    columns. A repeated known header stays, for the validation to name both as one column."""
    unique: list[str] = []
    for name in names:
        new, count = name, 1
        while canonical_key(name) is None and new in unique:
            count += 1
            new = f"{name} ({count})"
        unique.append(new)
    return unique


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
