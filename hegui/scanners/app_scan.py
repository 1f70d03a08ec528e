"""One app scan: APK + optional policy + optional app type -> findings and declared app facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hegui import __version__
from hegui.models import Finding, Status
from hegui.scanners.android import ApkFacts, ApkLimits, scan_apk
from hegui.scanners.app_findings import check_app, check_policy, resolve_app_type
from hegui.scanners.policy import (
    PolicyFacts,
    PolicyLimits,
    analyze_policy,
    policy_from_text,
    scan_policy,
)
from hegui.scanners.policy.analyze import REGULATOR_ONLY_NOTE

SCHEMA_VERSION = "1.0"
_SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


def findings_reach(findings: list[Finding], level: str) -> bool:
    """True if a finding reaches ``level``: a status (needs_review, due) or a severity."""
    if level in _SEVERITY_RANK:
        need = _SEVERITY_RANK[level]
        return any(
            f.is_open() and _SEVERITY_RANK.get(str(f.facts.get("severity")), 0) >= need
            for f in findings
        )
    threshold = Status(level)
    return any(f.status.at_least(threshold) for f in findings)


class AppScanResult(BaseModel):
    """The result of ``hegui scan-app``: facts found and findings, with no personal information."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = SCHEMA_VERSION
    tool_version: str = __version__
    generated_at: dt.datetime
    app_type: str | None = None
    apk: ApkFacts
    policy: PolicyFacts | None = None
    findings: list[Finding] = Field(default_factory=list)

    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_open()]

    def fails(self, level: str) -> bool:
        """True if an open finding reaches ``level`` (see :func:`findings_reach`)."""
        return findings_reach(self.findings, level)


def scan_app(
    apk: str | Path,
    *,
    policy: str | Path | None = None,
    app_type: str | None = None,
    apk_limits: ApkLimits | None = None,
    policy_limits: PolicyLimits | None = None,
) -> AppScanResult:
    """Scan an APK and (optionally) its privacy policy; run every cross-check."""
    type_id = resolve_app_type(app_type)["id"] if app_type else None
    facts = scan_apk(apk, limits=apk_limits)
    pol = scan_policy(policy, limits=policy_limits) if policy is not None else None
    return AppScanResult(
        generated_at=dt.datetime.now(dt.UTC),
        app_type=type_id,
        apk=facts,
        policy=pol,
        findings=check_app(facts, pol, type_id),
    )


def app_profile(result: AppScanResult) -> dict[str, Any]:
    """Declared app facts for the app-duties rules (field names documented in docs/app-scanning.md)."""
    apk, pol = result.apk, result.policy
    perms = []
    for p in apk.permissions:
        mention = pol.data_types.get(p.data_type) if (pol and p.data_type) else None
        perms.append(
            {
                "name": p.name,
                "data_type": p.data_type,
                "protection": p.protection,
                "purpose_stated": bool(mention and mention.purpose_stated),
                "purpose": mention.excerpt if (mention and mention.purpose_stated) else None,
            }
        )
    sdks = [
        {
            "name": h.name,
            "id": h.id,
            "category": h.category,
            "provider": h.provider,
            "collects": list(h.collects),
            "cross_border": h.cross_border,
            "disclosed_in_policy": bool(pol and h.id in pol.sdks),
        }
        for h in apk.sdks
    ]
    app: dict[str, Any] = {
        "id": apk.manifest.package,
        "name": apk.manifest.label or apk.manifest.package,
        "package": apk.manifest.package,
        "version": apk.manifest.version_name,
        "target_sdk": apk.manifest.target_sdk,
        "app_type": result.app_type,
        "permissions": perms,
        "sdks": sdks,
        "reads_data_types": sorted(apk.data_types_read()),
        "reads_immutable_identifiers": apk.immutable_identifiers_read(),
        "exported_components": len(apk.exported_components),
        "cleartext_traffic": apk.manifest.cleartext_permitted,
        "debuggable": bool(apk.manifest.debuggable),
        "policy": _policy_block(pol),
        "deactivation_channel": pol.has("deactivation") if pol else None,
    }
    return {"apps": [app]}


def _policy_block(pol: PolicyFacts | None) -> dict[str, Any]:
    if pol is None:
        return {
            "supplied": False,
            "simplified_chinese": None,
            "structured_listing": None,
            "elements": {},
            "missing": [],
            "rights_named_without_channel": [],
            "rights_regulator_only": [],
            "response_time_working_days": None,
        }
    elements = {name: e.present for name, e in sorted(pol.elements.items())}
    return {
        "supplied": True,
        "simplified_chinese": pol.simplified_chinese,
        "structured_listing": pol.has("function_listing") or pol.has_table,
        "elements": elements,
        "missing": [n for n, present in elements.items() if not present],
        "rights_named_without_channel": sorted(
            n for n, e in pol.elements.items() if e.named and not e.present
        ),
        "rights_regulator_only": sorted(
            n
            for n, e in pol.elements.items()
            if e.named and not e.present and e.note == REGULATOR_ONLY_NOTE
        ),
        "response_time_working_days": max(
            (r.value for r in pol.response_times if r.unit == "working_days"), default=None
        ),
    }


class PolicyScanResult(BaseModel):
    """A privacy policy checked on its own (no APK)."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = SCHEMA_VERSION
    tool_version: str = __version__
    generated_at: dt.datetime
    policy: PolicyFacts
    findings: list[Finding] = Field(default_factory=list)

    def fails(self, level: str) -> bool:
        """True if an open finding reaches ``level`` (see :func:`findings_reach`)."""
        return findings_reach(self.findings, level)


def scan_policy_file(path: str | Path, *, limits: PolicyLimits | None = None) -> PolicyScanResult:
    """Analyse a policy file (or policy text: a str with a newline) and run the policy-only checks."""
    if isinstance(path, str) and "\n" in path:
        pol = analyze_policy(policy_from_text(path))
    else:
        pol = scan_policy(path, limits=limits)
    return PolicyScanResult(
        generated_at=dt.datetime.now(dt.UTC), policy=pol, findings=check_policy(pol)
    )
