"""Governance duties by volume: PI protection officer, data security responsible person and body,
important-data processors' annual risk assessment, and the Shanghai "Pujiang Escort" campaign.

Subjects are entities. Volumes come from ``entities[].individuals_processed``; whether an entity
processes important data comes from its datasets' designation (or ``governance`` overrides).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from hegui.law.loader import Value
from hegui.models import Finding, Status, Text
from hegui.profile.governance import EntityGovernance
from hegui.profile.models import Entity
from hegui.rules.authorities import provincial_authority
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register
from hegui.rules.subjects import entity_of

_P = "governance."
_NDSMR_VOLUME = "classification.large_pi_volume"  # NDSMR Art. 28, shared with classification


def entity_governance(ctx: Context, entity_id: str) -> tuple[int | None, EntityGovernance | None]:
    """The entity's ``governance.entities[]`` record and its index (None, None if it has none)."""
    section = ctx.profile.governance
    for i, g in enumerate(section.entities if section else []):
        entity_of(ctx, g.entity, f"governance.entities[{i}].entity")
        if g.entity == entity_id:
            return i, g
    return None, None


def _field(i: int | None, entity_index: int, name: str) -> str:
    if i is None:
        return f"governance.entities[entity={entity_index}].{name}"
    return f"governance.entities[{i}].{name}"


def important_data_processor(ctx: Context, entity: Entity) -> tuple[bool, dt.date | None]:
    """Whether the entity processes designated important data, and since when."""
    _, g = entity_governance(ctx, entity.id)
    designated = [
        d.important_data
        for d in ctx.profile.datasets
        if d.entity == entity.id and (d.important_data.designated or d.important_data.core)
    ]
    since = min((i.notified_on for i in designated if i.notified_on), default=None)
    flag = bool(designated)
    if g is not None and g.important_data_processor is not None:
        flag = g.important_data_processor
    if g is not None and g.important_data_since is not None:
        since = g.important_data_since
    return flag, since


def volume_facts(entity: Entity, threshold: Value) -> dict[str, Any]:
    """The facts every volume-triggered governance finding starts from."""
    return {
        "entity": entity.id,
        "individuals_processed": entity.individuals_processed,
        "threshold": threshold.value,
    }


def volume_gate(
    rule: Rule, ctx: Context, k: int, entity: Entity, threshold: Value, facts: dict[str, Any]
) -> Finding | None:
    """The finding for an entity whose volume is unknown or below ``threshold``; None at or over it."""
    n = entity.individuals_processed
    if n is None:
        return rule.missing_fact(
            ctx,
            f"entities[{k}].individuals_processed",
            "The number of individuals whose PI the entity processes is unknown.",
            subject=entity.id,
            facts=facts,
            values=[threshold],
        )
    if n < threshold.value:
        return rule.finding(
            ctx,
            Status.NOT_APPLICABLE,
            subject=entity.id,
            facts=facts,
            values=[threshold],
            explanation=[f"{n:,} individuals is below {threshold.value:,}."],
        )
    return None


class _GovRule(Rule):
    regime = "governance"


