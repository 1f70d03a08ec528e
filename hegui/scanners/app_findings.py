"""Cross-checks of an APK against its privacy policy, mapped to the regulators' violation types.

Each check is declared in ``law/data/mappings/app_violation_types.yaml`` (title, status,
severity, 2019 behaviours, notice categories, citations, action); this module only decides when a
check fires and what evidence it carries.
"""

from __future__ import annotations

import functools
from typing import Any

from hegui.errors import ScanError
from hegui.law.loader import get_law
from hegui.models import Citation, Finding, Status, Text
from hegui.scanners.android.apk import ApiCall, ApkFacts
from hegui.scanners.android.signatures import data_types
from hegui.scanners.policy.analyze import REGULATOR_ONLY_NOTE, PolicyFacts

REGIME = "apps"
_MAX_SITES = 5
_MAX_DOMAINS = 20  # named in the explanation; the evidence lists them all
_AD_CATEGORIES = frozenset({"advertising"})
_BOOT_ACTIONS = frozenset(
    {
        "android.intent.action.BOOT_COMPLETED",
        "android.intent.action.LOCKED_BOOT_COMPLETED",
        "android.intent.action.QUICKBOOT_POWERON",
    }
)
_RIGHTS = {
    "access": "right_access",
    "correction": "right_correction",
    "deletion": "right_deletion",
    "withdraw_consent": "right_withdraw_consent",
    "complaint": "right_complaint",
}


@functools.cache
def _violations() -> dict[str, Any]:
    return dict(get_law().mapping("app_violation_types"))


def _cite(refs: list[dict[str, Any]]) -> list[Citation]:
    law = get_law()
    return [law.cite(r["instrument"], r.get("article")) for r in refs]


def finding(
    check: str,
    *,
    subject: str | None = None,
    evidence: dict[str, Any] | None = None,
    explanation: list[str] | None = None,
    extra_refs: list[dict[str, Any]] | None = None,
    status: Status | None = None,
    missing: list[str] | None = None,
) -> Finding:
    """Build the finding of one declared check with its citations and evidence."""
    spec = _violations()["checks"][check]
    return Finding(
        rule_id=check,
        regime=REGIME,
        title=Text(**spec["title"]),
        status=status or Status(spec["status"]),
        subject=subject,
        facts={
            "severity": spec["severity"],
            "violation_types": list(spec.get("identification_2019", [])),
            "notice_categories": list(spec.get("notice_categories", [])),
            "evidence": evidence or {},
        },
        citations=_cite(list(spec["reference"]) + list(extra_refs or [])),
        explanation=explanation or [],
        missing=missing or [],
        actions=[Text(**spec["action"])],
    )


def app_types() -> list[dict[str, Any]]:
    """The 39 app types of the 2021 necessary-PI rules."""
    return list(get_law().mapping("app_necessary_pi"))


def resolve_app_type(value: str) -> dict[str, Any]:
    """Find an app type by id, number or Chinese name; unknown values are a clear error."""
    v = value.strip()
    for t in app_types():
        if v in (t["id"], str(t["number"]), t["name"]["zh"], t["name"]["en"]):
            return t
    ids = ", ".join(t["id"] for t in app_types())
    raise ScanError(f"unknown app type {value!r}; choose one of: {ids}", field="--app-type")


def _sites(calls: list[ApiCall]) -> list[dict[str, Any]]:
    return [
        {
            "class": c.caller_class,
            "method": c.caller_method,
            "api": c.api,
            "origin": c.origin,
            "sdk": c.sdk,
        }
        for c in calls[:_MAX_SITES]
    ]


def check_app(
    apk: ApkFacts, policy: PolicyFacts | None, app_type: str | None = None
) -> list[Finding]:
    """Run every static check on an APK and (optionally) its policy and app type."""
    out: list[Finding] = []
    out.extend(_apk_only(apk))
    if app_type is not None:
        out.extend(_beyond_scope(apk, resolve_app_type(app_type)))
    if policy is None:
        out.append(
            finding(
                "apps.policy_not_supplied",
                evidence={"file": apk.file},
                missing=["privacy policy text (--policy)"],
            )
        )
    else:
        out.extend(check_policy(policy))
        out.extend(_cross(apk, policy))
    return out


