"""The public API is what `addin.__all__` says, and every name in it imports."""

from __future__ import annotations

import subprocess
import sys

import addin

EXPECTED = {
    "AbcResult",
    "AbcRule",
    "ClassifyReport",
    "CustdevError",
    "CustomerTable",
    "PackageBook",
    "Settings",
    "__version__",
    "build_template",
    "classify_abc",
    "classify_file",
    "classify_workbook",
    "demo_customers",
    "generate",
    "pareto_points",
    "read_customers",
    "read_file_settings",
    "refresh_file",
    "summarise",
    "validate_customers",
    "write_demo",
    # visit plans (issue 4)
    "PlanReport",
    "VisitPlan",
    "plan_file",
    "plan_visits",
    "plan_workbook",
    "work_calendar",
}


def test_all_lists_exactly_the_public_names():
    assert set(addin.__all__) == EXPECTED


def test_every_public_name_imports():
    for name in addin.__all__:
        assert getattr(addin, name) is not None, name


def test_excel_functions_load_without_the_file_readers():
    # xlwings Lite has no python-calamine: the Excel side must not pull it in.
    code = (
        "import sys, addin.excel.functions, addin.excel.macros; "
        "print('python_calamine' in sys.modules, 'faker' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
