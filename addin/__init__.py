"""custdev: customer development in Excel (客户开发与维护).

The public Python API; modules not listed here are private.

    >>> from addin import classify_abc, read_customers
    >>> table = read_customers("customers.xlsx")
    >>> classify_abc(table.frame).summary

Names load on first use, so the Excel side (xlwings Lite included) never pays for the file readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "classify_file": "addin.api",
    "plan_file": "addin.api",
    "generate": "addin.api",
    "refresh_file": "addin.api",
    "read_customers": "addin.api",
    "read_file_settings": "addin.api",
    "write_demo": "addin.api",
    "demo_customers": "addin.demo_data",
    "AbcResult": "addin.domain.abc_analysis",
    "AbcRule": "addin.domain.abc_analysis",
    "classify_abc": "addin.domain.abc_analysis",
    "pareto_points": "addin.domain.pareto",
    "summarise": "addin.domain.abc_analysis",
    "CustdevError": "addin.domain.errors",
    "Settings": "addin.domain.settings",
    "CustomerTable": "addin.domain.validation",
    "validate_customers": "addin.domain.validation",
    "ClassifyReport": "addin.services",
    "classify_workbook": "addin.services",
    "PlanReport": "addin.services",
    "plan_workbook": "addin.services",
    "VisitPlan": "addin.domain.planning.plan",
    "plan_visits": "addin.domain.planning.plan",
    "work_calendar": "addin.domain.planning.calendar",
    "PackageBook": "addin.adapters.package.book",
    "build_template": "addin.workbook.template",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'addin' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from addin.adapters.package.book import PackageBook
    from addin.api import (
        classify_file,
        generate,
        plan_file,
        read_customers,
        read_file_settings,
        refresh_file,
        write_demo,
    )
    from addin.demo_data import demo_customers
    from addin.domain.abc_analysis import AbcResult, AbcRule, classify_abc, summarise
    from addin.domain.errors import CustdevError
    from addin.domain.pareto import pareto_points
    from addin.domain.planning.calendar import work_calendar
    from addin.domain.planning.plan import VisitPlan, plan_visits
    from addin.domain.settings import Settings
    from addin.domain.validation import CustomerTable, validate_customers
    from addin.services import ClassifyReport, PlanReport, classify_workbook, plan_workbook
    from addin.workbook.template import build_template
