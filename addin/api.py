"""The file-based use cases, wired to the openpyxl adapter: what the command line and scripts call.

This is the composition root for files: it picks the adapter, the services do the work.
What only some commands need (generation, plans, the demo, former customers, process pools) is
imported inside them, so that classifying a small file does not pay for the rest.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from addin.adapters.package import PackageBook
from addin.domain.errors import Interrupted
from addin.domain.i18n import LANGUAGES, check_language, text
from addin.domain.problems import Layout
from addin.domain.schema import BY_KEY, canonical_key
from addin.domain.settings import Settings, check_date
from addin.domain.validation import CustomerTable
from addin.domain.values import blank_mask
from addin.inputs import (
    Reading,
    default_output,
    inputs,
    read_customers,
    read_file_settings,
    replaces,
)
from addin.ports import RawTable
from addin.services import (
    DAYS_OFF,
    TOUCHES,
    ClassifyReport,
    ProspectReport,
    check_customers,
    classify_into,
    workbook_language,
    write_prospects,
)
from addin.workbook.atomic import check_target, output_folder, write_bytes
from addin.workbook.clashes import check_outputs
from addin.workbook.reader import WORKBOOK_SUFFIXES, read_raw_table, read_table_if_any
from addin.workbook.template_cache import CORE, modified_now, template_bytes

if TYPE_CHECKING:
    from addin.batch import Outcome, Progress
    from addin.domain.former import Ask, FormerImport
    from addin.domain.planning.plan import Mapper
    from addin.domain.run_report import RunOptions
    from addin.refresh import refresh_file
    from addin.services import PlanReport
    from addin.workbook.template import write_templates

    DEMO_PLAN_START: dt.date
    """The demo's visit plan starts the Monday after its data, so the same demo every day."""

_LATER = {
    "RunOptions": "addin.domain.run_report",
    "refresh_file": "addin.refresh",
    "write_templates": "addin.workbook.template",  # openpyxl: the templates command alone
}
"""Names offered here whose modules only some commands need: imported on first use."""


def __getattr__(name: str) -> Any:
    if name == "DEMO_PLAN_START":
        return _demo_plan_start()
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LATER[name]), name)
    globals()[name] = value
    return value


def _demo_plan_start() -> dt.date:
    from addin.demo_data import AS_OF
    from addin.domain.planning.inputs import next_monday

    return next_monday(AS_OF)


def classify_file(
    source: str | Path,
    output: str | Path | None = None,
    *,
    lang: str | None = None,
    strict: bool = False,
    force: bool = False,
    encoding: str | None = None,
    **overrides: object,
) -> tuple[ClassifyReport, Path]:
    """Classify the customers in `source` into a new workbook made from the template.

    `overrides` are Settings fields (a_share, b_share, abc_method, abc_by) that win over the
    file's own Settings table. The output is written atomically; the source is never modified.
    The workbook also gets prospect colours, segments and pipeline health, like `pipeline_file`.
    An existing file is replaced only when named as `output`, or with `force`; never the source.
    `encoding` is a CSV source's text encoding (default: detected).
    """
    reading = Reading(strict, force, encoding)
    table, target, settings = inputs(source, output, "classified", reading, overrides)
    language = lang or workbook_language(table.layout)
    report, _ = write_workbook(table, target, settings, language, replace=replaces(output, force))
    return report, target


def pipeline_file(
    source: str | Path,
    output: str | Path | None = None,
    *,
    lang: str | None = None,
    strict: bool = False,
    as_of: dt.date | None = None,
    force: bool = False,
    encoding: str | None = None,
    **overrides: object,
) -> tuple[ProspectReport, Path]:
    """Colour the prospects in `source` and measure pipeline health per rep, into a new workbook.

    `overrides` are Settings fields (pipeline_target, stale_days, ...) that win over the file's
    Settings table; `as_of` is the day staleness is counted from (default today).
    """
    reading = Reading(strict, force, encoding)
    table, target, settings = inputs(source, output, "pipeline", reading, overrides)
    language = lang or workbook_language(table.layout)
    replace = replaces(output, force)
    _, prospects = write_workbook(table, target, settings, language, as_of, replace=replace)
    return prospects, target


def import_former_file(
    customers: str | Path,
    former: str | Path,
    output: str | Path | None = None,
    *,
    source: str | None = None,
    rep: str | None = None,
    lang: str | None = None,
    as_of: dt.date | None = None,
    force: bool = False,
    encoding: str | None = None,
    ask: Ask | None = None,
) -> tuple[FormerImport, Path]:
    """Add a rep's former customers (既有客户利用法) to `customers` as green prospects, tagged
    with their source, skipping anyone already there; write the whole table to a new workbook.
    Without `source` or `rep`: `ask` for them, else assume (said in the result's `assumed`)."""
    from addin.domain.former import import_former, source_option

    reading, former_list = Reading(False, force, encoding), {Path(former): "role.former"}
    table, target, settings = inputs(customers, output, "with_former", reading, {}, former_list)
    code = source_option(source) if source is not None else None
    listed = _former_table(former, table, settings, encoding).frame
    found = import_former(table.frame, listed, code, rep, ask)
    added = found.added.set_axis(pd.RangeIndex(len(found.added)) + int(table.frame.index.max()) + 1)
    merged = CustomerTable(pd.concat([table.frame, added]), table.layout, table.problems)
    language = lang or workbook_language(table.layout)
    write_workbook(merged, target, settings, language, as_of, replace=replaces(output, force))
    return found, target


