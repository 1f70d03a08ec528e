"""PI protection compliance audits (PI Audit Measures, CAC, in force 2025-05-01; PIPL Art. 54).

Subjects are entities. The periodic duty depends on ``entities[].individuals_processed``; audit
history, orders and incidents come from the ``pi_audit`` section. The annex's 26 audit aspects
are law data (``mappings/pi_audit_checklist.yaml``) that audits record evidence against.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from hegui.errors import ProfileError
from hegui.law.checklists import Checklist, ChecklistItem, load_checklist
from hegui.law.deadlines import add_months
from hegui.models import Finding, Status, Text
from hegui.profile.models import Entity
from hegui.profile.pi_audit import Audit, AuditKind, EntityAudits, EvidenceStatus
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register
from hegui.rules.subjects import entity_of

_P = "pi_audit."
_INSTRUMENT = "pi_audit_measures_2025"
CHECKLIST = "pi_audit_checklist"


def _history(ctx: Context) -> list[tuple[int, EntityAudits]]:
    section = ctx.profile.pi_audit
    items = list(enumerate(section.entities)) if section else []
    for i, h in items:
        entity_of(ctx, h.entity, f"pi_audit.entities[{i}].entity")
    return items


def _for_entity(ctx: Context, entity_id: str) -> EntityAudits | None:
    return next((h for _, h in _history(ctx) if h.entity == entity_id), None)


def _done_audits(ctx: Context, h: EntityAudits | None) -> list[Audit]:
    audits = [a for a in (h.audits if h else []) if a.completed_on <= ctx.as_of]
    return sorted(audits, key=lambda a: a.completed_on)


class _AuditRule(Rule):
    regime = "pi_audit"
    # Said when the profile records nothing the rule checks (orders, incidents, audits).
    nothing: ClassVar[str] = "The profile records nothing this rule checks (pi_audit.entities)."

    def evaluate(self, ctx: Context) -> list[Finding]:
        found = super().evaluate(ctx)
        if found:
            return found
        return [self.finding(ctx, Status.NOT_APPLICABLE, explanation=[self.nothing])]


@register
class PeriodicAudit(_AuditRule):
    """Art. 4: more than 10 million individuals -> audit at least every two years."""

    id = "pi_audit.periodic"
    title = Text(zh="个人信息保护合规审计（定期）", en="Periodic PI protection compliance audit")
    cites = ((_INSTRUMENT, "4"), ("pipl", "54"))
    parameters = (_P + "periodic_threshold", _P + "periodic_interval")

    def evaluate_2021_11_01(self, ctx: Context) -> Iterable[Finding]:
        # PIPL 54 already required regular audits; only the fixed frequency came later.
        yield self.finding(
            ctx,
            Status.APPLIES,
            citations=[ctx.cite("pipl", "54")],
            explanation=[
                "PIPL 54: processors audit their compliance regularly. No frequency is fixed "
                "before the PI Audit Measures take effect on 2025-05-01; audit at intervals the "
                "organisation sets and keep the records."
            ],
            actions=[Text(zh="定期开展合规审计", en="Audit compliance regularly")],
        )

    def evaluate_2025_05_01(self, ctx: Context) -> Iterable[Finding]:
        for i, entity in enumerate(ctx.profile.entities):
            yield self._entity(ctx, i, entity)

    def _entity(self, ctx: Context, i: int, entity: Entity) -> Finding:
        threshold = ctx.param(_P + "periodic_threshold")
        interval = ctx.param(_P + "periodic_interval")
        n = entity.individuals_processed
        facts: dict[str, Any] = {"entity": entity.id, "individuals_processed": n}
        facts["threshold"] = threshold.value
        if n is None:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=entity.id,
                facts=facts,
                values=[threshold],
                missing=[f"entities[{i}].individuals_processed"],
                explanation=["The number of individuals whose PI the entity processes is unknown."],
            )
        if n == 0:
            return self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=entity.id,
                facts=facts,
                explanation=["The entity processes no personal information."],
            )
        audits = _done_audits(ctx, _for_entity(ctx, entity.id))
        last = audits[-1].completed_on if audits else None
        facts["last_audit"] = last.isoformat() if last else None
        if n <= threshold.value:
            return self.finding(
                ctx,
                Status.INFO,
                subject=entity.id,
                facts=facts,
                values=[threshold],
                explanation=[
                    f"{n:,} individuals is not more than {threshold.value:,}: no fixed audit "
                    "frequency applies; audit regularly at intervals the entity sets (PIPL Art. 54, "
                    "Audit Measures Art. 4)."
                ],
            )
        months = int(interval.value) * 12
        if last is not None:
            due = add_months(last, months)
            basis = f"{interval.value} years after the last audit ({last})"
        else:
            start = ctx.law.instrument(_INSTRUMENT).effective or ctx.as_of
            due = add_months(start, months)
            basis = (
                f"{interval.value} years after the Measures took effect ({start}); the Measures "
                "fix no date for the first audit, so this is hegui's reading (needs review)"
            )
        status = self.cycle_status(ctx, due, last is not None)
        return self.finding(
            ctx,
            status,
            subject=entity.id,
            due=due,
            facts={**facts, "next_due": due.isoformat()},
            values=[threshold, interval],
            explanation=[
                f"{n:,} individuals is more than {threshold.value:,}: audit at least every "
                f"{interval.value} years.",
                f"Next audit due by {due}: {basis}.",
                *self.cycle_reminder(ctx, due, last is not None),
            ],
            actions=[]
            if status is Status.MET
            else [Text(zh="开展个人信息保护合规审计", en="Carry out the compliance audit")],
        )


@register
class OrderedAudit(_AuditRule):
    """Art. 5: an audit ordered by the authorities, completed within the time limit they set."""

    id = "pi_audit.ordered"
    nothing = "No audit ordered by the authorities is recorded (pi_audit.entities[].orders)."
    title = Text(zh="主管部门要求的合规审计", en="Compliance audit ordered by the authorities")
    cites = ((_INSTRUMENT, "5"),)

    def evaluate_2025_05_01(self, ctx: Context) -> Iterable[Finding]:
        for i, h in _history(ctx):
            for j, order in enumerate(h.orders):
                if order.ordered_on > ctx.as_of:
                    continue
                facts = {
                    "entity": h.entity,
                    "order": order.id,
                    "ordered_on": order.ordered_on.isoformat(),
                    "authority": order.authority,
                    "reason": order.reason,
                }
                if order.deadline is None and order.report_submitted_on is None:
                    yield self.finding(
                        ctx,
                        Status.NEEDS_REVIEW,
                        subject=order.id,
                        facts=facts,
                        missing=[f"pi_audit.entities[{i}].orders[{j}].deadline"],
                        explanation=[
                            "The Measures leave the time limit to the ordering authority (the "
                            "2023 draft's 90 working days was dropped); record the limit it set."
                        ],
                    )
                    continue
                done = order.report_submitted_on is not None
                yield self.finding(
                    ctx,
                    self.due_status(ctx, order.deadline, done),
                    subject=order.id,
                    due=order.deadline,
                    facts={**facts, "report_submitted_on": _iso(order.report_submitted_on)},
                    explanation=[
                        "Engage a professional agency, complete the audit within the time limit "
                        "set by the authority, and submit the agency's audit report."
                    ],
                    actions=[]
                    if done
                    else [
                        Text(
                            zh="委托专业机构完成审计并报送审计报告",
                            en="Have a professional agency complete the audit; submit its report",
                        )
                    ],
                )


@register
class RectificationReport(_AuditRule):
    """Art. 11: after rectifying an ordered audit's findings, report within 15 working days."""

    id = "pi_audit.rectification_report"
    nothing = "No ordered audit with a submitted audit report is recorded, so no rectification report is due."
    title = Text(zh="审计整改情况报告", en="Rectification report after an ordered audit")
    cites = ((_INSTRUMENT, "11"),)
    parameters = (_P + "rectification_report",)

    def evaluate_2025_05_01(self, ctx: Context) -> Iterable[Finding]:
        period = ctx.param(_P + "rectification_report")
        for _, h in _history(ctx):
            for order in h.orders:
                if order.report_submitted_on is None or order.report_submitted_on > ctx.as_of:
                    continue
                facts = {"entity": h.entity, "order": order.id}
                if order.rectified_on is None:
                    yield self.finding(
                        ctx,
                        Status.APPLIES,
                        subject=order.id,
                        facts=facts,
                        values=[period],
                        explanation=[
                            "Rectify the problems the audit found; then submit the rectification "
                            f"report within {period.value} working days."
                        ],
                        actions=[Text(zh="按审计报告整改", en="Rectify the audit's findings")],
                    )
                    continue
                due = ctx.deadline(order.rectified_on, period)
                done = order.rectification_report_on is not None
                yield self.finding(
                    ctx,
                    self.due_status(ctx, due, done),
                    subject=order.id,
                    due=due,
                    facts={**facts, "rectified_on": order.rectified_on.isoformat()},
                    values=[period],
                    explanation=[
                        f"Rectified on {order.rectified_on}: report within {period.value} working "
                        f"days, by {due.due}."
                    ],
                    actions=[]
                    if done
                    else [Text(zh="报送整改情况报告", en="Submit the rectification report")],
                )


