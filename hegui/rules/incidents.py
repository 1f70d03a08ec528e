"""Incident-response readiness: the emergency plan, vendors' reporting duty, and reporting lines.

Individual incidents are graded and clocked by :mod:`hegui.incidents` (``hegui incident``); these
rules check the standing duties a profile can show before anything happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hegui.incidents.models import Operator
from hegui.models import Finding, Status, Text
from hegui.profile.incidents import IncidentResponseFacts
from hegui.profile.models import Entity
from hegui.rules.authorities import provincial_cac
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register

_P = "incidents."
_PLAN_ACTION = Text(
    zh="制定网络安全事件应急预案，写明各监管部门的报告对象、渠道和时限，并定期演练",
    en="Adopt a cybersecurity incident emergency plan naming each regulator's recipients, channels "
    "and deadlines, and rehearse it",
)


def _facts(ctx: Context) -> IncidentResponseFacts:
    return ctx.profile.incident_response or IncidentResponseFacts()


class _IncidentRule(Rule):
    regime = "incidents"


@register
class EmergencyPlan(_IncidentRule):
    """CSL: operators formulate an incident emergency plan and report incidents (DSL 29 likewise)."""

    id = "incidents.emergency_plan"
    title = Text(zh="网络安全事件应急预案", en="Cybersecurity incident emergency plan")
    cites = (("csl", "25"), ("dsl", "29"))

    def evaluate_2017_06_01(self, ctx: Context) -> Iterable[Finding]:
        yield self._plan(ctx, [ctx.cite("csl", "25"), ctx.cite("dsl", "29")], [])

    def evaluate_2026_01_01(self, ctx: Context) -> Iterable[Finding]:
        # The amended CSL renumbered ex-Art. 25 as Art. 27 (inferred: legal-facts.md 6c); the law
        # data's caveat on csl_2025 Art. 27 is added to the finding by Rule.finding().
        yield self._plan(ctx, [ctx.cite("csl_2025", "27"), ctx.cite("dsl", "29")], [])

    def _plan(self, ctx: Context, citations: list[Any], caveats: list[str]) -> Finding:
        f = _facts(ctx)
        facts = {
            "plan_adopted": f.plan_adopted,
            "plan_covers_reporting_clocks": f.plan_covers_reporting_clocks,
            "plan_reviewed_on": f.plan_reviewed_on.isoformat() if f.plan_reviewed_on else None,
        }
        if f.plan_adopted is None:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                facts=facts,
                citations=citations,
                missing=["incident_response.plan_adopted"],
                explanation=["Whether an incident emergency plan is adopted is unknown.", *caveats],
                actions=[_PLAN_ACTION],
            )
        if f.plan_adopted and f.plan_covers_reporting_clocks is not False:
            return self.finding(
                ctx,
                Status.MET,
                facts=facts,
                citations=citations,
                explanation=["An incident emergency plan is adopted.", *caveats],
            )
        why = (
            "No incident emergency plan is adopted."
            if not f.plan_adopted
            else "The plan does not state the reporting recipients and deadlines."
        )
        return self.finding(
            ctx,
            Status.APPLIES,
            facts=facts,
            citations=citations,
            explanation=[why, *caveats],
            actions=[_PLAN_ACTION],
        )


@register
class VendorReporting(_IncidentRule):
    """CAC Measures: contracts require security and O&M providers to report incidents and assist."""

    id = "incidents.vendor_reporting"
    title = Text(zh="服务提供者事件报告约定", en="Vendors' incident-reporting clauses")
    cites = (("cac_incident_measures_2025", None),)

    def evaluate_2025_11_01(self, ctx: Context) -> Iterable[Finding]:
        value = _facts(ctx).vendor_contracts_require_reporting
        facts = {"vendor_contracts_require_reporting": value}
        note = "The article number of this duty was not read; the Measures are cited as a whole."
        if value is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                facts=facts,
                missing=["incident_response.vendor_contracts_require_reporting"],
                explanation=[
                    "Whether vendor contracts require incident reporting is unknown.",
                    note,
                ],
            )
        elif value:
            yield self.finding(ctx, Status.MET, facts=facts, explanation=[note])
        else:
            yield self.finding(
                ctx,
                Status.APPLIES,
                facts=facts,
                explanation=[
                    "Security, operations and maintenance providers must be required by contract "
                    "to report incidents they find and to assist.",
                    note,
                ],
                actions=[
                    Text(
                        zh="在安全服务、运维服务合同中约定发现事件后及时报告并协助处置",
                        en="Add incident reporting and assistance clauses to security and O&M "
                        "service contracts",
                    )
                ],
            )


@register
class ReportingLines(_IncidentRule):
    """Per entity: to whom and how fast a relatively major incident must be reported."""

    id = "incidents.reporting_lines"
    title = Text(zh="事件报告对象和时限", en="Incident reporting lines and clocks")
    cites = (("cac_incident_measures_2025", "4"),)
    parameters = (_P + "cac_initial_report_minutes",)

    def evaluate_2025_11_01(self, ctx: Context) -> Iterable[Finding]:
        cac = ctx.param(_P + "cac_initial_report_minutes")
        for entity in ctx.profile.entities:
            yield self._entity(ctx, entity, cac)

    def _entity(self, ctx: Context, entity: Entity, cac: Any) -> Finding:
        cls = "ciio" if entity.ciio else "central_organ" if entity.central_organ else "other"
        minutes = int(cac.value[cls])
        authority = _cac_recipient(ctx, cls, entity.province)
        lines = [
            f"CAC Measures: a relatively major or worse incident goes to {authority.en} within "
            f"{_clock(minutes)} of detection ({cls} reporting line)."
        ]
        values = [cac]
        op = Operator(name=entity.name, province=entity.province, sectors=list(entity.sectors))
        for regime, params in (
            ("pboc", (_P + "pboc_brief_report_minutes", _P + "pboc_full_report_hours")),
            (
                "zj_telecom",
                (_P + "zj_telecom_phone_report_minutes", _P + "zj_telecom_written_report_minutes"),
            ),
        ):
            if not _sector_regime_applies(ctx, regime, op):
                continue
            vals = [ctx.param_or_none(p) for p in params]
            if any(v is None for v in vals):
                continue
            values.extend(v for v in vals if v is not None)
            shown = " and ".join(f"{v.value} {v.unit}" for v in vals if v is not None)
            lines.append(f"{regime}: initial reports within {shown} of detection.")
        lines.append("Use `hegui incident new` at detection to get the exact deadlines.")
        return self.finding(
            ctx,
            Status.APPLIES,
            subject=entity.id,
            authority=authority,
            facts={"entity": entity.id, "reporting_line": cls, "sectors": list(entity.sectors)},
            values=values,
            explanation=lines,
            actions=[
                Text(
                    zh="在应急预案中登记上述报告对象、渠道和时限",
                    en="Record these recipients, channels and deadlines in the emergency plan",
                )
            ],
        )


def _clock(minutes: int) -> str:
    """``240`` -> ``4 h``, ``30`` -> ``30 min``, ``90`` -> ``1 h 30 min``."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} h"] if hours else []
    parts += [f"{rest} min"] if rest or not hours else []
    return " ".join(parts)


def _cac_recipient(ctx: Context, cls: str, province: str) -> Text:
    """The initial-report recipient for a reporting line, from the CAC mapping (Measures Art. 4)."""
    reports = ctx.law.mapping("incident_grading_cac")["reports"]
    chosen = next(r for r in reports if r["id"] == "cac_initial")["recipients"][cls]
    if chosen == "provincial_cac":
        return provincial_cac(ctx.law, province)
    return Text(zh=chosen["zh"], en=chosen["en"])


def _sector_regime_applies(ctx: Context, regime: str, op: Operator) -> bool:
    entries = ctx.law.mapping(f"incident_grading_{regime}")
    sectors = entries.get("applies_to_sectors")
    provinces = entries.get("applies_to_provinces")
    if sectors is not None and not set(sectors) & set(op.sectors):
        return False
    return provinces is None or op.province in provinces
