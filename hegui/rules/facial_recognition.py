"""Facial recognition (FR Measures, CAC/MPS Order No. 19, in force 2025-06-01; CAC filing notice).

One subject per deployment in ``facial_recognition.deployments``. The filing rule names the
provincial CAC of the deploying entity's province; the substantive duties (Arts. 6-10, 13) are
ongoing duties without a date, so an unmet duty is ``applies`` with the action to take.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from hegui.errors import RuleError
from hegui.law.calendar import Deadline
from hegui.models import Finding, Status, Text
from hegui.profile.facial_recognition import FrDeployment
from hegui.rules.authorities import provincial_cac
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register
from hegui.rules.subjects import entity_of

_P = "facial_recognition."


def deployment_field(i: int, name: str) -> str:
    return f"facial_recognition.deployments[{i}].{name}"


def deployment_facts(d: FrDeployment) -> dict[str, Any]:
    facts: dict[str, Any] = {"deployment": d.id, "entity": d.entity}
    if d.system:
        facts["system"] = d.system
    return facts


class FrRule(Rule):
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
            entity_of(ctx, d.entity, deployment_field(i, "entity"))
            if d.research_only:
                yield self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    subject=d.id,
                    facts={**deployment_facts(d), "research_only": True},
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
        """Per-subject template hook: rules that use the base class's loop define it."""
        raise RuleError(f"rule {self.id} uses the per-subject loop but defines no deployment()")

    def across(self, ctx: Context, deployments: list[FrDeployment]) -> Iterable[Finding]:
        """Findings about several deployments together (none by default)."""
        return ()


@register
class Filing(FrRule):
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
        entity = entity_of(ctx, d.entity, deployment_field(i, "entity"))
        authority = provincial_cac(ctx.law, entity.province)
        threshold = ctx.param(_P + "filing_threshold")
        facts = {
            **deployment_facts(d),
            "province": entity.province,
            "individuals_stored": d.individuals_stored,
            "threshold": threshold.value,
        }
        if d.individuals_stored is None:
            yield self.missing_fact(
                ctx,
                deployment_field(i, "individuals_stored"),
                "The number of individuals whose face information is stored is unknown.",
                subject=d.id,
                facts=facts,
                values=[threshold],
                authority=authority,
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
            yield self.missing_fact(
                ctx,
                deployment_field(i, "threshold_reached_on"),
                f"Stored face information ({d.individuals_stored:,}) has reached the threshold "
                f"of {threshold.value:,}, but the day it was reached is unknown, so the filing "
                "deadline cannot be computed.",
                subject=d.id,
                facts=facts,
                values=[threshold],
                authority=authority,
            )
            return
        if d.threshold_reached_on > ctx.as_of:
            # individuals_stored is today's count; on as_of it was still below the threshold.
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=d.id,
                facts={**facts, "threshold_reached_on": d.threshold_reached_on.isoformat()},
                values=[threshold],
                authority=authority,
                explanation=[
                    f"Stored face information reaches the filing threshold of {threshold.value:,} "
                    f"only on {d.threshold_reached_on}, after {ctx.as_of}: no filing is owed yet."
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
class Refiling(FrRule):
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
                facts={**deployment_facts(d), "filed_on": d.filed_on.isoformat()},
                explanation=["No substantive change of the filed information is recorded."],
            )
            return
        entity = entity_of(ctx, d.entity, deployment_field(i, "entity"))
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
                    **deployment_facts(d),
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


@register
class Deregistration(FrRule):
    """Art. 15 (as summarised): cancel the filing within 30 working days of stopping."""

    id = "facial_recognition.deregistration"
    title = Text(zh="人脸识别备案注销", en="Cancel the facial-recognition filing after stopping")
    cites = (("fr_measures_2025", "15"),)
    parameters = (_P + "deregistration_deadline",)

    def deployment(self, ctx: Context, i: int, d: FrDeployment) -> Iterable[Finding]:
        if d.filed_on is None or d.terminated_on is None or d.terminated_on > ctx.as_of:
            return
        entity = entity_of(ctx, d.entity, deployment_field(i, "entity"))
        authority = provincial_cac(ctx.law, entity.province)
        period = ctx.param(_P + "deregistration_deadline")
        due = ctx.deadline(d.terminated_on, period)
        done = d.deregistered_on is not None
        yield self.finding(
            ctx,
            self.due_status(ctx, due, done),
            subject=d.id,
            due=due,
            authority=authority,
            facts={
                **deployment_facts(d),
                "terminated_on": d.terminated_on.isoformat(),
                "deregistered_on": d.deregistered_on.isoformat() if d.deregistered_on else None,
            },
            values=[period],
            explanation=[
                f"Facial recognition stopped on {d.terminated_on}: cancel the filing within "
                f"{period.value} working days, by {due.due}, and handle the face information "
                "according to law (delete it unless retention is lawful)."
            ],
            actions=[]
            if done
            else [
                Text(
                    zh="办理备案注销并依法处理人脸信息",
                    en="Cancel the filing and delete or otherwise lawfully handle the face data",
                )
            ],
        )
