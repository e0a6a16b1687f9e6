"""LibreOffice and Poppler for tests: convert workbooks headless and render PDFs to PNG.

They prove that what the templates promise (tables, conditional formats, charts) works in a
spreadsheet program with no Python behind it.
"""

from __future__ import annotations

import atexit
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

TIMEOUT = 120
FILTERS = {"pdf": "pdf", "xlsx": "xlsx:Calc MS Excel 2007 XML"}


def soffice_available() -> bool:
    """True when LibreOffice's `soffice` is on PATH."""
    return shutil.which("soffice") is not None


def in_ci() -> bool:
    """True when the CI variable is set, e.g. CI=true on GitHub Actions."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(reason: str) -> None:
    """Skip a test for a missing tool on a laptop; fail it in CI, where the tool must be there."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
    pytest.skip(reason)


@cache
def _profile() -> str:
    """A fresh LibreOffice profile for this test run: a shared one locks and breaks in parallel."""
    folder = tempfile.mkdtemp(prefix="lo_profile_")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder).as_uri()


def soffice_command(
    fmt: str, outdir: Path, paths: list[Path], profile_dir: Path | None = None
) -> list[str]:
    """The headless LibreOffice call converting `paths` to `fmt` in `outdir` (made here). A
    call with its own `profile_dir` runs beside the others: soffice calls sharing a profile
    queue behind the one running first."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = f"-env:UserInstallation={profile_dir.as_uri() if profile_dir else _profile()}"
    options = ["--headless", "--norestore", "--convert-to", FILTERS[fmt], "--outdir", str(outdir)]
    return ["soffice", profile, *options, *map(str, paths)]


def convert(path: Path, fmt: str, outdir: Path) -> Path:
    """Convert `path` with headless LibreOffice to 'pdf' or 'xlsx' in `outdir`; the new file."""
    command = soffice_command(fmt, outdir, [path])
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    result = outdir / f"{path.stem}.{fmt}"
    # soffice exits 0 even when it could not convert, so the output file is the real test.
    if done.returncode != 0 or not result.exists():
        raise RuntimeError(
            f"soffice could not convert {path.name} to {fmt}: "
            f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        )
    return result


def render_png(pdf: Path, outdir: Path, dpi: int = 60) -> list[Path]:
    """Each page of `pdf` as a PNG in `outdir`, in page order, via pdftoppm."""
    if shutil.which("pdftoppm") is None:
        skip_or_fail("pdftoppm (poppler-utils) is not on PATH")
    outdir.mkdir(parents=True, exist_ok=True)
    prefix = outdir / pdf.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))


def pixels_near(png: Path, rgb: str, tol: int = 12) -> int:
    """How many pixels of the image are within `tol` of 'RRGGBB' on every channel."""
    from PIL import Image

    with Image.open(png) as image:
        counts = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    want = [int(rgb[i : i + 2], 16) for i in (0, 2, 4)]
    return sum(
        n for n, got in counts if all(abs(g - w) <= tol for g, w in zip(got, want, strict=True))
    )


def pdf_words(pdf: Path) -> list[list[tuple[str, float]]]:
    """Each page's words with their height in points (about 1.2 times the font size), in
    reading order, via Poppler's pdftotext -bbox."""
    if shutil.which("pdftotext") is None:
        skip_or_fail("pdftotext (poppler-utils) is not on PATH")
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT,
    ).stdout
    word = re.compile(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>'
    )
    return [
        [
            (html.unescape(text), float(bottom) - float(top))
            for top, bottom, text in word.findall(page)
        ]
        for page in xhtml.split("<page ")[1:]
    ]


# --- Shared renders: each workbook kind converted once a session, all in one soffice call. ---
Build = Callable[[Path], Path]
"""Builds a workbook in the (empty) folder it is given; returns its path."""


@dataclass(frozen=True)
class Render:
    build: Build
    formats: tuple[str, ...]
    module: str