@register
class IncidentOrderRisk(_AuditRule):
    """Art. 5(3): a large PI incident allows the authorities to order an external audit."""

    id = "pi_audit.incident_order_risk"
    nothing = "No PI security incident is recorded (pi_audit.entities[].incidents)."
    title = Text(zh="安全事件可能引发的审计要求", en="Incident that allows an ordered audit")
    cites = ((_INSTRUMENT, "5"),)
    parameters = (_P + "ordered_incident_pi", _P + "ordered_incident_spi")

    def evaluate_2025_05_01(self, ctx: Context) -> Iterable[Finding]:
        pi = ctx.param(_P + "ordered_incident_pi")
        spi = ctx.param(_P + "ordered_incident_spi")
        for _, h in _history(ctx):
            for inc in h.incidents:
                if inc.occurred_on > ctx.as_of:
                    continue
                hit = inc.individuals >= pi.value or inc.sensitive_individuals >= spi.value
                yield self.finding(
                    ctx,
                    Status.INFO if hit else Status.NOT_APPLICABLE,
                    subject=inc.id,
                    facts={
                        "entity": h.entity,
                        "individuals": inc.individuals,
                        "sensitive_individuals": inc.sensitive_individuals,
                    },
                    values=[pi, spi],
                    explanation=[
                        f"Art. 5(3): an incident affecting PI of {pi.value:,} or more individuals, "
                        f"or sensitive PI of {spi.value:,} or more, allows the authorities to order "
                        "an audit by a professional agency.",
                        "This incident reaches that level."
                        if hit
                        else "This incident stays below both levels.",
                    ],
                )


