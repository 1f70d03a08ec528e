"""Cybersecurity multi-level protection (MLPS 2.0): grading, expert review, filing, evaluation,
the 2025 re-filing and protection plans (MPS letter of 6 May 2025), and the draft Regulations.

Subjects are the profile's ``systems``; MLPS facts come from ``mlps.systems`` and the live date
from ``systems[].live_date``. The level is the declared level if given, else the one graded from
the answers (:mod:`hegui.rules.mlps_grading`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hegui.errors import ProfileError, RuleError
from hegui.law.deadlines import add_months
from hegui.models import Citation, Finding, Status, Text
from hegui.profile.mlps import MlpsSystem
from hegui.profile.models import System
from hegui.rules.authorities import provincial_authority
from hegui.rules.base import Context, Rule
from hegui.rules.mlps_grading import GradingInputError, GradingResult, grade
from hegui.rules.registry import register
from hegui.rules.subjects import entity_of, system_of

PREFIX = "mlps."


@dataclass
class MlpsSubject:
    """One system with its MLPS facts and level."""

    system: System
    index: int | None  # position in mlps.systems
    facts: MlpsSystem | None
    graded: GradingResult | None
    level: int | None

    def field(self, name: str) -> str:
        where = f"mlps.systems[{self.index}]" if self.index is not None else "mlps.systems[]"
        return f"{where}.{name} (system {self.system.id})"


def _subjects(ctx: Context) -> list[MlpsSubject]:
    section = ctx.profile.mlps
    by_id: dict[str, tuple[int, MlpsSystem]] = {}
    for k, declared in enumerate(section.systems if section else []):
        system_of(ctx, declared.system, f"mlps.systems[{k}].system")
        by_id[declared.system] = (k, declared)
    out = []
    for system in ctx.profile.systems:
        entry: tuple[int | None, MlpsSystem | None] = by_id.get(system.id, (None, None))
        i, m = entry
        graded = None
        if m is not None and m.grading is not None:
            try:
                graded = grade(ctx.law, m.grading.model_dump())
            except GradingInputError as exc:
                raise ProfileError(
                    exc.message, field=f"mlps.systems[{i}].grading.{exc.field}"
                ) from None
        level = m.declared_level if m and m.declared_level else (graded.level if graded else None)
        out.append(MlpsSubject(system, i, m, graded, level))
    return out


def _authority(ctx: Context, s: MlpsSubject) -> Text | None:
    if s.system.entity is None:
        return None
    entity = entity_of(ctx, s.system.entity, "systems.entity")
    if s.facts is not None and s.facts.cross_provincial:
        return provincial_authority(
            ctx.law,
            entity.province,
            "公安厅（局）网安部门",
            "provincial public security department (cybersecurity)",
        )
    return provincial_authority(
        ctx.law,
        entity.province,
        "地市级以上公安机关网安部门",
        "municipal-level (or higher) public security organ, cybersecurity department",
    )


def subject_facts(s: MlpsSubject) -> dict[str, Any]:
    return {"system": s.system.id, "entity": s.system.entity, "level": s.level}


# The amended CSL (in force 2026-01-01) renumbered the MLPS duty, ex-Art. 21, as Art. 23.
_CSL_2016, _CSL_AMENDED = ("csl", "21"), ("csl_2025", "23")


class MlpsRule(Rule):
    regime = "mlps"

    def citations(self, ctx: Context) -> list[Citation]:
        """The rule's provisions, with the CSL article of the text in force on the as-of date."""
        amended = ctx.in_force(_CSL_AMENDED[0])
        return [
            ctx.cite(*_CSL_AMENDED) if amended and c == _CSL_2016 else ctx.cite(*c)
            for c in self.cites
        ]

    def run(self, ctx: Context) -> Iterable[Finding]:
        subjects = _subjects(ctx)
        if not subjects:
            yield self.finding(
                ctx, Status.NOT_APPLICABLE, explanation=["The profile declares no systems."]
            )
            return
        for s in subjects:
            yield from self.one(ctx, s)

    def one(self, ctx: Context, s: MlpsSubject) -> Iterable[Finding]:
        """Per-subject template hook: rules that use the base class's loop define it."""
        raise RuleError(f"rule {self.id} uses the per-subject loop but defines no one()")


