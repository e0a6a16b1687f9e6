"""The file-based use cases, wired to the openpyxl adapter: what the command line and scripts call.

This is the composition root for files: it picks the adapter, the services do the work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from addin.demo_data import demo_customers
from addin.domain import plan_input
from addin.domain.errors import InputFileError
from addin.domain.i18n import LANGUAGES, check_language, text
from addin.domain.problems import Layout
from addin.domain.schema import BY_KEY
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.ports import RawTable
from addin.services import (
    DAYS_OFF,
    SETTINGS,
    TOUCHES,
    ClassifyReport,
    PlanReport,
    check_customers,
    classify_into,
    plan_into,
    settings_from_table,
    workbook_language,
)
from addin.workbook.atomic import check_target, save_workbook
from addin.workbook.openpyxl_book import OpenpyxlBook
from addin.workbook.reader import WORKBOOK_SUFFIXES, read_raw_table, read_table_if_any
from addin.workbook.template import build_template, write_templates


def read_customers(path: str | Path, strict: bool = False) -> CustomerTable:
    """The validated customer table of an .xlsx/.xlsm/.csv file (the file is only read)."""
    return check_customers(read_raw_table(path), strict)


def read_file_settings(path: str | Path) -> Settings:
    """The Settings table of a workbook, or the defaults for a CSV or a workbook without one."""
    if Path(path).suffix.casefold() not in WORKBOOK_SUFFIXES:
        return Settings()
    raw = read_table_if_any(path, SETTINGS)
    return settings_from_table(raw) if raw is not None else Settings()


def default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}_classified.xlsx")


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
    """
    source = Path(source)
    target = Path(output) if output else default_output(source)
    if target.exists() and target.resolve() == source.resolve():
        raise InputFileError(text("error.same_file", name=target.name))
    if target.suffix.casefold() != ".xlsx" and not target.is_dir():
        raise InputFileError(text("error.output_suffix", path=target))
    table = read_customers(source, strict)
    settings = read_file_settings(source).with_overrides(**overrides)
    return write_classified(table, target, settings, lang or workbook_language(table.layout))


def write_classified(
    table: CustomerTable, target: Path, settings: Settings, lang: str
) -> tuple[ClassifyReport, Path]:
    """A template workbook in `lang` holding `table`, classified, saved atomically at `target`."""
    check_target(target)  # fail before the work, not after it
    workbook = build_template(check_language(lang), settings)
    report = classify_into(OpenpyxlBook(workbook, target.name), table, settings, lang)
    save_workbook(workbook, target)
    return report, target


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
    source = Path(source)
    target = Path(output) if output else source.with_name(f"{source.stem}_plan.xlsx")
    if target.exists() and target.resolve() == source.resolve():
        raise InputFileError(text("error.same_file", name=target.name))
    if target.suffix.casefold() != ".xlsx" and not target.is_dir():
        raise InputFileError(text("error.output_suffix", path=target))
    table = read_customers(source, strict)
    settings = read_file_settings(source).with_overrides(plan_weeks=weeks, country=country)
    language = check_language(lang or workbook_language(table.layout))
    check_target(target)
    workbook = build_template(language, settings)
    book = OpenpyxlBook(workbook, target.name)
    classify_into(book, table, settings, language)
    days_off, touches = plan_input.extras_of(*_side_tables(source))
    first = start or plan_input.next_monday(dt.date.today())
    report = plan_into(book, table, settings, first, language, rep, days_off, touches)
    save_workbook(workbook, target)
    return report, target


def _side_tables(source: Path) -> list[pd.DataFrame | None]:
    """The DaysOff and Touches tables of a workbook source, when it has them."""
    if source.suffix.casefold() not in WORKBOOK_SUFFIXES:
        return [None, None]
    found = [read_table_if_any(source, name) for name in (DAYS_OFF, TOUCHES)]
    return [raw.frame if raw is not None else None for raw in found]


def write_demo(folder: str | Path, lang: str | None = None, customers: int = 240) -> list[Path]:
    """Demo CSV inputs and classified workbooks, in one language or both."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputFileError(text("error.not_a_folder", path=folder))
    folder.mkdir(parents=True, exist_ok=True)
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


__all__ = [
    "classify_file",
    "default_output",
    "plan_file",
    "read_customers",
    "read_file_settings",
    "write_classified",
    "write_demo",
    "write_templates",
]
