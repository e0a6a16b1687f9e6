"""Files for the batch job: one workbook per rep from a template (refresh in place: refresh.py).

The wiring around the services (services/generate.py, services/runs.py): the template loaded
once, worker processes that stop with their parent, atomic writes, outcomes for the manifest.
`PackageBook` rewrites only what the add-in computes and copies everything else of the user's
file byte for byte.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from addin.adapters.package import PackageBook
from addin.domain.errors import CustdevError, InputFileError
from addin.domain.filenames import unique_stems
from addin.domain.i18n import LANGUAGES, text, use_language
from addin.domain.run_report import RunOptions
from addin.domain.schema import headers_language
from addin.domain.validation import CustomerTable
from addin.manifest import MANIFEST_FILES, Outcome, write_manifest
from addin.services import CUSTOMERS
from addin.services.generate import Work, group_names, prepare_batch, render, rows_of
from addin.workbook.atomic import output_folder, remove_unfinished, write_bytes
from addin.workbook.clashes import check_outputs
from addin.workbook.file_checks import check_workbook_file
from addin.workbook.template_cache import template_bytes

TEMPLATE_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_TEMPLATE_TYPES = {  # a template's main part, and the same as a workbook
    b"spreadsheetml.template.main+xml": b"spreadsheetml.sheet.main+xml",
    b"ms-excel.template.macroEnabled.main+xml": b"ms-excel.sheet.macroEnabled.main+xml",
}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Template:
    """A template ready to copy: its package, the output suffix and the workbook language."""

    book: PackageBook
    suffix: str
    lang: str


def load_template(name_or_path: str | Path, lang: str | None = None) -> Template:
    """The shipped 'en'/'zh' template, or the user's workbook holding a Customers table."""
    if str(name_or_path) in LANGUAGES:
        built = template_bytes(str(name_or_path))  # built once, then from the cache
        book = PackageBook.from_bytes(built, f"customers_{name_or_path}.xlsx")
    else:
        path = Path(name_or_path)
        if path.suffix.casefold() not in TEMPLATE_SUFFIXES:
            raise InputFileError(text("error.template_kind", path=path))
        check_workbook_file(path)
        book = PackageBook.from_bytes(_as_workbook(path.read_bytes(), path.name), path.name)
        book.check_parts_there()  # named once, as the template, not as each rep's workbook
    headers = [str(h) for h in book.read_table(CUSTOMERS).frame.columns]  # no table: says so
    macros = book.package.has("xl/vbaProject.bin")
    return Template(book, ".xlsm" if macros else ".xlsx", lang or headers_language(headers))


def _as_workbook(data: bytes, name: str) -> bytes:
    """A .xltx/.xltm package declared as a workbook, as Excel does on 'New from template'
    (`name`, the file's, for a refusal: it must say which file)."""
    book = PackageBook.from_bytes(data, name)
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
    reads: Mapping[Path, str] | None = None,
    replace: bool = False,
) -> list[Outcome]:
    """One workbook per group in `folder`; a group that fails is reported, the others go on.

    Before any work: no file is written over one of `reads` (path -> role), nor over a file
    already in `folder` unless `replace`; the manifest's names count too.
    """
    options = options or RunOptions()
    groups = group_names(source, by)
    stems = unique_stems(groups, blank=text("batch.blank_group"))
    names = [stems[g] + template.suffix for g in groups] + list(MANIFEST_FILES)
    check_outputs([Path(folder) / n for n in names], reads or {}, replace=replace, named=False)
    folder = output_folder(folder)
    prepared = prepare_batch(template.book, source, by, template.lang, options)
    work = [(g, stems[g] + template.suffix, w) for g, w in prepared.items()]
    setup = (template, folder, options, _message_language(), replace)
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
            futures = {pool.submit(_make_one, *item): item for item in work}
            for future in as_completed(futures):
                outcomes.append(_result(future, *futures[future]))
                if progress:
                    progress(len(outcomes), len(work))
    order = {g: i for i, (g, _, _) in enumerate(work)}
    return sorted(outcomes, key=lambda o: order[o.group])


def _result(future: Future[Outcome], group: str, file: str, work: Work) -> Outcome:
    """The outcome a worker sent back; a worker that died (killed, out of memory) fails its
    groups, and the manifest says so, instead of ending the run with a traceback."""
    try:
        return future.result()
    except BrokenProcessPool:
        return Outcome(group, file, rows_of(work), error=text("batch.worker_stopped"))


_WORKER: dict[str, object] = {}
"""The template and settings of this process, set once per worker process."""


def _start_worker(
    template: Template, folder: Path, options: RunOptions, lang: str, replace: bool
) -> None:
    _WORKER.update(template=template, folder=folder, options=options, lang=lang, replace=replace)
    stop_with_parent()


def stop_with_parent() -> None:
    """In a worker process: end it when its parent ends, even by SIGKILL, instead of leaving it
    waiting for work forever. The parent's sentinel (a pipe end, or a process handle on Windows)
    becomes ready when the parent is gone; the worker then removes the temp file it is writing
    and ends at once (no traceback in the log the parent shared with it)."""
    parent = multiprocessing.parent_process()
    if parent is None:  # in the main process (one job): nothing to watch
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        remove_unfinished()
        os._exit(1)

    threading.Thread(target=watch, name="custdev-parent-watch", daemon=True).start()


def _make_one(group: str, file: str, work: Work) -> Outcome:
    template: Template = _WORKER["template"]  # type: ignore[assignment]
    folder: Path = _WORKER["folder"]  # type: ignore[assignment]
    options: RunOptions = _WORKER["options"]  # type: ignore[assignment]
    with use_language(str(_WORKER["lang"])):
        try:
            book = template.book.fresh_copy(file)
            done = render(book, work, template.lang, options)
            write_bytes(
                folder / file,
                book.to_bytes(),
                replace=bool(_WORKER["replace"]),
                fix="fix.locked_folder",
            )
        except CustdevError as error:
            return Outcome(group, file, rows_of(work), error=str(error))
        except Exception as error:  # one bad rep must not stop the others
            message = text("batch.internal", kind=type(error).__name__, message=error)
            return Outcome(group, file, rows_of(work), error=message)
        return Outcome(group, file, rows_of(work), done.counts, done.problems)


def _message_language() -> str:
    with use_language(None) as lang:  # the language in force, for the worker processes
        return lang


__all__ = [
    "Outcome",
    "Template",
    "generate_files",
    "load_template",
    "write_manifest",
]
