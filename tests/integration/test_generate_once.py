"""`generate` computes every workbook in one pass over the export; each workbook it writes must
be, cell for cell and fill for fill, the workbook generate_book makes for that rep alone."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from addin.api import read_customers
from addin.batch import generate_files, load_template
from addin.domain.filenames import unique_stems
from addin.domain.i18n import text
from addin.services.runs import RunOptions, generate_book, split_customers

FOLLOW_UPS = ["Keep visiting", "Give up", ""]
STAGES = {"en": ["Closed", "Short term", "Potential", ""], "zh": ["已成交", "短期有望", "潜在", ""]}


def export(lang: str) -> pd.DataFrame:
    """A realistic export: 14 reps of very different sizes, one with a single customer, a rep
    left blank, ties in sales, blank and unreadable sales, prospects with and without a stage,
    loyalty and target levels, two regions per rep."""
    rng = np.random.default_rng(11)
    reps = ["张伟", "李娜", "Smith", "O'Brien", "Zoë", "Li", "Wang", "A", "B", "C", "D", "E", ""]
    sizes = [40, 25, 1, 3, 12, 30, 7, 5, 5, 9, 2, 18, 6]
    rep = [r for r, n in zip(reps, sizes, strict=True) for _ in range(n)] + ["Solo"]
    count = len(rep)
    rng.shuffle(rep)  # the export is not sorted by rep
    prospect = rng.random(count) < 0.3
    sales = np.round(rng.lognormal(9, 1.5, count), 2).astype(object)
    sales[rng.random(count) < 0.15] = 5000  # ties
    sales[rng.random(count) < 0.05] = None  # blank sales: no class, a problem
    sales[rng.random(count) < 0.03] = "n/a"  # unreadable: a problem naming the cell
    sales[prospect] = None
    kind = {"en": ("Prospect", "Customer"), "zh": ("潜在客户", "现有客户")}[lang]
    frame = pd.DataFrame(
        {
            "Customer ID": [f"C{i:04d}" for i in range(count)],
            "Name": [f"客户 {i}" if i % 3 else f"Customer {i}" for i in range(count)],
            "Rep": rep,
            "Region": rng.choice(["North", "South"], count),
            "Kind": np.where(prospect, *kind),
            "Annual sales": sales,
            "Previous sales": np.where(rng.random(count) < 0.5, 4000.5, None),
            "Stage": np.where(prospect, rng.choice(STAGES[lang], count), ""),
            "Follow-up": np.where(prospect, rng.choice(FOLLOW_UPS, count), ""),
            "Competitor loyalty": rng.choice(["Low", "High", ""], count),
            "Last visit": rng.choice(["2026-09-01", "2026-03-15", ""], count),
            "Notes": rng.choice(["", "call back", "=not a formula", "VIP"], count),
        }
    )
    return frame


def cells(data: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def sheets(data: bytes) -> dict[str, bytes]:
    """The parts that hold cells and their fills."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            n: archive.read(n)
            for n in archive.namelist()
            if n.startswith(("xl/worksheets/", "xl/tables/", "xl/styles.xml"))
        }


Alone = tuple[str, dict[str, list[list[object]]], dict[str, bytes], list[str], dict[str, int], int]
"""A group's workbook made for it alone: its file name, cells, sheet parts, problems, counts
per class and rows."""


@pytest.fixture(scope="module")
def made_alone(tmp_path_factory):
    """Each group's workbook as generate_book makes it for that group alone, by language,
    overrides and grouping: the same for one process and for two workers, so made once."""
    made: dict[tuple[object, ...], dict[str, Alone]] = {}

    def alone(lang: str, overrides: dict[str, object], by: str) -> dict[str, Alone]:
        key = (lang, tuple(sorted(overrides.items())), by)
        if key not in made:
            source = tmp_path_factory.mktemp("alone") / "export.csv"
            export(lang).to_csv(source, index=False, encoding="utf-8-sig")
            table, template = read_customers(source), load_template(lang)
            groups = split_customers(table, by)
            stems = unique_stems(groups, blank=text("batch.blank_group"))
            made[key] = {}
            for group, rows in groups.items():
                file = f"{stems[group]}{template.suffix}"
                book = template.book.fresh_copy(file)
                report = generate_book(book, rows, template.lang, RunOptions(overrides=overrides))
                data = book.to_bytes()
                problems = report.describe_problems().splitlines()
                counts = dict(report.reports[0].counts)  # type: ignore[attr-defined]
                found = (cells(data), sheets(data), problems, counts, len(rows.frame))
                made[key][group] = (file, *found)
        return made[key]

    return alone


@pytest.mark.parametrize(
    ("lang", "overrides"),
    [("en", {}), ("zh", {}), ("en", {"abc_by": "region"})],
    ids=["en", "zh", "classes-by-region-within-each-rep"],
)
@pytest.mark.parametrize("by", ["rep", "region"])
@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "two-workers"])
def test_every_generated_workbook_is_the_one_its_rep_alone_would_get(
    tmp_path: Path, made_alone, lang: str, overrides: dict[str, object], by: str, jobs: int
) -> None:
    source = tmp_path / "export.csv"
    export(lang).to_csv(source, index=False, encoding="utf-8-sig")
    table = read_customers(source)
    template = load_template(lang)
    options = RunOptions(overrides=overrides)

    outcomes = generate_files(table, template, by, tmp_path / "out", options=options, jobs=jobs)

    expected = made_alone(lang, overrides, by)
    assert [o.group for o in outcomes] == list(expected)
    for outcome in outcomes:
        file, cells_alone, sheets_alone, problems, counts, rows = expected[outcome.group]
        assert outcome.file == file
        written = (tmp_path / "out" / file).read_bytes()
        assert cells(written) == cells_alone, outcome.group
        assert sheets(written) == sheets_alone, outcome.group  # fills too
        assert outcome.rows == rows
        assert outcome.problems == problems
        assert outcome.counts == counts
        assert outcome.ok, outcome.error
    assert any(o.problems for o in outcomes)  # the edge cases were there to be compared
    assert any(o.rows == 1 for o in outcomes) or by == "region"
