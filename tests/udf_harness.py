"""Call an Excel function the way classic xlwings' COM server does, without Excel.

xlwings' decorators do nothing off Windows, so this reproduces `xlwings.udfs`: the options come
from the function's `Annotated` hints (as `xlfunc` reads them), each argument goes through
`xlwings.conversion.read`, the result through `xlwings.conversion.write`. The value cleaning that
the Windows engine does at the COM boundary (blanks, NaN, numpy numbers, dates) comes from the
COM engine's double (tests/xlwings_double/desktop.py, after xlwings/_xlwindows.py); that is the
only stand-in.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any, get_args, get_origin, get_type_hints

import xlwings
from xlwings import conversion
from xlwings.main import Engine

from tests.xlwings_double.desktop import DesktopEngine

MISSING = object()
"""An argument the user left out in Excel (the COM server sees a 'missing' marker)."""


if "excel" not in xlwings.engines.engines_by_name:
    xlwings.engines.add(Engine(impl=DesktopEngine()))


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
