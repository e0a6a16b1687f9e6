"""Words a user sees, in English and 简体中文. Column headers live with the schema.

The language of messages is the one in force for the current run (`use_language`), which starts
from the CUSTDEV_LANG environment variable, else the system locale (LANG, LC_ALL), else English.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from addin.domain.errors import SettingsError
from addin.domain.messages import MESSAGES

LANGUAGES = ("en", "zh")


def _system_language() -> str:
    """CUSTDEV_LANG, else the locale: LANG on Linux and macOS, the user locale on Windows."""
    for variable in ("CUSTDEV_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").strip().casefold()
        if value:
            return "zh" if value.startswith("zh") else "en"
    name = (locale.getlocale()[0] or "").casefold()  # 'Chinese (Simplified)_China' on Windows
    return "zh" if name.startswith(("zh", "chinese")) else "en"


def language_of(names: Iterable[str]) -> str:
    """'zh' when any of these names (sheet names, headers) has Chinese characters, else 'en'."""
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for name in names for ch in name) else "en"


SYSTEM_LANGUAGE = _system_language()
# A default rather than a set(): threads (such as Excel's COM server's) start from the default.
_current: ContextVar[str] = ContextVar("custdev_language", default=SYSTEM_LANGUAGE)


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Messages raised inside the block speak `lang` (None keeps the language in force)."""
    token = _current.set(check_language(lang) if lang else _current.get())
    try:
        yield _current.get()
    finally:
        _current.reset(token)


TEXTS: dict[str, tuple[str, str]] = {
    # sheet names (table names stay English: code finds tables by name, people by tab)
    "sheet.customers": ("Customers", "客户"),
    "sheet.settings": ("Settings", "设置"),
    "sheet.summary": ("Summary", "ABC汇总"),
    # summary table
    "summary.title": ("ABC classification (Pareto)", "客户ABC分类（帕累托）"),
    "summary.class": ("Class", "类别"),
    "summary.group": ("Group", "分组"),
    "summary.customers": ("Customers", "客户数"),
    "summary.customer_share": ("Share of customers", "客户占比"),
    "summary.sales": ("Sales", "销售额"),
    "summary.sales_share": ("Share of sales", "销售额占比"),
    "summary.note": (
        "A: morning visits, high frequency, sometimes with a senior manager. "
        "B and C: monthly and weekly visit plans.",
        "A类：上午拜访、高频率，必要时主管陪同。B类、C类：按月度和每周拜访计划。",
    ),
    "pareto.title": ("Pareto chart: sales by customer", "帕累托图：客户销售额"),
    "pareto.label": ("Customers (by sales)", "客户（按销售额）"),
    "pareto.sales": ("Sales", "销售额"),
    "pareto.cumulative": ("Cumulative share", "累计占比"),
    # settings table
    "settings.key": ("Key", "键"),
    "settings.setting": ("Setting", "设置项"),
    "settings.value": ("Value", "值"),
    "settings.description": ("Description", "说明"),
    "setting.a_share": ("A: share of sales", "A类：销售额占比"),
    "setting.b_share": ("B: cumulative share of sales", "B类：累计销售额占比"),
    "setting.count_a_share": ("A: share of customers (count)", "A类：客户数占比（count）"),
    "setting.count_b_share": (
        "B: cumulative share of customers (count)",
        "B类：累计客户数占比（count）",
    ),
    "setting.abc_method": ("Classify by", "分类依据"),
    "setting.abc_by": ("Classify within", "分组分类"),
    "setting.color_a": ("Colour of class A", "A类颜色"),
    "setting.color_b": ("Colour of class B", "B类颜色"),
    "setting.color_c": ("Colour of class C", "C类颜色"),
    "help.a_share": (
        "A while the customers with larger sales hold less than this share (80%).",
        "销售额更高的客户合计占比低于此值时为A类（80%）。",
    ),
    "help.b_share": (
        "B while the customers with larger sales hold less than this share (95%); else C.",
        "销售额更高的客户合计占比低于此值时为B类（95%），否则为C类。",
    ),
    "help.count_a_share": (
        "count method: A while fewer than this share of customers sell more (20%).",
        "count 方法：销售额更高的客户数占比低于此值时为A类（20%）。",
    ),
    "help.count_b_share": (
        "count method: B while fewer than this share of customers sell more (50%); else C.",
        "count 方法：销售额更高的客户数占比低于此值时为B类（50%），否则为C类。",
    ),
    "help.abc_method": (
        "value = share of sales (80/15/5); count = share of customers (20/30/50).",
        "value = 按销售额占比（80/15/5）；count = 按客户数占比（20/30/50）。",
    ),
    "help.abc_by": (
        "Blank = the whole table; rep or region = classify each separately.",
        "留空 = 全表统一分类；rep 或 region = 按业务员或区域分别分类。",
    ),
    "help.color_a": ("Fill of class A cells, 6 hex digits.", "A类单元格填充色，6位十六进制。"),
    "help.color_b": ("Fill of class B cells, 6 hex digits.", "B类单元格填充色，6位十六进制。"),
    "help.color_c": ("Fill of class C cells, 6 hex digits.", "C类单元格填充色，6位十六进制。"),
    # workbook template: title and data-validation prompts (titles at most 32 characters)
    "workbook.title": ("Customer development", "客户开发与维护"),
    "validation.invalid": ("Invalid value", "无效的值"),
    "validation.kind": (
        "customer = existing customer; prospect = potential customer.",
        "客户 = 现有客户；潜在客户 = 尚未成交的客户。",
    ),
    "validation.kind_error": (
        "Choose customer or prospect from the list.",
        "请从列表中选择“客户”或“潜在客户”。",
    ),
    "validation.class": (
        "A, B or C: filled in by Classify.",
        "A、B 或 C：由“分类”功能自动填写。",
    ),
    "validation.class_error": ("Choose A, B or C.", "请选择 A、B 或 C。"),
    "validation.share": (
        "A share between 0% and 100%, e.g. 80%.",
        "0% 到 100% 之间的比例，例如 80%。",
    ),
    "validation.share_error": (
        "Enter a share between 0% and 100%.",
        "请输入 0% 到 100% 之间的比例。",
    ),
    "validation.method": ("value or count.", "value 或 count。"),
    "validation.by": ("Blank, rep or region.", "留空、rep 或 region。"),
    "validation.choice_error": ("Choose a value from the list.", "请从列表中选择。"),
    "validation.color": ("6 hex digits, e.g. 2F75B5.", "6位十六进制，例如 2F75B5。"),
    "validation.color_error": (
        "Enter a colour as 6 hex digits, e.g. 2F75B5.",
        "请输入6位十六进制颜色，例如 2F75B5。",
    ),
    # messages shown in Excel's status bar or a cell
    "done.classified": (
        "Classified {classified} customers: {a} A, {b} B, {c} C. {problems} problem(s).",
        "已分类 {classified} 个客户：A类 {a}，B类 {b}，C类 {c}。问题 {problems} 个。",
    ),
}


def text(key: str, lang: str | None = None, **values: object) -> str:
    """The user-facing text for `key` in `lang` (default: the language in force), filled in."""
    english, chinese = TEXTS[key] if key in TEXTS else MESSAGES[key]
    return (chinese if (lang or _current.get()) == "zh" else english).format(**values)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise SettingsError(text("error.language", value=repr(lang)))
    return lang
