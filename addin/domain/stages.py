"""Prospect stages and follow-up decisions: their codes, colours and how each language writes
them. Plain tuples, without pandas, so Settings (and with it the command line's option
checkers) can name the stages without loading the prospect rules."""

from __future__ import annotations

STAGES = ("closed", "short_term", "potential")
COLORS = {"closed": "red", "short_term": "yellow", "potential": "green"}
DECISIONS = ("keep", "dont_give_up", "give_up")
LIVE_STAGES = ("short_term", "potential")
"""A closed deal is no longer a prospect to develop; these two are the pipeline."""

STAGE_LABELS = {
    "en": ("Closed", "Short term", "Potential"),
    "zh": ("已成交", "短期有望成交", "潜在客户"),
}
DECISION_LABELS = {
    "en": ("Keep visiting", "Don't give up", "Give up"),
    "zh": ("继续拜访", "不放弃", "放弃"),
}
"""How stages and decisions are written in a workbook of each language (drop-downs, rows)."""
