"""ABC classification of existing customers by the Pareto rule (老客户ABC分类法).

Value method: a customer is A while the share of total sales held by the customers with *strictly
larger* sales is below `a_share` (80%), B while it is below `b_share` (95%), else C. The customer
that crosses 80% is therefore A, equal sales always share a class, and row order never matters.
The count method applies the same rule to the share of customers (20% / 50%).

Because the class only ever falls as sales fall, the rule reduces to two cut values found on one
sorted copy of the sales: that keeps a million customers within a few sorts' time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from addin.domain.abc_rule import CLASSES, AbcRule
from addin.domain.errors import SettingsError
from addin.domain.i18n import text
from addin.domain.problems import Problem
from addin.domain.schema import KINDS
from addin.domain.values import parse_kinds, parse_numbers


@dataclass(frozen=True)
class AbcResult:
    """Classes aligned with the input rows, a summary per class, and the rows we could not class."""

    classes: pd.Series
    summary: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


def abc_codes(sales: np.ndarray, rule: AbcRule = AbcRule()) -> np.ndarray:
    """Class codes 0=A, 1=B, 2=C, -1=unclassed (NaN) for one group of sales figures."""
    return _classify_group(sales, rule)[0]


def _classify_group(sales: np.ndarray, rule: AbcRule) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Class codes, customers per class and sales per class (net returns as zero), in one sort."""
    sales = np.asarray(sales, dtype="float64")
    missing = np.isnan(sales)
    customers = sales.size - int(np.count_nonzero(missing))
    ascending = sales[sales > 0]
    ascending.sort()  # in place: the filtered copy is ours
    if ascending.size == 0:
        codes = np.full(sales.shape, 2, dtype="int8")
        codes[missing] = -1
        return codes, np.array([0, 0, customers]), np.zeros(3)
    running = np.cumsum(ascending)
    if rule.method == "value":
        cut_a, cut_b = (_value_cut(ascending, running, s) for s in (rule.a_share, rule.b_share))
    else:
        cut_a, cut_b = (_count_cut(ascending, s, customers) for s in (rule.a_share, rule.b_share))
    # Zero, negative and NaN sales compare False with both (positive) cuts: class C.
    above = (sales >= cut_b).view(np.int8) + (sales >= cut_a).view(np.int8)
    codes = np.subtract(2, above, dtype=np.int8)
    codes[missing] = -1
    first_a, first_b = np.searchsorted(ascending, [cut_a, cut_b], side="left")
    total = float(running[-1])
    in_a = total - (float(running[first_a - 1]) if first_a else 0.0)
    in_ab = total - (float(running[first_b - 1]) if first_b else 0.0)
    counts = np.array(
        [ascending.size - first_a, first_a - first_b, customers - ascending.size + first_b]
    )
    return codes, counts, np.array([in_a, in_ab - in_a, total - in_ab])


def is_below(share: float, limit: float) -> bool:
    """share < limit, where a share within float rounding of the limit counts as equal to it.

    Sales with cents do not add up exactly in binary: 7.8 + 1.8 of 12.0 computes as 79.99999%,
    which the rule must treat as exactly 80% (not below), as a person with a calculator would.
    """
    return share < limit and not math.isclose(share, limit, rel_tol=1e-9, abs_tol=1e-12)


def _value_cut(ascending: np.ndarray, running: np.ndarray, limit: float) -> float:
    """The smallest sales figure whose strictly larger customers hold less than `limit` of sales.

    In ascending order the sales above position i sum to total - running[i]; that falls as i
    rises and is smallest at the last of a run of equal figures, so the first position below
    the limit gives the cut and ties with it land on its side.
    """
    total = float(running[-1])
    last = ascending.size - 1

    def below(i: int) -> bool:
        return is_below((total - float(running[i])) / total, limit)

    first = min(int(np.searchsorted(running, total - limit * total, side="right")), last)
    while first > 0 and below(first - 1):  # searchsorted may be an ulp off
        first -= 1
    while first < last and not below(first):
        first += 1
    return float(ascending[first])


