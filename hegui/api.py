"""The public façade of hegui. The CLI and the web app call only what is exported here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hegui.law.calendar import Deadline, add_period, default_calendar
from hegui.law.loader import Law, get_law
from hegui.profile.loader import load_profile as _load_profile_file
from hegui.profile.loader import parse_profile, profile_json_schema
from hegui.profile.models import Profile
from hegui.rules.classification import GradingRow
from hegui.rules.classification import grading_table as _grading_table
from hegui.rules.engine import Assessment, RuleInfo
from hegui.rules.engine import assess as _assess
from hegui.rules.engine import list_rules as _list_rules
from hegui.scanners.app_findings import app_types as _app_types
from hegui.scanners.app_scan import AppScanResult, PolicyScanResult, app_profile
from hegui.scanners.app_scan import scan_app as _scan_app
from hegui.scanners.app_scan import scan_policy_file as _scan_policy_file

__all__ = [
    "AppScanResult",
    "Assessment",
    "Deadline",
    "Law",
    "PolicyScanResult",
    "Profile",
    "RuleInfo",
    "add_period",
    "app_profile",
    "app_types",
    "assess",
    "default_calendar",
    "get_law",
    "grading_table",
    "list_rules",
    "load_profile",
    "profile_json_schema",
    "scan_apk",
    "scan_policy",
    "today_in_china",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")


def today_in_china() -> dt.date:
    """Today's date in Asia/Shanghai (the default as-of date)."""
    return dt.datetime.now(SHANGHAI).date()


def load_profile(source: str | Path) -> Profile:
    """Load a profile from a file path, or from YAML text if ``source`` contains a newline."""
    if isinstance(source, str) and "\n" in source:
        return parse_profile(source)
    return _load_profile_file(source)


def assess(
    profile: Profile | str | Path,
    as_of: dt.date | None = None,
    *,
    regimes: list[str] | None = None,
    rule_ids: list[str] | None = None,
) -> Assessment:
    """Assess a profile (object, path or YAML text) as of a date (default: today in China)."""
    prof = profile if isinstance(profile, Profile) else load_profile(profile)
    return _assess(prof, as_of or today_in_china(), regimes=regimes, rule_ids=rule_ids)


def list_rules() -> list[RuleInfo]:
    """The rule catalogue with citations and effective dates."""
    return _list_rules()


def grading_table(profile: Profile | str | Path, as_of: dt.date | None = None) -> list[GradingRow]:
    """One row per dataset: grade (core/important/general), scheme, reasons and duties."""
    prof = profile if isinstance(profile, Profile) else load_profile(profile)
    return _grading_table(prof, as_of or today_in_china(), get_law())


def scan_apk(
    apk: str | Path,
    *,
    policy: str | Path | None = None,
    app_type: str | None = None,
) -> AppScanResult:
    """Scan an APK statically and, if given, its privacy policy: app facts and findings."""
    return _scan_app(apk, policy=policy, app_type=app_type)


def scan_policy(policy: str | Path) -> PolicyScanResult:
    """Analyse a privacy policy (text, HTML, PDF or DOCX) and run the policy-only checks."""
    return _scan_policy_file(policy)


def app_types() -> list[dict[str, Any]]:
    """The 39 app types of the 2021 necessary-PI rules (for ``--app-type``)."""
    return _app_types()
