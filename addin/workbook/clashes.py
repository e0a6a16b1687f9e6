"""Which files a run may write: never one it reads, and an existing one only when asked.

`custdev generate` with `--out` set to the export's own folder must not replace the export with a
rep's workbook (a rep called 'export'), and `custdev templates` must not replace a filled-in
`customers_en.xlsx`. Every command checks its outputs here before it starts working, so a clash
costs nothing and leaves every file as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from addin.domain.errors import OutputExistsError
from addin.domain.i18n import text
from addin.domain.problems import MAX_LISTED


def check_outputs(
    targets: Iterable[Path], reads: Mapping[Path, str], *, replace: bool, named: bool
) -> None:
    """Refuse to write any of `targets` over a file of `reads` (path -> its role message key),
    or, unless `replace`, over a file that exists. `named` says the user named the output file
    itself (-o), rather than a folder, for the fix the message suggests."""
    targets = list(targets)
    for target in targets:
        for read, role in reads.items():
            if same_file(target, read):
                raise OutputExistsError(
                    text(
                        "error.output_is_input",
                        path=target,
                        role=text(role),
                        fix=text("fix.other_output"),
                    )
                )
    if replace:
        return
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if not existing:
        return
    fix = text("fix.force_or_output" if named else "fix.force_or_folder")
    if len(existing) == 1:
        raise OutputExistsError(text("error.output_exists", path=existing[0], fix=fix))
    names = ", ".join(t.name for t in existing[:MAX_LISTED])
    raise OutputExistsError(
        text(
            "error.outputs_exist",
            folder=existing[0].parent,
            count=len(existing),
            names=names + (" …" if len(existing) > MAX_LISTED else ""),
            fix=fix,
        )
    )


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: by identity when both exist (links, a disk that ignores
    case or Unicode normalisation), else by their resolved spelling."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
