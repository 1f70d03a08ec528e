"""Export mechanisms and their dates: standard contract filing, security assessment, certification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from hegui.law.deadlines import Deadline, add_months
from hegui.models import Finding, Status, Text
from hegui.profile.models import MechanismType, Transfer
from hegui.rules.authorities import provincial_cac
from hegui.rules.base import Context, Rule
from hegui.rules.cross_border import needed_by, route_decisions
from hegui.rules.cross_border_model import Decision, Route, ended
from hegui.rules.cross_border_status import designation_due, sa_valid_until, sa_validity
from hegui.rules.registry import register


def _facts(t: Transfer, **more: Any) -> dict[str, Any]:
    return {"transfer": t.id, "entity": t.entity, "country": t.recipient.country, **more}


def _renewal_this_cycle(
    applied: dt.date | None, issued: dt.date, what: str, expl: list[str]
) -> dt.date | None:
    """The renewal application date if it belongs to this certificate or result, else None.

    A date older than the current one was carried over from the previous cycle: said in ``expl``.
    """
    if applied is not None and applied < issued:
        expl.append(
            f"The renewal application on record ({applied}) predates this {what}: it does not "
            "count for this cycle."
        )
        return None
    return applied


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@register
class StandardContractFiling(Rule):
    """SCC Measures Art. 7: file the standard contract within 10 working days of it taking effect."""

    id = "cross_border.standard_contract_filing"
    regime = "cross_border"
    title = Text(zh="个人信息出境标准合同备案", en="Filing of the PI export standard contract")
    cites = (("scc_measures_2023", "7"),)
    parameters = ("cross_border.scc_filing_deadline", "cross_border.scc_transition_deadline")

    def evaluate_2023_06_01(self, ctx: Context) -> Iterable[Finding]:
        transfers = [
            t for t in ctx.profile.transfers if t.mechanism.type == MechanismType.STANDARD_CONTRACT
        ]
        if not transfers:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No transfer relies on a standard contract."],
            )
        for t in transfers:
            yield self._one(ctx, t)

    def _one(self, ctx: Context, t: Transfer) -> Finding:
        m = t.mechanism
        entity = ctx.profile.entity(t.entity)
        authority = provincial_cac(ctx.law, entity.province)
        period = ctx.param("cross_border.scc_filing_deadline")
        if m.contract_effective is None:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=t.id,
                authority=authority,
                facts=_facts(t, filed_on=_iso(m.filed_on)),
                values=[period],
                missing=[f"transfers[{t.id}].mechanism.contract_effective"],
                explanation=["The filing deadline runs from the date the contract takes effect."],
            )
        facts = _facts(
            t,
            contract_effective=m.contract_effective.isoformat(),
            filed_on=_iso(m.filed_on),
            province=entity.province,
        )
        due: Deadline | dt.date
        in_force_on = ctx.law.instrument("scc_measures_2023").effective
        if in_force_on is not None and m.contract_effective < in_force_on:
            # Art. 7's 10 working days cannot run before the Measures existed: a contract in
            # effect earlier falls under the Art. 13 transition (rectify within 6 months).
            period = ctx.param("cross_border.scc_transition_deadline")
            transition: dt.date = period.value
            due = transition
            expl = [
                f"The contract took effect on {m.contract_effective.isoformat()}, before the SCC "
                f"Measures took effect ({in_force_on.isoformat()}): under the transition "
                f"(Art. 13) file it with the PIA report by {transition.isoformat()}, with "
                f"{authority.en}."
            ]
        else:
            due = ctx.deadline(m.contract_effective, period)
            expl = [
                f"The contract took effect on {m.contract_effective.isoformat()}: file it with "
                f"the PIA report within {period.value} working days, by {due.due.isoformat()}, "
                f"with {authority.en}."
            ]
        due_day = due.due if isinstance(due, Deadline) else due
        if m.filed_on is not None and m.filed_on < m.contract_effective:
            # Art. 7 counts from the contract taking effect; whether a filing made before then
            # counts is not settled in the texts we hold, so it is not taken as done.
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=t.id,
                due=due,
                authority=authority,
                facts=facts,
                values=[period],
                missing=[f"transfers[{t.id}].mechanism.filed_on"],
                explanation=[
                    *expl,
                    f"The profile says it was filed on {m.filed_on.isoformat()}, before the "
                    "contract took effect: check both dates (the filing period runs from the "
                    "effective date; a filing made before it may need to be repeated).",
                ],
            )
        if m.filed_on is not None and m.filed_on > due_day:
            expl.append(f"Filed on {m.filed_on.isoformat()}, after the deadline.")
            status = Status.INFO
        else:
            status = self.due_status(ctx, due, m.filed_on is not None)
        actions = (
            []
            if m.filed_on
            else [
                Text(
                    zh=f"向{authority.zh}提交标准合同及个人信息保护影响评估报告备案",
                    en=f"File the contract and the PIA report with {authority.en}",
                )
            ]
        )
        return self.finding(
            ctx,
            status,
            subject=t.id,
            due=due,
            authority=authority,
            facts=facts,
            values=[period],
            explanation=expl,
            actions=actions,
        )


@register
class SecurityAssessment(Rule):
    """Apply before the transfer; the result is valid 2 (Order 11) or 3 years; renew in time."""

    id = "cross_border.security_assessment"
    regime = "cross_border"
    title = Text(zh="数据出境安全评估", en="Data export security assessment")
    cites = (
        ("sa_measures_2022", "4"),
        ("sa_measures_2022", "14"),
        ("cb_provisions_2024", "7"),
        ("cb_provisions_2024", "9"),
    )
    parameters = (
        "cross_border.sa_validity",
        "cross_border.sa_renewal_window",
        "cross_border.sa_extension",
    )

    def evaluate_2022_09_01(self, ctx: Context) -> Iterable[Finding]:
        routes = route_decisions(ctx) or {}
        subjects = [
            t
            for t in ctx.profile.transfers
            if not ended(ctx, t)
            and (
                t.mechanism.type == MechanismType.SECURITY_ASSESSMENT
                or (t.id in routes and routes[t.id].route == Route.SECURITY_ASSESSMENT)
            )
        ]
        if not subjects:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No transfer needs or holds a security assessment."],
            )
        for t in subjects:
            yield self._one(ctx, t, routes.get(t.id))

    def _one(self, ctx: Context, t: Transfer, d: Decision | None) -> Finding:
        m = t.mechanism
        entity = ctx.profile.entity(t.entity)
        common: dict[str, Any] = {
            "subject": t.id,
            "authority": provincial_cac(ctx.law, entity.province),
        }
        needed = d is not None and d.route == Route.SECURITY_ASSESSMENT
        if m.type == MechanismType.SECURITY_ASSESSMENT and m.approved_on is not None:
            return self._validity(ctx, t, needed, common)
        facts = _facts(t, applied_on=_iso(m.applied_on), trigger=d.trigger if d else None)
        if d is not None and needed:
            due, started = needed_by(ctx, d)
        else:
            due, started = t.start_date, t.start_date is None or t.start_date <= ctx.as_of
        expl: list[str] = []
        values = []
        if d is not None and d.trigger == "important_data":
            facts["datasets"] = d.designated_datasets
            periods = [designation_due(ctx, ds)[1] for ds in d.designated_datasets]
            values = [v for v in periods[:1] if v is not None]
            expl.append(
                "The transfer carries data notified or published as important data: apply for "
                "the assessment in the period after the notification (CAC Q&A of 30 May 2025)."
            )
        if m.applied_on is not None:
            expl.append(f"Applied on {m.applied_on.isoformat()}; no result recorded.")
            expl.append(
                "The transfer runs without a passed assessment."
                if started
                else "The data may leave China only once the assessment is passed."
            )
            status = Status.OVERDUE if started else Status.APPLIES
            return self.finding(
                ctx, status, due=due, facts=facts, values=values, explanation=expl, **common
            )
        expl.append("The route requires a security assessment; none was applied for.")
        status = Status.OVERDUE if started else self.due_status(ctx, due, False)
        return self.finding(
            ctx,
            status,
            due=due,
            facts=facts,
            values=values,
            explanation=expl,
            actions=[
                Text(
                    zh="通过所在地省级网信部门申报数据出境安全评估",
                    en="Apply for the security assessment through the provincial CAC",
                )
            ],
            **common,
        )

    def _validity(self, ctx: Context, t: Transfer, needed: bool, common: dict[str, Any]) -> Finding:
        m = t.mechanism
        assert m.approved_on is not None
        validity = sa_validity(ctx, m.approved_on)
        window = ctx.param("cross_border.sa_renewal_window")
        valid_until = sa_valid_until(ctx, t)
        opens = ctx.calendar.subtract_working_days(valid_until, int(window.value))
        facts = _facts(
            t,
            approved_on=m.approved_on.isoformat(),
            valid_until=valid_until.isoformat(),
            renewal_window_opens=opens.due.isoformat(),
            renewal_applied_on=_iso(m.renewal_applied_on),
            still_required=needed,
        )
        expl = [
            f"Result issued {m.approved_on.isoformat()}, valid {validity.value} years "
            f"(the rule in force then): until {valid_until.isoformat()}.",
            f"Extension or re-declaration may be applied for within the {window.value} working "
            f"days before expiry, from {opens.due.isoformat()}.",
        ]
        if opens.approximate and opens.reason:
            expl.append(f"Window start approximate: {opens.reason}")
        kw: dict[str, Any] = {"facts": facts, "values": [validity, window], **common}
        ended = t.end_date is not None and t.end_date <= valid_until
        if not needed:
            expl.append("On the current rules this transfer no longer needs an assessment.")
            return self.finding(ctx, Status.MET, explanation=expl, **kw)
        renewed = _renewal_this_cycle(m.renewal_applied_on, m.approved_on, "result", expl)
        if renewed is not None or ended:
            why = "Renewal applied for." if renewed is not None else "Transfer ends in time."
            return self.finding(ctx, Status.MET, explanation=[*expl, why], **kw)
        if ctx.as_of < opens.due:
            return self.finding(ctx, Status.MET, explanation=expl, **kw)
        action = Text(
            zh="在有效期届满前通过省级网信部门申请延长（或重新申报）",
            en="Apply through the provincial CAC to extend (or re-declare) before expiry",
        )
        status = Status.DUE if ctx.as_of <= valid_until else Status.OVERDUE
        if status == Status.OVERDUE:
            expl.append("The result has expired and the transfer continues.")
        return self.finding(ctx, status, due=valid_until, explanation=expl, actions=[action], **kw)


@register
class Certification(Rule):
    """PI export certification (CAC + SAMR measures, from 2026-01-01): certificate valid 3 years."""

    id = "cross_border.certification"
    regime = "cross_border"
    title = Text(zh="个人信息出境认证", en="PI export certification")
    cites = (("pi_export_certification_2026", None), ("pipl", "38"))
    parameters = (
        "cross_border.certification_validity",
        "cross_border.certification_renewal_lead_months",
    )

    def evaluate_2026_01_01(self, ctx: Context) -> Iterable[Finding]:
        routes = route_decisions(ctx) or {}
        subjects = [
            t for t in ctx.profile.transfers if t.mechanism.type == MechanismType.CERTIFICATION
        ]
        if not subjects:
            yield self.finding(
                ctx, Status.NOT_APPLICABLE, explanation=["No transfer relies on certification."]
            )
        for t in subjects:
            yield self._one(ctx, t, routes.get(t.id))

    def _one(self, ctx: Context, t: Transfer, d: Decision | None) -> Finding:
        m = t.mechanism
        validity = ctx.param("cross_border.certification_validity")
        issued_later = ctx.happens_later(f"transfers[{t.id}].mechanism.certificate_issued")
        if m.certificate_issued is None and issued_later is not None:
            # Certified only after as_of: not yet in place, needed before the transfer starts.
            return self.finding(
                ctx,
                self.due_status(ctx, t.start_date, False),
                subject=t.id,
                due=t.start_date,
                facts=_facts(t),
                values=[validity],
                explanation=[
                    f"The certificate is issued only on {issued_later}, after {ctx.as_of}: the "
                    "transfer is not yet certified; certification must be in place before it starts."
                ],
            )
        if m.certificate_issued is None:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=t.id,
                facts=_facts(t),
                values=[validity],
                missing=[f"transfers[{t.id}].mechanism.certificate_issued"],
                explanation=["The profile names certification but no certificate date."],
            )
        until = m.valid_until or ctx.deadline(m.certificate_issued, validity).due
        facts = _facts(
            t, certificate_issued=m.certificate_issued.isoformat(), valid_until=until.isoformat()
        )
        expl = [f"Certificate issued {m.certificate_issued.isoformat()}, valid until {until}."]
        if d is not None and d.route == Route.SECURITY_ASSESSMENT:
            expl.append(
                "Certification is not available for this transfer: it needs a security "
                "assessment (CIIO, important data or volumes above the contract tier)."
            )
            return self.finding(
                ctx, Status.INFO, subject=t.id, facts=facts, values=[validity], explanation=expl
            )
        lead = ctx.param("cross_border.certification_renewal_lead_months")
        apply_by = add_months(until, -int(lead.value))
        facts["renewal_apply_by"] = apply_by.isoformat()
        facts["renewal_applied_on"] = _iso(m.renewal_applied_on)
        expl.append(
            f"To keep using it, apply for certification again {lead.value} months before it "
            f"expires: by {apply_by}."
        )
        ended = t.end_date is not None and t.end_date <= until
        values = [validity, lead]
        renewed = _renewal_this_cycle(
            m.renewal_applied_on, m.certificate_issued, "certificate", expl
        )
        if ended:
            # Checked first: an ended transfer needs no certificate, expired or not.
            status, due = Status.MET, until
            expl.append(f"The transfer ends on {t.end_date}, before the certificate expires.")
        elif until < ctx.as_of:
            status, due = Status.OVERDUE, until
            expl.append("The certificate has expired and the transfer continues.")
        elif renewed is not None:
            status, due = Status.MET, until
            late = f", after {apply_by}" if renewed > apply_by else ""
            expl.append(f"Re-certification applied for on {renewed}{late}.")
        else:
            # The certificate holds until the apply-by day, which is the last day to apply;
            # after it, the application is late while the certificate still runs.
            due = apply_by
            if ctx.as_of < apply_by:
                status = Status.MET
            else:
                status = Status.DUE if ctx.as_of == apply_by else Status.OVERDUE
        return self.finding(
            ctx,
            status,
            subject=t.id,
            due=due,
            facts=facts,
            values=values,
            explanation=expl,
            actions=[Text(zh="重新申请个人信息出境认证", en="Apply for certification again")]
            if status in (Status.DUE, Status.OVERDUE)
            else [],
        )
