"""National network identity authentication public service (MPS Order No. 173 and five
co-issuers, in force 2025-07-15).

Subjects are the platforms in ``network_id.platforms``. The duties bind platforms that connect to
the public service; use by individuals is voluntary. Article numbers are not verified, so findings
cite the Measures as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hegui.errors import RuleError
from hegui.models import Finding, Status, Text
from hegui.profile.network_id import NetworkIdPlatform
from hegui.rules.authorities import provincial_cac
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register
from hegui.rules.subjects import entity_of

_P = "network_id."


def _facts(p: NetworkIdPlatform) -> dict[str, Any]:
    return {
        "platform": p.id,
        "entity": p.entity,
        "connected": p.connected,
        "connected_on": p.connected_on.isoformat() if p.connected_on else None,
    }


class _NetworkIdRule(Rule):
    """Runs once per declared platform from 2025-07-15; only connected platforms are concerned."""

    regime = "network_id"

    def evaluate_2025_07_15(self, ctx: Context) -> Iterable[Finding]:
        section = ctx.profile.network_id
        platforms = list(enumerate(section.platforms)) if section else []
        if not platforms:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["The profile declares no platform using the Network ID service."],
            )
            return
        for i, p in platforms:
            entity_of(ctx, p.entity, f"network_id.platforms[{i}].entity")
            where = f"network_id.platforms[{i}]"
            if p.connected is None:
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=p.id,
                    facts=_facts(p),
                    missing=[f"{where}.connected"],
                    explanation=["Whether the platform connects to the public service is unknown."],
                )
                continue
            if not p.connected:
                yield self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    subject=p.id,
                    facts=_facts(p),
                    explanation=[
                        "The platform does not connect to the public service (connecting is "
                        "voluntary; NDSMR Art. 43 encourages it)."
                    ],
                )
                continue
            yield self.one(ctx, where, p)

    def one(self, ctx: Context, where: str, p: NetworkIdPlatform) -> Finding:
        """Per-subject template hook: rules that use the base class's loop define it."""
        raise RuleError(f"rule {self.id} uses the per-subject loop but defines no one()")

    def _review(self, ctx: Context, p: NetworkIdPlatform, field: str, text: str) -> Finding:
        return self.finding(
            ctx,
            Status.NEEDS_REVIEW,
            subject=p.id,
            facts=_facts(p),
            missing=[field],
            explanation=[text],
        )


@register
class NoPlaintextRecollection(_NetworkIdRule):
    """Users verified by Network ID may not be asked for plaintext identity data again."""

    id = "network_id.no_plaintext_recollection"
    title = Text(
        zh="不得另行要求提供明文身份信息", en="No re-collection of plaintext identity data"
    )
    cites = (("network_id_measures_2025", None),)
    parameters = (_P + "no_plaintext_recollection",)

    def one(self, ctx: Context, where: str, p: NetworkIdPlatform) -> Finding:
        rule = ctx.param(_P + "no_plaintext_recollection")
        text = (
            "A connected platform may not require a user who registered or verified with the Network "
            "ID number or certificate to provide plaintext identity information separately, unless "
            "a law or administrative regulation provides otherwise or the user agrees."
        )
        if p.requests_plaintext_id is None:
            return self._review(ctx, p, f"{where}.requests_plaintext_id", text)
        exception = p.plaintext_basis.value if p.plaintext_basis else None
        ok = not p.requests_plaintext_id or exception is not None
        return self.finding(
            ctx,
            Status.MET if ok else Status.APPLIES,
            subject=p.id,
            facts={
                **_facts(p),
                "requests_plaintext_id": p.requests_plaintext_id,
                "plaintext_basis": exception,
            },
            values=[rule],
            explanation=[text]
            + ([f"The platform relies on the exception: {exception}."] if exception else []),
            actions=[]
            if ok
            else [
                Text(
                    zh="停止要求网号、网证用户另行提供明文身份信息（或确认法定依据、取得用户同意）",
                    en="Stop asking Network-ID-verified users for plaintext ID (or confirm the legal "
                    "basis or the user's agreement)",
                )
            ],
        )


