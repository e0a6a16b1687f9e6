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
import tempfile
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
