"""`custdev generate` and `custdev refresh` end to end: workbooks, manifests, exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl import load_workbook

from addin.adapters.package import PackageBook
from addin.domain.planning import SECONDS_PER_REP
from addin.domain.schema import canonical_key
from tests.e2e.test_cli import CUSTOMERS, HEADER, fingerprint, run, write_csv

REPS = {"张伟": 7, "李娜": 8}


@pytest.fixture
def export(tmp_path: Path) -> Path:
    lines = [
        HEADER,
        *CUSTOMERS,
        "W1,王氏客户,王/芳,客户,1000,",
        "X1,无名客户,,客户,500,=cmd|'/C calc'!A0",
    ]
    return write_csv(tmp_path / "export.csv", lines)


def manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_generate_writes_one_workbook_per_rep_with_chinese_names_and_a_manifest(
    export, tmp_path, capsys
):
    out = tmp_path / "reps"

    result = run(capsys, "generate", export, "--out", out)

    assert result.code == 0, result.text
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["manifest.csv", "manifest.json", "张伟.xlsx", "李娜.xlsx", "王_芳.xlsx", "(blank).xlsx"]
    )
    rows = {r["group"]: r for r in manifest(out)}
    assert {g: int(r["customers"]) for g, r in rows.items() if g in REPS} == REPS
    assert rows["王/芳"]["file"] == "王_芳.xlsx" and rows["王/芳"]["status"] == "ok"
    document = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert document["written"] == 4 and document["failed"] == 0
    assert "Wrote 4 of 4 workbook(s)" in result.out
    assert result.err == ""  # no progress bar when stderr is not a terminal


def test_a_generated_workbook_holds_only_its_reps_customers_classified_by_the_template(
    export, tmp_path, capsys
):
    run(capsys, "generate", export, "--out", tmp_path / "reps")

    ws = load_workbook(tmp_path / "reps" / "李娜.xlsx")["客户"]
    header, *body = ws[ws.tables["Customers"].ref]
    names = [c.value for c in header]
    ids = [r[names.index("客户编号")].value for r in body]
    classes = [r[names.index("ABC分类")].value for r in body]
    assert ids == [f"L{i}" for i in range(1, 8)] + ["P1"]
    assert classes[0] == "A" and classes[-1] is None


def test_text_from_the_data_that_looks_like_a_formula_stays_text(export, tmp_path, capsys):
    run(capsys, "generate", export, "--out", tmp_path / "reps")

    ws = load_workbook(tmp_path / "reps" / "(blank).xlsx")["客户"]
    notes = [c for row in ws.iter_rows() for c in row if c.value == "=cmd|'/C calc'!A0"]
    assert len(notes) == 1 and notes[0].data_type == "s"


def test_one_rep_that_cannot_be_written_does_not_stop_the_others(export, tmp_path, capsys):
    out = tmp_path / "reps"
    out.mkdir()
    (out / "~$张伟.xlsx").write_bytes(b"Excel has it open")

    result = run(capsys, "generate", export, "--out", out)

    assert result.code == 2
    assert "张伟" in result.err and "Excel" in result.err
    assert (out / "李娜.xlsx").exists() and not (out / "张伟.xlsx").exists()
    rows = {r["group"]: r for r in manifest(out)}
    assert rows["张伟"]["status"] == "failed" and "Excel" in rows["张伟"]["details"]
    assert rows["李娜"]["status"] == "ok"


def test_several_processes_write_the_same_files_as_one(export, tmp_path, capsys):
    assert run(capsys, "generate", export, "--out", tmp_path / "one").code == 0
    assert run(capsys, "generate", export, "--out", tmp_path / "two", "--jobs", "2").code == 0

    for book in (tmp_path / "one").glob("*.xlsx"):
        assert book.read_bytes() == (tmp_path / "two" / book.name).read_bytes(), book.name


def test_a_count_in_full_width_digits_is_taken_and_one_int_refuses_is_one_error_line(
    export, tmp_path, capsys
):
    """'２' comes from a Chinese input method; '²' passes str.isdigit() but not int()."""
    assert run(capsys, "generate", export, "--out", tmp_path / "out", "--jobs", "２").code == 0
    result = run(capsys, "generate", export, "--out", tmp_path / "bad", "--jobs", "²")
    assert result.code == 2 and "Traceback" not in result.err
    assert [line for line in result.err.splitlines() if "error:" in line] == [
        "custdev generate: error: argument --jobs: '²' is not a positive whole number"
    ]


def test_generate_by_region_names_files_after_regions(tmp_path, capsys):
    source = write_csv(
        tmp_path / "r.csv", ["id,name,region,sales", "1,A,华东,10", "2,B,华南,5", "3,C,华东,1"]
    )

    result = run(
        capsys, "generate", source, "--out", tmp_path / "out", "--by", "region", "--template", "en"
    )

    assert result.code == 0, result.text
    assert sorted(p.name for p in (tmp_path / "out").glob("*.xlsx")) == ["华东.xlsx", "华南.xlsx"]


def test_a_plan_window_puts_the_visit_plan_into_every_workbook(export, tmp_path, capsys):
    result = run(
        capsys, "generate", export, "--out", tmp_path / "b", "--start", "2026-03-02", "--weeks", "2"
    )

    assert result.code == 0, result.text
    for path in (tmp_path / "b").glob("*.xlsx"):
        book = openpyxl.load_workbook(path)
        tables = {name for ws in book.worksheets for name in ws.tables}
        assert {"Customers", "VisitPlan", "Unscheduled"} <= tables, path.name
        plan = next(ws for ws in book.worksheets if "VisitPlan" in ws.tables)
        dates = [r[0] for r in plan.iter_rows(min_row=3, values_only=True) if r[0]]
        assert all(str(d) >= "2026-03-02" for d in dates)


@pytest.fixture
def solver_budgets(monkeypatch) -> list[float]:
    """The budget (seconds) each call of the route solver was given."""
    from addin.domain.planning import solver

    asked: list[float] = []
    real = solver.improve

    def improve(problem, first, seconds):
        asked.append(seconds)
        return real(problem, first, seconds)

    monkeypatch.setattr(solver, "improve", improve)
    return asked


@pytest.mark.parametrize(
    ("effort", "budgets"),
    [((), {SECONDS_PER_REP}), (("--time-limit", "0.05"), {0.05}), (("--quick",), set())],
    ids=["default", "time-limit", "quick"],
)
def test_generate_plans_as_hard_as_asked(export, tmp_path, capsys, solver_budgets, effort, budgets):
    out = tmp_path / "b"
    result = run(capsys, "generate", export, "--out", out, "--weeks", "1", *effort)
    assert result.code == 0, result.text
    assert set(solver_budgets) == budgets  # the solver ran for every rep, or not at all
    for path in out.glob("*.xlsx"):  # a plan either way
        assert "VisitPlan" in {n for ws in openpyxl.load_workbook(path) for n in ws.tables}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("effort", [("--quick",), ("--time-limit", "2")])
def test_plan_effort_without_a_plan_window_is_refused_before_reading(
    tmp_path, capsys, effort, lang
):
    result = run(
        capsys, "generate", tmp_path / "x.csv", "--out", tmp_path / "o", *effort, "--lang", lang
    )
    assert result.code == 2
    assert "--start" in result.err and "--weeks" in result.err, result.err
    assert "x.csv" not in result.err and not (tmp_path / "o").exists()


def test_a_bad_date_is_refused_by_the_command_line(export, tmp_path, capsys):
    result = run(
        capsys, "generate", export, "--out", tmp_path, "--start", "next monday", "--weeks", "2"
    )
    assert result.code == 2 and "YYYY-MM-DD" in result.err


def test_a_template_that_is_not_a_workbook_is_refused(export, tmp_path, capsys):
    result = run(capsys, "generate", export, "--out", tmp_path / "o", "--template", "plan.docx")
    assert result.code == 2 and ".xltx" in result.err


def test_a_template_without_a_customers_table_says_so(export, tmp_path, capsys):
    from openpyxl import Workbook

    Workbook().save(tmp_path / "empty.xlsx")
    result = run(
        capsys,
        "generate",
        export,
        "--out",
        tmp_path / "o",
        "--template",
        tmp_path / "empty.xlsx",
        "--lang",
        "en",
    )
    assert result.code == 2 and "no Excel table named 'Customers'" in result.err


def sell_nothing_to_the_first_customer(book: Path) -> None:
    """Their annual sales set to 0 with the package editor: their class is out of date."""
    edited = PackageBook.open(book)
    frame = edited.read_table("Customers").frame
    sales = next(c for c in frame.columns if canonical_key(str(c)) == "annual_sales")
    edited.write_column("Customers", str(sales), [0, *frame[sales].iloc[1:]])
    book.write_bytes(edited.to_bytes())


def test_refresh_on_the_command_line_reports_and_rewrites(export, tmp_path, capsys):
    run(capsys, "generate", export, "--out", tmp_path / "reps")
    book = tmp_path / "reps" / "李娜.xlsx"
    sell_nothing_to_the_first_customer(book)

    dry = run(capsys, "refresh", book, "--dry-run", "--lang", "en")
    done = run(capsys, "refresh", book, "--backup", "--lang", "en")

    assert dry.code == 0 and "Dry run" in dry.out and "Classified 7 customers" in dry.out
    assert done.code == 0 and "Refreshed" in done.out and "Backup:" in done.out


def test_a_generated_workbook_is_already_up_to_date_and_is_not_rewritten(export, tmp_path, capsys):
    run(capsys, "generate", export, "--out", tmp_path / "reps")
    book = tmp_path / "reps" / "李娜.xlsx"
    before = fingerprint(book)

    done = run(capsys, "refresh", book, "--backup", "--lang", "en")

    assert done.code == 0 and "Classified 7 customers" in done.out
    assert done.out.endswith("李娜.xlsx was already up to date: not rewritten.\n")
    assert "Backup:" not in done.out and fingerprint(book) == before
    assert not list(book.parent.glob("*.backup-*"))


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "was already up to date: not rewritten."), ("zh", "已是最新，未重写。")],
)
def test_refresh_again_says_the_workbook_was_up_to_date_and_repeats_its_report(
    export, tmp_path, capsys, lang, words
):
    run(capsys, "generate", export, "--out", tmp_path / "reps")
    book = tmp_path / "reps" / "张伟.xlsx"
    first = run(capsys, "refresh", book, "--lang", lang)

    again = run(capsys, "refresh", book, "--backup", "--lang", lang)

    assert again.code == 0 and again.err == first.err
    assert again.out.splitlines()[:-1] == first.out.splitlines()[:-1]
    assert again.out.splitlines()[-1] == f"{book} {words}"


def test_refresh_refuses_a_workbook_open_in_excel(export, tmp_path, capsys):
    run(capsys, "generate", export, "--out", tmp_path / "reps")
    (tmp_path / "reps" / "~$李娜.xlsx").write_bytes(b"")

    result = run(capsys, "refresh", tmp_path / "reps" / "李娜.xlsx", "--lang", "en")

    assert result.code == 2 and "is open in Excel" in result.err


@pytest.mark.parametrize(("lang", "word"), [("en", "one workbook per rep"), ("zh", "每个业务员")])
def test_generate_help_speaks_both_languages(capsys, lang, word):
    result = run(capsys, "generate", "--help", "--lang", lang)
    assert result.code == 0 and word in result.out


def test_in_chinese_the_summary_and_the_blank_groups_file_are_chinese(export, tmp_path, capsys):
    result = run(capsys, "generate", export, "--out", tmp_path / "reps", "--lang", "zh")

    assert result.code == 0 and "已写出 4/4 个工作簿" in result.out
    assert (tmp_path / "reps" / "（空白）.xlsx").exists()


def test_an_excel_template_file_gives_ordinary_workbooks(export, tmp_path, capsys):
    import zipfile

    from openpyxl import Workbook
    from openpyxl.worksheet.table import Table

    wb = Workbook()
    ws = wb.active
    ws.append(["客户编号", "客户名称", "销售额"])
    ws.append(["T", "样例", 1])
    ws.add_table(Table(displayName="Customers", ref="A1:C2"))
    wb.template = True
    wb.save(tmp_path / "rep.xltx")

    result = run(
        capsys, "generate", export, "--out", tmp_path / "o", "--template", tmp_path / "rep.xltx"
    )

    assert result.code == 0, result.text
    with zipfile.ZipFile(tmp_path / "o" / "李娜.xlsx") as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert "spreadsheetml.sheet.main+xml" in types and "template.main" not in types
    ws = load_workbook(tmp_path / "o" / "李娜.xlsx").active
    assert [c.value for c in ws[1]] == [
        "客户编号",
        "客户名称",
        "销售额",
        "业务员",
        "类型",
        "备注",
        "ABC分类",
    ]


def test_the_manifest_lists_each_reps_unreadable_cells(tmp_path, capsys):
    lines = ["id,name,rep,sales", "1,A,Li,10", "2,B,Li,n/a", "3,C,Wu,5"]
    source = write_csv(tmp_path / "e.csv", lines)

    assert run(capsys, "generate", source, "--out", tmp_path / "o", "--lang", "en").code == 0

    rows = {r["group"]: r for r in manifest(tmp_path / "o")}
    assert rows["Li"]["problems"] == "1" and "'n/a' is not a number" in rows["Li"]["details"]
    assert "line 3" in rows["Li"]["details"]
    assert rows["Wu"]["problems"] == "0"


def test_a_progress_bar_is_drawn_on_a_terminal(export, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)

    result = run(capsys, "generate", export, "--out", tmp_path / "o", "--lang", "en")

    assert "\r[" in result.err and "4/4 workbooks" in result.err