def _apk_only(apk: ApkFacts) -> list[Finding]:
    out = []
    types = data_types()
    reads = apk.data_types_read()
    for ident in apk.immutable_identifiers_read():
        calls = reads[ident]
        out.append(
            finding(
                "apps.immutable_identifier_read",
                subject=ident,
                evidence={
                    "file": apk.file,
                    "identifier": ident,
                    "call_sites": _sites(calls),
                    "call_count": len(calls),
                },
                explanation=[
                    f"{types[ident]['label']['en']} is a non-resettable identifier (GB/T 43697-2024 Appendix B, secondary).",
                    "GB/T 41391-2022 Appendix F (its list) was not retrieved: needs_review for the exact rule.",
                ],
            )
        )
    if apk.packers:
        out.append(
            finding(
                "apps.code_packed",
                evidence={
                    "file": apk.file,
                    "packers": [p.id for p in apk.packers],
                    "classes": apk.packers[0].sample_classes,
                },
                explanation=[
                    "SDK and API findings cover only the packer's stub, not the hidden code."
                ],
                missing=["a scan of the unpacked build, or dynamic test results"],
            )
        )
    m = apk.manifest
    boot = [c.name for c in m.components if c.kind == "receiver" and set(c.actions) & _BOOT_ACTIONS]
    if boot:
        out.append(
            finding(
                "apps.auto_start",
                evidence={"file": apk.file, "classes": boot, "actions": sorted(_BOOT_ACTIONS)},
                missing=["whether starting at boot is needed for the service"],
            )
        )
    if m.cleartext_permitted is not False:
        # Permitted on some supported device from API 23 up (manifest._cleartext): explicitly,
        # by the platform default (target < 28, or Android 6.0-8.1 whatever the target) or by the
        # network security config, app-wide or for named domains (cleartext to some hosts is
        # still cleartext); a config that could not be read leaves it to review.
        unknown = m.cleartext_permitted is None
        evidence: dict[str, Any] = {"file": apk.file, "manifest": m.cleartext_basis}
        explanation = None
        if m.cleartext_domains:
            evidence["domains"] = [d.model_dump() for d in m.cleartext_domains]
            n = len(m.cleartext_domains)
            names = ", ".join(str(d) for d in m.cleartext_domains[:_MAX_DOMAINS])
            more = f" and {n - _MAX_DOMAINS} more" if n > _MAX_DOMAINS else ""
            explanation = [
                f"Cleartext is blocked app-wide but the network security config permits it for "
                f"{n} domain{'' if n == 1 else 's'}: {names}{more}."
            ]
        out.append(
            finding(
                "apps.cleartext_traffic",
                evidence=evidence,
                explanation=explanation,
                status=Status.NEEDS_REVIEW if unknown else None,
                missing=["a readable network security config (see the evidence)"]
                if unknown
                else None,
            )
        )
    if m.debuggable:
        out.append(
            finding(
                "apps.debuggable",
                evidence={"file": apk.file, "manifest": "android:debuggable=true"},
            )
        )
    return out


def _pi_types_in_apk(apk: ApkFacts) -> dict[str, dict[str, Any]]:
    """PI data type -> {permissions, call_sites} from the manifest and the code."""
    out: dict[str, dict[str, Any]] = {}
    for p in apk.permissions:
        if p.data_type and p.pi_permission:
            out.setdefault(p.data_type, {"permissions": [], "calls": []})["permissions"].append(
                p.name
            )
    for dt_id, calls in apk.data_types_read().items():
        out.setdefault(dt_id, {"permissions": [], "calls": []})["calls"].extend(calls)
    return out


