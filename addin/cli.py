"""The `custdev` command line: demo, classify, pipeline, former, plan, templates, generate,
refresh.

Errors a user can fix print one clear line (or a short list) on stderr and exit with code 2; a
traceback only appears with --debug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import gc
import importlib
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TextIO, TypedDict

from addin.argparse_i18n import ParserInLanguage, argparse_language
from addin.domain.abc_rule import METHODS
from addin.domain.errors import CustdevError, CustdevWarning, Interrupted, SettingsError
from addin.domain.i18n import LANGUAGES, text, use_language
from addin.domain.planning import SECONDS_PER_REP
from addin.domain.settings import (
    MAX_PLAN_WEEKS,
    check_date,
    encoding_name,
    plan_weeks_error,
    positive,
    share,
)

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


class Report(Protocol):
    """What every use case returns to print: its summary and the cells it could not read."""

    def message(self) -> str: ...

    def describe_problems(self) -> str: ...


def main(argv: Sequence[str] | None = None) -> int:
    program = argv is None  # the custdev command itself, not Python code calling main(argv)
    argv = list(sys.argv[1:] if argv is None else argv)
    # --lang sets the language of the help and the messages as well as of the workbook.
    with use_language(_language_asked(argv)), argparse_language():
        args = build_parser().parse_args(argv)
        # `custdev --lang zh COMMAND` as `custdev COMMAND --lang zh`; the command's own wins
        args.lang = getattr(args, "lang", None) or args.every_lang
        return _run_as_the_program(args) if program else _run(args)


def _run_as_the_program(args: argparse.Namespace) -> int:
    """`_run` for the custdev command. Its imports (pandas and the use cases: some 400,000
    objects, all alive until the process ends) are made with the cycle collector paused, and
    once the command is done what is alive is frozen (gc.freeze): the full collections during
    the imports and at interpreter exit walk all of them to free nothing, about a fifth of a
    3-row classify. The command's own objects are collected as usual while it runs.

    Refresh makes its own imports, paused too, and only when the workbook changed: one left up
    to date is answered without pandas (0.2 s of a 0.4 s refresh when they were loaded here)."""
    from addin.adapters.heap import paused

    if args.run is not _run_refresh:
        with paused():
            importlib.import_module("addin.api")  # what every other command runs through
    try:
        return _run(args)
    finally:
        gc.freeze()


def _language_asked(argv: list[str]) -> str | None:
    """The language of the last --lang (a command's own comes after custdev's)."""
    asked = None
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGUAGES:
            asked = value
    return asked


def _interrupted(stop: KeyboardInterrupt, written: list[Path]) -> str:
    """What Ctrl-C left: what the command says it saved, else the files it wrote in full
    before Ctrl-C came, else nothing. A workbook can be in place a moment before the command
    would have said so."""
    if isinstance(stop, Interrupted):
        return str(stop)
    names = [str(path) for path in dict.fromkeys(written)]  # each once, in the order written
    if not names:
        return text("cli.interrupted")
    if len(names) > SHOWN_WRITTEN:
        more = text("cli.and_more", count=len(names) - SHOWN_WRITTEN)
        names = [*names[:SHOWN_WRITTEN], more]
    return text("cli.interrupted_after", files=", ".join(names))


SHOWN_WRITTEN = 3
"""Files named after an interruption; more are counted."""


def _run(args: argparse.Namespace) -> int:
    from addin.adapters.written import recording_writes

    written: list[Path] = []
    try:
        with warnings.catch_warnings(), recording_writes() as written:
            warnings.simplefilter("always", CustdevWarning)
            warnings.showwarning = _show_warning
            return int(args.run(args))
    except CustdevError as error:
        if args.debug:
            raise
        print(text("cli.error", message=error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as stop:
        print(_interrupted(stop, written), file=sys.stderr)
        return 130
    except MemoryError:  # a resource limit, not a bug: say so in one line
        if args.debug:
            raise
        print(text("cli.error", message=text("error.out_of_memory")), file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # the disk, the network, a file limit: also not a bug of ours
        if args.debug:
            raise
        print(text("cli.error", message=os_error_message(error)), file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # a bug of ours: say so in one line, details with --debug
        if args.debug:
            raise
        print(text("cli.internal", kind=type(error).__name__, message=error), file=sys.stderr)
        return EXIT_INTERNAL


def os_error_message(error: OSError) -> str:
    """One line for an operating-system error no use case turned into a message of its own."""
    full = error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    reason = text("reason.disk_full") if full else error.strerror or str(error)
    return text("error.system", path=error.filename or "-", reason=reason)


_PYTHON_SHOWWARNING = warnings.showwarning


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Our warnings (a guessed encoding) as one 'warning:' line; others as Python shows them."""
    if issubclass(category, CustdevWarning):
        print(text("cli.warning", message=message), file=sys.stderr)
    else:
        _PYTHON_SHOWWARNING(message, category, filename, lineno, file, line)


