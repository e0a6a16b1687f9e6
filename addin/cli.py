"""The `custdev` command line: demo, classify, templates.

Errors a user can fix print one clear line (or a short list) on stderr and exit with code 2; a
traceback only appears with --debug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from addin.domain.abc_analysis import METHODS
from addin.domain.errors import CustdevError
from addin.domain.i18n import LANGUAGES, text, use_language
from addin.domain.settings import share

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    with use_language(getattr(args, "lang", None)):  # --lang also sets the language of messages
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except CustdevError as error:
        if args.debug:
            raise
        print(text("cli.error", message=error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(text("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as error:  # a bug of ours: say so in one line, details with --debug
        if args.debug:
            raise
        print(text("cli.internal", kind=type(error).__name__, message=error), file=sys.stderr)
        return EXIT_INTERNAL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="custdev",
        description="Customer development in Excel: ABC classification and more (客户开发与维护).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_demo(commands)
    _add_classify(commands)
    _add_templates(commands)
    return parser


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--debug", action="store_true", help="show tracebacks")


def _add_demo(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="write demo data and classified demo workbooks")
    demo.add_argument("--out", type=Path, default=Path("demo"), help="folder (default: ./demo)")
    demo.add_argument("--lang", choices=LANGUAGES, help="one language (default: both)")
    demo.add_argument("--customers", type=_positive_int, default=240, help="rows (default 240)")
    _common(demo)
    demo.set_defaults(run=_run_demo)


def _add_classify(commands: argparse._SubParsersAction) -> None:
    classify = commands.add_parser(
        "classify",
        help="classify customers A/B/C into a new workbook",
        description="Read customers from .xlsx/.xlsm/.csv and write a classified workbook made "
        "from the template. The input file is never modified.",
    )
    classify.add_argument("input", type=Path, help="customers as .xlsx, .xlsm or .csv")
    classify.add_argument(
        "-o", "--output", type=Path, help="workbook to write (default: INPUT_classified.xlsx)"
    )
    classify.add_argument("--method", choices=METHODS, help="value (default) or count")
    classify.add_argument("--a-share", type=_share, help="share for class A (default 0.8)")
    classify.add_argument("--b-share", type=_share, help="cumulative share for B (default 0.95)")
    classify.add_argument("--by", choices=("rep", "region"), help="classify within each group")
    classify.add_argument("--lang", choices=LANGUAGES, help="workbook language (default: input's)")
    classify.add_argument(
        "--strict", action="store_true", help="stop on any unreadable cell instead of reporting it"
    )
    _common(classify)
    classify.set_defaults(run=_run_classify)


def _add_templates(commands: argparse._SubParsersAction) -> None:
    templates = commands.add_parser("templates", help="write the empty workbook templates")
    templates.add_argument("--out", type=Path, default=Path("."), help="folder (default: .)")
    _common(templates)
    templates.set_defaults(run=_run_templates)


def _run_demo(args: argparse.Namespace) -> int:
    from addin.api import write_demo

    for path in write_demo(args.out, args.lang, args.customers):
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
    )
    for line in report.describe_problems().splitlines():
        print(text("cli.warning", message=line), file=sys.stderr)
    print(report.message())
    print(output)
    return EXIT_OK


def _run_templates(args: argparse.Namespace) -> int:
    from addin.api import write_templates

    for path in write_templates(args.out):
        print(path)
    return EXIT_OK


def _share(value: str) -> float:
    try:
        return share(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a share between 0 and 1; use e.g. 0.8 or 80%"
        ) from None


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def _version() -> str:
    from addin import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