@register
class AgencyRotation(_AuditRule):
    """Art. 15: no agency or audit lead audits the same target more than 3 times in a row."""

    id = "pi_audit.agency_rotation"
    nothing = "No agency or audit lead has done as many consecutive audits as the rotation limit."
    title = Text(zh="审计机构轮换", en="Rotation of audit agencies and leads")
    cites = ((_INSTRUMENT, "15"),)
    parameters = (_P + "rotation_limit",)

    def evaluate_2025_05_01(self, ctx: Context) -> Iterable[Finding]:
        limit = ctx.param(_P + "rotation_limit")
        for _, h in _history(ctx):
            external = [a for a in _done_audits(ctx, h) if a.kind == AuditKind.AGENCY]
            for label, key in (("agency", "agency"), ("audit lead", "lead")):
                name, run = _tail_run([getattr(a, key) for a in external])
                if name is None or run < limit.value:
                    continue
                over = run > limit.value
                yield self.finding(
                    ctx,
                    Status.APPLIES if over else Status.INFO,
                    subject=f"{h.entity}:{key}",
                    facts={"entity": h.entity, key: name, "consecutive": run},
                    values=[limit],
                    explanation=[
                        f"The same {label} ({name}) did the last {run} audits in a row; the limit "
                        f"is {limit.value}.",
                        "The limit has been exceeded."
                        if over
                        else f"The next audit needs a different {label}.",
                    ],
                    actions=[Text(zh="更换审计机构或审计负责人", en=f"Use a different {label}")],
                )


