"""Cross-border transfer rules (PIPL Ch. III, 2022 SA Measures, 2024 Provisions, SCC Measures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from hegui.models import Finding, Status, Text
from hegui.profile.models import MechanismType
from hegui.rules.base import Context, Rule
from hegui.rules.cross_border_counts import own_route
from hegui.rules.cross_border_model import Decision, Route, ended
from hegui.rules.cross_border_routing import decide_2021, decide_2022, decide_2024, decisions
from hegui.rules.cross_border_status import designation_due, mechanism_sufficient, sa_validity
from hegui.rules.registry import register


@register
class NoticeAndSeparateConsent(Rule):
    """PIPL 39: tell individuals about the foreign recipient and obtain separate consent."""

    id = "cross_border.notice_and_consent"
    regime = "cross_border"
    title = Text(zh="出境告知与单独同意", en="Notice and separate consent for export of PI")
    cites = (("pipl", "39"),)

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.in_force("pipl"):
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=["PIPL not yet in force."])
            return
        if not ctx.profile.transfers:
            yield self.finding(
                ctx, Status.NOT_APPLICABLE, explanation=["The profile records no transfers abroad."]
            )
        for t in ctx.profile.transfers:
            facts = {
                "transfer": t.id,
                "recipient": t.recipient.name,
                "country": t.recipient.country,
            }
            if not t.contains_pi:
                yield self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    subject=t.id,
                    facts=facts,
                    explanation=["The transfer carries no personal information."],
                )
                continue
            if t.notice_given is None or t.separate_consent is None:
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=t.id,
                    facts=facts,
                    missing=[
                        f"transfers[{t.id}].notice_given",
                        f"transfers[{t.id}].separate_consent",
                    ],
                    explanation=[
                        "The profile does not say whether notice was given and separate consent obtained."
                    ],
                )
                continue
            done = t.notice_given and t.separate_consent
            yield self.finding(
                ctx,
                Status.MET if done else Status.DUE,
                subject=t.id,
                facts={
                    **facts,
                    "notice_given": t.notice_given,
                    "separate_consent": t.separate_consent,
                },
                explanation=[
                    "PIPL 39 requires notice of the recipient's identity, contact, purpose, method, PI "
                    "categories and rights procedure, and the individual's separate consent, before export."
                ],
                actions=[]
                if done
                else [
                    Text(
                        zh="补充告知并取得单独同意",
                        en="Give the notice and obtain separate consent",
                    )
                ],
            )


def route_decisions(ctx: Context) -> dict[str, Decision] | None:
    """Route decisions by transfer id with the logic of ``cross_border.route`` on ``ctx.as_of``."""
    return decisions(ctx, CrossBorderRoute.dated_methods())


def needed_by(ctx: Context, d: Decision) -> tuple[dt.date | None, bool]:
    """(date the mechanism is needed by, whether exports needing it already happened).

    Never before the law owed the mechanism: a flow running since before the PIPL owes one from
    the PIPL's effective date, and a security assessment from the SA Measures' (the first text
    with a procedure), not from the flow's start.
    """
    due, started = _needed_by(ctx, d)
    owed_from = _owed_from(ctx, d)
    if due is None or owed_from is None or due >= owed_from:
        return due, started
    # On the day the law starts to owe it, no export has yet happened without it.
    return owed_from, started and owed_from < ctx.as_of


def _owed_from(ctx: Context, d: Decision) -> dt.date | None:
    first = "sa_measures_2022" if d.route == Route.SECURITY_ASSESSMENT else "pipl"
    return ctx.law.instrument(first).effective


def _needed_by(ctx: Context, d: Decision) -> tuple[dt.date | None, bool]:
    t = d.transfer
    if d.planned_only and d.counts is not None:
        return d.counts.planned_on, False
    if t.start_date is not None and t.start_date > ctx.as_of:
        return t.start_date, False
    if d.trigger == "important_data":
        # Designated data already flowing: the CAC Q&A's period to apply after designation.
        dues = [designation_due(ctx, ds)[0] for ds in d.designated_datasets if ds != "!explicit"]
        dated = [day for day in dues if day is not None]
        return (min(dated) if dated else None), False
    if d.trigger == "volume" and d.counts is not None and t.start_date is not None:
        return _volume_crossed_on(ctx, d, t.start_date), True
    return t.start_date, True


def _volume_crossed_on(ctx: Context, d: Decision, start: dt.date) -> dt.date:
    """Earliest day the entity's counts can have reached the tier (profiles give yearly totals).

    The count restarts with the window, so nothing counted can predate its first 1 January; and a
    tier the transfer does not reach on its own volumes needs another counted transfer to have
    started (worked example 5: the exports before the threshold was crossed were exempt).
    """
    assert d.counts is not None
    if ctx.param_or_none("cross_border.exemption_threshold_pi") is None:
        # Before the 2024 Provisions there is no exemption floor: below the assessment tier a
        # PIPL 38 mechanism is owed from the first export; the assessment tier needs the count.
        if d.route.rank < Route.SECURITY_ASSESSMENT.rank:
            return start
        return max(start, dt.date(d.counts.years[0], 1, 1))
    window_start = dt.date(d.counts.years[0], 1, 1)
    crossed = max(start, window_start)
    if own_route(ctx, d).rank >= d.route.rank:
        return crossed
    others = [
        max(o.start_date, window_start)
        for o in ctx.profile.transfers
        if o.id in d.counts.counted and o.id != d.transfer.id and o.start_date is not None
    ]
    return max(crossed, min(others)) if others else crossed


_ACTION = {
    Route.SECURITY_ASSESSMENT: Text(
        zh="通过所在地省级网信部门向国家网信部门申报数据出境安全评估，获批后方可出境",
        en="Apply for a security assessment through the provincial CAC; export only once approved",
    ),
    Route.CONTRACT_OR_CERTIFICATION: Text(
        zh="出境前与境外接收方订立个人信息出境标准合同并备案，或通过个人信息保护认证",
        en="Before the transfer, sign (and file) the standard contract or obtain certification",
    ),
    Route.PIPL_38: Text(
        zh="出境前具备个人信息保护法第三十八条规定的条件之一",
        en="Before the transfer, put one of the PIPL 38 mechanisms in place",
    ),
}


@register
class CrossBorderRoute(Rule):
    """Which route each transfer needs, from exemptions, important data, CIIO status and counts."""

    id = "cross_border.route"
    regime = "cross_border"
    title = Text(zh="数据出境路径", en="Export route for each transfer")
    description = Text(
        zh="按豁免情形、重要数据、关基运营者身份和当年累计人数确定：免予申报、标准合同或认证、安全评估",
        en="Exempt (which article), standard contract or certification, or security assessment, "
        "from the exemptions, important data, CIIO status and the entity's cumulative counts",
    )
    cites = (
        ("pipl", "38"),
        ("sa_measures_2022", "4"),
        ("cb_provisions_2024", "5"),
        ("cb_provisions_2024", "7"),
        ("cb_provisions_2024", "8"),
    )
    parameters = (
        "cross_border.sa_threshold_pi",
        "cross_border.sa_threshold_spi",
        "cross_border.exemption_threshold_pi",
        "cross_border.sa_threshold_processed_pi",
        "cross_border.counting_window",
        "cross_border.pi_count_includes_sensitive",
        "cross_border.exempt_transfers_excluded_from_counts",
        "cross_border.exemptions_prevail_for_ciio",
    )

    def evaluate_2021_11_01(self, ctx: Context) -> Iterable[Finding]:
        return self._findings(ctx, decide_2021(ctx))

    def evaluate_2022_09_01(self, ctx: Context) -> Iterable[Finding]:
        return self._findings(ctx, decide_2022(ctx))

    def evaluate_2024_03_22(self, ctx: Context) -> Iterable[Finding]:
        return self._findings(ctx, decide_2024(ctx))

    def _findings(self, ctx: Context, decided: list[Decision]) -> Iterable[Finding]:
        if not decided:
            yield self.finding(
                ctx, Status.NOT_APPLICABLE, explanation=["The profile lists no transfers."]
            )
            return
        for d in decided:
            yield self._one(ctx, d)

    def _one(self, ctx: Context, d: Decision) -> Finding:
        t = d.transfer
        facts: dict[str, Any] = {
            "transfer": t.id,
            "entity": t.entity,
            "country": t.recipient.country,
            "scenario": t.scenario.value,
            "ciio": d.entity.ciio,
            "route": d.route.value,
            "trigger": d.trigger,
            "basis": [f"{i}:{a}" if a else i for i, a in d.basis],
            "important_data": d.designated_datasets,
            "mechanism": t.mechanism.type.value,
        }
        if d.options and d.route == Route.CONTRACT_OR_CERTIFICATION:
            facts["options"] = d.options
        if d.counts is not None:
            facts.update(d.counts.as_facts())
        if d.route_now is not None:
            facts["route_now"] = d.route_now.value
        citations = [ctx.cite(i, a) for i, a in d.basis] or self.citations(ctx)
        if ended(ctx, t):
            facts["end_date"] = t.end_date.isoformat() if t.end_date else None
            return self.finding(
                ctx,
                Status.INFO,
                subject=t.id,
                facts=facts,
                citations=citations,
                explanation=[f"The transfer ended on {t.end_date}: no mechanism is needed now."],
            )
        common: dict[str, Any] = {
            "subject": t.id,
            "facts": facts,
            "citations": citations,
            "values": d.values,
        }
        if d.route == Route.UNDETERMINED or (
            d.missing and d.route.rank < Route.SECURITY_ASSESSMENT.rank
        ):
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                missing=d.missing,
                explanation=[*d.reasons, "The route cannot be decided without the missing facts."],
                **common,
            )
        if d.route.rank == 0:
            return self.finding(ctx, Status.INFO, explanation=d.reasons, **common)
        ok, why = mechanism_sufficient(ctx, d)
        m = t.mechanism
        if (
            m.type == MechanismType.SECURITY_ASSESSMENT
            and m.approved_on is not None
            and m.valid_until is None
            and m.approved_on <= ctx.as_of
        ):
            # Whether the result still runs rests on the validity then in force: show its caveats.
            common["values"] = [*d.values, sa_validity(ctx, m.approved_on)]
        if ok:
            return self.finding(ctx, Status.MET, explanation=[*d.reasons, why], **common)
        due, started = needed_by(ctx, d)
        if d.trigger == "important_data":
            # The due date comes from the Q&A's period after designation: show its caveats.
            periods = [
                designation_due(ctx, ds)[1] for ds in d.designated_datasets if ds != "!explicit"
            ]
            common["values"] = [*common["values"], *(v for v in periods[:1] if v is not None)]
        status = self.due_status(ctx, due, False)
        if started and status != Status.OVERDUE:
            status = Status.OVERDUE
        return self.finding(
            ctx,
            status,
            due=due,
            explanation=[*d.reasons, why, self._timing(ctx, d, due, started)],
            actions=[_ACTION[d.route]],
            **common,
        )

    @staticmethod
    def _timing(ctx: Context, d: Decision, due: dt.date | None, started: bool) -> str:
        start = d.transfer.start_date
        if started and due is not None and due == _owed_from(ctx, d) and start and start < due:
            return (
                "Exports that need this mechanism have already taken place without it: the flow "
                f"began on {start.isoformat()}, and the mechanism has been owed since "
                f"{due.isoformat()}, when the provision requiring it took effect."
            )
        if started and d.trigger == "volume" and due is not None and due != start:
            return (
                "Exports that need this mechanism have already taken place without it: the "
                f"entity's counts reached the tier on or after {due.isoformat()} (the earliest "
                "day the yearly totals allow; exports before then were in the lower tier)."
            )
        if started:
            return "Exports that need this mechanism have already taken place without it."
        if d.trigger == "important_data":
            return (
                "Apply for the security assessment in the period after designation "
                "(cross_border.important_data_designation)."
            )
        when = due.isoformat() if due else "the transfer"
        return f"The mechanism must be in place before {when}."