def _former_table(
    path: str | Path, current: CustomerTable, settings: Settings, encoding: str | None
) -> CustomerTable:
    """The former list, validated; rows without ids get new ones, and all of them are prospects.

    Blank rows stay blank (the validation drops them): in a CSV they stand for the lines a
    quoted value spans, and an id given to one would make it a customer without a name.
    """
    from addin.domain.former import new_ids

    raw = read_raw_table(path, encoding=encoding)
    frame = raw.frame.copy()
    keys = {canonical_key(h): h for h in frame.columns}
    filled = ~pd.concat([blank_mask(frame[c]) for c in frame.columns], axis=1).all(axis=1)
    if "customer_id" not in keys:
        frame.insert(0, "customer_id", pd.Series(None, index=frame.index, dtype=object))
    column = keys.get("customer_id", "customer_id")
    ids = frame[column].astype(object)
    ids[filled] = new_ids(ids[filled], current.frame["customer_id"])
    frame[column] = ids
    if "kind" not in keys:
        frame["kind"] = frame[column].where(~filled, "prospect")
    return check_customers(RawTable(frame, raw.layout), False, settings)


def write_classified(
    table: CustomerTable, target: Path, settings: Settings, lang: str, *, replace: bool = True
) -> tuple[ClassifyReport, Path]:
    """A template workbook in `lang` holding `table`, classified, saved atomically at `target`."""
    return write_workbook(table, target, settings, lang, replace=replace)[0], target


def write_workbook(
    table: CustomerTable,
    target: Path,
    settings: Settings,
    lang: str,
    as_of: dt.date | None = None,
    *,
    replace: bool = True,
) -> tuple[ClassifyReport, ProspectReport]:
    """The template in `lang` holding `table`: classified, prospects coloured, segments and
    pipeline filled in; saved atomically at `target` (over a file there only with `replace`)."""
    book, report, prospects = _filled_template(table, target, settings, lang, as_of)
    write_bytes(target, book.to_bytes(), replace=replace, fix="fix.locked_output")
    return report, prospects


def _filled_template(
    table: CustomerTable,
    target: Path,
    settings: Settings,
    lang: str,
    as_of: dt.date | None = None,
) -> tuple[PackageBook, ClassifyReport, ProspectReport]:
    """write_workbook's book before it is saved, for use cases that add to it (plans)."""
    check_target(target, "fix.locked_output")  # fail before the work, not after it
    template = template_bytes(check_language(lang), settings)  # built once, then cached
    book = PackageBook.from_bytes(template, target.name)  # rows written straight into the XML
    book.package.write(CORE, modified_now(book.package.read(CORE)))
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
    force: bool = False,
    encoding: str | None = None,
    quick: bool = False,
    time_limit: float | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> tuple[PlanReport, Path]:
    """Plan the visits of the customers in `source` into a new workbook made from the template.

    The workbook holds the classified customers, then the plan sheets: Visit Plan, Unscheduled,
    Week, Month, Manager visits, Touches, Customer cards and Checklist. `start` defaults to next
    Monday; `weeks` and `country` win over the file's Settings. DaysOff and Touches tables of the
    source are used. The route solver gets `time_limit` seconds per rep (`quick`: the quick
    planner only), `jobs` processes plan reps side by side, `progress` hears of each rep done.
    """
    from addin.domain.planning import inputs as plan_input
    from addin.domain.planning.plan import PlanOptions
    from addin.services import plan_into

    overrides: dict[str, object] = {"plan_weeks": weeks, "country": country}
    first = check_date(start or plan_input.next_monday(dt.date.today()))
    reading = Reading(strict, force, encoding)
    table, target, settings = inputs(source, output, "plan", reading, overrides)
    language = check_language(lang or workbook_language(table.layout))
    book, _, _ = _filled_template(table, target, settings, language)
    days_off, touches = plan_input.extras_of(*_side_tables(Path(source)))
    with _reps_side_by_side(jobs) as mapper:
        options = PlanOptions.asked(quick, time_limit, mapper, progress)
        report = plan_into(book, table, settings, first, language, rep, days_off, touches, options)
    write_bytes(target, book.to_bytes(), replace=replaces(output, force), fix="fix.locked_output")
    return report, target


