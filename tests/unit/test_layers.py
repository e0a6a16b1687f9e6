"""The layering rules of shared/architecture.md, checked on the import statements themselves."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "addin"
CELL_REF = re.compile(r"\$?[A-Z]{1,3}\$?[0-9]+")


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
    [f"services/{p.name}" for p in modules("services")],
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


def cell_value_writes(path: Path) -> list[str]:
    """Each way a file sets an openpyxl cell's value other than through cell_writes: `.value =`,
    `ws.cell(row, col, value)`, `ws["A1"] = ...` and `ws.append(...)`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            for item in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(item, ast.Attribute) and item.attr == "value":
                    found.append(f"line {node.lineno}: .value =")
                key = item.slice if isinstance(item, ast.Subscript) else None
                if isinstance(key, ast.Constant) and CELL_REF.fullmatch(str(key.value)):
                    found.append(f"line {node.lineno}: [{key.value!r}] =")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            call, owner = node.func.attr, node.func.value
            valued = len(node.args) > 2 or any(k.arg == "value" for k in node.keywords)
            if call == "cell" and valued:
                found.append(f"line {node.lineno}: .cell(row, col, value)")
            if call == "append" and isinstance(owner, ast.Name) and owner.id == "ws":
                found.append(f"line {node.lineno}: ws.append")
    return found


@pytest.mark.parametrize(
    "path",
    [p for p in modules("workbook") if p.name != "cell_writes.py"],
    ids=lambda p: p.name,
)
def test_the_openpyxl_side_sets_cell_values_only_through_cell_writes(path):
    # openpyxl makes a formula of any str starting with '=': cell_writes.put keeps text text.
    assert cell_value_writes(path) == []
