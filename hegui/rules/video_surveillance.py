"""Public security video and image systems (Regulations, State Council Decree No. 799, in force
2025-04-01; MPS Supervision Rules 2025; county-level filing notices).

Subjects are the systems in ``video_surveillance.systems``. Only sourced day counts are encoded:
the 30 days and the 2025-07-01 transition date come from county-level notices (needs review);
the organs' own processing time limits were not retrieved and are not encoded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from hegui.errors import ProfileError, RuleError
from hegui.law.calendar import Deadline
from hegui.law.checklists import load_checklist
from hegui.models import Finding, Status, Text
from hegui.profile.pi_audit import EvidenceStatus
from hegui.profile.video_surveillance import PlaceCategory, VideoSystem
from hegui.rules.authorities import provincial_authority
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register
from hegui.rules.subjects import entity_of

_P = "video_surveillance."
CHECKLIST = "video_inspection_items"


def _county_organ(ctx: Context, v: VideoSystem, i: int) -> Text:
    entity = entity_of(ctx, v.entity, f"video_surveillance.systems[{i}].entity")
    return provincial_authority(
        ctx.law,
        entity.province,
        "系统所在地县级公安机关",
        "county-level public security organ where the system is located",
    )


class _VideoRule(Rule):
    regime = "video_surveillance"

    def run(self, ctx: Context) -> Iterable[Finding]:
        section = ctx.profile.video_surveillance
        systems = list(enumerate(section.systems)) if section else []
        if not systems:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["The profile declares no public security video system."],
            )
            return
        for i, v in systems:
            _county_organ(ctx, v, i)  # checks the entity reference
            yield from self.one(ctx, i, v)

    def one(self, ctx: Context, i: int, v: VideoSystem) -> Iterable[Finding]:
        """Per-subject template hook: rules that use the base class's loop define it."""
        raise RuleError(f"rule {self.id} uses the per-subject loop but defines no one()")


def _facts(v: VideoSystem) -> dict[str, Any]:
    return {
        "system": v.id,
        "entity": v.entity,
        "place_category": v.place_category.value if v.place_category else None,
        "in_use_since": v.in_use_since.isoformat() if v.in_use_since else None,
        "filed_on": v.filed_on.isoformat() if v.filed_on else None,
    }


@register
class Filing(_VideoRule):
    """Art. 14: the administrator files with the county-level public security organ."""

    id = "video_surveillance.filing"
    title = Text(zh="公共安全视频系统备案", en="Filing of a public security video system")
    cites = (("video_regulations_2025", "14"), ("video_regulations_2025", "7"))
    parameters = (_P + "filing_deadline", _P + "transition_cutoff", _P + "transition_deadline")

    def evaluate_2025_04_01(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, i: int, v: VideoSystem) -> Iterable[Finding]:
        facts = _facts(v)
        where = f"video_surveillance.systems[{i}]"
        if v.place_category is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=v.id,
                facts=facts,
                missing=[f"{where}.place_category"],
                explanation=["Whether the system covers an Art. 7 public place is unknown."],
            )
            return
        if v.place_category == PlaceCategory.OTHER:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=v.id,
                facts=facts,
                explanation=["The system covers none of the Art. 7 public places."],
            )
            return
        authority = _county_organ(ctx, v, i)
        if v.in_use_since is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=v.id,
                facts=facts,
                authority=authority,
                missing=[f"{where}.in_use_since"],
                explanation=["The date the system went into use is unknown."],
            )
            return
        cutoff = ctx.param(_P + "transition_cutoff")
        due: Deadline | dt.date
        if v.in_use_since < cutoff.value:
            used = ctx.param(_P + "transition_deadline")
            due = used.value
            why = f"In use before {cutoff.value}: file by {used.value} (county-level notices)."
        else:
            used = ctx.param(_P + "filing_deadline")
            due = ctx.deadline(v.in_use_since, used)
            why = (
                f"In use since {v.in_use_since}: file within {used.value} days, by {due.due} "
                "(county-level notices implementing Art. 14)."
            )
        yield self.finding(
            ctx,
            self.due_status(ctx, due, v.filed_on is not None),
            subject=v.id,
            due=due,
            authority=authority,
            facts=facts,
            values=[cutoff, used],
            explanation=[
                "The administrator of a video system in an Art. 7 public place files basic "
                "information on itself and the system, online (psvs.mps.gov.cn) or offline.",
                why,
            ],
            actions=[]
            if v.filed_on
            else [
                Text(
                    zh="向系统所在地县级公安机关办理公共安全视频系统备案",
                    en="File the system with the county-level public security organ",
                )
            ],
        )


