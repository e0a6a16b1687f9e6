"""Where the real workbooks are, which of them each test takes, and the spellings tried.

The shared corpus (../shared/corpus, see its README) when it is there, else the small named
subset in tests/conformance/files (NOTICE there), so a clone without ../shared still runs the
suite on real files of both kinds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.libreoffice import soffice_command
from tests.real_files import pretty, respelled, single_quoted, x_prefixed

ROOT = Path(__file__).resolve().parents[2]
OWN = Path(__file__).resolve().parent / "files"
WORKBOOKS = (".xlsx", ".xlsm")
SAMPLE = 100
"""Files also tried in the other spellings: every n-th of the sorted list, the same each run."""
LIBREOFFICE_SAMPLE = 20
"""Files custdev wrote that LibreOffice must open: every n-th, both refreshed and generated."""
SLOW_IN_LIBREOFFICE = {
    "comment03.xlsx": "a comment in cell XFD1048576: LibreOffice works 3 minutes on it",
}
"""Left out of the LibreOffice-opens sample (the full corpus's sample does not hold them; the own
subset's would), still in the re-saved spelling, whose conversion runs beside the other tests."""
CONVERT_TIMEOUT = 600
"""Seconds one soffice call may take, plus 5 a file: comment03.xlsx alone takes about 200."""


def corpus_root() -> Path:
    """$CUSTDEV_CORPUS when set (CUSTDEV_CORPUS=tests/conformance/files tries the own subset),
    else ../shared/corpus beside the project (or beside the worktrees), else the own subset."""
    if os.environ.get("CUSTDEV_CORPUS"):
        return Path(os.environ["CUSTDEV_CORPUS"]).resolve()
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (shared / "corpus" / "excel").is_dir():
            return shared / "corpus"
    return OWN


def using_own_subset() -> bool:
    return corpus_root() == OWN


def excel_files() -> list[Path]:
    """The workbooks Excel saved (.xlsx and .xlsm), sorted by name."""
    folder = corpus_root() / "excel"
    return sorted(p for p in folder.iterdir() if p.suffix in WORKBOOKS)


def odd_files() -> list[Path]:
    """Every file of calamine's tests: workbooks, .xls, .xlsb, an encrypted one."""
    folder = corpus_root() / "calamine"
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("LICENSE"))


def every_nth(files: list[Path], count: int) -> list[Path]:
    """`count` files spread evenly over the sorted list (all of them when there are fewer)."""
    if len(files) <= count:
        return files
    step = len(files) / count
    return [files[int(i * step)] for i in range(count)]


Spelling = Callable[[bytes], bytes]
SPELLINGS: dict[str, Spelling | None] = {
    "excel": None,
    "x_prefix": x_prefixed,
    "single_quotes": single_quoted,
    "pretty": pretty,
    "libreoffice": None,  # re-saved by LibreOffice, once per session (resaved_by_libreoffice)
}


def spelled(data: bytes, spelling: str) -> bytes:
    """The package with its xl/ XML parts written in `spelling`."""
    spell = SPELLINGS[spelling]
    return data if spell is None else respelled(data, spell)


class Resaving:
    """`paths` re-saved as .xlsx by headless LibreOffice into `outdir`, in one soffice call (it
    starts once) that runs in the background from here on; `found` waits for it. With its own
    `profile_dir`, other soffice calls meanwhile do not wait for it."""

    def __init__(self, paths: list[Path], outdir: Path, profile_dir: Path | None = None) -> None:
        self.paths, self.outdir = paths, outdir
        self.timeout = CONVERT_TIMEOUT + 5 * len(paths)
        command = soffice_command("xlsx", outdir, paths, profile_dir)
        self._soffice = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=os.environ,
            start_new_session=True,  # its own group: soffice.bin under the launcher ends with it
        )

    def found(self) -> dict[str, Path]:
        """Name -> the re-saved file, for those LibreOffice could convert."""
        try:
            self._soffice.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self._soffice.pid, signal.SIGKILL)  # what it converted so far still counts
            self._soffice.wait()
        found = {p.name: self.outdir / f"{p.stem}.xlsx" for p in self.paths}
        return {name: path for name, path in found.items() if path.exists()}

    def stop(self) -> None:
        """End soffice if it still runs (the session was cut short), leaving no process."""
        if self._soffice.poll() is None:
            os.killpg(self._soffice.pid, signal.SIGKILL)
            self._soffice.wait()


def convert_many(paths: list[Path], outdir: Path) -> dict[str, Path]:
    """Each of `paths` re-saved as .xlsx by headless LibreOffice, in one soffice call; name ->
    the new file, for those it could convert."""
    return Resaving(paths, outdir).found()


def soffice_here() -> bool:
    return shutil.which("soffice") is not None
