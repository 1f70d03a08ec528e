"""The public façade of hegui. The CLI and the web app call only what is exported here."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from hegui.incidents import (
    Incident,
    IncidentClocks,
    IncidentGrading,
    IncidentReportDraft,
    load_incident,
    parse_incident,
)
from hegui.incidents import draft_incident_report as _draft_incident_report
from hegui.incidents import grade_incident as _grade_incident
from hegui.incidents import incident_clocks as _incident_clocks
from hegui.incidents.loader import incident_from_data
from hegui.law.calendar import Deadline, add_period, default_calendar
from hegui.law.checklists import Checklist, ChecklistItem, load_checklist
from hegui.law.loader import Law, get_law
from hegui.penalties import PenaltyExposure, ViolationInfo
from hegui.penalties import list_violations as _list_violations
from hegui.penalties import penalty_exposure as _penalty_exposure
from hegui.profile.as_of import as_known_on as _as_known_on
from hegui.profile.loader import load_profile as _load_profile_file
from hegui.profile.loader import parse_profile, profile_json_schema
from hegui.profile.models import Profile
from hegui.profile.rights import RightsRequest
from hegui.rules.classification import GradingRow
from hegui.rules.classification import grading_table as _grading_table
from hegui.rules.engine import Assessment, RuleInfo
from hegui.rules.engine import assess as _assess
from hegui.rules.engine import list_rules as _list_rules
from hegui.rules.mlps_grading import GradingResult, Question
from hegui.rules.mlps_grading import grade as _mlps_grade
from hegui.rules.mlps_grading import questions as _mlps_questions
from hegui.rules.rights import RequestDeadline, deadline_for

if (
    TYPE_CHECKING
):  # imported on first use (see __getattr__): they pull in pandas, pyarrow, androguard
    from hegui.detectors.base import Detection
    from hegui.detectors.registry import detect
    from hegui.developments.diff import LawDiff
    from hegui.developments.digest import Digest
    from hegui.developments.schema import Development
    from hegui.developments.service import (
        developments_feed,
        diff_assessments,
        digest,
        law_diff,
        list_developments,
    )
    from hegui.scanners.app_scan import AppScanResult, PolicyScanResult, app_profile
    from hegui.scanners.tabular.models import SourceReport
    from hegui.scanners.tabular.scanner import scan as scan_table

__all__ = [
    "AppScanResult",
    "Assessment",
    "ChecklistItem",
    "Deadline",
    "Detection",
    "Development",
    "Digest",
    "Incident",
    "IncidentClocks",
    "IncidentGrading",
    "IncidentReportDraft",
    "Law",
    "LawDiff",
    "PenaltyExposure",
    "PolicyScanResult",
    "Profile",
    "RuleInfo",
    "SourceReport",
    "ViolationInfo",
    "add_period",
    "app_profile",
    "app_types",
    "assess",
    "default_calendar",
    "detect",
    "developments_feed",
    "diff_assessments",
    "digest",
    "draft_incident_report",
    "get_law",
    "grade_incident",
    "grading_table",
    "incident_clock",
    "incident_clocks",
    "law_diff",
    "list_developments",
    "list_rules",
    "list_violations",
    "load_incident",
    "load_profile",
    "mlps_grade",
    "mlps_questions",
    "parse_profile",
    "penalty_exposure",
    "pi_audit_checklist",
    "profile_as_of",
    "profile_json_schema",
    "request_deadline",
    "scan_apk",
    "scan_policy",
    "scan_table",
    "today_in_china",
    "video_inspection_checklist",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Public names whose modules are heavy (pandas, pyarrow, androguard, feeds): imported on first use
# so that `hegui assess` and the web app do not pay for the scanners at start-up.
_LAZY: dict[str, tuple[str, str]] = {
    "AppScanResult": ("hegui.scanners.app_scan", "AppScanResult"),
    "Detection": ("hegui.detectors.base", "Detection"),
    "Development": ("hegui.developments.schema", "Development"),
    "Digest": ("hegui.developments.digest", "Digest"),
    "LawDiff": ("hegui.developments.diff", "LawDiff"),
    "PolicyScanResult": ("hegui.scanners.app_scan", "PolicyScanResult"),
    "SourceReport": ("hegui.scanners.tabular.models", "SourceReport"),
    "app_profile": ("hegui.scanners.app_scan", "app_profile"),
    "detect": ("hegui.detectors.registry", "detect"),
    "developments_feed": ("hegui.developments.service", "developments_feed"),
    "diff_assessments": ("hegui.developments.service", "diff_assessments"),
    "digest": ("hegui.developments.service", "digest"),
    "law_diff": ("hegui.developments.service", "law_diff"),
    "list_developments": ("hegui.developments.service", "list_developments"),
    "scan_table": ("hegui.scanners.tabular.scanner", "scan"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'hegui.api' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def today_in_china() -> dt.date:
    """Today's date in Asia/Shanghai (the default as-of date)."""
    return dt.datetime.now(SHANGHAI).date()