@register
class PiOfficer(_GovRule):
    """PIPL 52 with Audit Measures Art. 12: 1,000,000 individuals or more -> PI protection officer."""

    id = "governance.pi_officer"
    title = Text(zh="个人信息保护负责人", en="PI protection officer")
    cites = (("pipl", "52"), ("pi_audit_measures_2025", "12"))
    parameters = (_P + "pi_officer_threshold",)
    description = Text(
        zh="个人信息保护法第五十二条的数量由合规审计办法第十二条确定（2025年5月1日起）",
        en="The PIPL 52 volume was set by the PI Audit Measures Art. 12 (from 2025-05-01)",
    )

    def evaluate_2021_11_01(self, ctx: Context) -> Iterable[Finding]:
        # PIPL 52 is in force, but the CAC had not yet set the volume that triggers it.
        yield self.finding(
            ctx,
            Status.NEEDS_REVIEW,
            citations=[ctx.cite("pipl", "52")],
            facts={
                "individuals_processed": {
                    e.id: e.individuals_processed for e in ctx.profile.entities
                }
            },
            missing=["legal text: the CAC-set PIPL 52 volume (none in force before 2025-05-01)"],
            explanation=[
                "PIPL 52 requires a PI protection officer once a processor reaches the volume set "
                "by the CAC; no volume was in force before the PI Audit Measures took effect on "
                "2025-05-01 (Art. 12), so whether the duty was triggered cannot be computed.",
                "Designating an officer is the safe course for a large processor.",
            ],
        )

    def evaluate_2025_05_01(self, ctx: Context) -> Iterable[Finding]:
        threshold = ctx.param(_P + "pi_officer_threshold")
        for k, entity in enumerate(ctx.profile.entities):
            n = entity.individuals_processed
            facts = volume_facts(entity, threshold)
            gate = volume_gate(self, ctx, k, entity, threshold, facts)
            if gate is not None:
                yield gate
                continue
            i, g = entity_governance(ctx, entity.id)
            steps = {
                "pi_officer_designated": g.pi_officer_designated if g else None,
                "pi_officer_contact_published": g.pi_officer_contact_published if g else None,
                "pi_officer_reported": g.officer_reported() if g else None,
            }
            facts.update(steps)
            base = (
                f"{n:,} individuals reaches {threshold.value:,}: designate a PI protection officer, "
                "publish the officer's contact details and report name and contact to the "
                "authorities (PIPL 52); the officer is responsible for compliance audits (Art. 12)."
            )
            if steps["pi_officer_designated"] is False or False in steps.values():
                status = Status.APPLIES
            elif None in steps.values():
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=entity.id,
                    facts=facts,
                    values=[threshold],
                    missing=[_field(i, k, name) for name, v in steps.items() if v is None],
                    explanation=[base],
                )
                continue
            else:
                status = Status.MET
            yield self.finding(
                ctx,
                status,
                subject=entity.id,
                facts=facts,
                values=[threshold],
                explanation=[base],
                actions=[]
                if status == Status.MET
                else [
                    Text(
                        zh="指定个人信息保护负责人，公开联系方式并报送主管部门",
                        en="Designate the officer, publish the contact, report it to the authorities",
                    )
                ],
            )


@register
class ResponsiblePerson(_GovRule):
    """NDSMR Arts. 28 and 30: responsible person and management body."""

    id = "governance.responsible_person"
    title = Text(
        zh="网络数据安全负责人和管理机构",
        en="Network data security responsible person and management body",
    )
    cites = (("ndsmr", "30"), ("ndsmr", "28"))
    parameters = (_NDSMR_VOLUME,)

    def evaluate_2025_01_01(self, ctx: Context) -> Iterable[Finding]:
        volume = ctx.param(_NDSMR_VOLUME)
        for k, entity in enumerate(ctx.profile.entities):
            important, _ = important_data_processor(ctx, entity)
            n = entity.individuals_processed
            facts: dict[str, Any] = {
                "entity": entity.id,
                "individuals_processed": n,
                "important_data_processor": important,
                "threshold": volume.value,
            }
            large = n is not None and n >= volume.value
            if not important and not large:
                if n is None:
                    yield self.missing_fact(
                        ctx,
                        f"entities[{k}].individuals_processed",
                        "The entity's volume of individuals is unknown.",
                        subject=entity.id,
                        facts=facts,
                        values=[volume],
                    )
                    continue
                yield self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    subject=entity.id,
                    facts=facts,
                    values=[volume],
                    explanation=[
                        f"No designated important data and {n:,} individuals is below "
                        f"{volume.value:,}."
                    ],
                )
                continue
            i, g = entity_governance(ctx, entity.id)
            person = g.data_security_responsible_person if g else None
            body = g.data_security_body if g else None
            facts.update({"responsible_person": person, "management_body": body})
            why = (
                "The entity processes designated important data (Art. 30)."
                if important
                else f"{n:,} individuals reaches {volume.value:,}, so Art. 28 applies Art. 30."
            )
            rule_text = (
                "Designate a responsible person from management with data-security expertise and a "
                "management body that sets rules, runs risk monitoring, assessments, drills and "
                "training, and handles complaints."
            )
            if person is None or body is None:
                missing = [
                    _field(i, k, name)
                    for name, v in (
                        ("data_security_responsible_person", person),
                        ("data_security_body", body),
                    )
                    if v is None
                ]
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=entity.id,
                    facts=facts,
                    values=[volume],
                    missing=missing,
                    explanation=[why, rule_text],
                )
                continue
            done = person and body
            yield self.finding(
                ctx,
                Status.MET if done else Status.APPLIES,
                subject=entity.id,
                facts=facts,
                values=[volume],
                explanation=[why, rule_text],
                actions=[]
                if done
                else [
                    Text(
                        zh="明确网络数据安全负责人和网络数据安全管理机构",
                        en="Designate the responsible person and set up the management body",
                    )
                ],
            )


