"""Rules: one module per regime, each reading the law as of a date and returning findings."""

from hegui.rules.base import Context, Rule
from hegui.rules.engine import Assessment, RuleInfo, assess, list_rules
from hegui.rules.registry import all_rules, register

__all__ = [
    "Assessment",
    "Context",
    "Rule",
    "RuleInfo",
    "all_rules",
    "assess",
    "list_rules",
    "register",
]
