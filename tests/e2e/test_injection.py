"""Formula injection, tried everywhere: the twelve classic payloads in every column of the
customer table, in the rep and region names and in the Settings, through every command; then
every XML part of every workbook written is scanned for formulas, external links and DDE, and
every CSV written for fields a spreadsheet would take for a formula. Zero may be found.

custdev's own workbooks do hold formulas (the Dashboard's ABC summary, conditional formats,
drop-down lists, chart references). So each command also runs on a clean twin of the input, the
same table with every payload replaced by a plain word, and the formulas of each output must be
exactly those of its clean twin's output: same part, same place, same code once string literals
are emptied. A formula born from the data has code the clean run cannot have, so it cannot hide.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.table import Table

from addin.cli import main
from addin.domain.errors import SettingsError
from addin.domain.schema import ALL_COLUMNS
from addin.domain.settings import KEYS, Settings, parse_settings
from addin.workbook.atomic import save_workbook
from addin.workbook.template import build_template
from tests.formula_scan import (
    PAYLOADS,
    data_born_in_cells,
    formula_fields,
    links,
    unexpected_formulas,
)

Word = Callable[[int], str]
ROWS = 2 * len(PAYLOADS)
CODED = {  # a valid value for the odd rows of the coded columns
    "kind": ("customer", "prospect"),
    "stage": ("Short term", "Potential"),
    "follow_up": ("Keep visiting", "Don't give up"),
    "competitor_loyalty": ("Low", "High"),
    "target_level": ("Main", "Secondary"),
    "source": ("Peer", "Sold to me before"),
}
VALID = {  # and of the number and date columns, in three rows out of four
    "annual_sales": lambda i: 1000.0 * (ROWS - i) ** 2,
    "previous_sales": lambda i: 900.0 * (ROWS - i),
    "latitude": lambda i: 31.2 + i / 100,
    "longitude": lambda i: 121.4 + i / 100,
    "birthday": lambda i: f"1980-01-{i % 28 + 1:02d}",
    "last_visit": lambda i: f"2026-01-{i % 28 + 1:02d}",
}
GROUPS = {"rep": "R", "region": "G"}
"""Rep and region names: a payload, then a tag that tells the twins' groups apart."""
STAGE_NAMES = {  # Settings text values: the payloads a stage name may be (no comma or quote)
    "stage_closed_en": "=cmd|' /C calc'!A0",
    "stage_short_term_en": "+1+1",
    "stage_potential_en": "-2+3",
    "stage_closed_zh": "=1+1",
    "stage_short_term_zh": "@SUM(1+1)*cmd|' /C calc'!A0",
    "stage_potential_zh": "-2+3+cmd|' /C calc'!A0",
}


def dirty(k: int) -> str:
    return PAYLOADS[k % len(PAYLOADS)]


def clean(k: int) -> str:
    return f"Word{k % len(PAYLOADS):02d}"