def _count_cut(ascending: np.ndarray, limit: float, customers: float) -> float:
    """As `_value_cut`, on the share of customers with strictly larger sales."""
    above = max(int(np.ceil(limit * customers)) - 1, 0)  # most customers allowed above
    while above > 0 and not is_below(above / customers, limit):
        above -= 1
    while is_below((above + 1) / customers, limit):
        above += 1
    return float(ascending[max(ascending.size - 1 - above, 0)])


def classify_abc(
    customers: pd.DataFrame,
    rule: AbcRule = AbcRule(),
    by: str | None = None,
    sales_column: str = "annual_sales",
) -> AbcResult:
    """Classify every existing customer A/B/C; prospects and unreadable sales get no class."""
    sales, problems = _sales_of(customers, sales_column)
    if by is None:
        codes, counts, sums = _classify_group(sales.to_numpy(), rule)
        return AbcResult(classes_of(codes, customers.index), _summary_table(counts, sums), problems)
    _require_column(customers, by)
    labels, names = _group_labels(customers[by])
    codes = np.full(len(customers), -1, dtype="int8")
    counts = np.zeros((len(names), 3), dtype=np.int64)
    sums = np.zeros((len(names), 3))
    values = sales.to_numpy()
    for label, positions in enumerate(_positions(labels)):
        codes[positions], counts[label], sums[label] = _classify_group(values[positions], rule)
    summary = _summary_table(counts, sums, names)
    return AbcResult(classes_of(codes, customers.index), summary, problems)


def classify_abc_groups(
    customers: pd.DataFrame,
    groups: np.ndarray,
    rule: AbcRule = AbcRule(),
    by: str | None = None,
    sales_column: str = "annual_sales",
) -> tuple[AbcResult, np.ndarray]:
    """classify_abc run on each group's rows alone (a batch's workbooks), all groups in one pass.

    `groups` numbers every row's group from 0 without gaps. The classes are those each group's
    own run gives; the summary holds the groups' summaries one after another, group g's in rows
    starts[g]:starts[g + 1]. A class never depends on another group's customers.
    """
    sales, problems = _sales_of(customers, sales_column)
    count = int(groups.max()) + 1 if len(groups) else 0
    names = None
    keys, outer = groups, np.arange(count)
    if by is not None:  # within each group, by `by` too: the pairs, group first, names sorted
        _require_column(customers, by)
        inner, inner_names = _group_labels(customers[by])
        pairs, keys = np.unique(groups * len(inner_names) + inner, return_inverse=True)
        outer, names = pairs // len(inner_names), inner_names[pairs % len(inner_names)]
    codes = np.full(len(customers), -1, dtype="int8")
    counts = np.zeros((len(outer), 3), dtype=np.int64)
    sums = np.zeros((len(outer), 3))
    values = sales.to_numpy()
    for key, positions in enumerate(_positions(keys) if len(keys) else []):
        codes[positions], counts[key], sums[key] = _classify_group(values[positions], rule)
    kept = outer if names is None else outer[counts.sum(axis=1) > 0]
    starts = np.searchsorted(np.repeat(kept, 3), np.arange(count + 1))
    summary = _summary_table(counts, sums, names)
    return AbcResult(classes_of(codes, customers.index), summary, problems), starts


def classes_of(codes: np.ndarray, index: pd.Index | None = None) -> pd.Series:
    """A categorical 'A'/'B'/'C' series (NaN where unclassed) from `abc_codes` output."""
    categories = pd.Index(list(CLASSES))
    return pd.Series(
        pd.Categorical.from_codes(codes.astype(np.int64), categories=categories),
        index=index,
        name="abc_class",
    )


def _require_column(customers: pd.DataFrame, column: str) -> None:
    if column not in customers:
        columns = ", ".join(map(str, customers.columns))
        raise SettingsError(text("error.no_group_column", column=column, columns=columns))


