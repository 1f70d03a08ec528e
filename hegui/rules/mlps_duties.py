"""MLPS duties after filing: evaluation frequency, the 2025 template re-filing, annual protection
plans (MPS letter of 6 May 2025) and the draft MLPS Regulations (proposed only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hegui.models import Citation, Finding, Status, Text
from hegui.rules.base import Context
from hegui.rules.mlps import (
    PREFIX,
    MlpsRule,
    MlpsSubject,
    interval_months,
    iso,
    next_evaluation,
    subject_facts,
)
from hegui.rules.registry import register


@register
class Evaluation(MlpsRule):
    """Level 3 evaluated at least yearly, level 4 at least every six months."""

    id = "mlps.evaluation"
    title = Text(zh="等级测评", en="MLPS evaluation (等级测评) frequency")
    cites = (("mlps_measures_2007", "14"),)
    parameters = (PREFIX + "evaluation_interval_months",)

    def check(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, s: MlpsSubject) -> Iterable[Finding]:
        if s.level is None:
            return
        value, months = interval_months(ctx, s.level)
        last = s.facts.last_evaluation_on if s.facts else None
        facts = {**subject_facts(s), "last_evaluation_on": iso(last)}
        if months is None:
            if s.level == 1:
                status, text = Status.NOT_APPLICABLE, "Level 1 systems have no evaluation duty."
            elif s.level == 5:
                status = Status.NEEDS_REVIEW
                text = "Level 5 systems are evaluated per special requirements (not encoded)."
            else:
                status = Status.INFO
                text = (
                    f"No binding fixed interval is sourced for level {s.level} (practice: about "
                    "every two years); evaluate per the sector's and public security's requirements."
                )
            yield self.finding(
                ctx,
                status,
                subject=s.system.id,
                facts=facts,
                values=[value],
                missing=["mlps_measures_2007: level 5 special requirements"]
                if status == Status.NEEDS_REVIEW
                else [],
                explanation=[text],
            )
            return
        base = last or s.system.live_date
        if base is None:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=s.system.id,
                facts=facts,
                values=[value],
                missing=[s.field("last_evaluation_on"), f"systems[{s.system.id}].live_date"],
                explanation=["Neither the last evaluation nor the live date is known."],
            )
            return
        due = next_evaluation(base, months)
        status = self.cycle_status(ctx, due, last is not None)
        since = f"the last evaluation ({last})" if last else f"going live ({base}), none on record"
        yield self.finding(
            ctx,
            status,
            subject=s.system.id,
            due=due,
            facts={**facts, "interval_months": months},
            values=[value],
            explanation=[
                f"Level {s.level}: evaluate at least every {months} months; next due {due}, "
                f"counted from {since}.",
                *self.cycle_reminder(ctx, due, last is not None),
            ],
            actions=[]
            if status is Status.MET
            else [Text(zh="委托测评机构开展等级测评", en="Have an MLPS evaluation carried out")],
        )


@register
class TemplateRefiling(MlpsRule):
    """MPS letter of 6 May 2025: filed level 2+ systems re-file on the 2025 templates."""

    id = "mlps.template_refiling"
    title = Text(zh="使用2025版模板重新备案", en="Re-filing on the 2025 MLPS templates")
    cites = (("mps_mlps_letter_2025_1001", None), ("mps_mlps_letter_2025", None))
    parameters = (
        PREFIX + "template_refiling_cutoff",
        PREFIX + "template_refiling_deadline",
        PREFIX + "filing_min_level",
    )

    def evaluate_2025_05_06(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, s: MlpsSubject) -> Iterable[Finding]:
        filed = s.facts.filed_on if s.facts else None
        if (
            s.level is None
            or filed is None
            or s.level < int(ctx.value(PREFIX + "filing_min_level"))
        ):
            return
        cutoff = ctx.param(PREFIX + "template_refiling_cutoff")
        facts = {**subject_facts(s), "filed_on": filed.isoformat()}
        if filed >= cutoff.value:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=s.system.id,
                facts=facts,
                values=[cutoff],
                explanation=[f"Filed on {filed}, on or after {cutoff.value}."],
            )
            return
        refiled = s.facts.refiled_2025_template_on if s.facts else None
        deadline = ctx.param(PREFIX + "template_refiling_deadline")
        due: dt.date = deadline.value
        late = refiled is not None and refiled > due
        yield self.finding(
            ctx,
            self.due_status(ctx, due, refiled is not None),
            subject=s.system.id,
            due=due,
            facts={**facts, "refiled_2025_template_on": iso(refiled)},
            values=[cutoff, deadline],
            explanation=[
                f"Filed on {filed}, before {cutoff.value} (the date hegui uses for the MPS's 2025 "
                f"letters): re-file with the 2025 grading report and filing form templates by {due}, "
                "whether or not the level "
                "changes; a new expert review only if the level changes or the system changes "
                "significantly.",
                *([f"Re-filed on {refiled}, after {due}."] if late else []),
            ],
            actions=[]
            if refiled
            else [
                Text(
                    zh="使用2025版定级报告和备案表模板重新提交备案材料",
                    en="Re-file with the 2025 grading report and filing form templates",
                )
            ],
        )


@register
class ProtectionPlan(MlpsRule):
    """MPS letter of 6 May 2025: level 3+ systems submit an annual protection plan."""

    id = "mlps.protection_plan"
    title = Text(zh="年度等级保护工作计划", en="Annual protection plan (level 3 and above)")
    cites = (("mps_mlps_letter_2025_1001", None), ("mps_mlps_letter_2025", None))
    parameters = (PREFIX + "protection_plan_min_level", PREFIX + "protection_plan_interval")

    def evaluate_2025_05_06(self, ctx: Context) -> Iterable[Finding]:
        return self.run(ctx)

    def one(self, ctx: Context, s: MlpsSubject) -> Iterable[Finding]:
        minimum = ctx.param(PREFIX + "protection_plan_min_level")
        if s.level is None or s.level < minimum.value:
            return
        interval = ctx.param(PREFIX + "protection_plan_interval")
        start = max(interval.since.year, (s.system.live_date or interval.since).year)
        done_years = set(s.facts.protection_plan_years if s.facts else [])
        open_years = [
            y for y in range(start, ctx.as_of.year + 1, int(interval.value)) if y not in done_years
        ]
        year = open_years[0] if open_years else ctx.as_of.year
        due = dt.date(year, 12, 31)
        yield self.finding(
            ctx,
            self.due_status(ctx, due, not open_years),
            subject=s.system.id,
            due=due,
            facts={**subject_facts(s), "year": year, "plans": sorted(done_years)},
            values=[minimum, interval],
            explanation=[
                f"Level {s.level}: submit an annual protection plan focused on major risk hazards.",
                "The letter gives no calendar date; hegui shows the plan for each calendar year due "
                "by 31 December of that year (needs review).",
            ],
            actions=[]
            if not open_years
            else [
                Text(zh=f"报送{year}年度等级保护工作计划", en=f"Submit the {year} protection plan")
            ],
        )


@register
class DraftRegulations(MlpsRule):
    """The draft MLPS Regulations: shown as proposed, never binding."""

    id = "mlps.draft_regulations"
    title = Text(zh="网络安全等级保护条例（草案）", en="Draft MLPS Regulations (proposed)")
    cites = (("mlps_regulations_draft_2018", None),)

    def evaluate_2018_06_27(self, ctx: Context) -> Iterable[Finding]:
        yield from self._proposed(ctx, [])

    def evaluate_2025_05_14(self, ctx: Context) -> Iterable[Finding]:
        yield from self._proposed(
            ctx,
            [
                "The State Council's 2025 legislative plan (14 May 2025) lists the MLPS Regulations "
                "among the regulations to be drafted."
            ],
            extra=[ctx.cite("sc_legislative_plan_2025")],
        )

    def _proposed(
        self, ctx: Context, notes: list[str], extra: list[Citation] | None = None
    ) -> Iterable[Finding]:
        systems = list(ctx.profile.systems)
        if not systems:
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=["No systems declared."])
            return
        citations = self.citations(ctx) + list(extra or [])
        yield self.finding(
            ctx,
            Status.INFO,
            proposed=True,
            citations=citations,
            facts={"systems": [s.id for s in systems]},
            explanation=[
                "A draft administrative regulation on MLPS (2018 draft for comment) is not in force; "
                "its duties are proposed, not binding. hegui encodes none of its articles.",
                *notes,
            ],
        )
