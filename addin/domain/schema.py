"""The customer table: canonical columns, their English and Chinese headers, and header matching.

One table holds customers and prospects. Headers may be the snake_case key, the English label or
the Chinese label (or a common alias); everything downstream speaks the canonical keys.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

ValueType = Literal[
    "text", "id", "number", "date", "kind", "stage", "decision", "loyalty", "target", "source"
]


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    zh: str
    type: ValueType = "text"
    aliases: tuple[str, ...] = ()
    required: bool = False

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def names(self) -> tuple[str, ...]:
        return (self.key, self.en, self.zh, *self.aliases)


COLUMNS: tuple[Column, ...] = (
    Column(
        "customer_id",
        "Customer ID",
        "客户编号",
        "id",
        ("id", "customer no", "customer number", "客户ID", "客户代码", "编号"),
        required=True,
    ),
    Column(
        "name",
        "Name",
        "客户名称",
        "text",
        ("customer", "customer name", "名称", "客户"),
        required=True,
    ),
    Column("company", "Company", "公司", "text", ("company name", "公司名称", "单位")),
    Column(
        "rep",
        "Rep",
        "业务员",
        "text",
        ("sales rep", "salesperson", "sales person", "owner", "销售代表", "销售员", "负责人"),
    ),
    Column("region", "Region", "区域", "text", ("territory", "area", "地区", "大区")),
    Column("city", "City", "城市", "text", ("城市名",)),
    Column("address", "Address", "地址", "text", ("详细地址",)),
    Column("latitude", "Latitude", "纬度", "number", ("lat",)),
    Column("longitude", "Longitude", "经度", "number", ("lon", "lng", "long")),
    Column("kind", "Kind", "类型", "kind", ("type", "customer type", "客户类型", "类别")),
    Column(
        "annual_sales",
        "Annual sales",
        "销售额",
        "number",
        ("sales", "revenue", "turnover", "annual revenue", "年销售额", "营业额", "销售金额"),
    ),
    Column(
        "previous_sales",
        "Previous sales",
        "上期销售额",
        "number",
        ("prior sales", "last year sales", "previous period sales", "去年销售额", "上年销售额"),
    ),
    Column(
        "stage",
        "Stage",
        "阶段",
        "stage",
        ("status", "prospect stage", "colour", "color", "客户阶段", "状态", "颜色"),
    ),
    Column(
        "follow_up",
        "Follow-up",
        "跟进决定",
        "decision",
        ("follow up", "followup", "decision", "跟进", "拜访计划"),
    ),
    Column(
        "competitor_loyalty",
        "Competitor loyalty",
        "对手忠诚度",
        "loyalty",
        ("loyalty", "loyalty to competitor", "竞争对手忠诚度"),
    ),
    Column(
        "target_level",
        "Target",
        "目标类型",
        "target",
        ("target type", "main or secondary", "主次目标", "目标客户类型"),
    ),
    Column(
        "source",
        "Source",
        "来源",
        "source",
        ("lead source", "former customer source", "客户来源", "既有客户来源"),
    ),
    Column("contact", "Contact", "联系人", "text", ("contact person", "contact name")),
    Column("phone", "Phone", "电话", "id", ("telephone", "mobile", "tel", "联系电话", "手机")),
    Column("birthday", "Birthday", "生日", "date", ("date of birth", "出生日期")),
    Column("decision_maker", "Decision maker", "决策人", "text", ("key person", "关键人")),
    Column(
        "interests", "Interests", "兴趣爱好", "text", ("hobbies", "interests and hobbies", "爱好")
    ),
    Column(
        "last_visit",
        "Last visit",
        "上次拜访",
        "date",
        ("last visit date", "last visited", "上次拜访日期", "最近拜访"),
    ),
    Column("notes", "Notes", "备注", "text", ("note", "comments", "remarks", "说明")),
)
"""Input columns, in the order the templates show them."""

CLASS_COLUMN = Column(
    "abc_class", "Class", "ABC分类", "text", ("abc", "abc class", "ABC类别", "分类")
)
"""Written by classification; accepted on input so that re-classifying a workbook works."""

SEGMENT_COLUMN = Column("segment", "Segment", "客户区隔", "text", ("customer segment", "区隔"))
"""Written by 'Colour prospects': existing/potential, main/secondary target, effort to invest."""

ALL_COLUMNS: tuple[Column, ...] = (*COLUMNS, CLASS_COLUMN, SEGMENT_COLUMN)
BY_KEY: dict[str, Column] = {c.key: c for c in ALL_COLUMNS}
CUSTOMERS = "Customers"
"""The name of the table that holds the customers, in every workbook custdev reads or writes."""
KINDS = ("customer", "prospect")
KIND_LABELS = {"en": KINDS, "zh": ("客户", "潜在客户")}
"""How each kind is written in a workbook of that language: its drop-down list and its rows."""


def normalise_header(text: object) -> str:
    """Fold case, width, spaces and punctuation: 'Annual_Sales ' matches 'annual sales'."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s_\-/.:：]+", " ", folded).strip()


_ALIASES: dict[str, str] = {
    normalise_header(name): column.key for column in ALL_COLUMNS for name in column.names()
}


def canonical_key(header: object) -> str | None:
    """The canonical key a header stands for, or None for a column we do not know."""
    return _ALIASES.get(normalise_header(header))


def headers_language(headers: Iterable[object]) -> str:
    """'zh' when most of the headers we know are written as the Chinese labels, else 'en'."""
    known = [(str(h).strip(), canonical_key(h)) for h in headers]
    chinese = sum(1 for h, key in known if key and BY_KEY[key].zh == h)
    english = sum(1 for h, key in known if key and BY_KEY[key].zh != h)
    return "zh" if chinese > english else "en"


def closest_header(wanted: Column, found: list[str]) -> str | None:
    """The found header that looks most like one of the wanted column's names, for a hint."""
    candidates = {normalise_header(h): h for h in found}
    for name in wanted.names():
        match = difflib.get_close_matches(normalise_header(name), list(candidates), n=1, cutoff=0.6)
        if match:
            return candidates[match[0]]
    return None


def required_keys(has_customers: bool) -> list[str]:
    """Id and name always; annual sales unless every row is a prospect."""
    keys = [c.key for c in COLUMNS if c.required]
    return [*keys, "annual_sales"] if has_customers else keys
