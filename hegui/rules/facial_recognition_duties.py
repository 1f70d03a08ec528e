"""Facial recognition: the substantive duties of the FR Measures (Arts. 6-10, 13).

Ongoing duties without a date: an unmet duty is ``applies`` with the action to take; a missing
fact is ``needs_review`` naming the profile field. The filing rules live in
:mod:`hegui.rules.facial_recognition`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from hegui.models import Finding, Status, Text
from hegui.profile.facial_recognition import FrDeployment
from hegui.rules.base import Context
from hegui.rules.facial_recognition import FrRule, deployment_facts, deployment_field
from hegui.rules.registry import register

_P = "facial_recognition."
_PATH = "facial_recognition.deployments"  # as hegui.profile.as_of names the deployments


class _Duty(FrRule):
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
        facts = deployment_facts(d)
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
        if done is None and ctx.happens_later(f"{_PATH}[{d.id}].{self.done_field}"):
            done = False  # given in the profile, but done only after as_of
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
            missing=[deployment_field(i, name)],
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
