"""`custdev plan` end to end: a CSV in, a plan workbook out, options and bad arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.cli import main

HEADER = "客户编号,客户名称,业务员,类型,销售额,上次拜访"
ROWS = [f"C{i},客户{i},张伟,客户,{1000 * (20 - i)},2026-02-{i + 1:02d}" for i in range(12)]
ROWS += [f"D{i},客户D{i},李娜,客户,{900 * (20 - i)}," for i in range(6)]


@pytest.fixture
def customers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "客户.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def test_plan_writes_a_workbook_with_the_plan_tables_and_pages(customers_csv, capsys):
    out = customers_csv.with_name("plan.xlsx")
    code = main(["plan", str(customers_csv), "-o", str(out), "--start", "2026-03-02"])
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "2026-03-02" in printed and str(out) in printed
    book = load_workbook(out)
    tables = {name: ws.title for ws in book.worksheets for name in ws.tables}
    assert tables["VisitPlan"] == "拜访计划" and tables["Unscheduled"] == "未排入"
    assert {"周历", "月度汇总", "客户卡", "出发前检核", "关怀日历"} <= set(book.sheetnames)
    plan = book["拜访计划"]
    assert plan["A3"].value == "日期" and plan.cell(4, 1).value is not None
    assert book.sheetnames[-1] == "xlwings.conf"


def test_plan_for_one_rep_over_two_weeks_without_holidays(customers_csv, capsys):
    out = customers_csv.with_name("li.xlsx")
    args = ["plan", str(customers_csv), "-o", str(out), "--start", "2026-03-02", "--weeks", "2"]
    assert main([*args, "--rep", "李娜", "--country", "none", "--lang", "en"]) == 0
    book = load_workbook(out)
    reps = {row[4] for row in book["Visit Plan"].iter_rows(min_row=4, values_only=True)}
    assert reps == {"李娜"}
    assert "2026-03-15" in capsys.readouterr().out


def test_a_start_that_is_not_a_date_is_a_usage_error(customers_csv, capsys):
    with pytest.raises(SystemExit) as done:
        main(["plan", str(customers_csv), "--start", "next week"])
    assert done.value.code == 2
    assert "'next week' is not a date" in capsys.readouterr().err


def test_an_unknown_country_says_how_to_fix_it(customers_csv, capsys):
    assert main(["plan", str(customers_csv), "--country", "XX"]) == 2
    assert "'XX' is not a country the holiday calendar knows" in capsys.readouterr().err


def test_the_default_output_sits_beside_the_input(customers_csv, capsys):
    assert main(["plan", str(customers_csv), "--start", "2026-03-02"]) == 0
    assert customers_csv.with_name("客户_plan.xlsx").exists()


def test_plan_quick_and_with_a_time_limit_and_two_jobs(customers_csv, capsys):
    quick = customers_csv.with_name("quick.xlsx")
    assert main(["plan", str(customers_csv), "-o", str(quick), "--quick", "--lang", "en"]) == 0
    book = load_workbook(quick)
    assert "quick planner (--quick)" in book["Visit Plan"]["A2"].value
    solved = customers_csv.with_name("solved.xlsx")
    args = ["plan", str(customers_csv), "-o", str(solved), "--time-limit", "0.2", "--jobs", "2"]
    assert main([*args, "--lang", "en"]) == 0
    book = load_workbook(solved)
    assert "solver (0.2 s per rep)" in book["Visit Plan"]["A2"].value
    assert {"Manager visits", "Month"} <= set(book.sheetnames)


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_time_limit_that_is_not_a_positive_number_is_a_usage_error(customers_csv, capsys, value):
    with pytest.raises(SystemExit) as done:
        main(["plan", str(customers_csv), "--time-limit", value])
    assert done.value.code == 2
    assert repr(value) in capsys.readouterr().err