def build_parser() -> argparse.ArgumentParser:
    parser = ParserInLanguage(prog="custdev", description=text("cli.help.cli"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help=text("cli.help.version"),
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, dest="every_lang", help=text("cli.help.every_lang")
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_demo(commands)
    _add_classify(commands)
    _add_pipeline(commands)
    _add_former(commands)
    _add_plan(commands)
    _add_templates(commands)
    _add_generate(commands)
    _add_refresh(commands)
    return parser


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--debug", action="store_true", help=text("cli.help.debug"))


def _force(command: argparse.ArgumentParser) -> None:
    command.add_argument("--force", action="store_true", help=text("cli.help.force"))


def _encoding_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--encoding", type=_encoding, help=text("cli.help.encoding"))


def _add_demo(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help=text("cli.help.demo"))
    demo.add_argument("--out", type=Path, default=Path("demo"), help=text("cli.help.demo_out"))
    demo.add_argument("--lang", choices=LANGUAGES, help=text("cli.help.demo_lang"))
    demo.add_argument(
        "--customers", type=_positive_int, default=240, help=text("cli.help.customers")
    )
    _force(demo)
    _common(demo)
    demo.set_defaults(run=_run_demo)


def _add_classify(commands: argparse._SubParsersAction) -> None:
    classify = commands.add_parser(
        "classify", help=text("cli.help.classify"), description=text("cli.help.classify_long")
    )
    classify.add_argument("input", type=Path, help=text("cli.help.input"))
    classify.add_argument("-o", "--output", type=Path, help=text("cli.help.output"))
    classify.add_argument("--method", choices=METHODS, help=text("cli.help.method"))
    classify.add_argument("--a-share", type=_share, help=text("cli.help.a_share"))
    classify.add_argument("--b-share", type=_share, help=text("cli.help.b_share"))
    classify.add_argument("--by", choices=("rep", "region"), help=text("cli.help.by"))
    classify.add_argument("--lang", choices=LANGUAGES, help=text("cli.help.lang"))
    classify.add_argument("--strict", action="store_true", help=text("cli.help.strict"))
    _force(classify)
    _encoding_option(classify)
    _common(classify)
    classify.set_defaults(run=_run_classify)


def _add_pipeline(commands: argparse._SubParsersAction) -> None:
    pipeline = commands.add_parser(
        "pipeline", help=text("cli.help.pipeline"), description=text("cli.help.pipeline_long")
    )
    pipeline.add_argument("input", type=Path, help=text("cli.help.input"))
    pipeline.add_argument("-o", "--output", type=Path, help=text("cli.help.pipeline_output"))
    pipeline.add_argument("--target", type=_positive_number, help=text("cli.help.target"))
    pipeline.add_argument("--stale-days", type=_positive_int, help=text("cli.help.stale_days"))
    pipeline.add_argument("--as-of", type=_date, help=text("cli.help.as_of"))
    pipeline.add_argument("--lang", choices=LANGUAGES, help=text("cli.help.lang"))
    pipeline.add_argument("--strict", action="store_true", help=text("cli.help.strict"))
    _force(pipeline)
    _encoding_option(pipeline)
    _common(pipeline)
    pipeline.set_defaults(run=_run_pipeline)


def _add_former(commands: argparse._SubParsersAction) -> None:
    former = commands.add_parser(
        "former", help=text("cli.help.former"), description=text("cli.help.former_long")
    )
    former.add_argument("input", type=Path, help=text("cli.help.input"))
    former.add_argument("former", type=Path, help=text("cli.help.former_list"))
    former.add_argument("-o", "--output", type=Path, help=text("cli.help.former_output"))
    former.add_argument("--source", help=text("cli.help.source"))
    former.add_argument("--rep", help=text("cli.help.former_rep"))
    former.add_argument("--lang", choices=LANGUAGES, help=text("cli.help.lang"))
    _force(former)
    _encoding_option(former)
    _common(former)
    former.set_defaults(run=_run_former)


def _add_plan(commands: argparse._SubParsersAction) -> None:
    plan = commands.add_parser(
        "plan", help=text("cli.help.plan"), description=text("cli.help.plan_long")
    )
    plan.add_argument("input", type=Path, help=text("cli.help.input"))
    plan.add_argument("-o", "--output", type=Path, help=text("cli.help.plan_output"))
    plan.add_argument("--start", type=_date, help=text("cli.help.start"))
    plan.add_argument("--weeks", type=_weeks, help=text("cli.help.weeks"))
    plan.add_argument("--country", help=text("cli.help.country"))
    plan.add_argument("--rep", help=text("cli.help.rep"))
    plan.add_argument("--lang", choices=LANGUAGES, help=text("cli.help.lang"))
    plan.add_argument("--strict", action="store_true", help=text("cli.help.strict"))
    _force(plan)
    _encoding_option(plan)
    _plan_effort(plan)
    plan.add_argument("--jobs", type=_positive_int, default=1, help=text("cli.help.plan_jobs"))
    _common(plan)
    plan.set_defaults(run=_run_plan)


def _plan_effort(command: argparse.ArgumentParser) -> None:
    """How hard the route solver works on each rep's plan."""
    command.add_argument("--quick", action="store_true", help=text("cli.help.quick"))
    seconds = f"{SECONDS_PER_REP:g}"
    command.add_argument(
        "--time-limit", type=_positive_number, help=text("cli.help.time_limit", seconds=seconds)
    )


def _add_templates(commands: argparse._SubParsersAction) -> None:
    templates = commands.add_parser("templates", help=text("cli.help.templates"))
    templates.add_argument(
        "--out", type=Path, default=Path("."), help=text("cli.help.templates_out")
    )
    _force(templates)
    _common(templates)
    templates.set_defaults(run=_run_templates)


def _add_generate(commands: argparse._SubParsersAction) -> None:
    generate = commands.add_parser(
        "generate", help=text("cli.help.generate"), description=text("cli.help.generate_long")
    )
    generate.add_argument("input", type=Path, help=text("cli.help.input"))
    generate.add_argument("--template", help=text("cli.help.template"))
    generate.add_argument(
        "--by", choices=("rep", "region"), default="rep", help=text("cli.help.generate_by")
    )
    generate.add_argument("--out", type=Path, required=True, help=text("cli.help.generate_out"))
    generate.add_argument("--jobs", type=_positive_int, default=1, help=text("cli.help.jobs"))
    generate.add_argument("--lang", choices=LANGUAGES, help=text("cli.help.lang"))
    generate.add_argument("--start", type=_date, help=text("cli.help.generate_start"))
    generate.add_argument("--weeks", type=_weeks, help=text("cli.help.generate_weeks"))
    _plan_effort(generate)
    generate.add_argument("--strict", action="store_true", help=text("cli.help.strict"))
    _force(generate)
    _encoding_option(generate)
    _common(generate)
    generate.set_defaults(run=_run_generate)


def _add_refresh(commands: argparse._SubParsersAction) -> None:
    refresh = commands.add_parser(
        "refresh", help=text("cli.help.refresh"), description=text("cli.help.refresh_long")
    )
    refresh.add_argument("workbook", type=Path, help=text("cli.help.workbook"))
    refresh.add_argument("--backup", action="store_true", help=text("cli.help.backup"))
    refresh.add_argument("--dry-run", action="store_true", help=text("cli.help.dry_run"))
    refresh.add_argument("--strict", action="store_true", help=text("cli.help.strict"))
    refresh.add_argument("--lang", choices=LANGUAGES, help=text("cli.help.lang"))
    _common(refresh)
    refresh.set_defaults(run=_run_refresh)


def _run_demo(args: argparse.Namespace) -> int:
    from addin.api import write_demo

    for path in write_demo(args.out, args.lang, args.customers, force=args.force):
        print(path)
    return EXIT_OK


def _run_classify(args: argparse.Namespace) -> int:
    from addin.api import classify_file

    report, output = classify_file(
        args.input,
        args.output,
        lang=args.lang,
        strict=args.strict,
        abc_method=args.method,
        a_share=args.a_share,
        b_share=args.b_share,
        abc_by=args.by,
        **_file_options(args),
    )
    _report(report)
    print(output)
    return EXIT_OK


def _run_pipeline(args: argparse.Namespace) -> int:
    from addin.api import pipeline_file

    report, output = pipeline_file(
        args.input,
        args.output,
        lang=args.lang,
        strict=args.strict,
        as_of=args.as_of,
        pipeline_target=args.target,
        stale_days=args.stale_days,
        **_file_options(args),
    )
    _report(report)
    print(output)
    return EXIT_OK


def _run_former(args: argparse.Namespace) -> int:
    from addin.api import import_former_file
    from addin.terminal import ask, is_interactive

    found, output = import_former_file(
        args.input,
        args.former,
        args.output,
        source=args.source,
        rep=args.rep,
        lang=args.lang,
        **_file_options(args),
        ask=ask if is_interactive() else None,
    )
    for row, match in found.skipped.iterrows():
        said = text(f"former.same_{match['by']}", row=row, id=match["customer_id"])
        print(text("cli.warning", message=said), file=sys.stderr)
    for said in found.assumed:
        print(text("cli.note", message=said), file=sys.stderr)
    print(text("done.former", added=len(found.added), skipped=len(found.skipped)))
    print(output)
    return EXIT_OK


def _run_plan(args: argparse.Namespace) -> int:
    from addin.api import plan_file

    report, output = plan_file(
        args.input,
        args.output,
        start=args.start,
        weeks=args.weeks,
        country=args.country,
        rep=args.rep,
        lang=args.lang,
        strict=args.strict,
        **_file_options(args),
        quick=args.quick,
        time_limit=args.time_limit,
        jobs=args.jobs,
        progress=_progress_bar("plan.progress") if sys.stderr.isatty() else None,
    )
    _report(report)
    print(output)
    return EXIT_OK


def _run_templates(args: argparse.Namespace) -> int:
    from addin.api import write_templates

    for path in write_templates(args.out, force=args.force):
        print(path)
    return EXIT_OK


def _run_generate(args: argparse.Namespace) -> int:
    from addin.api import RunOptions, generate
    from addin.domain.planning.inputs import next_monday

    start = args.start
    if start is None and args.weeks is not None:  # --weeks alone: from next Monday
        start = next_monday(dt.date.today())
    planning = None
    if args.quick or args.time_limit is not None:
        from addin.domain.planning.plan import PlanOptions

        if start is None:
            raise CustdevError(text("error.plan_effort_without_plan"))
        planning = PlanOptions.asked(args.quick, args.time_limit)
    options = RunOptions(
        strict=args.strict, plan_start=start, plan_weeks=args.weeks, planning=planning
    )
    outcomes, manifest = generate(
        args.input,
        args.out,
        template=args.template,
        by=args.by,
        lang=args.lang,
        jobs=args.jobs,
        options=options,
        progress=_progress_bar() if sys.stderr.isatty() else None,
        **_file_options(args),
    )
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        line = text("batch.failed", group=outcome.group, file=outcome.file, message=outcome.error)
        print(text("cli.error", message=line), file=sys.stderr)
    written = sum(o.on_disk for o in outcomes)
    print(
        text(
            "batch.done",
            written=written,
            total=len(outcomes),
            folder=args.out,
            failed=len(failed),
            manifest=manifest,
        )
    )
    return EXIT_USAGE if failed else EXIT_OK


def _run_refresh(args: argparse.Namespace) -> int:
    # not through addin.api, which loads pandas: an up-to-date workbook is answered without it
    from addin.domain.run_report import RunOptions
    from addin.refresh import refresh_file

    report, backup = refresh_file(
        args.workbook,
        backup=args.backup,
        dry_run=args.dry_run,
        options=RunOptions(strict=args.strict),
    )
    _report(report)
    if backup is not None:
        print(text("refresh.backup", path=backup))
    if report.up_to_date and not args.dry_run:
        print(text("refresh.up_to_date", path=args.workbook))
    else:
        print(text("refresh.dry_run" if args.dry_run else "refresh.written", path=args.workbook))
    return EXIT_OK


class FileOptions(TypedDict):
    """What every command reading a customer file passes on: --force and --encoding."""

    force: bool
    encoding: str | None


def _file_options(args: argparse.Namespace) -> FileOptions:
    return FileOptions(force=args.force, encoding=args.encoding)


def _report(report: Report) -> None:
    """Each unreadable cell as a warning on stderr, then the run's summary line on stdout."""
    for line in report.describe_problems().splitlines():
        print(text("cli.warning", message=line), file=sys.stderr)
    print(report.message())


def _progress_bar(what: str = "batch.progress", width: int = 30) -> Callable[[int, int], None]:
    """A one-line bar on the terminal, redrawn in place; logs never see it (not a TTY)."""

    def show(done: int, total: int) -> None:
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        end = "\n" if done >= total else ""
        print(
            f"\r[{bar}] {text(what, done=done, total=total)}",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show


def _date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.help.not_date", value=repr(value))) from None
    try:
        return check_date(day)
    except SettingsError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _encoding(value: str) -> str:
    try:
        return encoding_name(value)
    except SettingsError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _weeks(value: str) -> int:
    weeks = _positive_int(value)
    if weeks > MAX_PLAN_WEEKS:
        raise argparse.ArgumentTypeError(plan_weeks_error(weeks))
    return weeks


def _share(value: str) -> float:
    try:
        return share(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.help.not_share", value=repr(value))) from None


def _positive_int(value: str) -> int:
    """A count typed as digits; full-width ones ('２', from a Chinese input method) count too,
    while '²', which str.isdigit() takes and int() refuses, gets the same message as 'x'."""
    number = int(value) if value.isdecimal() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(text("cli.help.not_positive", value=repr(value)))
    return number


def _positive_number(value: str) -> float:
    try:
        return positive(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.help.not_number", value=repr(value))) from None


def _version() -> str:
    from addin import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
