"""The `custdev` command line end to end: real files in, real workbooks out, exit codes, messages.

Most tests call `addin.cli.main` in-process; one runs the command as its own process.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.table import Table

from addin.api import read_customers
from addin.cli import main
from addin.domain.abc_analysis import AbcRule, classify_abc
from addin.domain.schema import ALL_COLUMNS
from addin.domain.settings import Settings
from tests.workbooks import demo_folder

REPO = Path(__file__).resolve().parents[2]
DEMO_CSV = "demo_customers_zh.csv"
DEMO_PLAN = "demo_plan_zh.xlsx"
DEMO_BOOK = "demo_classified_zh.xlsx"
ID, KIND, SALES, CLASS = "客户编号", "类型", "销售额", "ABC分类"
HEADER = "客户编号,客户名称,业务员,类型,销售额,备注"
CLASS_INDEX = [c.key for c in ALL_COLUMNS].index("abc_class")
# Zhang's customers outsell Li's tenfold: only classifying by rep gives Li an A.
CUSTOMERS = (
    [
        f"Z{i},张氏客户{i},张伟,客户,{sales},"
        for i, sales in enumerate([900000, 500000, 300000, 200000, 100000, 60000, 30000], start=1)
    ]
    + [
        f"L{i},李氏客户{i},李娜,客户,{sales},"
        for i, sales in enumerate([90000, 50000, 30000, 20000, 10000, 6000, 3000], start=1)
    ]
    + ["P1,潜在客户甲,李娜,潜在客户,,"]
)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(capsys: pytest.CaptureFixture[str], *args: object) -> Run:
    """`custdev ARGS` in-process; argparse's own exits count as exit codes too."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as stop:
        code = stop.code
    captured = capsys.readouterr()
    return Run(int(code or 0), captured.out, captured.err)


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def table_cells(path: Path, name: str) -> tuple[list[str], list[tuple[Cell, ...]]]:
    """The header texts and the body cells of the Excel table `name` in the workbook at `path`."""
    for ws in load_workbook(path).worksheets:
        if name in ws.tables:
            header, *body = ws[ws.tables[name].ref]
            return [str(c.value) for c in header], body
    raise AssertionError(f"{path.name} has no table {name}")


def table_frame(path: Path, name: str) -> pd.DataFrame:
    header, body = table_cells(path, name)
    return pd.DataFrame([[c.value for c in row] for row in body], columns=header, dtype=object)


def classes_by_id(path: Path) -> dict[str, str | None]:
    frame = table_frame(path, "Customers")
    return dict(zip(frame[ID], frame[CLASS], strict=True))


def expected_classes(source: Path, rule: AbcRule | None = None, by: str | None = None) -> dict:
    """The classes `classify_abc` gives the customers read from `source`, by customer id."""
    table = read_customers(source)
    classes = classify_abc(table.frame, rule or AbcRule(), by=by).classes.astype(object)
    ids = table.frame["customer_id"]
    return {cid: None if pd.isna(c) else c for cid, c in zip(ids, classes, strict=True)}


def encrypted_copy(plain: Path, target: Path) -> Path:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    with plain.open("rb") as source, target.open("wb") as out:
        ooxml.OOXMLFile(source).encrypt("pw", out)
    return target


