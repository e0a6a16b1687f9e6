"""Prospect colours live in the template's conditional formats: they render in a real spreadsheet
program with no Python behind it, and follow a rep's edit of the Stage cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from addin.domain.prospects import shade
from addin.domain.schema import ALL_COLUMNS
from addin.domain.settings import Settings
from addin.workbook.atomic import save_workbook
from addin.workbook.prospect_rules import letter
from addin.workbook.template import build_template
from tests.libreoffice import Rendered, pixels_near, render

# Colours found nowhere else on the page, so only the rules can paint them.
PALETTE = {"closed": "E0115F", "short_term": "FFD700", "potential": "00A86B"}
SETTINGS = Settings(
    color_closed=PALETTE["closed"],
    color_short_term=PALETTE["short_term"],
    color_potential=PALETTE["potential"],
)
LAST = openpyxl.utils.get_column_letter(len(ALL_COLUMNS))


def template_with_prospects(stages: list[str], decisions: list[str | None]) -> openpyxl.Workbook:
    """The English template with prospects typed in, as a rep would: no Python computes anything."""
    wb = build_template("en", SETTINGS)
    ws = wb.worksheets[0]
    for row, (stage, decision) in enumerate(zip(stages, decisions, strict=True), start=2):
        ws[f"A{row}"], ws[f"B{row}"] = f"P{row}", f"Prospect {row}"
        ws[f"{letter('kind')}{row}"] = "prospect"
        ws[f"{letter('stage')}{row}"] = stage
        ws[f"{letter('follow_up')}{row}"] = decision
    ws.tables["Customers"].ref = f"A1:{LAST}{len(stages) + 1}"
    return wb


def saved(wb: openpyxl.Workbook, folder: Path) -> Path:
    return save_workbook(wb, folder / "prospects.xlsx")


def stage_changed_by_the_rep() -> openpyxl.Workbook:
    wb = template_with_prospects(["Potential"], [None])
    wb.worksheets[0][f"{letter('stage')}2"] = "已成交"  # the rep picks another stage
    return wb


PROSPECTS = {  # workbook kind -> the workbook LibreOffice renders
    "prospects_three_stages": lambda: template_with_prospects(
        ["Closed", "Short term", "Potential"], [None, None, None]
    ),
    "prospects_before_edit": lambda: template_with_prospects(["Potential"], [None]),
    "prospects_after_edit": stage_changed_by_the_rep,
    "prospects_given_up": lambda: template_with_prospects(["Short term"], ["Give up"]),
}
for _name, _book in PROSPECTS.items():
    render(_name, lambda folder, book=_book: saved(book(), folder), "pdf")


def first_page(rendered: Rendered, name: str) -> Path:
    return rendered.pngs(name, dpi=100)[0]


@pytest.mark.libreoffice
def test_red_yellow_and_green_rows_render_from_the_conditional_formats(rendered) -> None:
    page = first_page(rendered, "prospects_three_stages")
    for stage, rgb in PALETTE.items():
        assert pixels_near(page, rgb) >= 50, f"{stage} ({rgb}) not rendered"


@pytest.mark.libreoffice
def test_a_rep_who_changes_a_stage_sees_the_new_colour_without_any_macro(rendered) -> None:
    before = first_page(rendered, "prospects_before_edit")
    after = first_page(rendered, "prospects_after_edit")
    assert pixels_near(before, PALETTE["potential"]) >= 50
    assert pixels_near(before, PALETTE["closed"]) == 0
    assert pixels_near(after, PALETTE["closed"]) >= 50
    assert pixels_near(after, PALETTE["potential"]) == 0


@pytest.mark.libreoffice
def test_giving_up_shows_the_palest_shade_of_the_stage_colour(rendered) -> None:
    page = first_page(rendered, "prospects_given_up")
    assert pixels_near(page, shade(PALETTE["short_term"], "give_up"), tol=6) >= 50
    assert pixels_near(page, PALETTE["short_term"], tol=6) == 0


def test_the_rules_reference_the_stage_cell_of_their_own_row() -> None:
    ws = build_template("en").worksheets[0]
    stage = letter("stage")
    rules = [
        (str(cf.sqref), rule.formula[0])
        for cf in ws.conditional_formatting
        for rule in cf.rules
        if rule.type == "expression"
    ]
    assert len(rules) == 9  # three stages x three levels
    for sqref, formula in rules:
        assert sqref.startswith(f"{stage}2:{stage}1048576")
        assert f"${stage}2=" in formula


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stage_and_follow_up_have_drop_downs_in_the_workbook_language(lang: str) -> None:
    ws = build_template(lang).worksheets[0]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    stage = lists[f"{letter('stage')}2:{letter('stage')}1048576"]
    decision = lists[f"{letter('follow_up')}2:{letter('follow_up')}1048576"]
    if lang == "zh":
        assert stage == '"已成交,短期有望成交,潜在客户"'
        assert decision == '"继续拜访,不放弃,放弃"'
    else:
        assert stage == '"Closed,Short term,Potential"'
        assert decision == '"Keep visiting,Don\'t give up,Give up"'