def _beyond_scope(apk: ApkFacts, app_type: dict[str, Any]) -> list[Finding]:
    allowed = set(app_type.get("device_data_types") or [])
    out = []
    for dt_id, ev in sorted(_pi_types_in_apk(apk).items()):
        if dt_id in allowed:
            continue
        explanation = [
            f"App type {app_type['number']} {app_type['name']['zh']} ({app_type['name']['en']}): "
            f"necessary PI is {app_type['necessary_pi']['en']}.",
        ]
        status = None
        if app_type.get("needs_review"):
            explanation.append(f"needs_review: {app_type['needs_review']}")
            status = Status.NEEDS_REVIEW
        out.append(
            finding(
                "apps.pi_beyond_necessary_scope",
                subject=dt_id,
                evidence={
                    "file": apk.file,
                    "app_type": app_type["id"],
                    "data_type": dt_id,
                    "permissions": ev["permissions"],
                    "call_sites": _sites(ev["calls"]),
                },
                explanation=explanation,
                status=status,
            )
        )
    return out


def check_policy(policy: PolicyFacts) -> list[Finding]:
    """Checks that need only the policy text."""
    out = []
    ev = {"policy": policy.source}
    if not policy.has("collection_rules"):
        out.append(finding("apps.policy_no_collection_rules", evidence=ev))
    if not policy.simplified_chinese:
        out.append(finding("apps.policy_no_simplified_chinese", evidence=ev))
    missing = [e for e in ("processor_identity", "contact") if not policy.has(e)]
    if missing:
        out.append(finding("apps.processor_identity_missing", evidence={**ev, "missing": missing}))
    if not policy.has("function_listing") and not policy.has_table:
        out.append(finding("apps.pi_listing_not_structured", evidence=ev))
    if not policy.has("retention"):
        out.append(finding("apps.retention_missing", evidence=ev))
    rights = _violations()["rights"]
    for right, element in _RIGHTS.items():
        if not policy.has(element):
            out.append(_right_finding(policy, right, element, rights[right], ev))
    if not policy.has("deactivation"):
        out.append(_deactivation_finding(policy, ev))
    out.extend(_response_time(policy))
    if not policy.has("minors"):
        out.append(
            finding(
                "apps.minors_section_missing",
                evidence=ev,
                missing=["whether the app processes PI of children under 14"],
            )
        )
    if not policy.has("update_notice"):
        out.append(finding("apps.update_notice_missing", evidence=ev))
    return out


def _deactivation_finding(policy: PolicyFacts, ev: dict[str, Any]) -> Finding:
    """Deactivation not disclosed: named without a way to do it, or not stated at all."""
    e = policy.elements.get("deactivation")
    named = bool(e and e.named)
    evidence = {**ev, "named": named}
    if named and e is not None:
        evidence["policy_excerpt"] = e.excerpt
        why = "Account deactivation named but no way to do it is given."
    else:
        why = "Account deactivation not stated as something the user can do."
    return finding("apps.deactivation_channel_missing", evidence=evidence, explanation=[why])


def _right_finding(
    policy: PolicyFacts, right: str, element: str, spec: dict[str, Any], ev: dict[str, Any]
) -> Finding:
    """A right not disclosed: named without a way to exercise it, or not stated as a right."""
    e = policy.elements.get(element)
    named = bool(e and e.named)
    label = spec["label"]["en"]
    evidence = {**ev, "right": right, "label": spec["label"], "named": named}
    if named and e is not None:
        evidence["policy_excerpt"] = e.excerpt
        why = f"Right named but no way to exercise it is given ({label})."
        if e.note == REGULATOR_ONLY_NOTE:
            # 2019 identification method 6.5: the operator must set up and publish its own.
            why = f"Right named but only a regulator's channel is given ({label})."
    else:
        why = f"Right not stated as the user's right ({label}); our own processing does not count."
    return finding(
        "apps.rights_channel_missing",
        subject=right,
        evidence=evidence,
        explanation=[why],
        extra_refs=spec["reference"],
    )


