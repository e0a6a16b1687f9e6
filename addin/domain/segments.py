"""Whom to work on (domain §4): existing or potential, main or secondary target, and the effort
that the competitor's hold on them deserves: big where their loyalty to the competitor is low.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from addin.domain.prospects import vocabulary

LOYALTIES = ("low", "high")
TARGETS = ("main", "secondary")
EFFORT = {"low": "high", "high": "low"}
"""Loyalty to the competitor -> effort to invest (投入精力): low loyalty, big effort."""

LOYALTY_LABELS = {"en": ("Low", "High"), "zh": ("低", "高")}
TARGET_LABELS = {"en": ("Main", "Secondary"), "zh": ("主要目标", "次要目标")}
LOYALTY_VOCABULARY = vocabulary(
    {
        "low": ("l", "weak", "对手忠诚度低", "忠诚度低", "低忠诚度", "弱"),
        "high": ("h", "strong", "对手忠诚度高", "忠诚度高", "高忠诚度", "强"),
    },
    LOYALTY_LABELS,
    LOYALTIES,
)
TARGET_VOCABULARY = vocabulary(
    {
        "main": ("primary", "main target", "key", "主要", "主要客户", "主", "重点"),
        "secondary": ("minor", "secondary target", "次要", "次要客户", "次"),
    },
    TARGET_LABELS,
    TARGETS,
)

SOURCES = ("sold_to_me", "peer", "former_product")
SOURCE_LABELS = {
    "en": ("Sold to me before", "Peer", "Bought my former product"),
    "zh": ("以前卖给我的", "同行", "买过我以前产品的"),
}
"""Why a former customer is a shortcut (domain §6): they return a favour, trust, or a need."""
SOURCE_VOCABULARY = vocabulary(
    {
        "sold_to_me": ("supplier", "sold to me", "used to sell to me", "供应商", "卖给我的"),
        "peer": ("peers", "colleague", "同业", "同行业"),
        "former_product": ("customer", "former customer", "former product", "老客户", "老产品"),
    },
    SOURCE_LABELS,
    SOURCES,
)

SEGMENT_COLUMNS = ("existing", "target", "effort")


def targets(frame: pd.DataFrame, classes: pd.Series | None = None) -> pd.Series:
    """The main/secondary target as given; where blank, A and B customers and yellow prospects
    are main targets and the rest secondary (the 20% that make 80% are the targets, domain §2)."""
    given = _column(frame, "target_level")
    stage = _column(frame, "stage")
    main = stage.eq("short_term").fillna(False)
    if classes is not None:
        main |= classes.reindex(frame.index).isin(["A", "B"]).fillna(False)
    return given.fillna(main.map({True: "main", False: "secondary"}).astype("string"))


def segments(frame: pd.DataFrame, classes: pd.Series | None = None) -> pd.DataFrame:
    """Per row: existing/potential, main/secondary, and effort high/low (<NA> without loyalty)."""
    kind = _column(frame, "kind").fillna("customer")
    loyalty = _column(frame, "competitor_loyalty")
    return pd.DataFrame(
        {
            "existing": kind.map({"customer": "existing", "prospect": "potential"}),
            "target": targets(frame, classes),
            "effort": loyalty.map(EFFORT, na_action="ignore").astype("string"),
        },
        index=frame.index,
    )


def segment_matrix(segmented: pd.DataFrame) -> pd.DataFrame:
    """Counts: rows existing/potential x main/secondary, columns effort high / low / not known."""
    rows = pd.MultiIndex.from_product([["existing", "potential"], list(TARGETS)])
    counts = segment_counts(segmented, np.zeros(len(segmented), dtype=np.intp), 1)[0]
    return pd.DataFrame(counts, index=rows, columns=["high", "low", "unknown"])


def segment_counts(segmented: pd.DataFrame, groups: np.ndarray, count: int) -> np.ndarray:
    """segment_matrix's counts for each group of rows (a batch's workbooks) in one pass:
    shape (count, 4, 3), rows existing-main, existing-secondary, potential-main, ..."""
    existing = pd.Categorical(segmented["existing"], ["existing", "potential"]).codes
    target = pd.Categorical(segmented["target"], list(TARGETS)).codes
    effort = pd.Categorical(segmented["effort"].fillna("unknown"), ["high", "low", "unknown"])
    cell = (existing * 2 + target) * 3 + effort.codes
    known = (existing >= 0) & (target >= 0) & (effort.codes >= 0)
    slots = np.asarray(groups)[known] * 12 + cell[known]
    return np.bincount(slots, minlength=count * 12).reshape(count, 4, 3).astype(int)


def _column(frame: pd.DataFrame, key: str) -> pd.Series:
    if key in frame:
        return frame[key].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")