def load_profile(source: str | Path) -> Profile:
    """Load a profile from a file path, or from YAML text if ``source`` contains a newline."""
    if isinstance(source, str) and "\n" in source:
        return parse_profile(source)
    return _load_profile_file(source)


def profile_as_of(profile: Profile | str | Path, as_of: dt.date | None = None) -> Profile:
    """The profile as known on ``as_of`` (default: today in China): facts dated later (filings,
    answers, requests ...) left out, as every assessment sees it (``hegui.profile.as_of``)."""
    prof = profile if isinstance(profile, Profile) else load_profile(profile)
    return _as_known_on(prof, as_of or today_in_china())[0]


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


def pi_audit_checklist() -> list[ChecklistItem]:
    """The 26 audit aspects annexed to the PI Audit Measures (mappings/pi_audit_checklist.yaml)."""
    return list(load_checklist(get_law(), "pi_audit_checklist").items)


def video_inspection_checklist() -> Checklist:
    """The MPS inspection items for video systems (13 in the rules; only the sourced ones encoded)."""
    return load_checklist(get_law(), "video_inspection_items")


def mlps_questions() -> list[Question]:
    """The four MLPS grading questions with their options (GB/T 22240-2020)."""
    return _mlps_questions(get_law())


def mlps_grade(answers: dict[str, object]) -> GradingResult:
    """Grade a system from info_object, info_degree, service_object and service_degree."""
    return _mlps_grade(get_law(), answers)


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
    from hegui.scanners.app_scan import scan_app

    return scan_app(apk, policy=policy, app_type=app_type)


def scan_policy(policy: str | Path) -> PolicyScanResult:
    """Check a privacy policy file (text, HTML, PDF, DOCX), or policy text (a str with a newline)."""
    from hegui.scanners.app_scan import scan_policy_file

    return scan_policy_file(policy)


def app_types() -> list[dict[str, Any]]:
    """The 39 app types of the 2021 necessary-PI rules (for ``--app-type``)."""
    from hegui.scanners.app_findings import app_types as _app_types

    return _app_types()


def request_deadline(
    request: RightsRequest | dict[str, Any],
    profile: Profile | str | Path | None = None,
    as_of: dt.date | None = None,
) -> RequestDeadline:
    """Deadline, status and litigation consequence of one data-subject request.

    ``request`` is a ``RightsRequest`` or a dict with the fields of a ``rights.requests`` entry
    (id, type, received, answered, outcome); the profile's committed period is used if given.
    """
    prof = load_profile(profile) if isinstance(profile, (str, Path)) else profile
    return deadline_for(request, prof, as_of or today_in_china(), get_law(), default_calendar())


# --- incidents and penalties (issue 5) -----------------------------------------------------------


def _incident(incident: Incident | str | Path | dict[str, Any]) -> Incident:
    if isinstance(incident, Incident):
        return incident
    if isinstance(incident, dict):
        return incident_from_data(incident)
    if isinstance(incident, str) and "\n" in incident:
        return parse_incident(incident)
    return load_incident(incident)


def _profile_or_none(profile: Profile | str | Path | None) -> Profile | None:
    if profile is None or isinstance(profile, Profile):
        return profile
    return load_profile(profile)


def grade_incident(
    incident: Incident | str | Path | dict[str, Any], profile: Profile | str | Path | None = None
) -> IncidentGrading:
    """Grade an incident (object, path, YAML text or mapping) under every regime."""
    return _grade_incident(_incident(incident), _profile_or_none(profile))


def incident_clocks(
    incident: Incident | str | Path | dict[str, Any],
    profile: Profile | str | Path | None = None,
    now: dt.datetime | None = None,
) -> IncidentClocks:
    """Every report each regime requires: to whom, channel, exact deadline, content, status."""
    return _incident_clocks(_incident(incident), _profile_or_none(profile), now=now)


incident_clock = incident_clocks  # the name ARCHITECTURE.md uses


def draft_incident_report(
    incident: Incident | str | Path | dict[str, Any],
    report: str = "initial",
    profile: Profile | str | Path | None = None,
    now: dt.datetime | None = None,
) -> IncidentReportDraft:
    """Initial or summary report drafts (zh with en), filled from the record, PI masked."""
    return _draft_incident_report(_incident(incident), report, _profile_or_none(profile), now=now)


def penalty_exposure(
    violation_id: str,
    circumstances: list[str] | tuple[str, ...] = (),
    profile: Profile | str | Path | None = None,
    entity: str | None = None,
    as_of: dt.date | None = None,
    illegal_gains_cny: int | None = None,
) -> PenaltyExposure:
    """Statutory and discretion tier, CNY bands (organisation, persons), sanctions, reasoning."""
    return _penalty_exposure(
        violation_id,
        list(circumstances),
        _profile_or_none(profile),
        entity,
        as_of or today_in_china(),
        illegal_gains_cny=illegal_gains_cny,
    )


def list_violations(as_of: dt.date | None = None) -> list[ViolationInfo]:
    """The violation catalogue of the penalty calculator (all, or those in force on as_of)."""
    return _list_violations(as_of)
