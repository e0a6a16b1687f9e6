"""Read a customer list from CSV: any encoding (csv_text tells which), comma, semicolon or tab
separated.

Every line of the file becomes one row, so messages name true lines even after blank lines or
values quoted over several lines.
"""

from __future__ import annotations

import csv
import io
import warnings
from itertools import islice
from pathlib import Path

import pandas as pd

from addin.adapters.heap import paused
from addin.domain.errors import CustdevWarning, EmptyTableError, NotAWorkbookError, SchemaError
from addin.domain.i18n import text
from addin.domain.problems import MAX_LISTED, Layout
from addin.domain.schema import BY_KEY, canonical_key
from addin.domain.values import is_blank_cell
from addin.ports import RawTable
from addin.workbook.csv_text import SEPARATORS, decoded
from addin.workbook.rows import HEADER_SEARCH, MIN_KNOWN, header_index, known, table_frame

ENCODING_NAMES = {"gb18030": "GB18030 (GBK)", "cp1252": "Windows-1252", "utf-8": "UTF-8"}


def read_csv(path: Path, *, strict: bool = False, encoding: str | None = None) -> RawTable:
    """The table of the CSV file at `path`. The encoding is `encoding`, else detected: a guess
    is said (a CustdevWarning) with a sample; lines in another encoding than the rest are a
    warning too, or an error when `strict`."""
    content = _text(path, strict, encoding)
    sep = _delimiter(content)
    rows, one_line_records = _csv_lines(path, content, sep)
    top = header_index(rows)
    if top is None:
        raise EmptyTableError(text("error.empty_csv", name=path.name))
    _check_widths(path, rows, top, sep)
    # CSV messages give no column letters, so an empty unnamed column may go from anywhere.
    frame, _ = table_frame(rows[top], rows[top + 1 :], 0, inner=True)
    if sep == ";":
        frame = _decimal_commas(frame)
    # A field is part of its line when no record spans lines: no cell is longer than that.
    # The lines as the csv module reads them, one at a time (no copy of the whole text).
    lines = io.StringIO(content, newline="")
    longest = max(map(len, lines), default=0) if one_line_records else None
    return RawTable(frame, Layout(path.name, None, header_row=top + 1), longest)


def _text(path: Path, strict: bool, encoding: str | None) -> str:
    found = decoded(path.read_bytes(), path.name, encoding)
    shown = ENCODING_NAMES.get(found.encoding, found.encoding)
    if found.other_lines:
        lines, count = _listed(list(found.other_lines)), len(found.other_lines)
        if strict:
            raise NotAWorkbookError(
                text("error.csv_mixed", name=path.name, count=count, encoding=shown, lines=lines)
            )
        line = found.other_lines[0]
        message = text(
            "warn.csv_mixed",
            name=path.name,
            count=count,
            encoding=shown,
            lines=lines,
            line=line,
            sample=found.line(line),
        )
        warnings.warn(message, CustdevWarning, stacklevel=2)
    elif not found.certain:
        line, sample = found.sample()  # only for a guess: the sample is said with it
        message = text("warn.csv_guess", name=path.name, encoding=shown, line=line, sample=sample)
        warnings.warn(message, CustdevWarning, stacklevel=2)
    return found.text


def _listed(numbers: list[int]) -> str:
    """'3, 5, 9' or '3, 5, ... 9 …' cut after MAX_LISTED numbers."""
    return ", ".join(map(str, numbers[:MAX_LISTED])) + (" …" if len(numbers) > MAX_LISTED else "")


def _csv_lines(path: Path, content: str, sep: str) -> tuple[list[list[str]], bool]:
    """The fields of each line of the file: rows[i] is line i + 1, so messages name true lines;
    and whether every record is on one line.

    The csv module rather than pandas, which skips blank lines, makes an over-long row's first
    field the index (or drops its last field) and cannot say on which line a record starts.
    Blank lines stay as blank rows, and a record quoted over several lines sits on its first
    line with blank rows under it; the validation drops blank rows.
    """
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=sep)
    try:
        with paused():  # a million lists of fields, no cycles among them
            rows = list(reader)  # fast when each record is one line, as it nearly always is
        one_line_records = reader.line_num == len(rows)
        if not one_line_records:
            reader = csv.reader(io.StringIO(content, newline=""), delimiter=sep)
            rows = []
            for record in reader:
                rows.append(record)
                rows.extend([] for _ in range(reader.line_num - len(rows)))
    except csv.Error as error:
        detail = f"{text('where.line', row=reader.line_num)}: {error}"
        raise NotAWorkbookError(text("error.bad_csv", name=path.name, detail=detail)) from None
    _check_closed(path, content, rows, sep)
    return rows, one_line_records


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
            best = max((len(known(row)) for row in csv.reader(lines, delimiter=sep)), default=0)
        except csv.Error:
            best = 0
        return (best if best >= MIN_KNOWN else 0, lines[0].count(sep) if lines else 0)

    return max(SEPARATORS, key=score)


def _check_widths(path: Path, rows: list[list[str]], top: int, sep: str) -> None:
    """Refuse rows with more values than headers: usually an unquoted comma inside a value, and
    reading on would drop or shift values. Empty extra fields (trailing commas) are harmless."""
    width = len(rows[top])
    if max(map(len, rows[top + 1 :]), default=0) <= width:  # in C: nearly every file
        return
    bad = [
        i + 1
        for i in range(top + 1, len(rows))
        if len(rows[i]) > width and not all(map(is_blank_cell, rows[i][width:]))
    ]
    if not bad:
        return
    listed = _listed(bad)
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