@register
class RiskAssessmentReport(_GovRule):
    """NDSMR Art. 33: important-data processors assess every year and report to the authority."""

    id = "governance.risk_assessment"
    title = Text(
        zh="重要数据处理者年度风险评估报告", en="Annual risk assessment report (important data)"
    )
    cites = (("ndsmr", "33"),)
    parameters = (_P + "risk_assessment_interval",)

    def evaluate_2025_01_01(self, ctx: Context) -> Iterable[Finding]:
        interval = ctx.param(_P + "risk_assessment_interval")
        first_year = ctx.law.instrument("ndsmr").effective or ctx.as_of
        processors = [
            (k, e, since)
            for k, e in enumerate(ctx.profile.entities)
            for important, since in [important_data_processor(ctx, e)]
            if important
        ]
        if not processors:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=[
                    "No entity is an important-data processor (no dataset notified or published "
                    "as important data, none declared): Art. 33 does not apply. Reaching the Art. 28 "
                    "volume brings in Arts. 30 and 32 (governance.responsible_person), not Art. 33."
                ],
            )
        for k, entity, since in processors:
            i, g = entity_governance(ctx, entity.id)
            authority = provincial_authority(
                ctx.law,
                entity.province,
                "省级以上有关主管部门",
                "provincial-level competent authority",
            )
            facts: dict[str, Any] = {"entity": entity.id, "important_data_since": _plain(since)}
            if since is None:
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=entity.id,
                    facts=facts,
                    values=[interval],
                    authority=authority,
                    missing=[
                        f"datasets[].important_data.notified_on of {entity.id}",
                        _field(i, k, "important_data_since"),
                    ],
                    explanation=[
                        "The date the entity became an important-data processor is unknown."
                    ],
                )
                continue
            reported = {r.year for r in (g.risk_assessment_reports if g else [])}
            step = int(interval.value)
            years = range(max(since.year, first_year.year), ctx.as_of.year + 1, step)
            open_years = [y for y in years if y not in reported]
            year = open_years[0] if open_years else ctx.as_of.year
            due = dt.date(year, 12, 31)
            done = not open_years
            facts.update({"year": year, "reports": sorted(reported)})
            yield self.finding(
                ctx,
                self.due_status(ctx, due, done),
                subject=entity.id,
                due=due,
                authority=authority,
                facts=facts,
                values=[interval],
                explanation=[
                    "Important-data processors assess their network data processing every year and "
                    "submit the report (7 items, incl. cross-border provision) to the provincial-level "
                    "competent authority, which informs the CAC and public security.",
                    f"The report for {year} is "
                    + ("on record." if done else f"not on record; hegui shows it due by {due}."),
                    "How hegui computes the date: the text gives no calendar deadline, so each "
                    "calendar year from the year of designation (not before 2025) needs a report, "
                    "due at the latest on 31 December of that year (needs review).",
                ],
                actions=[]
                if done
                else [
                    Text(
                        zh=f"开展{year}年度风险评估并向{authority.zh}报送报告",
                        en=f"Carry out the {year} risk assessment and report to the {authority.en}",
                    )
                ],
            )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
