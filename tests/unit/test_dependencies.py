"""The minimums in pyproject.toml are what CI's lowest-versions run installs, so they stay true."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def constraints_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lowest", ROOT / ".ci" / "lowest_constraints.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_lowest_versions_run_pins_every_runtime_dependency_to_its_minimum():
    pins = constraints_script().lowest_pins()
    pyproject = (ROOT / "pyproject.toml").read_text()
    runtime = pyproject.split("\ndependencies = [", 1)[1].split("\n]", 1)[0]
    declared = re.findall(r'^\s+"([\w-]+)>=([\w.]+)', runtime, re.M)
    assert [pin.split(";")[0] for pin in pins] == [f"{n}=={v}" for n, v in declared]
    assert 'xlwings==0.33.17; sys_platform != "emscripten"' in pins  # the marker stays


def test_a_dependency_without_a_minimum_stops_the_lowest_versions_run(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["pandas>=2.1", "numpy"]\n')
    with pytest.raises(SystemExit, match="'numpy' needs exactly one '>=' minimum"):
        constraints_script().lowest_pins(pyproject)