def _response_time(policy: PolicyFacts) -> list[Finding]:
    limit = int(_violations()["response_time_limit"]["value"])
    out = []
    for rt in policy.response_times:
        # N calendar days <= N working days, so only a longer period can exceed the limit; a
        # month (28+ days) may or may not hold more working days than the limit: review.
        if rt.unit != "months" and rt.value <= limit:
            continue
        if rt.unit == "working_days":
            out.append(
                finding(
                    "apps.response_time_exceeds_limit",
                    evidence={
                        "policy": policy.source,
                        "policy_excerpt": rt.excerpt,
                        "stated": rt.value,
                        "unit": rt.unit,
                        "limit_working_days": limit,
                    },
                )
            )
        else:
            out.append(
                finding(
                    "apps.response_time_exceeds_limit",
                    status=Status.NEEDS_REVIEW,
                    evidence={
                        "policy": policy.source,
                        "policy_excerpt": rt.excerpt,
                        "stated": rt.value,
                        "unit": rt.unit,
                        "limit_working_days": limit,
                    },
                    explanation=[
                        f"The policy states calendar {rt.unit.replace('_', ' ')}; compare with the working-day limit using the holiday calendar."
                    ],
                )
            )
    return out


def _cross(apk: ApkFacts, policy: PolicyFacts) -> list[Finding]:
    out: list[Finding] = []
    out.extend(_permissions(apk, policy))
    out.extend(_sdk_checks(apk, policy))
    types = data_types()
    for dt_id, calls in sorted(apk.data_types_read().items()):
        if dt_id not in policy.data_types:
            out.append(
                finding(
                    "apps.pi_read_not_disclosed",
                    subject=dt_id,
                    evidence={
                        "file": apk.file,
                        "policy": policy.source,
                        "data_type": dt_id,
                        "call_sites": _sites(calls),
                    },
                )
            )
    sensitive = sorted(d for d in _pi_types_in_apk(apk) if types.get(d, {}).get("sensitive"))
    if sensitive:
        lacking = [
            e
            for e in ("sensitive_pi_separate_consent", "sensitive_pi_necessity_impact")
            if not policy.has(e)
        ]
        if lacking:
            out.append(
                finding(
                    "apps.sensitive_pi_notice_missing",
                    evidence={
                        "file": apk.file,
                        "policy": policy.source,
                        "sensitive_data_types": sensitive,
                        "missing": lacking,
                    },
                )
            )
    return out


def _permissions(apk: ApkFacts, policy: PolicyFacts) -> list[Finding]:
    out = []
    for p in apk.permissions:
        if p.data_type is None or p.protection not in ("dangerous", "special"):
            continue
        mention = policy.data_types.get(p.data_type)
        if mention is not None and mention.purpose_stated:
            continue
        evidence: dict[str, Any] = {
            "file": apk.file,
            "permission": p.name,
            "protection": p.protection,
            "data_type": p.data_type,
            "policy": policy.source,
        }
        if mention is not None:
            evidence["policy_excerpt"] = mention.excerpt
        out.append(finding("apps.permission_without_purpose", subject=p.name, evidence=evidence))
    return out


def _sdk_checks(apk: ApkFacts, policy: PolicyFacts) -> list[Finding]:
    out = []
    for hit in apk.sdks:
        mention = policy.sdks.get(hit.id)
        ev = {
            "file": apk.file,
            "policy": policy.source,
            "sdk": hit.id,
            "classes": hit.sample_classes,
            "class_count": hit.class_count,
        }
        if mention is None:
            out.append(
                finding(
                    "apps.sdk_not_disclosed",
                    subject=hit.id,
                    evidence={**ev, "collects": hit.collects},
                )
            )
            continue
        lacking = [k for k in ("purpose", "pi", "policy_link") if not getattr(mention, k)]
        if lacking:
            out.append(
                finding(
                    "apps.sdk_list_incomplete",
                    subject=hit.id,
                    evidence={**ev, "policy_excerpt": mention.excerpt, "missing": lacking},
                )
            )
    foreign = [h.id for h in apk.sdks if h.cross_border]
    if foreign and not policy.has("cross_border"):
        out.append(
            finding(
                "apps.cross_border_undisclosed",
                evidence={"file": apk.file, "policy": policy.source, "sdks": foreign},
            )
        )
    ads = [h.id for h in apk.sdks if h.category in _AD_CATEGORIES]
    if ads and not policy.has("targeted_push_opt_out"):
        out.append(
            finding(
                "apps.targeted_push_no_opt_out",
                evidence={"file": apk.file, "policy": policy.source, "sdks": ads},
            )
        )
    return out