@register
class EqualService(_NetworkIdRule):
    """Use is voluntary: keep other lawful methods and give equal service."""

    id = "network_id.equal_service"
    title = Text(
        zh="保留其他核验方式并平等提供服务", en="Other verification methods and equal service"
    )
    cites = (("network_id_measures_2025", None), ("ndsmr", "43"))

    def one(self, ctx: Context, where: str, p: NetworkIdPlatform) -> Finding:
        text = (
            "Using the Network ID number or certificate is voluntary: a platform that connects keeps "
            "the existing or other lawful ways of registering and verifying identity and gives "
            "users who do not use it equal service."
        )
        if p.equal_service is None:
            return self._review(ctx, p, f"{where}.equal_service", text)
        return self.finding(
            ctx,
            Status.MET if p.equal_service else Status.APPLIES,
            subject=p.id,
            facts={**_facts(p), "equal_service": p.equal_service},
            explanation=[text],
            actions=[]
            if p.equal_service
            else [Text(zh="保留其他合法核验方式", en="Keep other lawful verification methods")],
        )


@register
class Localisation(_NetworkIdRule):
    """The service's important data and PI are stored in China."""

    id = "network_id.localisation"
    title = Text(zh="网络身份认证数据境内存储", en="Network ID service data stored in China")
    cites = (("network_id_measures_2025", None),)
    parameters = (_P + "service_data_localisation",)

    def one(self, ctx: Context, where: str, p: NetworkIdPlatform) -> Finding:
        rule = ctx.param(_P + "service_data_localisation")
        text = "Important data and PI processed for the public service are stored in China."
        if p.service_data_stored_in_china is None:
            return self._review(ctx, p, f"{where}.service_data_stored_in_china", text)
        ok = p.service_data_stored_in_china
        return self.finding(
            ctx,
            Status.MET if ok else Status.APPLIES,
            subject=p.id,
            facts={**_facts(p), "service_data_stored_in_china": ok},
            values=[rule],
            explanation=[text],
            actions=[]
            if ok
            else [Text(zh="将相关数据存储于境内", en="Store the service's data in China")],
        )


@register
class ExportAssessment(_NetworkIdRule):
    """Providing the service's data abroad needs a security assessment."""

    id = "network_id.export_assessment"
    title = Text(
        zh="网络身份认证数据出境安全评估", en="Security assessment before exporting Network ID data"
    )
    cites = (("network_id_measures_2025", None), ("pipl", "40"))
    parameters = (_P + "service_data_export_assessment",)

    def one(self, ctx: Context, where: str, p: NetworkIdPlatform) -> Finding:
        rule = ctx.param(_P + "service_data_export_assessment")
        text = (
            "Where the public service's important data or PI must be provided abroad for business "
            "needs, a security assessment organised by the CAC is required first."
        )
        if p.service_data_exported is None:
            return self._review(ctx, p, f"{where}.service_data_exported", text)
        facts = {**_facts(p), "service_data_exported": p.service_data_exported}
        if not p.service_data_exported:
            return self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=p.id,
                facts=facts,
                values=[rule],
                explanation=["The service's data is not provided abroad."],
            )
        entity = entity_of(ctx, p.entity, f"{where}.entity")
        authority = provincial_cac(ctx.law, entity.province)
        done = p.export_assessment_approved_on is not None
        return self.finding(
            ctx,
            Status.MET if done else Status.APPLIES,
            subject=p.id,
            authority=authority,
            facts={**facts, "export_assessment_approved_on": p.export_assessment_approved_on},
            values=[rule],
            explanation=[text, f"Apply through the {authority.en}."],
            actions=[]
            if done
            else [
                Text(
                    zh=f"出境前通过{authority.zh}申报数据出境安全评估",
                    en=f"Apply for the export security assessment via the {authority.en} before export",
                )
            ],
        )
