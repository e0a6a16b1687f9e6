"""Print a pip constraints file that pins every runtime dependency to the lowest version
pyproject.toml allows (`pandas>=2.1` -> `pandas==2.1`), markers kept.

CI installs custdev with these constraints and runs the tests, so the minimums in pyproject.toml
stay true: raise one there and the next run tests the new floor; no list is kept by hand.
`--summary` prints the pins on one line instead, for the log.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def lowest_pins(pyproject: Path = PYPROJECT) -> list[str]:
    """`name==minimum` (with its marker) for each runtime dependency; one without a `>=`
    minimum stops the script, because then there is no floor to test."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = []
    for line in project["dependencies"]:
        requirement = Requirement(line)
        floors = [s.version for s in requirement.specifier if s.operator == ">="]
        if len(floors) != 1:
            raise SystemExit(f"{pyproject.name}: {line!r} needs exactly one '>=' minimum")
        marker = f"; {requirement.marker}" if requirement.marker else ""
        pins.append(f"{requirement.name}=={floors[0]}{marker}")
    return pins


def main(argv: list[str]) -> int:
    pins = lowest_pins()
    if "--summary" in argv:
        print(" ".join(pin.split(";")[0] for pin in pins))
    else:
        print("\n".join(pins))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
