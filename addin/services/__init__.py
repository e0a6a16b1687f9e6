"""Use cases over the workbook port: check customers, classify them, colour prospects, plan visits.

The same functions serve the Excel macro (live workbook), the command line and the Python API
(files), so a rule is applied one way whichever door the user came in by. Like the modules here,
this package imports only the domain and the port. Planning, which classifying never needs,
loads on first use of its names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from addin.services.classify import (
    ClassifyReport,
    classify_checked,
    classify_filled,
    classify_into,
    classify_table,
    classify_workbook,
    pareto_frame,
    summary_frame,
    write_classes,
    write_summary,
)
from addin.services.common import (
    CUSTOMERS,
    DAYS_OFF,
    PARETO,
    PIPELINE,
    SEGMENTS,
    SETTINGS,
    SUMMARY,
    TOUCHES,
    VISIT_PLAN,
    check_customers,
    coded_labels,
    customers_for_template,
    fill_customers,
    read_settings,
    settings_from_table,
    workbook_language,
)
from addin.services.prospects import (
    ProspectReport,
    classify_and_colour,
    colour_checked,
    colour_workbook,
    write_prospects,
)

if TYPE_CHECKING:
    from addin.services.plan import (
        PlanReport,
        plan_into,
        plan_workbook,
        planned_scope,
        planning_extras,
    )

_PLANNING = ("PlanReport", "plan_into", "plan_workbook", "planned_scope", "planning_extras")
"""Names of addin.services.plan offered here, imported when first asked for."""


def __getattr__(name: str) -> Any:
    if name not in _PLANNING:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("addin.services.plan"), name)
    globals()[name] = value
    return value


__all__ = [
    "CUSTOMERS",
    "DAYS_OFF",
    "PARETO",
    "PIPELINE",
    "SEGMENTS",
    "SETTINGS",
    "SUMMARY",
    "TOUCHES",
    "VISIT_PLAN",
    "ClassifyReport",
    "PlanReport",
    "ProspectReport",
    "check_customers",
    "classify_and_colour",
    "classify_checked",
    "classify_filled",
    "classify_into",
    "classify_table",
    "classify_workbook",
    "coded_labels",
    "colour_checked",
    "colour_workbook",
    "customers_for_template",
    "fill_customers",
    "pareto_frame",
    "plan_into",
    "plan_workbook",
    "planned_scope",
    "planning_extras",
    "read_settings",
    "settings_from_table",
    "summary_frame",
    "workbook_language",
    "write_classes",
    "write_prospects",
    "write_summary",
]