@register
class Grading(MlpsRule):
    """GB/T 22240-2020: the level from the two axes, or the declared level."""

    id = "mlps.grading"
    title = Text(zh="网络安全等级保护定级", en="MLPS grading (security protection level)")
    cites = (("gbt_22240_2020", "4.3"), ("gbt_22240_2020", "6"), ("csl", "21"))
    parameters = (PREFIX + "ciio_min_level",)

    def evaluate_2020_11_01(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, s: MlpsSubject) -> Iterable[Finding]:
        facts = subject_facts(s)
        if s.level is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=s.system.id,
                facts=facts,
                missing=[s.field("grading"), s.field("declared_level")],
                explanation=[
                    "Every network operator grades its systems under MLPS (CSL Art. 21, Art. 23 from "
                    "2026-01-01); the profile gives neither grading answers nor a declared level.",
                    "Run `hegui mlps grade` to grade it.",
                ],
            )
            return
        explanation: list[str] = []
        status = Status.INFO
        missing: list[str] = []
        if s.graded is not None:
            explanation += s.graded.reasoning + s.graded.needs_review
            facts.update(
                {"info_level": s.graded.info.level, "service_level": s.graded.service.level}
            )
            declared = s.facts.declared_level if s.facts else None
            if declared and declared != s.graded.level:
                status = Status.NEEDS_REVIEW
                missing = [s.field("declared_level")]
                explanation.append(
                    f"The declared level {declared} differs from the graded level "
                    f"{s.graded.level}; hegui uses the declared level. Re-grade or correct it."
                )
        else:
            explanation.append(f"Declared level {s.level} (no grading answers in the profile).")
        values = []
        entity = entity_of(ctx, s.system.entity, "systems.entity") if s.system.entity else None
        if entity is not None and entity.ciio:
            floor = ctx.param(PREFIX + "ciio_min_level")
            values.append(floor)
            if s.level < floor.value:
                status = Status.NEEDS_REVIEW
                missing.append(s.field("declared_level"))
                explanation.append(
                    f"The entity is a CII operator: CII is in principle graded no lower than level "
                    f"{floor.value}; check whether this system is part of the CII."
                )
        yield self.finding(
            ctx,
            status,
            subject=s.system.id,
            facts=facts,
            values=values,
            missing=missing,
            explanation=explanation,
        )


@register
class ExpertReview(MlpsRule):
    """A preliminary level of 2 or above is reviewed by experts before filing."""

    id = "mlps.expert_review"
    title = Text(zh="定级专家评审", en="Expert review of the grading")
    cites = (("gbt_22240_2020", "7"), ("mlps_measures_2007", "16"))
    parameters = (PREFIX + "expert_review_min_level",)

    def evaluate_2020_11_01(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, s: MlpsSubject) -> Iterable[Finding]:
        if s.level is None:
            return
        minimum = ctx.param(PREFIX + "expert_review_min_level")
        facts = {
            **subject_facts(s),
            "expert_review_on": iso(s.facts.expert_review_on if s.facts else None),
        }
        if s.level < minimum.value:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=s.system.id,
                facts=facts,
                values=[minimum],
                explanation=[f"Level {s.level} is below level {minimum.value}."],
            )
            return
        done = s.facts is not None and s.facts.expert_review_on is not None
        yield self.finding(
            ctx,
            Status.MET if done else Status.APPLIES,
            subject=s.system.id,
            facts=facts,
            values=[minimum],
            explanation=[
                f"Level {s.level}: information-security and business experts review the grading "
                "and give an opinion (with the sector regulator's approval where there is one) "
                "before filing."
            ],
            actions=[]
            if done
            else [Text(zh="组织专家评审定级结果", en="Have experts review the grading")],
        )


@register
class Filing(MlpsRule):
    """Level 2+: file with the public security organ within 30 days of going live."""

    id = "mlps.filing"
    title = Text(zh="等级保护备案", en="MLPS filing with the public security organ")
    cites = (("mlps_measures_2007", "15"), ("csl", "21"))
    parameters = (PREFIX + "filing_min_level", PREFIX + "filing_deadline")

    def check(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, s: MlpsSubject) -> Iterable[Finding]:
        if s.level is None:
            return
        minimum = ctx.param(PREFIX + "filing_min_level")
        period = ctx.param(PREFIX + "filing_deadline")
        facts = {**subject_facts(s), "live_date": iso(s.system.live_date)}
        if s.level < minimum.value:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=s.system.id,
                facts=facts,
                values=[minimum],
                explanation=[
                    f"Level {s.level} systems are not filed (filing from level {minimum.value})."
                ],
            )
            return
        authority = _authority(ctx, s)
        if s.system.live_date is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=s.system.id,
                facts=facts,
                values=[minimum, period],
                authority=authority,
                missing=[f"systems[{s.system.id}].live_date"],
                explanation=["The date the system went live is unknown."],
            )
            return
        start = s.system.live_date
        graded_on = s.facts.graded_on if s.facts else None
        why = f"went live on {start}"
        if graded_on is not None and graded_on > start:
            # A system already running when graded files within the period after grading.
            start, why = graded_on, f"was graded on {graded_on}, after going live"
        due = ctx.deadline(start, period)
        filed = s.facts.filed_on if s.facts else None
        explanation = [
            f"Level {s.level} (level {minimum.value} and above are filed): the system {why}, so it "
            f"files within {period.value} calendar days, by {due.due}.",
        ]
        if authority is not None:
            explanation.append(f"Filing authority: {authority.en}.")
        if filed is not None and filed > due.due:
            explanation.append(f"Filed on {filed}, {(filed - due.due).days} day(s) late.")
        yield self.finding(
            ctx,
            self.due_status(ctx, due, filed is not None),
            subject=s.system.id,
            due=due,
            authority=authority,
            facts={**facts, "filed_on": iso(filed)},
            values=[minimum, period],
            explanation=explanation,
            actions=[]
            if filed
            else [
                Text(
                    zh="向公安机关办理等级保护备案",
                    en="File the system with the public security organ",
                )
            ],
        )


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def interval_months(ctx: Context, level: int) -> tuple[Any, int | None]:
    """The evaluation-interval Value and the months for ``level`` (None: no fixed interval)."""
    value = ctx.param(PREFIX + "evaluation_interval_months")
    months = value.value.get(level)
    return value, None if months is None else int(months)


def next_evaluation(last: dt.date, months: int) -> dt.date:
    return add_months(last, months)