@register
class ChangeFiling(_VideoRule):
    """Changes of the filed matters are filed promptly (no day count in the sources)."""

    id = "video_surveillance.change_filing"
    title = Text(zh="公共安全视频系统备案变更", en="Filing changes of a video system")
    cites = (("video_regulations_2025", "14"), ("county_psb_video_filing_notices_2025", "2"))

    def evaluate_2025_04_01(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, i: int, v: VideoSystem) -> Iterable[Finding]:
        if v.filed_on is None:
            return
        for c in v.changes:
            if c.changed_on < v.filed_on or c.changed_on > ctx.as_of:
                continue
            yield self.finding(
                ctx,
                Status.MET if c.refiled_on else Status.APPLIES,
                subject=f"{v.id}@{c.changed_on.isoformat()}",
                authority=_county_organ(ctx, v, i),
                facts={
                    **_facts(v),
                    "changed_on": c.changed_on.isoformat(),
                    "change": c.description,
                },
                explanation=[
                    "Changes of the filed matters are filed promptly (及时); no day count is "
                    "sourced, so there is no due date."
                ],
                actions=[]
                if c.refiled_on
                else [Text(zh="及时办理备案变更", en="File the change promptly")],
            )


@register
class InspectionReadiness(_VideoRule):
    """The MPS rules' inspection items, as a self-check the administrator can record."""

    id = "video_surveillance.inspection_items"
    title = Text(zh="监督检查事项自查", en="Self-check against the inspection items")
    cites = (("mps_video_supervision_rules_2025", None),)

    def evaluate_2025_05_28(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, i: int, v: VideoSystem) -> Iterable[Finding]:
        checklist = load_checklist(ctx.law, CHECKLIST)
        where = f"video_surveillance.systems[{i}].self_check"
        unknown = sorted(set(v.self_check) - set(checklist.ids()))
        if unknown:
            raise ProfileError(
                f"unknown inspection item id(s) {', '.join(unknown)} "
                f"(see mappings/{CHECKLIST}.yaml)",
                field=where,
            )
        gaps = [
            k
            for k, e in v.self_check.items()
            if e.status in (EvidenceStatus.NON_COMPLIANT, EvidenceStatus.PARTLY_COMPLIANT)
        ]
        unrecorded = [k for k in checklist.ids() if k not in v.self_check]
        status = Status.APPLIES if gaps else Status.NEEDS_REVIEW
        missing = [f"{where}.{k}" for k in unrecorded]
        if checklist.needs_review:
            missing.append(
                f"mappings/{CHECKLIST}: {checklist.expected_count - len(checklist.items)} items not retrieved"
            )
        yield self.finding(
            ctx,
            status,
            subject=v.id,
            facts={**_facts(v), "gaps": gaps, "items_known": len(checklist.items)},
            missing=missing,
            explanation=[
                f"Public security organs inspect {checklist.expected_count} items; "
                f"{len(checklist.items)} are known: "
                + ", ".join(it.title.en for it in checklist.items)
                + ".",
                " ".join((checklist.needs_review or "").split()),
            ],
            actions=[Text(zh="整改自查发现的问题", en=f"Fix: {', '.join(gaps)}")] if gaps else [],
        )
