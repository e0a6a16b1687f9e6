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


def current_language() -> str:
    """The language messages speak now: 'en' or 'zh'."""
    return _current.get()


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
    "validation.a_mornings": (
        "preferred or strict.",
        "preferred 或 strict。",
    ),
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
    # --- prospects, pipeline and segmentation (issue 3) ---
    "sheet.dashboard": ("Dashboard", "仪表板"),
    # buttons of the macro-enabled templates (addin/workbook/macro_template.py)
    "button.classify": ("Classify customers", "客户ABC分类"),
    "button.colour": ("Colour prospects", "潜在客户着色"),
    "button.plan": ("Plan visits", "制定拜访计划"),
    "dashboard.title": ("Customer development dashboard", "客户开发仪表板"),
    "dashboard.note": (
        "Each rep should hold at least {target} live prospects (domain: 25-30). "
        "Red = Closed, yellow = Short term, green = Potential.",
        "每位业务员应保有至少 {target} 个在跟进的潜在客户（建议 25-30 个）。"
        "红色 = 已成交，黄色 = 短期有望成交，绿色 = 潜在客户。",
    ),
    "dashboard.abc": ("ABC summary (live formulas)", "ABC 汇总（实时公式）"),
    "dashboard.segments": ("Segments: effort to invest", "客户区隔：投入精力"),
    "dashboard.pipeline": ("Pipeline health by rep", "各业务员潜在客户健康度"),
    "dashboard.chart": ("Prospects by colour per rep", "各业务员潜在客户（按颜色）"),
    "dashboard.prospects_axis": ("Prospects", "潜在客户数"),
    "pipeline.rep": ("Rep", "业务员"),
    "pipeline.live": ("Live prospects", "在跟进潜在客户"),
    "pipeline.target": ("Target", "目标"),
    "pipeline.vs_target": ("Against target", "与目标差距"),
    "pipeline.given_up": ("Given up", "已放弃"),
    "pipeline.no_next_step": ("No next step", "无下一步"),
    "pipeline.stale": ("Stale", "久未拜访"),
    "pipeline.customers": ("Customers", "客户数"),
    "pipeline.average": ("Average purchase", "平均购买额"),
    "pipeline.sales": ("Sales", "销售额"),
    "pipeline.previous_customers": ("Previous customers", "上期客户数"),
    "pipeline.previous_average": ("Previous average", "上期平均购买额"),
    "pipeline.previous_sales": ("Previous sales", "上期销售额"),
    "pipeline.change": ("Change in sales", "销售额变化"),
    "pipeline.from_customers": ("From customer count", "来自客户数变化"),
    "pipeline.from_average": ("From average purchase", "来自平均购买额变化"),
    "pipeline.team": ("Team", "团队合计"),
    "pipeline.no_rep": ("(no rep)", "（无业务员）"),
    "segments.segment": ("Segment", "客户区隔"),
    # No Chinese heading ends in a bracket: wrapped by character, "）" would stand alone.
    "effort.high": ("High effort (low loyalty to competitor)", "投入大：对手忠诚度低"),
    "effort.low": ("Low effort (high loyalty to competitor)", "投入小：对手忠诚度高"),
    "effort.unknown": ("Loyalty not known", "忠诚度未知"),
    "segment.existing": ("Existing", "现有客户"),
    "segment.potential": ("Potential", "潜在客户"),
    "segment.main": ("Main", "主要目标"),
    "segment.secondary": ("Secondary", "次要目标"),
    "segment.effort_high": ("High effort", "投入大"),
    "segment.effort_low": ("Low effort", "投入小"),
    "colour.red.1": ("red", "红色"),
    "colour.red.2": ("light red", "浅红色"),
    "colour.red.3": ("pale red", "淡红色"),
    "colour.yellow.1": ("yellow", "黄色"),
    "colour.yellow.2": ("light yellow", "浅黄色"),
    "colour.yellow.3": ("pale yellow", "淡黄色"),
    "colour.green.1": ("green", "绿色"),
    "colour.green.2": ("light green", "浅绿色"),
    "colour.green.3": ("pale green", "淡绿色"),
    "setting.pipeline_target": ("Live prospects per rep (target)", "每位业务员潜在客户目标数"),
    "setting.stale_days": ("Days without a visit: stale", "久未拜访天数"),
    "setting.color_closed": ("Colour: Closed (red)", "颜色：已成交（红）"),
    "setting.color_short_term": ("Colour: Short term (yellow)", "颜色：短期有望成交（黄）"),
    "setting.color_potential": ("Colour: Potential (green)", "颜色：潜在客户（绿）"),
    "setting.stage_closed_en": ("Stage name: Closed (English)", "阶段名称：已成交（英文）"),
    "setting.stage_short_term_en": (
        "Stage name: Short term (English)",
        "阶段名称：短期有望成交（英文）",
    ),
    "setting.stage_potential_en": ("Stage name: Potential (English)", "阶段名称：潜在客户（英文）"),
    "setting.stage_closed_zh": ("Stage name: Closed (Chinese)", "阶段名称：已成交（中文）"),
    "setting.stage_short_term_zh": (
        "Stage name: Short term (Chinese)",
        "阶段名称：短期有望成交（中文）",
    ),
    "setting.stage_potential_zh": ("Stage name: Potential (Chinese)", "阶段名称：潜在客户（中文）"),
    "help.pipeline_target": (
        "Live prospects (yellow + green, not given up) each rep should hold; 25-30 is the rule.",
        "每位业务员应保有的在跟进潜在客户数（黄色+绿色，未放弃）；建议 25-30。",
    ),
    "help.stale_days": (
        "A live prospect not visited for this many days (or never) counts as stale.",
        "在跟进的潜在客户超过此天数未拜访（或从未拜访）即为久未拜访。",
    ),
    "help.color_closed": (
        "Fill of closed deals; don't give up is lighter, give up palest.",
        "已成交的填充色；“不放弃”较浅，“放弃”最浅。",
    ),
    "help.color_short_term": (
        "Fill of prospects likely to close soon; lighter by decision.",
        "短期有望成交的填充色；按跟进决定变浅。",
    ),
    "help.color_potential": (
        "Fill of potential customers; lighter by decision.",
        "潜在客户的填充色；按跟进决定变浅。",
    ),
    "help.stage_closed_en": (
        "The Stage list's word in English workbooks.",
        "英文工作簿阶段列表中的名称。",
    ),
    "help.stage_short_term_en": (
        "The Stage list's word in English workbooks.",
        "英文工作簿阶段列表中的名称。",
    ),
    "help.stage_potential_en": (
        "The Stage list's word in English workbooks.",
        "英文工作簿阶段列表中的名称。",
    ),
    "help.stage_closed_zh": (
        "The Stage list's word in Chinese workbooks.",
        "中文工作簿阶段列表中的名称。",
    ),
    "help.stage_short_term_zh": (
        "The Stage list's word in Chinese workbooks.",
        "中文工作簿阶段列表中的名称。",
    ),
    "help.stage_potential_zh": (
        "The Stage list's word in Chinese workbooks.",
        "中文工作簿阶段列表中的名称。",
    ),
    "validation.stage": (
        "Red = Closed, yellow = Short term, green = Potential.",
        "红 = 已成交，黄 = 短期有望成交，绿 = 潜在客户。",
    ),
    "validation.follow_up": (
        "Given-up prospects stay here but leave the visit plans.",
        "已放弃的客户保留在表中，但不再列入拜访计划。",
    ),
    "validation.competitor_loyalty": (
        "Loyalty to the competitor: low = invest big effort.",
        "对竞争对手的忠诚度：低 = 投入大。",
    ),
    "validation.target_level": (
        "Blank: A/B customers and yellow prospects are main.",
        "留空：A/B类客户和黄色潜在客户为主要目标。",
    ),
    "validation.source": (
        "Why this former customer is a shortcut.",
        "既有客户的来源：为何能成为捷径。",
    ),
    "validation.positive": ("A number above zero, e.g. 25.", "大于零的数，例如 25。"),
    "validation.positive_error": ("Enter a number above zero.", "请输入大于零的数。"),
    "validation.days": ("Whole days, e.g. 60.", "整数天数，例如 60。"),
    "validation.days_error": ("Enter whole days from 1 to 3650.", "请输入 1 到 3650 的整数天数。"),
    "validation.name": ("A short name, no commas.", "简短名称，不含逗号。"),
    "validation.name_error": ("Enter 1 to 40 characters.", "请输入 1 到 40 个字符。"),
    "validation.visits": ("Visits per 4 weeks, 0 to 31.", "每4周拜访次数，0 到 31。"),
    "validation.visits_error": ("Enter a number from 0 to 31.", "请输入 0 到 31 之间的数。"),
    "validation.count": ("A whole number, 0 or more.", "零或正整数。"),
    "validation.count_error": ("Enter a whole number, 0 or more.", "请输入零或正整数。"),
    "validation.clock": ("A time such as 09:00.", "时间，例如 09:00。"),
    "validation.clock_error": (
        "Enter a time from 00:00 to 23:59.",
        "请输入 00:00 到 23:59 的时间。",
    ),
    "validation.country": (
        "A country code such as CN, US, DE; none = weekends only.",
        "国家代码，例如 CN、US、DE；none = 只排除周末。",
    ),
    "validation.country_error": (
        "Enter a 2- or 3-letter country code, or none.",
        "请输入2或3个字母的国家代码，或 none。",
    ),
    "done.prospects": (
        "Prospects: {red} red, {yellow} yellow, {green} green; {live} live against a target of "
        "{target} ({below} rep(s) below); {stale} stale. {problems} problem(s).",
        "潜在客户：红色 {red}，黄色 {yellow}，绿色 {green}；在跟进 {live} 个，目标 {target}"
        "（{below} 位业务员未达标）；久未拜访 {stale} 个。问题 {problems} 个。",
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
