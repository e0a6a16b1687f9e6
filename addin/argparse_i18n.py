"""argparse's own words ("usage:", "options:", "show this help message and exit", its error
messages) in the language of the run, so that `custdev --lang zh` help is Chinese throughout.

argparse looks its words up through gettext, by the module's `_` and `ngettext`. Python ships
no Chinese catalogue for it, so while a command parses its arguments these two are replaced by
look-ups in custdev's own bilingual catalogue (the `argparse.*` messages); a word not there, or
an English run, stays as argparse has it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from addin.domain.i18n import text
from addin.domain.messages import MESSAGES

_KEYS = {english: key for key, (english, _) in MESSAGES.items() if key.startswith("argparse.")}
"""argparse's message id -> the catalogue key of its translation."""


def translate(message: str) -> str:
    """argparse's `message` in the language in force; unknown ones unchanged."""
    key = _KEYS.get(message)
    return text(key) if key else message


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


@contextmanager
def argparse_language() -> Iterator[None]:
    """argparse speaks the language in force inside the block (parsers built and run there)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translate, translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class HelpInLanguage(argparse.HelpFormatter):
    """argparse's help with each heading ended the language's way ('位置参数：'). Python 3.13
    asks gettext for it (`argparse.heading`); 3.11 and 3.12 write the ':' themselves."""

    def format_help(self) -> str:
        shown = super().format_help()
        colon = translate("%(heading)s:") % {"heading": ""}
        if colon == ":":
            return shown
        return _HEADING_END.sub(lambda found: found[1] + colon, shown)


_HEADING_END = re.compile(r"^(\S[^\n]*):$", re.MULTILINE)
"""A heading: a line starting at the margin and ending with ':' (usage and help text run on
after their colon; argument help is indented)."""


class ParserInLanguage(argparse.ArgumentParser):
    """An ArgumentParser whose help is `HelpInLanguage`; its subcommands' parsers are too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpInLanguage)
        super().__init__(*args, **kwargs)