def _sales_of(customers: pd.DataFrame, column: str) -> tuple[pd.Series, list[Problem]]:
    """Sales of existing customers as floats (NaN for prospects), and the rows that get no class."""
    # Prospects and rows of an unknown kind (reported when the table was read) get no class.
    prospect = pd.Series(False, index=customers.index)
    if "kind" in customers:
        kinds = customers["kind"]
        if not kinds.dropna().isin(KINDS).all():  # not yet validated: read the words
            kinds = parse_kinds(kinds)[0]
        prospect = kinds.ne("customer").fillna(True).astype(bool)
    if column not in customers and prospect.all():
        return pd.Series(np.nan, index=customers.index), []  # a list of prospects only
    _require_column(customers, column)
    raw = customers[column]
    sales, bad = parse_numbers(raw)
    blank = sales.isna() & ~bad  # parse_numbers leaves NaN only for blank or bad cells
    sales = sales.where(~prospect)
    problems = [
        Problem(_row(r), column, raw[r], "expected.number", "then.no_class")
        for r in raw.index[bad & ~prospect]
    ]
    problems += [
        Problem(_row(r), column, None, "expected.sales", "then.no_class")
        for r in raw.index[blank & ~prospect]
    ]
    problems += [
        Problem(_row(r), column, float(sales[r]), "expected.not_negative", "then.class_c")
        for r in sales.index[sales < 0]
    ]
    return sales, sorted(problems, key=lambda p: p.row)


def _row(label: object) -> int:
    return int(label) if isinstance(label, (int, np.integer)) else -1


def _group_labels(groups: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's group number and the group names, sorted; a blank is the group ''."""
    labels, names = pd.factorize(groups.astype("string").fillna(""), sort=True)
    return labels, np.asarray(names, dtype=object)


def _positions(labels: np.ndarray) -> list[np.ndarray]:
    """Row positions of each group number in turn (labels run from 0 without gaps)."""
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return np.split(order, bounds)


def summarise(
    sales: pd.Series, classes: pd.Series, groups: pd.Series | None = None
) -> pd.DataFrame:
    """Per class (and group): number and share of customers, sales and share of sales.

    Net returns count as zero here, as they do in the rule, so shares stay within 0-100%.
    """
    codes = classes.cat.codes.to_numpy().astype(np.intp)
    labels, names = (
        (np.zeros(len(codes), np.intp), None) if groups is None else _group_labels(groups)
    )
    slots = labels * 4 + codes + 1  # per group: slot 0 holds the unclassed, dropped below
    size = 4 * (1 if names is None else len(names))
    values = sales.to_numpy(dtype="float64")
    positive = np.where(values > 0, values, 0.0)  # NaN > 0 is False: NaN counts as zero too
    counts = np.bincount(slots, minlength=size).reshape(-1, 4)[:, 1:]
    sums = np.bincount(slots, weights=positive, minlength=size).reshape(-1, 4)[:, 1:]
    return _summary_table(counts, sums, names)


def _summary_table(
    counts: np.ndarray, sums: np.ndarray, groups: np.ndarray | None = None
) -> pd.DataFrame:
    """Summary rows from customers and sales per class: one row of 3 per group, or just 3.

    A group with no classified customer (a rep with prospects only) has no rows.
    """
    counts, sums = np.atleast_2d(counts), np.atleast_2d(sums).astype("float64")
    if groups is not None:
        kept = counts.sum(axis=1) > 0
        counts, sums, groups = counts[kept], sums[kept], groups[kept]
    table = pd.DataFrame(
        {
            "abc_class": pd.array(np.tile(CLASSES, len(counts)), dtype="string"),
            "customers": counts.ravel(),
            "customer_share": _shares(counts).ravel(),
            "sales": sums.ravel(),
            "sales_share": _shares(sums).ravel(),
        }
    )
    if groups is not None:
        table.insert(0, "group", pd.Series(np.repeat(groups, 3), dtype="string"))
    return table


def _shares(amounts: np.ndarray) -> np.ndarray:
    """Each amount over its row's total; a row totalling zero shares zero."""
    totals = amounts.sum(axis=1, keepdims=True)
    return np.divide(amounts, totals, out=np.zeros(amounts.shape), where=totals != 0)
