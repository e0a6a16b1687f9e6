"""Refresh and generate --template on workbooks Excel saved, each given a Customers table by
lxml (customers_table.py), also in other legal spellings of the same XML: the outcome is OK
(every part parses, untouched parts byte for byte, every other cell reads the same, the classes
right, openpyxl opens it) or REFUSED with a CustdevError and the file untouched; never written
wrong."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import python_calamine as calamine
from lxml import etree

from addin.api import generate, refresh_file
from addin.domain.abc_analysis import classify_abc
from addin.domain.errors import CustdevError
from addin.domain.settings import Settings
from tests.conformance.corpus import (
    LIBREOFFICE_SAMPLE,
    SAMPLE,
    SLOW_IN_LIBREOFFICE,
    convert_many,
    every_nth,
    excel_files,
    soffice_here,
    spelled,
)
from tests.conformance.customers_table import ROWS, Placed, parts_of, with_customers
from tests.libreoffice import skip_or_fail

pytestmark = pytest.mark.conformance

FILES = excel_files()
CASES = [pytest.param(f, "excel", id=f"{f.name}-excel") for f in FILES] + [
    pytest.param(f, s, id=f"{f.name}-{s}")
    for s in ("x_prefix", "single_quotes", "pretty")
    for f in every_nth(FILES, SAMPLE)
]
CASES += [  # last: LibreOffice converts them in the background meanwhile (conftest.py)
    pytest.param(f, "libreoffice", id=f"{f.name}-libreoffice", marks=pytest.mark.libreoffice)
    for f in every_nth(FILES, SAMPLE)
]
TOUCHABLE = {"xl/styles.xml", "xl/sharedStrings.xml"}
"""Parts a refresh or a generated copy may change besides the Customers sheet and table."""
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
OUTCOMES: list[tuple[str, str, str, str]] = []
"""(file, spelling, command, outcome or reason): the figures the summary prints."""


def expected_classes() -> list[str]:
    frame = pd.DataFrame({"annual_sales": [r[2] for r in ROWS], "kind": [r[3] for r in ROWS]})
    classes = classify_abc(frame, Settings().abc_rule()).classes
    return [str(c) if isinstance(c, str) else "" for c in classes]


def sheets(data: bytes) -> dict[str, object]:
    """Every sheet's cells as calamine reads them, by (row, column) from 0 (or the error it
    gives, the same way)."""
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    found: dict[str, object] = {}
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            top, left = sheet.start or (0, 0)
            found[name] = {
                (top + r, left + c): value
                for r, row in enumerate(sheet.to_python())
                for c, value in enumerate(row)
                if value != ""
            }
        except Exception as error:
            found[name] = type(error).__name__
    return found


def without_classes(values: dict[str, object], placed: Placed) -> dict[str, object]:
    cells = values.get(placed.sheet_name)
    if isinstance(cells, dict):
        data_rows = range(placed.first_row, placed.last_row)  # 0-based: the rows below the header
        column = placed.class_column - 1
        cells = {k: v for k, v in cells.items() if not (k[0] in data_rows and k[1] == column)}
        values = {**values, placed.sheet_name: cells}
    return values


def classes_in(data: bytes, placed: Placed) -> list[str]:
    cells = sheets(data)[placed.sheet_name]
    assert isinstance(cells, dict)
    column = placed.class_column - 1
    return [str(cells.get((r, column), "")) for r in range(placed.first_row, placed.last_row)]


def opens_in_openpyxl(data: bytes) -> bool:
    try:
        openpyxl.load_workbook(io.BytesIO(data)).close()
    except Exception:
        return False
    return True


def check_written(before: bytes, after: bytes, placed: Placed, table_part: str | None) -> None:
    old, new = parts_of(before), parts_of(after)
    assert set(new) == set(old), "parts added or lost"
    for name, content in new.items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(content, SAFE)  # raises when a part does not parse
    allowed = TOUCHABLE | {placed.sheet_part, table_part}
    changed = {n for n in old if old[n] != new[n]}
    assert changed <= allowed, f"parts custdev had no reason to touch: {changed - allowed}"
    assert without_classes(sheets(after), placed) == without_classes(sheets(before), placed)
    assert classes_in(after, placed) == expected_classes()
    if opens_in_openpyxl(before):
        assert opens_in_openpyxl(after)


def customers_table_part(data: bytes) -> str:
    return next(
        n
        for n, c in parts_of(data).items()
        if n.startswith("xl/tables/") and b'name="Customers"' in c.replace(b"'", b'"')
    )


def refused(reason: str) -> str:
    assert reason.strip() and "\n" not in reason.strip() and "Traceback" not in reason
    return f"REFUSED: {reason}"


def original(source: Path, spelling: str, request: pytest.FixtureRequest) -> bytes:
    """The workbook as the spelling has it before the Customers table is added: as Excel
    saved it, or re-saved by LibreOffice (which writes its own XML throughout)."""
    if spelling != "libreoffice":
        return source.read_bytes()
    resaved = request.getfixturevalue("resaved_by_libreoffice")
    if source.name not in resaved:
        pytest.skip(f"LibreOffice could not convert {source.name}")
    return resaved[source.name].read_bytes()


@pytest.mark.parametrize(("source", "spelling"), CASES)
def test_refresh_and_generate_keep_a_real_workbook_whole(tmp_path: Path, source, spelling, request):
    data, placed = with_customers(original(source, spelling, request))
    data = spelled(data, spelling)
    path = tmp_path / source.name
    path.write_bytes(data)
    table = customers_table_part(data)
    try:
        refresh_file(path)
    except CustdevError as error:
        assert path.read_bytes() == data, "a refused refresh changed the file"
        OUTCOMES.append((source.name, spelling, "refresh", refused(str(error))))
    else:
        check_written(data, path.read_bytes(), placed, table)
        OUTCOMES.append((source.name, spelling, "refresh", "OK"))
    path.write_bytes(data)
    try:
        outcomes, _ = generate(path, tmp_path / "out", template=path)
    except CustdevError as error:
        OUTCOMES.append((source.name, spelling, "generate", refused(str(error))))
    else:
        (outcome,) = outcomes
        assert outcome.ok or not outcome.error.startswith("internal"), outcome.error
        if outcome.ok:
            written = (tmp_path / "out" / outcome.file).read_bytes()
            check_written(data, written, placed, table)
            OUTCOMES.append((source.name, spelling, "generate", "OK"))
        else:
            assert not (tmp_path / "out" / outcome.file).exists()
            OUTCOMES.append((source.name, spelling, "generate", refused(outcome.error)))
    assert path.read_bytes() == data, "generate changed its template"


def written_for_libreoffice(source: Path, folder: Path) -> dict[Path, Placed]:
    """`source` with the Customers table, refreshed, and the workbook generate --template makes
    of it (named STEM-generated): each file custdev wrote, with where its table is."""
    data, placed = with_customers(source.read_bytes())
    refreshed, template = folder / "refreshed" / source.name, folder / "template" / source.name
    for path in (refreshed, template):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    written = {}
    try:
        refresh_file(refreshed)
        written[refreshed] = placed
    except CustdevError:
        pass  # refused: counted by the test above, nothing written to open
    outcomes, _ = generate(template, folder / "reps", template=template)
    if outcomes[0].ok:
        generated = folder / f"{source.stem}-generated{source.suffix}"
        (folder / "reps" / outcomes[0].file).rename(generated)
        written[generated] = placed
    return written


@pytest.mark.libreoffice
def test_libreoffice_opens_what_custdev_wrote_and_reads_the_classes(tmp_path: Path):
    """A fixed sample of LIBREOFFICE_SAMPLE, refreshed and generated, all re-saved by LibreOffice
    in one soffice call: each converts, and the Class cells read from the converted file are the
    ABC rule's."""
    if not soffice_here():
        skip_or_fail("LibreOffice (soffice) is not on PATH")
    written: dict[Path, Placed] = {}
    for source in every_nth(FILES, LIBREOFFICE_SAMPLE):
        if source.name not in SLOW_IN_LIBREOFFICE:
            written |= written_for_libreoffice(source, tmp_path / source.stem)
    converted = convert_many(list(written), tmp_path / "libreoffice")
    for path, placed in written.items():
        command = "generate" if path.stem.endswith("-generated") else "refresh"
        name = path.name.replace("-generated", "")
        assert path.name in converted, f"LibreOffice could not open {path.name}"
        assert classes_in(converted[path.name].read_bytes(), placed) == expected_classes(), name
        OUTCOMES.append((name, "opened_by_libreoffice", command, "OK"))
