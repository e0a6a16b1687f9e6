"""Files for the batch job: one workbook per rep from a template (refresh in place: refresh.py).

The wiring around the services (services/generate.py, services/runs.py): the template loaded
once, worker processes that stop with their parent, atomic writes, outcomes for the manifest.
`PackageBook` rewrites only what the add-in computes and copies everything else of the user's
file byte for byte.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from addin.adapters.package import PackageBook
from addin.domain.errors import CustdevError, InputFileError
from addin.domain.filenames import unique_stems
from addin.domain.i18n import LANGUAGES, text, use_language
from addin.domain.run_report import RunOptions
from addin.domain.schema import headers_language
from addin.domain.validation import CustomerTable
from addin.manifest import MANIFEST_FILES, Outcome, write_manifest
from addin.services import CUSTOMERS
from addin.services.generate import (
    Work,
    group_codes,
    group_rows,
    prepare_batch,
    render,
    rows_of,
)
from addin.workbook.atomic import (
    output_folder,
    remove_unfinished,
    sync_directory,
    write_bytes,
)
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

    With `jobs` > 1 each worker process computes and writes a share of the groups (the one
    pass over their rows, then their workbooks): the parent only reads the export.
    """
    options = options or RunOptions()
    codes, groups = group_codes(source, by)
    stems = unique_stems(groups, blank=text("batch.blank_group"))
    files = [stems[g] + template.suffix for g in groups]
    check_outputs(
        [Path(folder) / n for n in [*files, *MANIFEST_FILES]],
        reads or {},
        replace=replace,
        named=False,
    )
    folder = output_folder(folder)
    setup = (template, folder, options, _message_language(), replace)
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(groups) <= 1:
        _start_worker(*setup)
        prepared = prepare_batch(template.book, source, by, template.lang, options, (codes, groups))
        for (group, work), file in zip(prepared.items(), files, strict=True):
            outcomes.append(_make_one(group, file, work))
            if progress:
                progress(len(outcomes), len(groups))
    else:
        context = multiprocessing.get_context()
        inherited = context.get_start_method() == "fork"  # the export, without pickling it
        shares = _shares(codes, min(jobs, len(groups)))
        with ProcessPoolExecutor(
            min(jobs, len(groups)),
            mp_context=context,
            initializer=_start_worker,
            initargs=(*setup, (source, codes) if inherited else None),
        ) as pool:
            futures = {
                pool.submit(
                    _make_share,
                    by,
                    [(groups[g], files[g]) for g in range(a, b)],
                    (a, b) if inherited else group_rows(source, (codes >= a) & (codes < b)),
                ): (a, b)
                for a, b in shares
            }
            for future in as_completed(futures):
                a, b = futures[future]
                outcomes += _results(future, codes, groups, files, a, b)
                if progress:
                    progress(len(outcomes), len(groups))
    sync_directory(folder)  # every rename made durable at once, not one workbook at a time
    order = {g: i for i, g in enumerate(groups)}
    return sorted(outcomes, key=lambda o: order[o.group])


def _shares(codes: np.ndarray, jobs: int) -> list[tuple[int, int]]:
    """The groups cut into runs of consecutive codes, [a, b), of about as many rows each: one
    per worker, or a few when there are enough rows, so that a worker done early takes
    another. Each run costs a pass of its own over its rows (some 0.1 s however few)."""
    count = int(codes.max()) + 1
    sizes = np.bincount(codes, minlength=count)
    each = min(max(len(codes) // (jobs * _SHARE_ROWS), 1), _SHARES_PER_JOB)
    pieces = min(count, jobs * each)
    ends = np.searchsorted(np.cumsum(sizes), np.arange(1, pieces) * len(codes) / pieces)
    cuts = sorted({0, count, *(int(e) + 1 for e in ends if 0 < int(e) + 1 < count)})
    return list(itertools.pairwise(cuts))


_SHARES_PER_JOB = 4
_SHARE_ROWS = 25_000
"""At most this many runs per worker, and runs of at least about this many rows."""


def _results(
    future: Future[list[Outcome]],
    codes: np.ndarray,
    groups: list[str],
    files: list[str],
    a: int,
    b: int,
) -> list[Outcome]:
    """The outcomes a worker sent back; a worker that died (killed, out of memory) fails its
    groups, and the manifest says so, instead of ending the run with a traceback."""
    try:
        return future.result()
    except BrokenProcessPool:
        rows = np.bincount(codes, minlength=b)
        stopped = text("batch.worker_stopped")
        return [Outcome(groups[g], files[g], int(rows[g]), error=stopped) for g in range(a, b)]


_WORKER: dict[str, object] = {}
"""The template and settings of this process, set once per worker process."""


def _start_worker(
    template: Template,
    folder: Path,
    options: RunOptions,
    lang: str,
    replace: bool,
    export: tuple[CustomerTable, np.ndarray] | None = None,
) -> None:
    _WORKER.update(template=template, folder=folder, options=options, lang=lang, replace=replace)
    _WORKER.update(export=export)
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


def _make_share(
    by: str, named: list[tuple[str, str]], rows: tuple[int, int] | CustomerTable
) -> list[Outcome]:
    """In a worker: the one pass over a share of the groups, then their workbooks. `rows`
    are the share's customers, or the run of group codes to take from the export the worker
    inherited."""
    if isinstance(rows, CustomerTable):
        table = rows
    else:
        export: tuple[CustomerTable, np.ndarray] = _WORKER["export"]  # type: ignore[assignment]
        table = group_rows(export[0], (export[1] >= rows[0]) & (export[1] < rows[1]))
    template: Template = _WORKER["template"]  # type: ignore[assignment]
    options: RunOptions = _WORKER["options"]  # type: ignore[assignment]
    with use_language(str(_WORKER["lang"])):
        prepared = prepare_batch(template.book, table, by, template.lang, options)
    return [_make_one(group, file, prepared[group]) for group, file in named]


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
                sync_folder=False,
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
