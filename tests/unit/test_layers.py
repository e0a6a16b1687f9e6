"""The layering rules of shared/architecture.md, checked on the import statements themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "addin"


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py"))


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_the_domain_imports_nothing_of_ours_outside_it_and_no_spreadsheet_library(path):
    for name in imports_of(path):
        assert not name.startswith(("xlwings", "openpyxl", "python_calamine")), name
        if name.startswith("addin"):
            assert name.startswith("addin.domain"), name


@pytest.mark.parametrize(
    "module",
    [f"services/{p.name}" for p in modules("services")] + ["runs.py"],
)
def test_services_import_only_the_domain_the_port_and_each_other(module):
    for name in imports_of(PACKAGE / module):
        if name.startswith("addin"):
            assert name.startswith(("addin.domain", "addin.ports", "addin.services")), name


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("workbook", ("addin.excel", "addin.cli", "addin.api", "xlwings")),
        (
            "adapters/package",  # the one file adapter: no openpyxl, nothing of the others
            ("addin.workbook", "addin.excel", "addin.cli", "addin.api", "openpyxl", "xlwings"),
        ),
        ("excel", ("addin.workbook", "addin.cli", "addin.api", "openpyxl", "python_calamine")),
    ],
)
def test_adapters_never_import_each_other(folder, forbidden):
    for path in modules(folder):
        for name in imports_of(path):
            assert not name.startswith(forbidden), f"{path.name} imports {name}"


def test_the_command_line_reaches_files_only_through_the_api():
    for name in imports_of(PACKAGE / "cli.py"):
        assert not name.startswith(("addin.workbook", "addin.excel", "openpyxl", "xlwings")), name
