"""Every Excel function: its help fits Excel's limits, and every bad argument is answered in our
own words (never Python's), called as classic xlwings calls it (tests/udf_harness.py)."""

from __future__ import annotations

import datetime as dt
from typing import get_type_hints

import pytest

from addin.excel import functions
from addin.excel.cells import MAX_HELP
from tests.udf_harness import MISSING, column, excel_call

FUNCTIONS = [getattr(functions, name) for name in functions.__all__]
HEADERS = ("Customer ID", "Name", "Rep", "Kind", "Annual sales", "Last visit")
TABLE = (
    HEADERS,
    *[
        (f"C{i}", f"Firm {i}", "Li", "customer", 100.0 * (i + 1), dt.datetime(2026, 10, 1))
        for i in range(6)
    ],
)
KINDS = column("customer", "prospect", "customer")
STAGES = column(None, "closed", None)
BLANK3 = column(None, None, None)
REPS = column("Li", "Li", "Wang")
PYTHON_WORDS = (
    "could not convert",
    "invalid literal",
    "object has no attribute",
    "NoneType",
    "unsupported operand",
    "Traceback",
    "KeyError",
    "out of range",
    "not a positive",
)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_help_fits_in_what_import_functions_keeps_of_it(function):
    # xlwings' Import Functions passes f.__doc__ and each argument's doc, cut at 255 characters,
    # to Excel's MacroOptions; the help must end where we ended it, on one line.
    assert len(function.__doc__) <= MAX_HELP and "\n" not in function.__doc__
    assert function.__doc__.endswith(".")
    hints = get_type_hints(function, include_extras=True)
    for name, hint in hints.items():
        if name != "return":
            doc = hint.__metadata__[0]["doc"]
            assert 0 < len(doc) <= MAX_HELP, name


BAD = [
    (functions.CD_ABC, (column(1.0, 2.0), "lots"), "'lots'"),
    (functions.CD_ABC, (column(1.0, 2.0), MISSING, 1.5), "1.5"),
    (functions.CD_ABC, (column(1.0, 2.0), MISSING, MISSING, "sales"), "'sales'"),
    (functions.CD_ABC, (column(1.0, 2.0), MISSING, MISSING, MISSING, column("Li")), "groups"),
    (functions.CD_ABC_SUMMARY, (column(1.0), MISSING, MISSING, MISSING, "fr"), "'fr'"),
    (functions.CD_VISITS_PER_MONTH, ("purple",), "'purple'"),
    (functions.CD_VISITS_PER_MONTH, ("A", "maybe"), "follow_up = 'maybe'"),
    (functions.CD_VISIT_PLAN, (TABLE, MISSING, "four"), "weeks = 'four'"),
    (functions.CD_VISIT_PLAN, (TABLE, MISSING, 2.5), "weeks = 2.5"),
    (functions.CD_VISIT_PLAN, (TABLE, MISSING, 1e9), "1 to 52 weeks"),
    (functions.CD_VISIT_PLAN, (TABLE, "next week"), "'next week' is not a date"),
    (functions.CD_VISIT_PLAN, (TABLE, -5.0), "-5 is not a date"),
    (functions.CD_VISIT_PLAN, (TABLE, True), "TRUE is not a date"),
    (functions.CD_VISIT_PLAN, (TABLE, MISSING, MISSING, "XX"), "'XX'"),
    (functions.CD_VISIT_PLAN, (TABLE, MISSING, MISSING, 5.0), "country = 5"),
    (functions.CD_VISIT_PLAN, (TABLE, MISSING, MISSING, MISSING, "fr"), "'fr'"),
    (functions.CD_VISIT_PLAN, ((HEADERS,),), "header row"),
    (functions.CD_PROSPECT_COLOR, (column("purple"),), "'purple' is not a stage"),
    (functions.CD_PROSPECT_COLOR, (column("closed"), column("maybe")), "'maybe'"),
    (functions.CD_PIPELINE, (KINDS, STAGES, BLANK3, REPS, "many"), "target = 'many'"),
    (functions.CD_PIPELINE, (KINDS, STAGES, BLANK3, REPS, -3.0), "target = -3"),
    (
        functions.CD_PIPELINE,
        (KINDS, STAGES, BLANK3, REPS, MISSING, column("x", "y", "z")),
        "'x' is not a date",
    ),
    (
        functions.CD_PIPELINE,
        (KINDS, STAGES, BLANK3, REPS, MISSING, MISSING, "soon"),
        "stale_days = 'soon'",
    ),
    (
        functions.CD_PIPELINE,
        (KINDS, STAGES, BLANK3, REPS, MISSING, MISSING, MISSING, column("a", 1.0, 2.0)),
        "'a' is not a number",
    ),
    (
        functions.CD_PIPELINE,
        (column("robot", "prospect", "customer"), STAGES, BLANK3, REPS),
        "'robot' is not a kind",
    ),
    (functions.CD_PIPELINE, (KINDS, STAGES, BLANK3, column("Li", "Li")), "select ranges"),
    (functions.CD_SEGMENT, (KINDS, column("Main", "x", None), BLANK3), "'x' is not a target"),
    (functions.CD_SEGMENT, (KINDS, BLANK3, column("huge", None, None)), "'huge'"),
    (functions.CD_SEGMENT, (KINDS, BLANK3, BLANK3, column("Z", "A", "B")), "'Z' is not an ABC"),
]


@pytest.mark.parametrize(
    ("function", "args", "named"), BAD, ids=[f"{f.__name__}-{i}" for i, (f, _, _) in enumerate(BAD)]
)
def test_every_bad_argument_is_answered_in_our_own_words(function, args, named):
    [[message]] = excel_call(function, *args)
    assert message.startswith("Error: ") and named in message
    assert not any(words in message for words in PYTHON_WORDS), message


def test_a_plan_that_starts_before_the_last_visits_says_why_it_is_empty():
    [[message]] = excel_call(functions.CD_VISIT_PLAN, TABLE, dt.datetime(2026, 3, 2), 4.0)
    assert message == (
        "Error: no visit falls due from 2026-03-02 to 2026-03-29: the last visits run to "
        "2026-10-01, so the next ones fall due later. Fix: start after the last visits, or "
        "leave start blank for next Monday."
    )