def offset_workbook(path: Path, sales_of_third_row: object) -> Path:
    """A Customers table at C4 with Chinese headers; the third customer sits on sheet row 7."""
    rows = [
        ["客户编号", "客户名称", "销售额", "业务员"],
        ["C1", "甲公司", 500000, "张伟"],
        ["C2", "乙公司", 200000, "李娜"],
        ["C3", "丙公司", sales_of_third_row, "张伟"],
        ["C4", "丁公司", 10000, "李娜"],
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=3):
            ws.cell(r, c, value)
    ws.add_table(Table(displayName="Customers", ref="C4:F8"))
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`custdev demo --lang zh` run once for the module (the plan takes seconds): the folder it
    wrote into and what it printed."""
    folder = tmp_path_factory.mktemp("demo")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["demo", "--out", str(folder), "--lang", "zh"]) == 0
    return folder, out.getvalue()


@pytest.fixture(scope="module")
def demo(demo_run: tuple[Path, str]) -> Path:
    return demo_run[0]


@pytest.fixture
def customers_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "customers.csv", [HEADER, *CUSTOMERS])


# --- demo ---------------------------------------------------------------------------------


def test_demo_writes_the_csv_a_classified_workbook_and_a_visit_plan_and_prints_their_paths(
    demo_run,
):
    folder, out = demo_run  # exit 0: asserted by the fixture

    written = [DEMO_CSV, DEMO_BOOK, DEMO_PLAN]
    assert out.split() == [str(folder / name) for name in written]
    assert sorted(p.name for p in folder.iterdir()) == sorted(written)
    plan = load_workbook(folder / DEMO_PLAN)
    assert {"VisitPlan", "Unscheduled", "PlanByRep"} <= {
        name for ws in plan.worksheets for name in ws.tables
    }


def test_the_demo_workbook_has_the_four_tables(demo):
    wb = load_workbook(demo / DEMO_BOOK)

    tables = {name for ws in wb.worksheets for name in ws.tables}

    assert {"Customers", "Settings", "AbcSummary", "ParetoData"} <= tables


def test_the_demo_class_column_holds_only_a_b_c_or_blank(demo):
    frame = table_frame(demo / DEMO_BOOK, "Customers")

    assert set(frame[CLASS]) <= {"A", "B", "C", None}
    assert {"A", "B", "C"} <= set(frame[CLASS])


def test_every_demo_customer_with_sales_has_a_class_and_no_prospect_has_one(demo):
    frame = table_frame(demo / DEMO_BOOK, "Customers")
    selling = (frame[KIND] == "客户") & (pd.to_numeric(frame[SALES]) > 0)
    prospects = frame[KIND] == "潜在客户"

    assert prospects.any()
    assert frame.loc[selling, CLASS].isin(["A", "B", "C"]).all()
    assert frame.loc[prospects, CLASS].isna().all()


def test_demo_class_cells_are_filled_with_the_settings_colours(demo):
    header, body = table_cells(demo / DEMO_BOOK, "Customers")
    column = header.index(CLASS)
    colors = Settings().class_colors()

    for row in body:
        cell = row[column]
        if cell.value is None:
            assert cell.fill.fill_type is None, cell.coordinate
        else:
            assert cell.fill.fill_type == "solid", cell.coordinate
            assert cell.fill.start_color.rgb[-6:] == colors[cell.value], cell.coordinate


def test_demo_classes_match_classify_abc_recomputed_from_the_demo_csv(demo):
    assert classes_by_id(demo / DEMO_BOOK) == expected_classes(demo / DEMO_CSV)


def test_running_demo_twice_writes_identical_csvs(demo):
    # The second run is the session's shared demo (tests.workbooks), written by the same code
    # the command calls: the LibreOffice tests print it, so a full run pays for it only once.
    assert (demo_folder("zh") / DEMO_CSV).read_bytes() == (demo / DEMO_CSV).read_bytes()


# --- classify -----------------------------------------------------------------------------


def test_classify_by_rep_with_the_count_method_matches_classify_abc_per_rep(
    customers_csv, tmp_path, capsys
):
    output = tmp_path / "out.xlsx"
    args = ["--method", "count", "--a-share", "0.2", "--b-share", "0.5", "--by", "rep"]

    result = run(capsys, "classify", customers_csv, "-o", output, *args)

    assert result.code == 0, result.err
    expected = expected_classes(customers_csv, AbcRule(0.2, 0.5, "count"), by="rep")
    assert classes_by_id(output) == expected
    assert expected["L1"] == "A"  # Li's best customer is an A within Li's own list
    assert expected["P1"] is None


def test_the_output_settings_table_shows_the_settings_the_run_used(customers_csv, tmp_path, capsys):
    output = tmp_path / "out.xlsx"
    args = ["--method", "count", "--a-share", "0.1", "--b-share", "40%", "--by", "rep"]

    assert run(capsys, "classify", customers_csv, "-o", output, *args).code == 0

    frame = table_frame(output, "Settings")
    values = dict(zip(frame.iloc[:, 0], frame["值"], strict=True))
    assert values["count_a_share"] == 0.1  # shares apply to the method in force
    assert values["count_b_share"] == 0.4
    assert values["a_share"] == 0.8
    assert values["abc_method"] == "count"
    assert values["abc_by"] == "rep"


def test_without_o_the_output_goes_next_to_the_input_and_the_input_is_unchanged(
    customers_csv, capsys
):
    before = fingerprint(customers_csv)

    result = run(capsys, "classify", customers_csv)

    output = customers_csv.with_name("customers_classified.xlsx")
    assert result.code == 0
    assert result.out.splitlines()[-1] == str(output)
    assert classes_by_id(output) == expected_classes(customers_csv)
    assert fingerprint(customers_csv) == before


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--a-share", "250"], "--a-share"),
        (["--a-share", "abc"], "--a-share"),
        (["--a-share", "0"], "--a-share"),
        (["--b-share", "-0.5"], "--b-share"),
        (["--method", "sales"], "--method"),
        (["--by", "city"], "--by"),
    ],
    ids=["a-share-250", "a-share-abc", "a-share-0", "b-share-negative", "method-sales", "by-city"],
)
def test_a_bad_argument_exits_2_with_one_error_line_naming_it(customers_csv, capsys, args, named):
    result = run(capsys, "classify", customers_csv, *args)

    errors = [line for line in result.err.splitlines() if "error:" in line]
    assert result.code == 2
    assert len(errors) == 1
    assert named in errors[0]
    assert "Traceback" not in result.text
    assert sorted(p.name for p in customers_csv.parent.iterdir()) == ["customers.csv"]


def test_a_missing_input_argument_exits_2_with_one_error_line(capsys):
    result = run(capsys, "classify")

    errors = [line for line in result.err.splitlines() if "error:" in line]
    assert result.code == 2
    assert errors == ["custdev classify: error: the following arguments are required: input"]


def test_an_input_file_that_does_not_exist_exits_2_naming_it(tmp_path, capsys):
    result = run(capsys, "classify", tmp_path / "nope.csv")

    assert result.code == 2
    assert result.err.startswith("error: ")
    assert "nope.csv: no such file" in result.err
    assert "Traceback" not in result.text
    assert list(tmp_path.iterdir()) == []


def missing_column(folder: Path) -> Path:
    return write_csv(folder / "typo.csv", ["客户编号,客户名称,Anual Sales", "C1,甲,1"])


def duplicate_ids(folder: Path) -> Path:
    return write_csv(folder / "dups.csv", [HEADER, CUSTOMERS[0], CUSTOMERS[0]])


def encrypted(folder: Path) -> Path:
    plain = offset_workbook(folder.parent / "plain.xlsx", 1000)
    return encrypted_copy(plain, folder / "secret.xlsx")


def not_a_workbook(folder: Path) -> Path:
    path = folder / "logo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (missing_column, "rename 'Anual Sales' to 'Annual sales'"),
        (duplicate_ids, "'Z1' in rows 2, 3"),
        (encrypted, "password protected"),
        (not_a_workbook, "not an Excel workbook"),
    ],
    ids=["missing-column", "duplicate-ids", "encrypted", "not-a-workbook"],
)
def test_bad_input_exits_2_naming_the_file_and_the_fix_and_writes_nothing(
    tmp_path, capsys, make, says
):
    folder = tmp_path / "in"
    folder.mkdir()
    source = make(folder)
    before = fingerprint(source)

    result = run(capsys, "classify", source)

    assert result.code == 2
    assert result.err.startswith(f"error: {source.name}")
    assert says in result.err
    assert "fix" in result.err.casefold()
    assert "Traceback" not in result.text
    assert list(folder.iterdir()) == [source]
    assert fingerprint(source) == before


def test_a_text_sales_value_warns_with_its_row_and_column_and_leaves_the_customer_unclassed(
    tmp_path, capsys
):
    source = offset_workbook(tmp_path / "customers.xlsx", "很多")
    output = tmp_path / "out.xlsx"

    result = run(capsys, "classify", source, "-o", output)

    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert result.code == 0
    assert len(warnings) == 1
    assert "column '销售额' (E), row 7: '很多'" in warnings[0]
    classes = classes_by_id(output)
    assert classes["C3"] is None
    assert classes["C1"] == "A"


def test_with_strict_a_text_sales_value_exits_2_and_writes_nothing(tmp_path, capsys):
    source = offset_workbook(tmp_path / "customers.xlsx", "很多")

    result = run(capsys, "classify", source, "-o", tmp_path / "out.xlsx", "--strict")

    assert result.code == 2
    assert "column '销售额' (E), row 7" in result.err
    assert "Traceback" not in result.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.xlsx"]


def test_an_output_that_is_the_input_is_refused(tmp_path, capsys):
    source = offset_workbook(tmp_path / "customers.xlsx", 1000)
    (tmp_path / "sub").mkdir()
    before = fingerprint(source)

    result = run(capsys, "classify", source, "-o", tmp_path / "sub" / ".." / "customers.xlsx")

    assert result.code == 2
    assert "never writes over a file it reads" in result.err
    assert fingerprint(source) == before


def test_an_output_folder_that_does_not_exist_is_a_clear_error(customers_csv, capsys):
    output = customers_csv.parent / "missing" / "out.xlsx"

    result = run(capsys, "classify", customers_csv, "-o", output)

    assert result.code == 2
    assert "does not exist" in result.err
    assert "internal error" not in result.err


def test_formula_like_text_in_the_input_is_written_as_plain_text(tmp_path, capsys):
    hyperlink = '=HYPERLINK("http://x","click")'
    dde = "+cmd|' /C calc'!A0"
    quoted = hyperlink.replace('"', '""')
    source = write_csv(
        tmp_path / "evil.csv",
        [HEADER, f'=1+1,"{quoted}",张伟,客户,1000,{dde}', "C2,乙,张伟,客户,500,@SUM(1)"],
    )
    output = tmp_path / "out.xlsx"

    assert run(capsys, "classify", source, "-o", output).code == 0

    header, body = table_cells(output, "Customers")
    cells = {(r, h): row[i] for r, row in enumerate(body) for i, h in enumerate(header)}
    for key, text in [
        ((0, ID), "=1+1"),
        ((0, "客户名称"), hyperlink),
        ((0, "备注"), dde),
        ((1, "备注"), "@SUM(1)"),
    ]:
        assert cells[key].data_type == "s", key
        assert cells[key].value == text


def test_the_command_runs_as_its_own_process(customers_csv):
    command = (
        [shutil.which("custdev")]
        if shutil.which("custdev")
        else [sys.executable, "-m", "addin.cli"]
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    output = customers_csv.with_name("out.xlsx")

    done = subprocess.run(
        [*command, "classify", str(customers_csv), "-o", str(output), "--lang", "en"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == str(output)
    assert "Traceback" not in done.stderr
    assert "Class" in table_cells(output, "Customers")[0]


def test_an_output_name_that_is_not_an_xlsx_is_refused(customers_csv, tmp_path, capsys):
    result = run(capsys, "classify", customers_csv, "-o", tmp_path / "out.csv")
    assert result.code == 2
    assert "ending in .xlsx" in result.err
    assert not (tmp_path / "out.csv").exists()


def test_an_unreadable_cell_keeps_what_the_user_typed_in_the_output(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text(
        "id,name,annual_sales,kind\nC1,Acme,100,customer\nC2,Bolt,lots,customer\nC3,Core,50,vip\n",
        encoding="utf-8",
    )
    assert run(capsys, "classify", source, "-o", tmp_path / "out.xlsx").code == 0
    sheet = load_workbook(tmp_path / "out.xlsx").worksheets[0]
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["C2"][10] == "lots"  # Annual sales, as typed, for the rep to correct
    assert values["C3"][9] == "vip"  # the row of an unknown kind is kept, unclassified
    assert values["C3"][CLASS_INDEX] is None
