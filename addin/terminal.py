"""Questions on the terminal, for what a command needs and was not given: asked only when a
person is there to answer (stdin and stderr are a terminal); scripts and pipes never wait."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from addin.domain.errors import CustdevError
from addin.domain.i18n import text

ASK_AGAIN = 3
"""Wrong answers before giving up with the last one's message."""


def is_interactive() -> bool:
    """A person at a terminal: questions can be asked and answered."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def ask(
    question: str,
    default: str | None,
    check: Callable[[str], str],
    answers: TextIO | None = None,
    screen: TextIO | None = None,
) -> str:
    """The checked answer to `question`; Enter alone takes `default`. A wrong answer is
    explained and asked again; end of input (Ctrl-D) stops the command as Ctrl-C does."""
    answers, screen = answers or sys.stdin, screen or sys.stderr
    prompt = text("cli.ask", question=question, default=default) if default else question
    attempt = 1
    while True:
        print(f"{prompt}: ", end="", file=screen, flush=True)
        line = answers.readline()
        if not line:
            print(file=screen)
            raise KeyboardInterrupt
        try:
            return check(line.strip() or default or "")
        except CustdevError as error:
            if attempt == ASK_AGAIN:
                raise
            print(text("cli.error", message=error), file=screen)
            attempt += 1
