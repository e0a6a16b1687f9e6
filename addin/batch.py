"""Files for the batch job and the manager: one workbook per rep from a template, refresh in place.

Both run the steps of `addin.runs` over `PackageBook`, which rewrites only what the add-in
computes and copies everything else of the user's file byte for byte. Writes are atomic.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from addin.adapters.package import PackageBook
from addin.domain.errors import CustdevError, InputFileError
from addin.domain.filenames import unique_stems
from addin.domain.i18n import LANGUAGES, text, use_language
from addin.domain.schema import headers_language
from addin.domain.validation import CustomerTable
from addin.runs import RunOptions, RunReport, generate_book, refresh_book, split_customers
from addin.services import CUSTOMERS, ClassifyReport
from addin.workbook.atomic import check_target, output_folder, workbook_bytes, write_bytes
from addin.workbook.template import build_template

REFRESHABLE = (".xlsx", ".xlsm")
TEMPLATE_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_TEMPLATE_TYPES = {  # a template's main part, and the same as a workbook
    b"spreadsheetml.template.main+xml": b"spreadsheetml.sheet.main+xml",
    b"ms-excel.template.macroEnabled.main+xml": b"ms-excel.sheet.macroEnabled.main+xml",
}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Outcome:
    """What became of one rep's (or region's) workbook, as the manifest lists it."""

    group: str
    file: str
    rows: int
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Template:
    """A template ready to copy: its package, the output suffix and the workbook language."""

    book: PackageBook
    suffix: str
    lang: str


def load_template(name_or_path: str | Path, lang: str | None = None) -> Template:
    """The shipped 'en'/'zh' template, or the user's workbook holding a Customers table."""
    if str(name_or_path) in LANGUAGES:
        built = workbook_bytes(build_template(str(name_or_path)), stamp=False)
        book = PackageBook.from_bytes(built, f"customers_{name_or_path}.xlsx")
    else:
        path = Path(name_or_path)
        if path.suffix.casefold() not in TEMPLATE_SUFFIXES:
            raise InputFileError(text("error.template_kind", path=path))
        if not path.is_file():
            raise InputFileError(text("error.no_file", path=path))
        book = PackageBook.from_bytes(_as_workbook(path.read_bytes()), path.name)
    headers = [str(h) for h in book.read_table(CUSTOMERS).frame.columns]  # no table: says so
    macros = book.package.has("xl/vbaProject.bin")
    return Template(book, ".xlsm" if macros else ".xlsx", lang or headers_language(headers))


def _as_workbook(data: bytes) -> bytes:
    """A .xltx/.xltm package declared as a workbook, as Excel does on 'New from template'."""
    book = PackageBook.from_bytes(data, "template")
    types = book.package.read("[Content_Types].xml")
    for template, workbook in _TEMPLATE_TYPES.items():
        types = types.replace(template, workbook)
    if types == book.package.read("[Content_Types].xml"):
        return data
    book.package.write("[Content_Types].xml", types)
    return book.package.to_bytes()


