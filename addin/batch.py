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
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    targets = _Targets(codes, groups, files, folder, _earlier_files(folder, files, replace))
    setup = (template, folder, options, _message_language(), replace)
    made: dict[str, Outcome] = {}
    try:
        if jobs <= 1 or len(groups) <= 1:
            _start_worker(*setup)
            prepared = prepare_batch(
                template.book, source, by, template.lang, options, (codes, groups)
            )
            for (group, work), file in zip(prepared.items(), files, strict=True):
                made[group] = _make_one(group, file, work)
                if progress:
                    progress(len(made), len(groups))
        else:
            workers = min(jobs, len(groups))
            _side_by_side(source, by, targets, workers, setup, progress, made)
    except KeyboardInterrupt as stop:
        for outcome in targets.unreported(0, len(groups), text("batch.interrupted")):
            made.setdefault(outcome.group, outcome)
        sync_directory(folder)
        raise BatchInterrupted([made[g] for g in groups]) from stop
    sync_directory(folder)  # every rename made durable at once, not one workbook at a time
    return [made[g] for g in groups]


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch. The workbooks made stay; one being made when it came was
    finished (by a worker) or abandoned (with one job; its temp file removed), and no other was
    started. `outcomes`, one per group as `generate_files` gives them, say which is which."""

    def __init__(self, outcomes: list[Outcome]) -> None:
        super().__init__()
        self.outcomes = outcomes


@dataclass(frozen=True)
class _Targets:
    """A batch's groups: their codes in the export, names and files in `folder`; and, with
    --force, what identified each file already there before the run (`_earlier_files`)."""

    codes: np.ndarray
    groups: list[str]
    files: list[str]
    folder: Path
    earlier: dict[str, tuple[int, int]]

    def unreported(self, a: int, b: int, error: str) -> list[Outcome]:
        """The outcomes of groups a to b (excluded) that no one reported: each failed with
        `error`, except that a workbook this run did write, found in `folder`, is said to be
        there (a worker killed after writing it, Ctrl-C just after a write)."""
        rows = np.bincount(self.codes, minlength=b)
        written = text("batch.written_unreported")
        return [
            Outcome(group, file, int(rows[g]), error=written, unreported=True)
            if _written_now(self.folder / file, self.earlier.get(file))
            else Outcome(group, file, int(rows[g]), error=error)
            for g, group, file in zip(range(a, b), self.groups[a:b], self.files[a:b], strict=True)
        ]


def _earlier_files(folder: Path, files: list[str], replace: bool) -> dict[str, tuple[int, int]]:
    """What identifies each of `files` already in `folder` (only there with `replace`): an
    atomic write puts a new file in place, so one still the same was not written."""
    if not replace:
        return {}
    found = {file: _identity(folder / file) for file in files}
    return {file: identity for file, identity in found.items() if identity is not None}


def _written_now(path: Path, earlier: tuple[int, int] | None) -> bool:
    now = _identity(path)
    return now is not None and now != earlier


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode, or None when there is none."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _side_by_side(
    source: CustomerTable,
    by: str,
    targets: _Targets,
    jobs: int,
    setup: tuple[Template, Path, RunOptions, str, bool],
    progress: Progress | None,
    made: dict[str, Outcome],
) -> None:
    """The groups of `targets` made by `jobs` worker processes, a share at a time, their
    outcomes put in `made` as they come.

    Ctrl-C is for this process to handle (the workers ignore it, whether it reached them from
    the terminal or not): the workers are told to start no other workbook, their reports waited
    for, then KeyboardInterrupt raised again. The wait is a workbook's time; a second Ctrl-C
    meanwhile does not cut it short, or workbooks written could be missing from the manifest."""
    codes, groups, files = targets.codes, targets.groups, targets.files
    context = multiprocessing.get_context()
    inherited = context.get_start_method() == "fork"  # the export, without pickling it
    stop = context.Event()
    with ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(*setup, (source, codes) if inherited else None, stop),
    ) as pool:
        with ctrl_c_held():  # the workers start with the first share
            futures = {
                pool.submit(
                    _make_share,
                    by,
                    [(groups[g], files[g]) for g in range(a, b)],
                    (a, b) if inherited else group_rows(source, (codes >= a) & (codes < b)),
                ): (a, b)
                for a, b in _shares(codes, jobs)
            }
        reported: set[Future[list[Outcome]]] = set()
        while len(reported) < len(futures):
            try:
                for future in as_completed(set(futures) - reported):
                    a, b = futures[future]
                    made.update((o.group, o) for o in _results(future, targets, a, b))
                    reported.add(future)
                    if progress and not stop.is_set():
                        progress(len(made), len(groups))
            except KeyboardInterrupt:
                stop.set()
                for future in futures:
                    future.cancel()  # a share not started yet: not started at all
        if stop.is_set():
            raise KeyboardInterrupt


def _shares(codes: np.ndarray, jobs: int) -> list[tuple[int, int]]:
    """The groups cut into runs of consecutive codes, [a, b), taken by the workers in turn as
    they come free. Each run holds a share of the work still to give out (1 / 2·jobs of it), so
    the runs shrink towards the end and the workers end within a small run of each other; with
    runs of equal size, the one done first sat idle for half a run (0.5 s of a 14 s batch in
    the median, up to 1.4 s). The work of a group is its rows and a workbook's own cost.

    A run is at least _SMALLEST_SHARE (each costs a pass of its own over its rows), but no more
    than 1 / jobs of the work, so that a small batch still keeps every worker busy."""
    work = np.cumsum(np.bincount(codes) + _WORKBOOK_ROWS)
    total = float(work[-1])
    cuts, given = [0], 0.0
    while cuts[-1] < len(work):
        size = min(max((total - given) / (2 * jobs), _SMALLEST_SHARE), total / jobs)
        end = int(np.searchsorted(work, given + size * 0.999)) + 1  # the group that reaches it
        cuts.append(min(max(end, cuts[-1] + 1), len(work)))
        given = float(work[cuts[-1] - 1])
    return list(itertools.pairwise(cuts))


_WORKBOOK_ROWS = 100
"""A workbook's own cost (a copy of the template, zipped), in rows of the Customers table."""
_SMALLEST_SHARE = 5_000
"""The smallest run of work given to a worker (some 0.3 s), but for the last, in rows."""


