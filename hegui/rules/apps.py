"""App duties: declared app facts checked against the 2019 identification method, the 2021
necessary-PI rules and the violation types the MPS, MIIT and CVERC named in May 2025.

Which checks each rule runs, and each check's title, action and citations, are law data
(``mappings/app_duty_checks.yaml``, reusing the scanner's ``app_violation_types.yaml``). This
module only reads the facts: a check is violated (True), met (False) or undecidable (None, naming
the missing fact). One finding per app and rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hegui.law.loader import Law
from hegui.models import Citation, Finding, Status, Text
from hegui.profile.apps import App
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register


@dataclass
class _Verdict:
    violated: bool | None
    details: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    note: str | None = None
    refs: list[dict[str, Any]] = field(default_factory=list)  # cited besides the check's own


_OK = _Verdict(False)


def _flag(app: App, name: str, bad: bool, value: bool | None) -> _Verdict:
    """A declared boolean: violated when it equals ``bad``; unknown when not declared."""
    if value is None:
        return _Verdict(None, missing=[f"apps[{app.id}].{name}"])
    return _Verdict(value == bad)


def _element(app: App, name: str) -> _Verdict:
    """A policy element that must be present."""
    if not app.policy.supplied:
        return _Verdict(None, missing=[f"apps[{app.id}].policy"])
    present = app.policy.elements.get(name)
    if present is None:
        return _Verdict(None, missing=[f"apps[{app.id}].policy.elements.{name}"])
    return _Verdict(not present, details=[name] if not present else [])


def _policy_flag(app: App, name: str, value: bool | None) -> _Verdict:
    if not app.policy.supplied:
        return _Verdict(None, missing=[f"apps[{app.id}].policy"])
    return _flag(app, f"policy.{name}", False, value)


def _any_of(*verdicts: _Verdict) -> _Verdict:
    """Met if any source shows compliance; violated if one shows a breach and none compliance."""
    if any(v.violated is False for v in verdicts):
        return _OK
    if any(v.violated for v in verdicts):
        return _Verdict(True)
    return _Verdict(None, missing=[m for v in verdicts for m in v.missing])


def _data_types(law: Law) -> dict[str, Any]:
    return dict(law.mapping("android_permissions")["data_types"])


def _pi_types(app: App, law: Law) -> set[str]:
    """PI data types the app reaches: PI permissions in the manifest plus what the code reads."""
    perms = law.mapping("android_permissions")["permissions"]
    out = {
        p.data_type
        for p in app.permissions
        if p.data_type and (perms.get(p.name) or {}).get("pi_permission", True)
    }
    return out | set(app.reads_data_types) | set(app.reads_immutable_identifiers)


def _sensitive_notice(app: App, ctx: Context) -> _Verdict:
    types = _data_types(ctx.law)
    sensitive = sorted(d for d in _pi_types(app, ctx.law) if (types.get(d) or {}).get("sensitive"))
    if not sensitive:
        return _OK
    v = _any_of(_element(app, "sensitive_pi_separate_consent"))
    if v.violated is False:
        v = _element(app, "sensitive_pi_necessity_impact")
    return _Verdict(v.violated, details=sensitive if v.violated else [], missing=v.missing)


def _permission_purpose(app: App, ctx: Context) -> _Verdict:
    if not app.policy.supplied:
        return _Verdict(None, missing=[f"apps[{app.id}].policy"])
    bad = [
        p.name
        for p in app.permissions
        if p.data_type and p.protection in ("dangerous", "special") and p.purpose_stated is False
    ]
    return _Verdict(bool(bad), details=bad)


def _targeted_push(app: App, ctx: Context) -> _Verdict:
    targeted = app.targeted_push or any(s.category == "advertising" for s in app.sdks)
    if not targeted:
        return _OK
    opt_out = _flag(app, "targeted_push_opt_out", False, app.targeted_push_opt_out)
    return _any_of(opt_out, _element(app, "targeted_push_opt_out"))


def _minors(app: App, ctx: Context) -> _Verdict:
    if app.processes_minors_pi is None:
        return _Verdict(None, missing=[f"apps[{app.id}].processes_minors_pi"])
    if not app.processes_minors_pi:
        return _OK
    return _flag(app, "guardian_separate_consent", False, app.guardian_separate_consent)


def _app_type_row(app: App, ctx: Context) -> dict[str, Any] | None:
    return next((r for r in ctx.law.mapping("app_necessary_pi") if r["id"] == app.app_type), None)


def _app_type(app: App, ctx: Context) -> _Verdict:
    if app.app_type is None:
        return _Verdict(None, missing=[f"apps[{app.id}].app_type"])
    if _app_type_row(app, ctx) is None:
        return _Verdict(
            None,
            missing=[f"apps[{app.id}].app_type"],
            note=f"App type {app.app_type!r} is not one of the 2021 rules' types.",
        )
    return _OK


def _beyond_scope(app: App, ctx: Context) -> _Verdict:
    row = _app_type_row(app, ctx)
    if row is None:
        return _OK  # reported by app_type_unknown
    beyond = sorted(_pi_types(app, ctx.law) - set(row.get("device_data_types") or []))
    if beyond and row.get("needs_review"):
        return _Verdict(None, missing=[f"apps[{app.id}].app_type"], note=row["needs_review"])
    return _Verdict(bool(beyond), details=beyond)


def _sdk_disclosure(app: App, ctx: Context) -> _Verdict:
    bad = [s.name for s in app.sdks if s.disclosed_in_policy is False]
    if bad:
        return _Verdict(True, details=bad)
    if any(s.disclosed_in_policy is None for s in app.sdks):
        return _Verdict(None, missing=[f"apps[{app.id}].sdks[].disclosed_in_policy"])
    return _OK


def _cross_border(app: App, ctx: Context) -> _Verdict:
    foreign = [s.name for s in app.sdks if s.cross_border]
    if not foreign:
        return _OK
    v = _element(app, "cross_border")
    return _Verdict(v.violated, details=foreign if v.violated else [], missing=v.missing)


def _rights_channels(app: App, ctx: Context) -> _Verdict:
    rights = ctx.law.mapping("app_violation_types")["rights"]
    verdicts = {r: _element(app, f"right_{r}") for r in rights}
    # A right the policy names without saying how to exercise it is still a violation; the
    # detail says so, since the fix differs (add the way) from a right not stated at all.
    named = set(app.policy.rights_named_without_channel)
    regulator = set(app.policy.rights_regulator_only)
    bad: list[str] = []
    refs: list[dict[str, Any]] = []
    for r, v in verdicts.items():
        if not v.violated:
            continue
        if f"right_{r}" in regulator:
            # The operator must give its own channel; the regulator's is not one (the scanner's
            # apps.rights_channel_missing cites the same provisions from the law data).
            own = rights[r]["reference"]
            refs.extend(own)
            cited = ", ".join(ctx.cite(c["instrument"], c.get("article")).label() for c in own)
            bad.append(f"{r}: named, but the only channel given is the regulator's ({cited})")
        elif f"right_{r}" in named:
            bad.append(f"{r}: named, no way to exercise it")
        else:
            bad.append(r)
    missing = [m for v in verdicts.values() for m in v.missing]
    if bad:
        return _Verdict(True, details=bad, missing=missing, refs=refs)
    return _Verdict(None, missing=missing) if missing else _OK


def _deactivation(app: App, ctx: Context) -> _Verdict:
    v = _flag(app, "deactivation_channel", False, app.deactivation_channel)
    # Named without a way (policy.rights_named_without_channel): the fix is to add the way.
    if v.violated and "deactivation" in app.policy.rights_named_without_channel:
        return _Verdict(True, details=["named, no way to do it"])
    return v


def _response_time(app: App, ctx: Context) -> _Verdict:
    limit = ctx.law.mapping("app_violation_types")["response_time_limit"]["value"]
    stated = app.policy.response_time_working_days
    # With no committed period the 15-working-day limit applies by default (2019 method 6.3).
    if stated is None:
        return _OK
    return _Verdict(stated > int(limit), details=[f"{stated} > {limit} working days"])


_CHECKS: dict[str, Callable[[App, Context], _Verdict]] = {
    "policy_not_supplied": lambda a, c: (
        _OK if a.policy.supplied else _Verdict(None, missing=[f"apps[{a.id}].policy"])
    ),
    "policy_no_collection_rules": lambda a, c: _element(a, "collection_rules"),
    "policy_no_simplified_chinese": lambda a, c: _policy_flag(
        a, "simplified_chinese", a.policy.simplified_chinese
    ),
    "first_run_prompt": lambda a, c: _flag(
        a, "consent_flow.first_run_prompt", False, a.consent_flow.first_run_prompt
    ),
    "pi_listing_not_structured": lambda a, c: _policy_flag(
        a, "structured_listing", a.policy.structured_listing
    ),
    "processor_identity_missing": lambda a, c: _element(a, "processor_identity"),
    "retention_missing": lambda a, c: _element(a, "retention"),
    "permission_without_purpose": _permission_purpose,
    "sensitive_pi_notice_missing": _sensitive_notice,
    "update_notice_missing": lambda a, c: _element(a, "update_notice"),
    "collects_before_consent": lambda a, c: _flag(
        a, "consent_flow.collects_before_consent", True, a.consent_flow.collects_before_consent
    ),
    "default_consent": lambda a, c: _flag(
        a, "consent_flow.default_consent", True, a.consent_flow.default_consent
    ),
    "repeated_requests": lambda a, c: _flag(
        a, "consent_flow.repeated_requests", True, a.consent_flow.repeated_requests
    ),
    "withdraw_consent_channel": lambda a, c: _any_of(
        _flag(a, "consent_flow.withdraw_channel", False, a.consent_flow.withdraw_channel),
        _element(a, "right_withdraw_consent"),
    ),
    "targeted_push_no_opt_out": _targeted_push,
    "minors_guardian_consent": _minors,
    "app_type_unknown": _app_type,
    "pi_beyond_necessary_scope": _beyond_scope,
    "immutable_identifier_read": lambda a, c: _Verdict(
        bool(a.reads_immutable_identifiers), details=list(a.reads_immutable_identifiers)
    ),
    "refuses_basic_function": lambda a, c: _flag(
        a, "consent_flow.refuses_basic_function", True, a.consent_flow.refuses_basic_function
    ),
    "bundled_permissions": lambda a, c: _flag(
        a, "consent_flow.bundled_permissions", True, a.consent_flow.bundled_permissions
    ),
    "sdk_not_disclosed": _sdk_disclosure,
    "cross_border_undisclosed": _cross_border,
    "deactivation_channel_missing": _deactivation,
    "rights_channel_missing": _rights_channels,
    "correction_channel_missing": lambda a, c: _flag(
        a, "correction_channel", False, a.correction_channel
    ),
    "response_time_exceeds_limit": _response_time,
    "unreasonable_conditions": lambda a, c: _flag(
        a, "unreasonable_conditions", True, a.unreasonable_conditions
    ),
    "popups_not_closable": lambda a, c: _flag(a, "popups_closable", False, a.popups_closable),
    "auto_start": lambda a, c: _flag(a, "auto_start", True, a.auto_start),
    # None: the scanner could not read the network security config (or nobody declared it).
    "cleartext_traffic": lambda a, c: _flag(a, "cleartext_traffic", True, a.cleartext_traffic),
    "debuggable": lambda a, c: _Verdict(bool(a.debuggable)),
}


def check_spec(law: Law, check_id: str) -> dict[str, Any]:
    """Title, action, 2019 items, notice categories and references of one check (law data)."""
    spec = law.mapping("app_duty_checks")["checks"][check_id]
    if "scanner_check" in spec:
        src = law.mapping("app_violation_types")["checks"][spec["scanner_check"]]
        return {
            "title": src["title"],
            "action": src["action"],
            "identification_2019": list(src["identification_2019"]),
            "notice_categories": list(src["notice_categories"]),
            "reference": src["reference"],
        }
    return dict(spec)


class _AppRule(Rule):
    """Runs the checks the law data assigns to this rule id, one finding per app."""

    regime = "apps"
    cites = (("app_pi_identification_method_2019", None),)

    def evaluate_2019_11_28(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.profile.apps:
            yield self.finding(
                ctx, Status.NOT_APPLICABLE, explanation=["The profile declares no apps (apps:)."]
            )
            return
        checks = ctx.law.mapping("app_duty_checks")["rules"][self.id]["checks"]
        for app in ctx.profile.apps:
            yield self._one(ctx, app, checks)

    def _one(self, ctx: Context, app: App, checks: list[str]) -> Finding:
        violations: list[str] = []
        unknown: list[str] = []
        missing: list[str] = []
        notes: list[str] = []
        items: list[str] = []
        notices: list[str] = []
        cits: list[Citation] = self.citations(ctx)
        actions: list[Text] = []
        ran: list[dict[str, Any]] = []  # the first reference of every check in force
        for check_id in checks:
            spec = check_spec(ctx.law, check_id)
            refs = spec["reference"]
            if not ctx.in_force(refs[0]["instrument"]):
                continue
            ran.append(refs[0])
            v = _CHECKS[check_id](app, ctx)
            if v.note:
                notes.append(v.note)
            if v.violated is None:
                unknown.append(check_id)
                missing.extend(m for m in v.missing if m not in missing)
                continue
            if not v.violated:
                continue
            detail = f" ({', '.join(v.details)})" if v.details else ""
            violations.append(check_id)
            notes.append(f"{spec['title']['en']}{detail}.")
            actions.append(Text(zh=spec["action"]["zh"], en=spec["action"]["en"]))
            items.extend(spec["identification_2019"])
            notices.extend(spec["notice_categories"])
            for r in [*refs, *v.refs]:
                c = ctx.cite(r["instrument"], r.get("article"))
                if c not in cits:
                    cits.append(c)
        if not ran:
            return self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=app.id,
                explanation=["None of the provisions this rule checks is in force yet."],
            )
        if violations:
            status = Status.DUE
        elif unknown:
            status = Status.NEEDS_REVIEW
        else:
            status = Status.MET
            # Met against what was checked: cite the provisions of the checks that ran.
            for r in ran:
                c = ctx.cite(r["instrument"], r.get("article"))
                if c not in cits:
                    cits.append(c)
        facts = {
            "app": app.id,
            "app_type": app.app_type,
            "violations": violations,
            "unknown": unknown,
            "violation_types": sorted(set(items)),
            "notice_categories": sorted(set(notices)),
        }
        if not notes:
            notes.append(
                "Facts missing to decide: see missing." if unknown else "No violation found."
            )
        return self.finding(
            ctx,
            status,
            subject=app.id,
            facts=facts,
            citations=cits,
            explanation=notes,
            missing=missing,
            actions=actions,
        )


def _make(rule_id: str, zh: str, en: str, cites: tuple[tuple[str, str | None], ...]) -> None:
    cls = type(
        "AppRule_" + rule_id.split(".")[1],
        (_AppRule,),
        {"id": rule_id, "title": Text(zh=zh, en=en), "cites": cites, "__doc__": en},
    )
    register(cls)


_M = "app_pi_identification_method_2019"
_make(
    "apps.collection_rules",
    "公开收集使用规则",
    "Publish the collection and use rules",
    ((_M, "1"),),
)
_make(
    "apps.purpose_disclosure",
    "明示收集使用个人信息的目的、方式和范围",
    "State purpose, method and scope of collection",
    ((_M, "2"), ("pipl", "17")),
)
_make("apps.consent", "经用户同意收集使用个人信息", "Collect and use PI with consent", ((_M, "3"),))
_make(
    "apps.necessity",
    "遵循必要原则，不收集与服务无关的个人信息",
    "Collect only PI necessary for the service",
    ((_M, "4"), ("app_necessary_pi_scope_2021", "5")),
)
_make(
    "apps.third_parties",
    "向他人提供个人信息须经同意",
    "Sharing PI with third parties",
    ((_M, "5"),),
)
_make(
    "apps.user_rights",
    "提供更正、删除、注销及投诉渠道",
    "Correction, deletion, deactivation and complaint channels",
    ((_M, "6"), ("pipl", "50")),
)
_make(
    "apps.conduct_and_security",
    "弹窗、自启动与安全措施",
    "Pop-ups, auto-start and security measures",
    (("miit_app_notice_2025_05", None), ("pipl", "51")),
)