def generate_files(
    source: CustomerTable,
    template: Template,
    by: str,
    folder: str | Path,
    *,
    jobs: int = 1,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """One workbook per group in `folder`; a group that fails is reported, the others go on."""
    folder = output_folder(folder)
    groups = split_customers(source, by)
    stems = unique_stems(groups)
    work = [(g, stems[g] + template.suffix, t) for g, t in groups.items()]
    setup = (template, folder, options or RunOptions(), _message_language())
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(work) <= 1:
        _start_worker(*setup)
        for item in work:
            outcomes.append(_make_one(*item))
            if progress:
                progress(len(outcomes), len(work))
    else:
        with ProcessPoolExecutor(
            min(jobs, len(work)), initializer=_start_worker, initargs=setup
        ) as pool:
            futures = [pool.submit(_make_one, *item) for item in work]
            for future in as_completed(futures):
                outcomes.append(future.result())
                if progress:
                    progress(len(outcomes), len(work))
    order = {g: i for i, (g, _, _) in enumerate(work)}
    return sorted(outcomes, key=lambda o: order[o.group])


_WORKER: dict[str, object] = {}
"""The template and settings of this process, set once per worker process."""


def _start_worker(template: Template, folder: Path, options: RunOptions, lang: str) -> None:
    _WORKER.update(template=template, folder=folder, options=options, lang=lang)


def _make_one(group: str, file: str, table: CustomerTable) -> Outcome:
    template: Template = _WORKER["template"]  # type: ignore[assignment]
    folder: Path = _WORKER["folder"]  # type: ignore[assignment]
    options: RunOptions = _WORKER["options"]  # type: ignore[assignment]
    with use_language(str(_WORKER["lang"])):
        try:
            book = template.book.fresh_copy(file)
            report = generate_book(book, table, template.lang, options)
            write_bytes(folder / file, book.to_bytes())
        except CustdevError as error:
            return Outcome(group, file, len(table.frame), error=str(error))
        except Exception as error:  # one bad rep must not stop the others
            message = text("batch.internal", kind=type(error).__name__, message=error)
            return Outcome(group, file, len(table.frame), error=message)
        return _outcome(group, file, table, report)


def _outcome(group: str, file: str, table: CustomerTable, report: RunReport) -> Outcome:
    classify = report.first(ClassifyReport)
    counts = dict(classify.counts) if isinstance(classify, ClassifyReport) else {}
    problems = report.describe_problems().splitlines()
    return Outcome(group, file, len(table.frame), counts, problems)


def _message_language() -> str:
    with use_language(None) as lang:  # the language in force, for the worker processes
        return lang


def refresh_file(
    path: str | Path,
    *,
    backup: bool = False,
    dry_run: bool = False,
    options: RunOptions | None = None,
) -> tuple[RunReport, Path | None]:
    """Recompute the add-in's cells in the workbook at `path`, keeping everything else.

    Refuses while Excel has it open; writes atomically; with `backup`, first keeps a copy of the
    file as it was. Returns the report and the backup's path.
    """
    path = Path(path)
    if path.suffix.casefold() not in REFRESHABLE:
        raise InputFileError(text("error.refresh_kind", path=path))
    if not path.is_file():
        raise InputFileError(text("error.no_file", path=path))
    check_target(path)  # open in Excel: refuse before the work, not after it
    data = path.read_bytes()
    with _no_cycle_collection():
        book = PackageBook.from_bytes(data, path.name)
        report = refresh_book(book, options)
        if dry_run:
            return report, None
        new = book.to_bytes()
    copy = write_bytes(backup_path(path), data) if backup else None
    write_bytes(path, new)
    return report, copy


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a refresh builds a few hundred thousand lists and
    strings that hold no cycles: it would walk them all again and again (about 8 % of a
    100,000-row refresh). Memory held by reference counts is freed as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def backup_path(path: Path) -> Path:
    """'book.xlsx' -> 'book.backup-20260301-093000.xlsx', beside it; never an older backup."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{number}{path.suffix}")
        number += 1
    return candidate


MANIFEST_COLUMNS = ["group", "file", "status", "customers", "A", "B", "C", "problems", "details"]


def write_manifest(folder: Path, outcomes: list[Outcome], about: dict[str, object]) -> Path:
    """manifest.csv (for Excel: UTF-8 with BOM) and manifest.json; returns the CSV's path."""
    rows = [_manifest_row(o) for o in outcomes]
    out = io.StringIO()
    writer = csv.DictWriter(out, MANIFEST_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({**r, "details": " | ".join(map(str, r["details"]))} for r in rows)  # type: ignore[call-overload]
    path = write_bytes(folder / "manifest.csv", out.getvalue().encode("utf-8-sig"))
    document = {**about, "files": rows}
    write_bytes(
        folder / "manifest.json",
        json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8"),
    )
    return path


def _manifest_row(outcome: Outcome) -> dict[str, object]:
    counts = {k: outcome.counts.get(k, 0) for k in ("A", "B", "C")}
    details = [outcome.error] if outcome.error else outcome.problems
    return {
        "group": outcome.group,
        "file": outcome.file if outcome.ok else "",
        "status": "ok" if outcome.ok else "failed",
        "customers": outcome.rows,
        **counts,
        "problems": len(details),
        "details": details,
    }


__all__ = [
    "Outcome",
    "Template",
    "generate_files",
    "load_template",
    "refresh_file",
    "write_manifest",
]