def _results(future: Future[list[Outcome]], targets: _Targets, a: int, b: int) -> list[Outcome]:
    """The outcomes a worker sent back for groups a to b. A worker that died (killed, out of
    memory) breaks the pool, and every share not yet reported fails with it: the manifest says
    so, and which of their workbooks were written all the same, instead of a traceback."""
    try:
        return future.result()
    except BrokenProcessPool:
        return targets.unreported(a, b, text("batch.worker_stopped"))
    except CancelledError:  # Ctrl-C came before the share was started
        return targets.unreported(a, b, text("batch.interrupted"))


_WORKER: dict[str, object] = {}
"""The template and settings of this process, set once per worker process."""


def _start_worker(
    template: Template,
    folder: Path,
    options: RunOptions,
    lang: str,
    replace: bool,
    export: tuple[CustomerTable, np.ndarray] | None = None,
    stop: Any = None,
) -> None:
    """Set up this process to make workbooks. In a worker, `stop` is the parent's signal to
    start no other workbook, and Ctrl-C is left to the parent (`_side_by_side`)."""
    _WORKER.update(template=template, folder=folder, options=options, lang=lang, replace=replace)
    _WORKER.update(export=export, stop=stop)
    if stop is not None:
        _leave_ctrl_c_to_parent()
    stop_with_parent()


def solver_worker() -> None:
    """Set up a worker process that computes and writes nothing (plan's routes). Ctrl-C is
    left to the parent, which stops such workers itself (`stop_workers`): a worker ending on
    its own raced the parent, which then said 'internal error' instead of 'interrupted', and
    one waiting for work printed a traceback. Like every worker, it ends with its parent."""
    _leave_ctrl_c_to_parent()
    stop_with_parent()


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back in this thread (not lost: it comes when the block ends) while worker
    processes start. They inherit the hold, so none is interrupted before it has left Ctrl-C
    to its parent; one was, when Ctrl-C came as it started, and printed a traceback."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _leave_ctrl_c_to_parent() -> None:
    """In a worker: Ctrl-C ignored (the parent stops the work), then no longer held back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the processes of a pool of `solver_worker`s now, instead of waiting for the work
    they were given: nothing they do is kept. Python 3.14 has a method for it; before, the
    pool's processes are found where the pool keeps them (else the pool is waited for)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


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
        interrupted = text("batch.interrupted")
    stop: Any = _WORKER["stop"]  # a multiprocessing Event, None in the parent
    return [
        Outcome(group, file, rows_of(prepared[group]), error=interrupted)
        if stop is not None and stop.is_set()
        else _make_one(group, file, prepared[group])
        for group, file in named
    ]


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
    "BatchInterrupted",
    "Outcome",
    "Template",
    "generate_files",
    "load_template",
    "write_manifest",
]
