"""The file-based use cases, wired to the openpyxl adapter: what the command line and scripts call.

This is the composition root for files: it picks the adapter, the services do the work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from addin.adapters.package import PackageBook
from addin.batch import (
    Outcome,
    Progress,
    generate_files,
    load_template,
    refresh_file,
    write_manifest,
)
from addin.demo_data import demo_customers
from addin.domain import plan_input
from addin.domain.errors import InputFileError
from addin.domain.former import FormerImport, import_former
from addin.domain.i18n import LANGUAGES, check_language, text
from addin.domain.problems import Layout
from addin.domain.schema import BY_KEY, canonical_key
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.ports import RawTable
from addin.runs import RunOptions
from addin.services import (
    DAYS_OFF,
    SETTINGS,
    TOUCHES,
    ClassifyReport,
    PlanReport,
    ProspectReport,
    check_customers,
    classify_into,
    plan_into,
    settings_from_table,
    source_code,
    workbook_language,
    write_prospects,
)
from addin.workbook.atomic import check_target, output_folder, workbook_bytes, write_bytes
from addin.workbook.reader import WORKBOOK_SUFFIXES, read_raw_table, read_table_if_any
from addin.workbook.template import build_template, write_templates


def read_customers(path: str | Path, strict: bool = False) -> CustomerTable:
    """The validated customer table of an .xlsx/.xlsm/.csv file (the file is only read)."""
    return check_customers(read_raw_table(path), strict, read_file_settings(path))


def read_file_settings(path: str | Path) -> Settings:
    """The Settings table of a workbook, or the defaults for a CSV or a workbook without one."""
    if Path(path).suffix.casefold() not in WORKBOOK_SUFFIXES:
        return Settings()
    raw = read_table_if_any(path, SETTINGS)
    return settings_from_table(raw) if raw is not None else Settings()


def default_output(path: Path, suffix: str = "classified") -> Path:
    return path.with_name(f"{path.stem}_{suffix}.xlsx")


def classify_file(
    source: str | Path,
    output: str | Path | None = None,
    *,
    lang: str | None = None,
    strict: bool = False,
    **overrides: object,
) -> tuple[ClassifyReport, Path]:
    """Classify the customers in `source` into a new workbook made from the template.

    `overrides` are Settings fields (a_share, b_share, abc_method, abc_by) that win over the
    file's own Settings table. The output is written atomically; the source is never modified.
    The workbook also gets prospect colours, segments and pipeline health, like `pipeline_file`.
    """
    table, target, settings = _inputs(source, output, "classified", strict, overrides)
    report, _ = write_workbook(table, target, settings, lang or workbook_language(table.layout))
    return report, target


def pipeline_file(
    source: str | Path,
    output: str | Path | None = None,
    *,
    lang: str | None = None,
    strict: bool = False,
    as_of: dt.date | None = None,
    **overrides: object,
) -> tuple[ProspectReport, Path]:
    """Colour the prospects in `source` and measure pipeline health per rep, into a new workbook.

    `overrides` are Settings fields (pipeline_target, stale_days, ...) that win over the file's
    Settings table; `as_of` is the day staleness is counted from (default today).
    """
    table, target, settings = _inputs(source, output, "pipeline", strict, overrides)
    language = lang or workbook_language(table.layout)
    _, prospects = write_workbook(table, target, settings, language, as_of)
    return prospects, target


def _inputs(
    source: str | Path,
    output: str | Path | None,
    suffix: str,
    strict: bool,
    overrides: dict[str, object],
) -> tuple[CustomerTable, Path, Settings]:
    """The validated table, where to write, and the settings, after checking the two paths."""
    source = Path(source)
    target = Path(output) if output else default_output(source, suffix)
    if target.exists() and target.resolve() == source.resolve():
        raise InputFileError(text("error.same_file", name=target.name))
    if target.suffix.casefold() != ".xlsx" and not target.is_dir():
        raise InputFileError(text("error.output_suffix", path=target))
    settings = read_file_settings(source).with_overrides(**overrides)
    table = check_customers(read_raw_table(source), strict, settings)
    return table, target, settings


def import_former_file(
    customers: str | Path,
    former: str | Path,
    output: str | Path | None = None,
    *,
    source: str | None = None,
    rep: str | None = None,
    lang: str | None = None,
    as_of: dt.date | None = None,
) -> tuple[FormerImport, Path]:
    """Add a rep's former customers (既有客户利用法) to `customers` as green prospects, tagged
    with their source, skipping anyone already there; write the whole table to a new workbook."""
    table, target, settings = _inputs(customers, output, "with_former", False, {})
    found = import_former(
        table.frame, _former_table(former, table, settings).frame, source_code(source), rep
    )
    added = found.added.set_axis(pd.RangeIndex(len(found.added)) + int(table.frame.index.max()) + 1)
    merged = CustomerTable(pd.concat([table.frame, added]), table.layout, table.problems)
    write_workbook(merged, target, settings, lang or workbook_language(table.layout), as_of)
    return found, target


def _former_table(path: str | Path, current: CustomerTable, settings: Settings) -> CustomerTable:
    """The former list, validated; rows without ids get new ones, and all of them are prospects."""
    raw = read_raw_table(path)
    keys = {canonical_key(h) for h in raw.frame.columns}
    frame = raw.frame.copy()
    if "customer_id" not in keys:
        frame.insert(0, "customer_id", _new_ids(len(frame), set(current.frame["customer_id"])))
    if "kind" not in keys:
        frame["kind"] = "prospect"
    return check_customers(RawTable(frame, raw.layout), False, settings)


def _new_ids(count: int, taken: set[str]) -> list[str]:
    """F00001, F00002, ... skipping ids the table already uses."""
    ids: list[str] = []
    number = 0
    while len(ids) < count:
        number += 1
        if (candidate := f"F{number:05}") not in taken:
            ids.append(candidate)
    return ids


def write_classified(
    table: CustomerTable, target: Path, settings: Settings, lang: str
) -> tuple[ClassifyReport, Path]:
    """A template workbook in `lang` holding `table`, classified, saved atomically at `target`."""
    return write_workbook(table, target, settings, lang)[0], target


def write_workbook(
    table: CustomerTable,
    target: Path,
    settings: Settings,
    lang: str,
    as_of: dt.date | None = None,
) -> tuple[ClassifyReport, ProspectReport]:
    """The template in `lang` holding `table`: classified, prospects coloured, segments and
    pipeline filled in; saved atomically at `target`."""
    book, report, prospects = _filled_template(table, target, settings, lang, as_of)
    write_bytes(target, book.to_bytes())
    return report, prospects


def _filled_template(
    table: CustomerTable,
    target: Path,
    settings: Settings,
    lang: str,
    as_of: dt.date | None = None,
) -> tuple[PackageBook, ClassifyReport, ProspectReport]:
    """write_workbook's book before it is saved, for use cases that add to it (plans)."""
    check_target(target)  # fail before the work, not after it
    template = workbook_bytes(build_template(check_language(lang), settings))
    book = PackageBook.from_bytes(template, target.name)  # rows written straight into the XML
    report = classify_into(book, table, settings, lang)
    prospects = write_prospects(book, table, settings, lang, report.classes, as_of=as_of)
    return book, report, prospects


