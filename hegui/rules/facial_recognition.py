"""Facial recognition (FR Measures, CAC/MPS Order No. 19, in force 2025-06-01; CAC filing notice).

One subject per deployment in ``facial_recognition.deployments``. The filing rule names the
provincial CAC of the deploying entity's province; the substantive duties (Arts. 6-10, 13) are
ongoing duties without a date, so an unmet duty is ``applies`` with the action to take.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, ClassVar

from hegui.law.calendar import Deadline
from hegui.models import Finding, Status, Text
from hegui.profile.facial_recognition import FrDeployment
from hegui.rules.authorities import provincial_cac
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register
from hegui.rules.subjects import entity_of

_P = "facial_recognition."


def _field(i: int, name: str) -> str:
    return f"facial_recognition.deployments[{i}].{name}"


def _base_facts(d: FrDeployment) -> dict[str, Any]:
    facts: dict[str, Any] = {"deployment": d.id, "entity": d.entity}
    if d.system:
        facts["system"] = d.system
    return facts


class _FrRule(Rule):
    """Runs once per in-scope deployment from 2025-06-01 (before: not_applicable)."""

    regime = "facial_recognition"

    def evaluate_2025_06_01(self, ctx: Context) -> Iterable[Finding]:
        section = ctx.profile.facial_recognition
        deployments = list(enumerate(section.deployments)) if section else []
        if not deployments:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["The profile declares no facial-recognition deployment."],
            )
            return
        for i, d in deployments:
            entity_of(ctx, d.entity, _field(i, "entity"))
            if d.research_only:
                yield self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    subject=d.id,
                    facts={**_base_facts(d), "research_only": True},
                    citations=[ctx.cite("fr_measures_2025", "2")],
                    explanation=[
                        "Face information processed only for R&D or algorithm training is outside "
                        "the FR Measures (Art. 2); the PIPL still applies."
                    ],
                )
                continue
            yield from self.deployment(ctx, i, d)
        yield from self.across(ctx, [d for _, d in deployments if not d.research_only])

    def deployment(self, ctx: Context, i: int, d: FrDeployment) -> Iterable[Finding]:
        raise NotImplementedError

    def across(self, ctx: Context, deployments: list[FrDeployment]) -> Iterable[Finding]:
        """Findings about several deployments together (none by default)."""
        return ()


@register
class Filing(_FrRule):
    """Art. 15 and the filing notice: file once stored face information reaches the threshold."""

    id = "facial_recognition.filing"
    title = Text(zh="人脸识别技术应用备案", en="Facial recognition filing with the provincial CAC")
    cites = (("fr_measures_2025", "15"), ("fr_filing_notice_2025", "2"))
    parameters = (
        _P + "filing_threshold",
        _P + "filing_deadline",
        _P + "transition_cutoff",
        _P + "transition_deadline",
    )

    def deployment(self, ctx: Context, i: int, d: FrDeployment) -> Iterable[Finding]:
        entity = entity_of(ctx, d.entity, _field(i, "entity"))
        authority = provincial_cac(ctx.law, entity.province)
        threshold = ctx.param(_P + "filing_threshold")
        facts = {
            **_base_facts(d),
            "province": entity.province,
            "individuals_stored": d.individuals_stored,
            "threshold": threshold.value,
        }
        if d.individuals_stored is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=d.id,
                facts=facts,
                values=[threshold],
                authority=authority,
                missing=[_field(i, "individuals_stored")],
                explanation=[
                    "The number of individuals whose face information is stored is unknown."
                ],
            )
            return
        if d.individuals_stored < threshold.value:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=d.id,
                facts=facts,
                values=[threshold],
                explanation=[
                    f"{d.individuals_stored:,} individuals stored is below the filing threshold of "
                    f"{threshold.value:,}."
                ],
            )
            return
        if d.threshold_reached_on is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=d.id,
                facts=facts,
                values=[threshold],
                authority=authority,
                missing=[_field(i, "threshold_reached_on")],
                explanation=[
                    f"Stored face information ({d.individuals_stored:,}) has reached the threshold "
                    f"of {threshold.value:,}, but the day it was reached is unknown, so the filing "
                    "deadline cannot be computed."
                ],
            )
            return
        cutoff = ctx.param(_P + "transition_cutoff")
        due: Deadline | dt.date
        if d.threshold_reached_on < cutoff.value:
            used = ctx.param(_P + "transition_deadline")
            due = used.value
            why = (
                f"The threshold was reached on {d.threshold_reached_on} (before {cutoff.value}): the "
                f"transition deadline {used.value} applies (filing notice section 2(2))."
            )
        else:
            used = ctx.param(_P + "filing_deadline")
            due = ctx.deadline(d.threshold_reached_on, used)
            why = (
                f"The threshold was reached on {d.threshold_reached_on}: file within {used.value} "
                f"working days of that day, by {due.due}."
            )
        done = d.filed_on is not None
        explanation = [
            f"{d.individuals_stored:,} individuals stored reaches the filing threshold of "
            f"{threshold.value:,}.",
            why,
            f"The filing authority is the provincial CAC where the processor is located: {authority.en}.",
        ]
        due_day = due.due if isinstance(due, Deadline) else due
        if d.filed_on is not None:
            explanation.append(f"Filed on {d.filed_on}.")
            if d.filed_on > due_day:
                explanation.append(f"The filing was {(d.filed_on - due_day).days} day(s) late.")
        yield self.finding(
            ctx,
            self.due_status(ctx, due, done),
            subject=d.id,
            due=due,
            authority=authority,
            facts={
                **facts,
                "threshold_reached_on": d.threshold_reached_on.isoformat(),
                "filed_on": d.filed_on.isoformat() if d.filed_on else None,
            },
            values=[threshold, cutoff, used],
            explanation=explanation,
            actions=[]
            if done
            else [
                Text(
                    zh=f"通过个人信息保护业务系统向{authority.zh}办理人脸识别技术应用备案（含影响评估报告）",
                    en=f"File the facial-recognition application with the {authority.en} online, "
                    "with the PIA report",
                )
            ],
        )

    def across(self, ctx: Context, deployments: list[FrDeployment]) -> Iterable[Finding]:
        # The threshold counts individuals per processor: deployments that are each below it may
        # together reach it, and only the processor knows how far their individuals overlap.
        threshold = ctx.param(_P + "filing_threshold")
        by_entity: dict[str, list[FrDeployment]] = defaultdict(list)
        for d in deployments:
            by_entity[d.entity].append(d)
        for entity_id, items in by_entity.items():
            counts = [d.individuals_stored for d in items]
            if len(items) < 2 or any(c is None for c in counts):
                continue
            known = [c for c in counts if c is not None]
            if max(known) < threshold.value <= sum(known):
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=entity_id,
                    facts={
                        "entity": entity_id,
                        "deployments": [d.id for d in items],
                        "sum": sum(known),
                    },
                    values=[threshold],
                    missing=[
                        f"facial_recognition: distinct individuals across {entity_id}'s deployments"
                    ],
                    explanation=[
                        f"Each deployment is below {threshold.value:,} but together they hold "
                        f"{sum(known):,} records; the threshold counts the processor's distinct "
                        "individuals, so declare the de-duplicated total."
                    ],
                )


@register
class Refiling(_FrRule):
    """Art. 15 and notice 2(3): update the filing within the period after a substantive change."""

    id = "facial_recognition.refiling"
    title = Text(zh="人脸识别备案变更", en="Update the facial-recognition filing after a change")
    cites = (("fr_measures_2025", "15"), ("fr_filing_notice_2025", "2"))
    parameters = (_P + "refiling_deadline",)

    def deployment(self, ctx: Context, i: int, d: FrDeployment) -> Iterable[Finding]:
        if d.filed_on is None:
            return
        changes = [
            c
            for c in d.material_changes
            if c.changed_on >= d.filed_on and c.changed_on <= ctx.as_of
        ]
        if not changes:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=d.id,
                facts={**_base_facts(d), "filed_on": d.filed_on.isoformat()},
                explanation=["No substantive change of the filed information is recorded."],
            )
            return
        entity = entity_of(ctx, d.entity, _field(i, "entity"))
        authority = provincial_cac(ctx.law, entity.province)
        period = ctx.param(_P + "refiling_deadline")
        for c in changes:
            due = ctx.deadline(c.changed_on, period)
            yield self.finding(
                ctx,
                self.due_status(ctx, due, c.refiled_on is not None),
                subject=f"{d.id}@{c.changed_on.isoformat()}",
                due=due,
                authority=authority,
                facts={
                    **_base_facts(d),
                    "change_on": c.changed_on.isoformat(),
                    "change": c.description,
                    "refiled_on": c.refiled_on.isoformat() if c.refiled_on else None,
                },
                values=[period],
                explanation=[
                    f"The filed information changed substantively on {c.changed_on}: update the filing "
                    f"within {period.value} working days, by {due.due}."
                ],
                actions=[]
                if c.refiled_on
                else [Text(zh="办理备案变更", en="Update the filing with the provincial CAC")],
            )


class _Duty(_FrRule):
    """A substantive duty: applies when ``gate`` is True (always if None), met when ``done``."""

    gate: ClassVar[str | None] = None
    gate_false: ClassVar[str] = ""
    done_field: ClassVar[str]
    rationale: ClassVar[str]
    action: ClassVar[Text]

    def is_done(self, d: FrDeployment) -> bool | None:
        value = getattr(d, self.done_field)
        return None if value is None else bool(value)

    def deployment(self, ctx: Context, i: int, d: FrDeployment) -> Iterable[Finding]:
        facts = _base_facts(d)
        if self.gate is not None:
            gate = getattr(d, self.gate)
            facts[self.gate] = gate
            if gate is None:
                yield self._review(ctx, i, d, facts, self.gate)
                return
            if not gate:
                yield self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    subject=d.id,
                    facts=facts,
                    explanation=[self.gate_false],
                )
                return
        done = self.is_done(d)
        facts[self.done_field] = _plain(getattr(d, self.done_field))
        if done is None:
            yield self._review(ctx, i, d, facts, self.done_field)
            return
        yield self.finding(
            ctx,
            Status.MET if done else Status.APPLIES,
            subject=d.id,
            facts=facts,
            values=self.values(ctx),
            explanation=[self.rationale],
            actions=[] if done else [self.action],
        )

    def values(self, ctx: Context) -> list[Any]:
        return []

    def _review(
        self, ctx: Context, i: int, d: FrDeployment, facts: dict[str, Any], name: str
    ) -> Finding:
        return self.finding(
            ctx,
            Status.NEEDS_REVIEW,
            subject=d.id,
            facts=facts,
            values=self.values(ctx),
            missing=[_field(i, name)],
            explanation=[f"The profile does not say {name}.", self.rationale],
        )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@register
class ImpactAssessment(_Duty):
    id = "facial_recognition.pia"
    title = Text(
        zh="人脸识别个人信息保护影响评估", en="PI impact assessment before facial recognition"
    )
    cites = (("fr_measures_2025", "9"), ("pipl", "55"))
    parameters = (_P + "pia_retention",)
    done_field = "pia_completed_on"
    rationale = (
        "Art. 9: assess the impact in advance, record the processing, keep the report and records, "
        "and re-assess when the purpose or method changes or after a major incident."
    )
    action = Text(
        zh="开展个人信息保护影响评估并留存报告", en="Carry out the PIA and keep the report"
    )

    def values(self, ctx: Context) -> list[Any]:
        return [ctx.param(_P + "pia_retention")]

    def is_done(self, d: FrDeployment) -> bool | None:
        if d.pia_completed_on is None:
            return None
        # A substantive change after the assessment calls for a new one (Art. 9).
        return all(c.changed_on <= d.pia_completed_on for c in d.material_changes)


@register
class SeparateConsent(_Duty):
    id = "facial_recognition.separate_consent"
    title = Text(zh="人脸信息单独同意", en="Separate consent for face information")
    cites = (("fr_measures_2025", "6"),)
    gate = "consent_based"
    gate_false = "Processing does not rely on consent (another lawful basis applies)."
    done_field = "separate_consent"
    rationale = "Art. 6: consent-based processing of face information needs separate consent."
    action = Text(
        zh="取得个人单独同意并提供便捷的撤回方式",
        en="Obtain separate consent; offer easy withdrawal",
    )


@register
class GuardianConsent(_Duty):
    id = "facial_recognition.guardian_consent"
    title = Text(
        zh="未成年人人脸信息监护人同意", en="Guardian consent for minors' face information"
    )
    cites = (("fr_measures_2025", "7"),)
    parameters = (_P + "guardian_consent_age",)
    gate = "minors_under_14"
    gate_false = "No face information of minors below the age threshold is processed."
    done_field = "guardian_consent"
    rationale = (
        "Art. 7: consent-based processing of face information of minors below the age threshold "
        "needs a parent's or guardian's consent and dedicated processing rules."
    )
    action = Text(
        zh="取得父母或其他监护人同意并制定专门处理规则",
        en="Obtain guardian consent; adopt dedicated rules",
    )

    def values(self, ctx: Context) -> list[Any]:
        return [ctx.param(_P + "guardian_consent_age")]


@register
class Alternatives(_Duty):
    id = "facial_recognition.alternatives"
    title = Text(zh="提供人脸识别以外的方式", en="Alternatives to facial recognition")
    cites = (("fr_measures_2025", "10"),)
    done_field = "alternative_offered"
    rationale = (
        "Art. 10: where another method meets the purpose, facial recognition may not be the only "
        "way; individuals who refuse must be offered reasonable, convenient alternatives."
    )
    action = Text(
        zh="提供其他合理便捷的身份验证方式", en="Offer a reasonable, convenient non-facial method"
    )


@register
class DeviceStorage(_Duty):
    id = "facial_recognition.device_storage"
    title = Text(zh="人脸信息存储于设备内", en="Face information stored on the device by default")
    cites = (("fr_measures_2025", "8"),)
    done_field = "stored_on_device"
    rationale = (
        "Art. 8: unless a law or administrative regulation provides otherwise or the individual gives "
        "separate consent, face information stays in the device and is not sent over the internet."
    )
    action = Text(
        zh="改为设备内存储，或确认法定依据、取得单独同意",
        en="Store in the device, or confirm the legal basis or separate consent for transmission",
    )

    def is_done(self, d: FrDeployment) -> bool | None:
        if d.stored_on_device is None:
            return None
        return d.stored_on_device or d.transmission_basis in ("law", "separate_consent")


@register
class PublicPlaceSigns(_Duty):
    id = "facial_recognition.public_place_signs"
    title = Text(zh="公共场所显著提示标识", en="Prominent signs for devices in public places")
    cites = (("fr_measures_2025", "13"),)
    gate = "public_place"
    gate_false = "No devices are installed in public places."
    done_field = "signs_posted"
    rationale = (
        "Art. 13: devices in public places only where necessary for public safety, with a reasonably "
        "defined area and prominent signs; never inside private spaces."
    )
    action = Text(
        zh="设置显著提示标识并合理确定采集区域",
        en="Post prominent signs; limit the collection area",
    )
