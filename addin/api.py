"""The file-based use cases, wired to the openpyxl adapter: what the command line and scripts call.

This is the composition root for files: it picks the adapter, the services do the work.
"""

from __future__ import annotations

from pathlib import Path

from addin.batch import (
    Outcome,
    Progress,
    generate_files,
    load_template,
    refresh_file,
    write_manifest,
)
from addin.demo_data import demo_customers
from addin.domain.errors import InputFileError
from addin.domain.i18n import LANGUAGES, check_language, text
from addin.domain.problems import Layout
from addin.domain.schema import BY_KEY
from addin.domain.settings import Settings
from addin.domain.validation import CustomerTable
from addin.ports import RawTable
from addin.runs import RunOptions
from addin.services import (
    SETTINGS,
    ClassifyReport,
    check_customers,
    classify_into,
    settings_from_table,
    workbook_language,
)
from addin.workbook.atomic import check_target, workbook_bytes, write_bytes
from addin.workbook.package_book import PackageBook
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
    template = workbook_bytes(build_template(check_language(lang), settings))
    book = PackageBook.from_bytes(template, target.name)  # rows written straight into the XML
    report = classify_into(book, table, settings, lang)
    write_bytes(target, book.to_bytes())
    return report, target


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
    "read_customers",
    "read_file_settings",
    "refresh_file",
    "write_classified",
    "write_demo",
    "write_templates",
]