def _tail_run(names: list[str | None]) -> tuple[str | None, int]:
    """The last name and how many consecutive entries at the end share it."""
    if not names or names[-1] is None:
        return None, 0
    run = 0
    for name in reversed(names):
        if name != names[-1]:
            break
        run += 1
    return names[-1], run


@register
class ChecklistCoverage(_AuditRule):
    """The latest audit's evidence against the annex's audit aspects."""

    id = "pi_audit.checklist"
    nothing = "No completed audit with recorded evidence (pi_audit.entities[].audits[].evidence)."
    title = Text(zh="合规审计事项覆盖情况", en="Audit aspects covered by the latest audit")
    cites = ((_INSTRUMENT, "annex"),)

    def evaluate_2025_05_01(self, ctx: Context) -> Iterable[Finding]:
        checklist = load_checklist(ctx.law, CHECKLIST)
        for i, h in _history(ctx):
            audits = [(j, a) for j, a in enumerate(h.audits) if a.completed_on <= ctx.as_of]
            recorded = [(j, a) for j, a in audits if a.evidence]
            if not recorded:
                continue
            j, audit = max(recorded, key=lambda ja: ja[1].completed_on)
            where = f"pi_audit.entities[{i}].audits[{j}].evidence"
            yield self._coverage(ctx, checklist, h.entity, audit, where)

    def _coverage(
        self, ctx: Context, checklist: Checklist, entity: str, audit: Audit, where: str
    ) -> Finding:
        unknown = sorted(set(audit.evidence) - set(checklist.ids()))
        if unknown:
            raise ProfileError(
                f"unknown audit item id(s) {', '.join(unknown)} "
                f"(see mappings/{CHECKLIST}.yaml or hegui.api.pi_audit_checklist())",
                field=where,
            )
        gaps = [
            k
            for k, e in audit.evidence.items()
            if e.status in (EvidenceStatus.NON_COMPLIANT, EvidenceStatus.PARTLY_COMPLIANT)
        ]
        unrecorded = [
            it.id for it in checklist.items if _always(it) and it.id not in audit.evidence
        ]
        facts = {
            "entity": entity,
            "audit_completed_on": audit.completed_on.isoformat(),
            "items_recorded": len(audit.evidence),
            "items_total": len(checklist.items),
            "gaps": gaps,
        }
        if gaps:
            status = Status.APPLIES
        elif unrecorded:
            status = Status.NEEDS_REVIEW
        else:
            status = Status.MET
        return self.finding(
            ctx,
            status,
            subject=entity,
            facts=facts,
            missing=[f"{where}.{k}" for k in unrecorded] if status == Status.NEEDS_REVIEW else [],
            explanation=[
                f"The audit of {audit.completed_on} recorded {len(audit.evidence)} of "
                f"{len(checklist.items)} aspects; {len(gaps)} not (fully) compliant, "
                f"{len(unrecorded)} always-relevant aspects not recorded."
            ],
            actions=[Text(zh="整改审计发现的问题", en=f"Rectify: {', '.join(gaps)}")]
            if gaps
            else [],
        )


def _always(item: ChecklistItem) -> bool:
    return item.applies_when is None


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