RENDERS: dict[str, Render] = {}
"""Workbook kinds by name, registered by the test modules as they are imported."""


def render(name: str, build: Build, *formats: str) -> None:
    """Register a workbook kind for LibreOffice to convert to `formats` ('pdf', 'xlsx'). The
    first test asking the `rendered` fixture for any kind converts every kind its session's
    selected LibreOffice tests may ask for: one soffice start-up per format, not one per test."""
    # the test module, by its file's name: one module imported by another (to share a helper)
    # is imported again under a dotted name, and registers the same kinds again
    module = sys._getframe(1).f_globals["__name__"].rpartition(".")[2]
    if not re.fullmatch(r"[\w-]+", name, re.ASCII):
        raise ValueError(f"render {name!r}: not a plain file name")
    if name in RENDERS and RENDERS[name].module != module:
        raise ValueError(f"render {name!r}: taken already by {RENDERS[name].module}")
    RENDERS.setdefault(name, Render(build, formats, module))


class Rendered:
    """The workbooks of RENDERS (those wanted) and what LibreOffice made of them."""

    def __init__(self, folder: Path, names: set[str]) -> None:
        self.folder = folder
        self._sources: dict[str, Path] = {}
        self._errors: dict[str, BaseException] = {}
        self._converted: dict[tuple[str, str], Path] = {}
        self._convert(names)

    def source(self, name: str) -> Path:
        """The workbook as built, before LibreOffice saw it (read it, don't change it)."""
        if name not in self._sources and name not in self._errors:
            self._convert({name})  # a kind no selected test announced: on its own
        if name in self._errors:
            raise RuntimeError(f"building the {name!r} workbook failed") from self._errors[name]
        return self._sources[name]

    def pdf(self, name: str) -> Path:
        return self._result(name, "pdf")

    def xlsx(self, name: str) -> Path:
        """The workbook opened by LibreOffice and saved again as .xlsx."""
        return self._result(name, "xlsx")

    @cache  # noqa: B019 - one Rendered a session
    def pngs(self, name: str, dpi: int = 60) -> list[Path]:
        return render_png(self.pdf(name), self.folder / f"png_{name}_{dpi}", dpi=dpi)

    @cache  # noqa: B019 - one Rendered a session
    def words(self, name: str) -> list[list[tuple[str, float]]]:
        return pdf_words(self.pdf(name))

    def _result(self, name: str, fmt: str) -> Path:
        source = self.source(name)
        if (name, fmt) not in self._converted:
            raise RuntimeError(
                f"LibreOffice could not convert the {name!r} workbook ({source.name}) to {fmt}"
            )
        return self._converted[name, fmt]

    def _convert(self, names: set[str]) -> None:
        staged: dict[str, list[Path]] = {}
        for name in sorted(names):
            try:
                built = RENDERS[name].build(_empty(self.folder / "build" / name))
                # one folder of inputs, named after their kind: the outputs cannot collide
                source = self.folder / "in" / f"{name}{built.suffix}"
                source.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(built, source)
            except Exception as error:  # the tests of this kind fail with it, no others
                self._errors[name] = error
                continue
            self._sources[name] = source
            for fmt in RENDERS[name].formats:
                staged.setdefault(fmt, []).append(source)
        # one soffice per format, side by side: each its own profile, so neither queues
        running = {
            fmt: subprocess.Popen(
                soffice_command(fmt, self.folder / f"out_{fmt}", paths, self.folder / f"lo_{fmt}"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for fmt, paths in staged.items()
        }
        for fmt, soffice in running.items():
            try:
                soffice.wait(timeout=TIMEOUT + 20 * len(staged[fmt]))
            except subprocess.TimeoutExpired:  # what it converted so far still counts
                soffice.kill()
                soffice.wait()
            for source in staged[fmt]:
                result = self.folder / f"out_{fmt}" / f"{source.stem}.{fmt}"
                if result.exists():
                    self._converted[source.stem, fmt] = result


def _empty(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder
