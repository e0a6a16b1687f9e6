"""`custdev pipeline` end to end: real files in, a dashboard workbook out."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
import pytest

from addin.cli import main
from addin.domain.schema import ALL_COLUMNS
from addin.domain.settings import Settings
from tests.libreoffice import Rendered, render

HEADER = "Customer ID,Name,Rep,Kind,Annual sales,Previous sales,Stage,Follow-up,Last visit\n"
ROWS = [
    "C1,Acme,Ann,customer,1000,800,,,2026-11-01",
    "C2,Bolt,Bo,customer,500,,,,2026-11-01",
    "P1,Core,Ann,prospect,,,short term,keep visiting,2026-11-20",
    "P2,Dyna,Ann,prospect,,,potential,,2026-01-01",
    "P3,Edge,Bo,prospect,,,已成交,,2026-11-20",
    "P4,Flux,Bo,prospect,,,potential,give up,2026-11-20",
]


def csv_in(folder: Path) -> Path:
    path = folder / "customers.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def customers_csv(tmp_path: Path) -> Path:
    return csv_in(tmp_path)


def run(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def table_rows(path: Path, name: str) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        if name in ws.tables:
            return [[c.value for c in row] for row in ws[ws.tables[name].ref]]
    raise AssertionError(name)


def test_pipeline_writes_the_health_of_each_rep_and_the_team(customers_csv, tmp_path):
    output = tmp_path / "out.xlsx"
    code, out, err = run(
        "pipeline", customers_csv, "-o", output, "--target", "3", "--as-of", "2026-11-27"
    )
    assert code == 0, err
    assert out.splitlines()[-1] == str(output)
    assert "2 live against a target of 6 (2 rep(s) below); 1 stale" in out
    header, ann, bo, team = table_rows(output, "Pipeline")
    assert header[:3] == ["Rep", "Live prospects", "Target"]
    assert ann[:3] == ["Ann", 2, 3] and bo[:3] == ["Bo", 0, 3] and team[:3] == ["Team", 2, 6]
    assert ann[header.index("Stale")] == 1  # P2, last seen in January
    assert ann[header.index("Change in sales")] == 200


def test_the_dashboard_chart_covers_every_rep_but_not_the_team(customers_csv, tmp_path):
    output = tmp_path / "out.xlsx"
    assert run("pipeline", customers_csv, "-o", output)[0] == 0
    with __import__("zipfile").ZipFile(output) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(package.read(n).decode() for n in charts)
    assert "$A$39:$A$40" in xml  # the Pipeline table: header row 38, Ann 39, Bo 40, Team 41
    assert "$A$41" not in xml


def chinese_pipeline_workbook(folder: Path) -> Path:
    output = folder / "out.xlsx"
    assert run("pipeline", csv_in(folder), "-o", output, "--lang", "zh")[0] == 0
    return output


render("pipeline_zh", chinese_pipeline_workbook, "pdf")


@pytest.mark.libreoffice
def test_the_pipeline_workbook_renders_in_libreoffice(rendered: Rendered):
    assert len(rendered.pngs("pipeline_zh")) >= 5


def test_a_target_that_is_not_a_positive_number_is_refused(customers_csv):
    code, _, err = run("pipeline", customers_csv, "--target", "-1")
    assert code == 2
    assert "'-1' is not a number above zero" in err


def test_chinese_headers_into_an_english_workbook_add_no_stray_columns(tmp_path):
    source = tmp_path / "客户.csv"
    source.write_text(
        "客户编号,客户名称,业务员,类型,阶段,跟进决定\nP1,甲,张伟,潜在客户,短期,继续拜访\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.xlsx"
    assert run("pipeline", source, "-o", output, "--lang", "en")[0] == 0
    book = openpyxl.load_workbook(output)
    ws = book.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers == [c.label("en") for c in ALL_COLUMNS]
    stage = ws.cell(2, headers.index("Stage") + 1)
    assert stage.value == "Short term"
    assert stage.fill.fgColor.rgb[-6:] == Settings().color_short_term


def test_refresh_recomputes_colours_and_pipeline_after_a_rep_changes_a_stage(
    customers_csv, tmp_path
):
    book = tmp_path / "rep.xlsx"
    assert run("pipeline", customers_csv, "-o", book, "--as-of", "2026-11-27")[0] == 0
    edited = openpyxl.load_workbook(book)  # the rep closes the deal with Dyna (P2)
    ws = edited.worksheets[0]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "P2")
    ws.cell(row, headers.index("Stage") + 1).value = "Closed"
    edited.save(book)

    code, _, err = run("refresh", book)

    assert code == 0, err
    header, ann, *_ = table_rows(book, "Pipeline")
    assert ann[header.index("Live prospects")] == 1
    assert ann[header.index("Closed")] == 1  # headed as the Stage column says it
    stage = openpyxl.load_workbook(book).worksheets[0].cell(row, headers.index("Stage") + 1)
    assert stage.fill.fgColor.rgb[-6:] == Settings().color_closed
