"""The manifest of a batch run: one line per rep's (or region's) workbook, as CSV for a
spreadsheet and as JSON for programs."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from addin.domain.i18n import text
from addin.ports import is_formula_like
from addin.workbook.atomic import write_bytes


@dataclass(frozen=True)
class Outcome:
    """What became of one rep's (or region's) workbook, as the manifest lists it."""

    group: str
    file: str
    rows: int
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    unreported: bool = False
    """Failed, yet its workbook was written in full: the run lost track of it before its
    figures were counted (its worker killed, Ctrl-C). The manifest names the file."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def on_disk(self) -> bool:
        """Whether this run wrote the workbook (in full: a write is atomic)."""
        return self.ok or self.unreported


MANIFEST_COLUMNS = ["group", "file", "status", "customers", "A", "B", "C", "problems", "details"]
MANIFEST_FILES = ("manifest.csv", "manifest.json")


def write_manifest(
    folder: Path, outcomes: list[Outcome], about: dict[str, object], *, replace: bool = True
) -> Path:
    """manifest.csv (for Excel: UTF-8 with BOM) and manifest.json; returns the CSV's path.

    The CSV is for a spreadsheet: a field that one would take for a formula (a rep called
    '=cmd|...') gets a leading apostrophe, as OWASP advises. The JSON keeps every value as it is.
    """
    rows = [_manifest_row(o) for o in outcomes]
    out = io.StringIO()
    writer = csv.DictWriter(out, MANIFEST_COLUMNS, lineterminator="\r\n")
    writer.writerow({c: text(f"manifest.{c}") for c in MANIFEST_COLUMNS})  # in the run's language
    for row in rows:
        details = " | ".join(map(str, row["details"]))  # type: ignore[call-overload]
        flat = {**row, "status": text(f"manifest.{row['status']}"), "details": details}
        writer.writerow({k: csv_field(v) for k, v in flat.items()})
    csv_name, json_name = MANIFEST_FILES
    path = write_bytes(folder / csv_name, out.getvalue().encode("utf-8-sig"), replace=replace)
    document = {**about, "files": rows}
    write_bytes(
        folder / json_name,
        json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8"),
        replace=replace,
    )
    return path


def csv_field(value: object) -> object:
    """A CSV field a spreadsheet shows as text: text starting with =, +, -, @, tab or carriage
    return gets a leading apostrophe (OWASP's advice against CSV injection); numbers stay."""
    return "'" + value if is_formula_like(value) else value  # type: ignore[operator]


def _manifest_row(outcome: Outcome) -> dict[str, object]:
    counts = {k: outcome.counts.get(k, 0) for k in ("A", "B", "C")}
    details = [outcome.error] if outcome.error else outcome.problems
    return {
        "group": outcome.group,
        "file": outcome.file if outcome.on_disk else "",
        "status": "ok" if outcome.ok else "failed",
        "customers": outcome.rows,
        **counts,
        "problems": len(details),
        "details": details,
    }