def cell(key: str, i: int, word: Word) -> object:
    """The value of column `key` in row `i`: a payload (or its clean word) wherever the column
    takes text, and valid values where a valid value is needed for the run to do its work."""
    if key in CODED and i % 2:
        return CODED[key][i // 2 % 2]
    if key in VALID and (key == "annual_sales" or i % 4):
        return VALID[key](i)
    if key in ("customer_id", "name"):
        return f"{word(i)} #{i}"  # unique, and still starting with the payload
    if key == "kind":
        return word(i) if i % 4 == 0 else "customer"
    if key in GROUPS:  # stripped, '\t=1+1' would be the same rep as '=1+1'
        k = i % len(PAYLOADS)
        return f"{word(k)} {GROUPS[key]}{k:02d}"
    return word(i + ALL_COLUMNS.index(next(c for c in ALL_COLUMNS if c.key == key)))


def customers_workbook(path: Path, word: Word) -> Path:
    """A Customers table with every column of the schema, and a Settings table naming the
    stages with payloads (or with plain words in the clean twin)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append([c.en for c in ALL_COLUMNS])
    for i in range(ROWS):
        ws.append([cell(c.key, i, word) for c in ALL_COLUMNS])
    for row in ws.iter_rows(min_row=2):
        for item in row:
            if isinstance(item.value, str):
                item.data_type = "s"  # the input holds the payloads as text, as an export would
    ws.add_table(Table(displayName="Customers", ref=f"A1:Z{ROWS + 1}"))
    settings = wb.create_sheet("Settings")
    settings.append(["Key", "Value"])
    for n, (key, payload) in enumerate(STAGE_NAMES.items()):
        settings.append([key, payload if word is dirty else f"Stage{n}"])
        settings.cell(settings.max_row, 2).data_type = "s"
    settings.add_table(Table(displayName="Settings", ref=f"A1:B{len(STAGE_NAMES) + 1}"))
    wb.save(path)
    return path


def former_list(path: Path, word: Word) -> Path:
    lines = ["Name,Phone,Contact,Notes"]
    for i in range(len(PAYLOADS)):
        fields = [f"{word(i)} former", word(i + 1), word(i + 2), word(i + 3)]
        lines.append(",".join('"' + f.replace('"', '""') + '"' for f in fields))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def export_csv(path: Path, word: Word) -> Path:
    keys = ["customer_id", "name", "rep", "region", "annual_sales", "notes"]
    lines = [",".join(keys)]
    for i in range(ROWS):
        fields = [str(cell(k, i, word)) for k in keys]
        lines.append(",".join('"' + f.replace('"', '""') + '"' for f in fields))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def quiet_run(*args: object) -> int:
    """`custdev ARGS` in-process with its output captured (a module fixture has no capsys)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main([str(a) for a in args])
        except SystemExit as stop:
            code = int(stop.code or 0)
    assert code == 0, (args[0], out.getvalue())
    return code


QUICK = ("--time-limit", "0.05")
"""A short route-solver budget: the same sheets and cells; the routes are not the point here."""


def run_every_command(folder: Path, word: Word) -> dict[str, Path]:
    """Every command on the input made with `word`; output name (shared by both twins) -> path."""
    folder.mkdir()
    book = customers_workbook(folder / "customers.xlsx", word)
    export = export_csv(folder / "export.csv", word)
    former = former_list(folder / "former.csv", word)
    out = folder / "out"
    out.mkdir()
    commands = [
        ["classify", book, "-o", out / "classify.xlsx"],
        ["classify", book, "-o", out / "classify_by_rep.xlsx", "--by", "rep", "--lang", "zh"],
        ["pipeline", book, "-o", out / "pipeline.xlsx", "--as-of", "2026-02-01"],
        ["plan", book, "-o", out / "plan.xlsx", "--start", "2026-03-02", "--weeks", "2", *QUICK],
        ["former", book, former, "-o", out / "former.xlsx", "--rep", word(0), "--source", "peer"],
        ["generate", book, "--out", out / "reps", "--start", "2026-03-02", "--weeks", "1", *QUICK],
        ["generate", export, "--out", out / "regions", "--by", "region", "--template", "zh"],
    ]
    for command in commands:
        quiet_run(*command)
    for name in ("classify.xlsx", "plan.xlsx"):  # refresh a workbook custdev wrote, in place
        shutil.copy(out / name, out / f"refreshed_{name}")
        quiet_run("refresh", out / f"refreshed_{name}")
    return _outputs(out, word)


def run_commands_without_input(folder: Path) -> dict[str, Path]:
    """The commands that read no user file (their output is the same for both twins)."""
    out = folder / "out"
    out.mkdir(parents=True)
    quiet_run("templates", "--out", out / "templates")
    quiet_run("demo", "--out", out / "demo", "--customers", "30")
    return {str(p.relative_to(out)): p for p in sorted(out.rglob("*")) if p.is_file()}


def _outputs(out: Path, word: Word) -> dict[str, Path]:
    """Every file written, named so that the twins' outputs pair up (a rep's workbook by the
    index of its payload)."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(out))] = path
    for folder in ("reps", "regions"):
        document = json.loads((out / folder / "manifest.json").read_text(encoding="utf-8"))
        for entry in document["files"]:
            tag = entry["group"].rsplit(" ", 1)[-1]  # 'R07'
            found[f"{folder}/group {tag}"] = out / folder / entry["file"]
            del found[f"{folder}/{entry['file']}"]
    return found


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> tuple[dict[str, Path], dict[str, Path]]:
    folder = tmp_path_factory.mktemp("injection")
    without_input = run_commands_without_input(folder / "no_input")
    return (
        run_every_command(folder / "dirty", dirty) | without_input,
        run_every_command(folder / "clean", clean) | without_input,
    )


def test_both_twins_wrote_the_same_outputs(twins):
    written, clean_written = twins
    assert sorted(written) == sorted(clean_written)
    assert len([n for n in written if n.endswith((".xlsx", ".xlsm"))]) >= 8


def test_no_output_workbook_holds_a_formula_its_clean_twin_does_not(twins):
    written, clean_written = twins
    found = {
        name: unexpected_formulas(path, clean_written[name])
        for name, path in written.items()
        if name.endswith((".xlsx", ".xlsm")) or name.startswith(("reps/group", "regions/group"))
    }
    assert {name: f for name, f in found.items() if f} == {}
    assert len(found) >= 8 + 2 * len(PAYLOADS) - 1


def test_no_cell_formula_anywhere_contains_a_payload(twins):
    written, _ = twins
    workbooks = [p for p in written.values() if p.suffix in (".xlsx", ".xlsm")]
    assert {p.name: data_born_in_cells(p) for p in workbooks if data_born_in_cells(p)} == {}


def test_no_output_workbook_has_an_external_link_or_a_dde_link(twins):
    written, _ = twins
    workbooks = [p for p in written.values() if p.suffix in (".xlsx", ".xlsm")]
    assert {p.name: links(p) for p in workbooks if links(p)} == {}


def test_no_csv_written_has_a_field_a_spreadsheet_takes_for_a_formula(twins):
    written, _ = twins
    csvs = [p for p in written.values() if p.suffix == ".csv"]
    assert len(csvs) >= 4  # the two manifests and the demo inputs
    assert {p.name: formula_fields(p) for p in csvs if formula_fields(p)} == {}


def test_every_payload_reached_the_outputs_as_text(twins):
    """The scan means something only if the payloads were written: each is in some output."""
    written, _ = twins
    from python_calamine import CalamineWorkbook

    seen: set[str] = set()
    for path in written.values():
        if path.suffix in (".xlsx", ".xlsm"):
            book = CalamineWorkbook.from_path(str(path))
            for sheet in book.sheet_names:
                for row in book.get_sheet_by_name(sheet).to_python():
                    seen.update(v for v in row if isinstance(v, str))
    for payload in PAYLOADS:
        assert any(value.startswith(payload.strip()) or payload in value for value in seen), payload


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_every_settings_value_with_a_payload_is_refused_or_written_as_text(payload, tmp_path):
    accepted = []
    for key in KEYS:
        try:
            parse_settings({key: payload}, lambda k: f"Settings ({k})")
        except SettingsError as error:
            assert f"({key})" in str(error)  # the message names the cell
            continue
        accepted.append(key)
    assert set(accepted) <= {k for k in KEYS if k.startswith("stage_") or k == "abc_by"}
    stages = [k for k in accepted if k.startswith("stage_")]
    if not stages:
        return
    # Every stage named with the payload at once (numbered: two stages need two names).
    settings = Settings(**{key: f"{payload} {n}" for n, key in enumerate(stages)})
    twin = Settings(**{key: f"Plain {n}" for n, key in enumerate(stages)})
    path = save_workbook(build_template("en", settings), tmp_path / "t.xlsx", stamp=False)
    reference = save_workbook(build_template("en", twin), tmp_path / "r.xlsx", stamp=False)
    assert unexpected_formulas(path, reference) == []
    assert links(path) == []