@contextmanager
def _reps_side_by_side(jobs: int) -> Iterator[Mapper]:
    """A map over reps: the builtin one, or a pool of `jobs` processes."""
    if jobs <= 1:
        yield map
        return
    from concurrent.futures import ProcessPoolExecutor

    from addin.batch import ctrl_c_held, solver_worker, stop_workers

    with ProcessPoolExecutor(jobs, initializer=solver_worker) as pool:  # none outlives us

        def each_rep(work: Callable[[Any], Any], reps: Iterable[Any]) -> Iterator[Any]:
            # Not pool.map: on an early exit it cancels the reps not started, and Python 3.11
            # then fails on them in `stop_workers` (InvalidStateError, printed by a thread).
            with ctrl_c_held():  # the workers start with the first rep
                futures = [pool.submit(work, rep) for rep in reps]
            return (future.result() for future in futures)

        try:
            yield each_rep
        except BaseException:  # Ctrl-C, or a failure here: the routes are not wanted now
            stop_workers(pool)
            raise


def _side_tables(source: Path) -> list[pd.DataFrame | None]:
    """The DaysOff and Touches tables of a workbook source, when it has them."""
    if source.suffix.casefold() not in WORKBOOK_SUFFIXES:
        return [None, None]
    found = [read_table_if_any(source, name) for name in (DAYS_OFF, TOUCHES)]
    return [raw.frame if raw is not None else None for raw in found]


def write_demo(
    folder: str | Path, lang: str | None = None, customers: int = 240, *, force: bool = False
) -> list[Path]:
    """Demo CSV inputs, classified workbooks and visit plans (from the Monday after the demo's
    data), in one language or both; files already in `folder` are replaced only with `force`."""
    from addin.demo_data import demo_customers

    languages = [check_language(lang)] if lang else list(LANGUAGES)
    kinds = {"customers": ".csv", "classified": ".xlsx", "plan": ".xlsx"}
    targets = [Path(folder) / f"demo_{k}_{x}{kinds[k]}" for x in languages for k in kinds]
    check_outputs(targets, {}, replace=force, named=False)
    folder = output_folder(folder)
    for path in targets:  # one open in Excel: say so before writing any
        check_target(path, "fix.locked_folder")
    written: list[Path] = []
    for language in languages:
        frame = demo_customers(customers, lang=language)
        labelled = frame.rename(columns={k: BY_KEY[k].label(language) for k in frame.columns})
        csv = folder / f"demo_customers_{language}.csv"
        data = labelled.to_csv(index=False).encode("utf-8-sig")
        written.append(write_bytes(csv, data, replace=force))
        raw = RawTable(labelled.astype(object), Layout(csv.name, None, header_row=1))
        target = folder / f"demo_classified_{language}.xlsx"
        table = check_customers(raw)
        written += [
            write_classified(table, target, Settings(), language, replace=force)[1],
            plan_file(
                csv, folder / f"demo_plan_{language}.xlsx", start=_demo_plan_start(), force=force
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
    force: bool = False,
    encoding: str | None = None,
) -> tuple[list[Outcome], Path]:
    """One workbook per rep (or region) of `source` in folder `out`, and the manifest's path.

    `template` is 'en', 'zh' or a workbook with a Customers table (default: the shipped one in
    `lang`, else in the input's language). Files already in `out` are replaced only with
    `force`; the input and the template never.

    Ctrl-C (KeyboardInterrupt) starts no further workbook; the manifest is still written,
    listing which were made, and `Interrupted` (a KeyboardInterrupt) says so.
    """
    from addin.batch import BatchInterrupted, generate_files, load_template, write_manifest
    from addin.domain.run_report import RunOptions

    options = options or RunOptions()
    if options.plan_start is not None:
        check_date(options.plan_start)
    table = read_customers(source, options.strict, encoding)
    if lang:
        check_language(lang)
    chosen = load_template(template or lang or workbook_language(table.layout), lang)
    reads = {Path(source): "role.input"}
    if template and str(template) not in LANGUAGES:
        reads[Path(template)] = "role.template"
    about: dict[str, object] = {
        "input": str(source),
        "template": str(template or chosen.book.source),
        "by": by,
        "language": chosen.lang,
    }
    try:
        outcomes = generate_files(
            table,
            chosen,
            by,
            out,
            jobs=jobs,
            options=options,
            progress=progress,
            reads=reads,
            replace=force,
        )
    except BatchInterrupted as stop:  # the manifest says which workbooks were made
        about.update(interrupted=True, **_tally(stop.outcomes))
        manifest = write_manifest(Path(out), stop.outcomes, about, replace=force)
        raise Interrupted(
            text(
                "batch.interrupted_run",
                written=about["written"],
                total=len(stop.outcomes),
                folder=out,
                manifest=manifest,
            )
        ) from None
    about.update(_tally(outcomes))
    return outcomes, write_manifest(Path(out), outcomes, about, replace=force)


def _tally(outcomes: list[Outcome]) -> dict[str, int]:
    """The manifest's counts: workbooks written (in full), and groups failed (some of which
    may have been written all the same, see Outcome.unreported)."""
    return {"written": sum(o.on_disk for o in outcomes), "failed": sum(not o.ok for o in outcomes)}


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
