"""Call an Excel function the way classic xlwings' COM server does, without Excel.

xlwings' decorators do nothing off Windows, so this reproduces `xlwings.udfs`: the options come
from the function's `Annotated` hints (as `xlfunc` reads them), each argument goes through
`xlwings.conversion.read`, the result through `xlwings.conversion.write`. The value cleaning that
the Windows engine does at the COM boundary is reproduced by `ComValues`, copied in behaviour
from xlwings/_xlwindows.py (blanks, NaN, numpy numbers); that is the only stand-in.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any, get_args, get_origin, get_type_hints

import numpy as np
import pandas as pd
import xlwings
from xlwings import conversion
from xlwings.main import Engine

MISSING = object()
"""An argument the user left out in Excel (the COM server sees a 'missing' marker)."""


class ComValues:
    """The parts of xlwings' Windows engine that conversion calls, without pywin32."""

    name = "excel"
    type = "desktop"

    @staticmethod
    def prepare_xl_data_element(x: Any, date_format: Any) -> Any:
        if x is None or (not isinstance(x, (list, str)) and pd.isna(x)):
            return ""
        if isinstance(x, np.number):
            return float(x)
        return x

    @staticmethod
    def clean_value_data(
        data: Any, datetime_builder: Any, empty_as: Any, number_builder: Any, err_to_str: Any
    ) -> Any:
        def clean(value: Any) -> Any:
            if value in ("", None):
                return empty_as
            if number_builder is not None and isinstance(value, float):
                return number_builder(value)
            return value

        return [[clean(c) for c in row] for row in data]


if "excel" not in xlwings.engines.engines_by_name:
    xlwings.engines.add(Engine(impl=ComValues()))


def options(hint: Any) -> dict[str, Any]:
    """What `xlwings.udfs.xlfunc` puts in an argument's options for this type hint."""
    if hint is None:
        return {}
    base, extras = (
        (get_args(hint)[0], get_args(hint)[1:]) if get_origin(hint) is Annotated else (hint, ())
    )
    found = {"convert": get_origin(base) or base}
    if extras:
        found |= {k: v for k, v in extras[0].items() if k != "doc"}
    return found


def excel_call(function: Any, *cells: Any) -> Any:
    """The value Excel would receive from `=FUNCTION(cells...)` (a list of rows to spill)."""
    hints = get_type_hints(function, include_extras=True)
    params = list(inspect.signature(function).parameters.values())
    args = []
    for param, raw in zip(params, [*cells, *[MISSING] * (len(params) - len(cells))], strict=True):
        if raw is MISSING:
            args.append(param.default)
        else:
            args.append(conversion.read(None, raw, options(hints.get(param.name))))
    result = function(*args)
    return conversion.write(result, None, options(hints.get("return")))


def column(*values: Any) -> tuple[tuple[Any, ...], ...]:
    """A one-column range as the COM server hands it over: a tuple of 1-tuples."""
    return tuple((v,) for v in values)
