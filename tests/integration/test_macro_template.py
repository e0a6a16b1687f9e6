"""customers_en.xlsm / customers_zh.xlsm: the project's own VBA module and a button per macro,
read back by olevba and by LibreOffice, which imports the VBA project and binds the buttons."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from addin.domain.i18n import text
from addin.workbook.macro_template import (
    BAS,
    BUTTONS,
    VML,
    macro_template_bytes,
    macro_template_name,
)
from addin.workbook.template import TEMPLATES
from tests.libreoffice import _profile, skip_or_fail

LANGS = ["en", "zh"]
SUBS = re.compile(
    r'^Sub (\w+)\(\)\r\n    RunPython "from ([\w.]+) import (\w+); \3\(\)"\r\nEnd Sub', re.MULTILINE
)
INSPECT = Path(__file__).resolve().parents[1] / "tools" / "lo_vba_inspect.py"
SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="module", params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def built(lang: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(f"xlsm_{lang}") / macro_template_name(lang)
    path.write_bytes(macro_template_bytes(lang))
    return path


def parts(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def test_custdev_bas_is_what_the_vba_editor_imports_crlf_and_ascii():
    data = BAS.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") and data.endswith(b"\r\n")
    assert data.startswith(b'Attribute VB_Name = "custdev"\r\n')
    data.decode("ascii")


def test_each_macro_in_custdev_bas_runs_a_python_function_that_takes_no_arguments():
    subs = SUBS.findall(BAS.read_text(encoding="ascii").replace("\n", "\r\n").replace("\r\r", "\r"))
    assert [name for name, _, _ in subs] == [macro for macro, _ in BUTTONS]
    for _, module, function in subs:
        called = getattr(importlib.import_module(module), function)
        required = [
            p
            for p in inspect.signature(called).parameters.values()
            if p.default is inspect.Parameter.empty
        ]
        assert not required, function


def test_checked_in_macro_templates_match_what_the_code_builds(built, lang):
    assert parts(TEMPLATES / macro_template_name(lang)) == parts(built), (
        "run: python -m addin.workbook.template"
    )


def test_the_workbook_is_macro_enabled_and_names_its_document_modules(built):
    with zipfile.ZipFile(built) as archive:
        types = archive.read("[Content_Types].xml").decode()
        workbook = archive.read("xl/workbook.xml").decode()
        sheets = [
            archive.read(n).decode()
            for n in sorted(archive.namelist())
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)
        ]
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert 'codeName="ThisWorkbook"' in workbook
    assert [re.search(r'codeName="(\w+)"', s).group(1) for s in sheets] == [
        f"Sheet{i}" for i in range(1, len(sheets) + 1)
    ]


def test_olevba_extracts_the_projects_own_module_from_the_template(built):
    found = {path: code for _, path, _, code in VBA_Parser(str(built)).extract_macros()}
    source = BAS.read_bytes().decode("ascii").replace("\r\n", "\n")
    assert found["VBA/custdev"].replace("\r\n", "\n") == source
    assert {"VBA/ThisWorkbook", "VBA/Sheet1"} <= set(found)


def test_the_dashboard_has_a_button_for_each_macro_in_the_workbooks_language(built, lang):
    with zipfile.ZipFile(built) as archive:
        vml = archive.read(VML).decode()
    assert re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml) == [m for m, _ in BUTTONS]
    for _, caption in BUTTONS:
        assert f">{text(caption, lang)}</font>" in vml


def lo_inspect(*paths: Path) -> dict[str, dict]:
    """What LibreOffice sees of each workbook, by path; it starts once for them all."""
    if (
        shutil.which(SYSTEM_PYTHON) is None
        or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False
        ).returncode
    ):
        skip_or_fail("LibreOffice's Python bridge (python3-uno) is not installed")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(INSPECT), _profile(), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300 + 60 * len(paths),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def inspected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Language -> what LibreOffice sees of the macro workbook, both read in one start-up."""
    folder = tmp_path_factory.mktemp("xlsm_inspected")
    paths = {lang: folder / macro_template_name(lang) for lang in LANGS}
    for lang, path in paths.items():
        path.write_bytes(macro_template_bytes(lang))
    found = lo_inspect(*paths.values())
    return {lang: found[str(path)] for lang, path in paths.items()}


@pytest.mark.libreoffice
def test_libreoffice_imports_the_vba_module_and_binds_each_button_to_its_macro(inspected, lang):
    # What the test shows of Excel's view: the project's module, and each button calling a
    # macro LibreOffice can find and compile (running it needs the xlwings add-in's RunPython).
    found = inspected[lang]
    module = found["modules"]["VBAProject.custdev"]
    for macro, _ in BUTTONS:
        assert f"Sub {macro}()" in module
    [buttons] = found["buttons"].values()
    assert all(b["resolved"] == [True] for b in buttons)
    assert [(b["label"], b["macros"]) for b in buttons] == [
        (
            text(caption, lang),
            [f"vnd.sun.star.script:VBAProject.custdev.{macro}?language=Basic&location=document"],
        )
        for macro, caption in BUTTONS
    ]


def test_building_gives_the_same_bytes_whatever_the_hash_seed():
    # openpyxl copies the VBA parts out of a set, whose order follows Python's hash seed.
    # Each process builds every language: one start-up per seed, not one per seed and language.
    script = (
        "import sys; from addin.workbook.macro_template import macro_template_bytes; "
        f"[sys.stdout.buffer.write(macro_template_bytes(lang)) for lang in {LANGS!r}]"
    )
    builds = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(builds) == 1
    (build,) = builds
    assert build.count(b"PK\x05\x06") >= len(LANGS)  # a zip's end record: every workbook built
