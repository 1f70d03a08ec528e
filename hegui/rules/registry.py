"""The rule registry: every built-in rule module registers its rules here."""

from __future__ import annotations

import importlib

from hegui.errors import RuleError
from hegui.rules.base import Rule

# Rule modules, one per regime. Each defines Rule subclasses decorated with @register.
RULE_MODULES: list[str] = [
    "hegui.rules.apps",
    "hegui.rules.classification",
    "hegui.rules.cross_border",
    "hegui.rules.cross_border_mechanisms",
    "hegui.rules.cross_border_duties",
    "hegui.rules.facial_recognition",
    "hegui.rules.facial_recognition_duties",
    "hegui.rules.minors",
    "hegui.rules.rights",
    "hegui.rules.pi_audit",
    "hegui.rules.governance",
    "hegui.rules.governance_pujiang",
    "hegui.rules.governance_report",
    "hegui.rules.mlps",
    "hegui.rules.mlps_duties",
    "hegui.rules.video_surveillance",
    "hegui.rules.network_id",
    "hegui.rules.incidents",
]

_RULES: dict[str, type[Rule]] = {}
_loaded = False


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry (ids must be unique)."""
    if cls.id in _RULES and _RULES[cls.id] is not cls:
        raise RuleError(f"duplicate rule id {cls.id!r}")
    _RULES[cls.id] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule by id, loading the built-in rule modules once."""
    global _loaded
    if not _loaded:
        for name in RULE_MODULES:
            importlib.import_module(name)
        _loaded = True
    return dict(sorted(_RULES.items()))