def plan_file(
    source: str | Path,
    output: str | Path | None = None,
    *,
    start: dt.date | None = None,
    weeks: int | None = None,
    country: str | None = None,
    rep: str | None = None,
    lang: str | None = None,
    strict: bool = False,
) -> tuple[PlanReport, Path]:
    """Plan the visits of the customers in `source` into a new workbook made from the template.

    The workbook holds the classified customers, then the plan sheets: Visit Plan, Unscheduled,
    Week, Month, Touches, Customer cards and Checklist. `start` defaults to next Monday; `weeks`
    and `country` win over the file's Settings. DaysOff and Touches tables of the source are used.
    """
    overrides: dict[str, object] = {"plan_weeks": weeks, "country": country}
    table, target, settings = _inputs(source, output, "plan", strict, overrides)
    language = check_language(lang or workbook_language(table.layout))
    book, _, _ = _filled_template(table, target, settings, language)
    days_off, touches = plan_input.extras_of(*_side_tables(Path(source)))
    first = start or plan_input.next_monday(dt.date.today())
    report = plan_into(book, table, settings, first, language, rep, days_off, touches)
    write_bytes(target, book.to_bytes())
    return report, target


def _side_tables(source: Path) -> list[pd.DataFrame | None]:
    """The DaysOff and Touches tables of a workbook source, when it has them."""
    if source.suffix.casefold() not in WORKBOOK_SUFFIXES:
        return [None, None]
    found = [read_table_if_any(source, name) for name in (DAYS_OFF, TOUCHES)]
    return [raw.frame if raw is not None else None for raw in found]


def write_demo(folder: str | Path, lang: str | None = None, customers: int = 240) -> list[Path]:
    """Demo CSV inputs and classified workbooks, in one language or both."""
    folder = output_folder(folder)
    written: list[Path] = []
    for language in [check_language(lang)] if lang else list(LANGUAGES):
        frame = demo_customers(customers, lang=language)
        labelled = frame.rename(columns={k: BY_KEY[k].label(language) for k in frame.columns})
        csv = folder / f"demo_customers_{language}.csv"
        labelled.to_csv(csv, index=False, encoding="utf-8-sig")
        raw = RawTable(labelled.astype(object), Layout(csv.name, None, header_row=1))
        table = check_customers(raw)
        written += [
            csv,
            write_classified(
                table, folder / f"demo_classified_{language}.xlsx", Settings(), language
            )[1],
        ]
    return written


def generate(
    source: str | Path,
    out: str | Path,
    *,
    template: str | Path | None = None,
    by: str = "rep",
    lang: str | None = None,
    jobs: int = 1,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> tuple[list[Outcome], Path]:
    """One workbook per rep (or region) of `source` in folder `out`, and the manifest's path.

    `template` is 'en', 'zh' or a workbook with a Customers table (default: the shipped one in
    `lang`, else in the input's language).
    """
    table = read_customers(source, (options or RunOptions()).strict)
    if lang:
        check_language(lang)
    chosen = load_template(template or lang or workbook_language(table.layout), lang)
    outcomes = generate_files(table, chosen, by, out, jobs=jobs, options=options, progress=progress)
    about = {
        "input": str(source),
        "template": str(template or chosen.book.source),
        "by": by,
        "language": chosen.lang,
        "written": sum(o.ok for o in outcomes),
        "failed": sum(not o.ok for o in outcomes),
    }
    return outcomes, write_manifest(Path(out), outcomes, about)


__all__ = [
    "RunOptions",
    "classify_file",
    "default_output",
    "generate",
    "import_former_file",
    "pipeline_file",
    "plan_file",
    "read_customers",
    "read_file_settings",
    "refresh_file",
    "write_classified",
    "write_demo",
    "write_templates",
]
