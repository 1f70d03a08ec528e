"""Cross-border duties beside the mechanism: PIA, important-data designation, localisation, splitting."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hegui.models import Finding, Status, Text
from hegui.profile.models import Transfer
from hegui.rules.authorities import provincial_cac
from hegui.rules.base import Context, Rule
from hegui.rules.cross_border import route_decisions
from hegui.rules.cross_border_counts import own_route
from hegui.rules.cross_border_model import Decision
from hegui.rules.cross_border_status import designation_due
from hegui.rules.registry import register


@register
class ImpactAssessment(Rule):
    """PIPL 55(4) and 56: a PI protection impact assessment before export, kept 3 years."""

    id = "cross_border.pia"
    regime = "cross_border"
    title = Text(
        zh="出境前个人信息保护影响评估", en="PI protection impact assessment before export"
    )
    cites = (("pipl", "55"), ("pipl", "56"))
    parameters = ("cross_border.pia_retention",)

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.in_force("pipl"):
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=["PIPL not yet in force."])
            return
        subjects = [t for t in ctx.profile.transfers if t.contains_pi]
        if not subjects:
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=["No transfer carries PI."])
        for t in subjects:
            yield self._one(ctx, t)

    def _one(self, ctx: Context, t: Transfer) -> Finding:
        retention = ctx.param("cross_border.pia_retention")
        done = t.pia_completed_on
        facts: dict[str, Any] = {
            "transfer": t.id,
            "start_date": t.start_date.isoformat() if t.start_date else None,
            "pia_completed_on": done.isoformat() if done else None,
        }
        expl = [
            "PIPL 55 requires a PI protection impact assessment before PI is provided abroad, "
            "whatever the export route (exempt transfers included)."
        ]
        kw: dict[str, Any] = {"subject": t.id, "values": [retention]}
        if done is not None:
            keep = ctx.deadline(done, retention).due
            facts["retain_until"] = keep.isoformat()
            expl.append(
                f"Keep the report and processing records for {retention.value} years, "
                f"until at least {keep.isoformat()} (PIPL 56)."
            )
            # Transfers running before the PIPL took effect needed the PIA from that date.
            pipl_from = ctx.law.instrument("pipl").effective
            begin = max(t.start_date, pipl_from) if t.start_date and pipl_from else t.start_date
            late = begin is not None and done > begin
            if late:
                expl.append("The assessment was completed after the transfer started.")
            return self.finding(
                ctx, Status.INFO if late else Status.MET, facts=facts, explanation=expl, **kw
            )
        if t.start_date is None:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                facts=facts,
                missing=[f"transfers[{t.id}].pia_completed_on", f"transfers[{t.id}].start_date"],
                explanation=[*expl, "Neither a PIA date nor the transfer's start date is given."],
                **kw,
            )
        # A flow running before the PIPL took effect owed the PIA from that date.
        pipl_from = ctx.law.instrument("pipl").effective
        due = max(t.start_date, pipl_from) if pipl_from else t.start_date
        return self.finding(
            ctx,
            self.due_status(ctx, due, False),
            due=due,
            facts=facts,
            explanation=[*expl, "No completed assessment is recorded."],
            actions=[
                Text(
                    zh="在出境前完成个人信息保护影响评估并留存报告",
                    en="Complete the impact assessment before the transfer and keep the report",
                )
            ],
            **kw,
        )


@register
class ImportantDataDesignation(Rule):
    """CAC Q&A of 30 May 2025: apply for an SA within 2 months of designation as important data."""

    id = "cross_border.important_data_designation"
    regime = "cross_border"
    title = Text(
        zh="被认定为重要数据后申报出境安全评估", en="Security assessment after designation"
    )
    cites = (("cac_data_export_qa_2025_05", None), ("ndsmr", "37"), ("cb_provisions_2024", "2"))
    parameters = ("cross_border.important_data_sa_application",)

    def evaluate_2025_05_30(self, ctx: Context) -> Iterable[Finding]:
        exporters: dict[str, list[Transfer]] = {}
        for t in ctx.profile.transfers:
            for ds in t.datasets:
                exporters.setdefault(ds, []).append(t)
        designated = [d for d in ctx.profile.datasets if d.important_data.designated]
        relevant = [d for d in designated if d.id in exporters]
        if not relevant:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No transfer exports data designated as important data."],
            )
        for dataset in relevant:
            yield self._one(ctx, dataset.id, exporters[dataset.id])

    def _one(self, ctx: Context, ds_id: str, transfers: list[Transfer]) -> Finding:
        dataset = ctx.profile.dataset(ds_id)
        notified = dataset.important_data.notified_on
        entity = ctx.profile.entity(transfers[0].entity)
        facts: dict[str, Any] = {
            "dataset": ds_id,
            "transfers": [t.id for t in transfers],
            "notified_on": notified.isoformat() if notified else None,
            "catalogue": dataset.important_data.catalogue,
        }
        kw: dict[str, Any] = {
            "subject": ds_id,
            "authority": provincial_cac(ctx.law, entity.province),
        }
        due, period = designation_due(ctx, ds_id)
        if notified is None or period is None:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                facts=facts,
                missing=[f"datasets[{ds_id}].important_data.notified_on"],
                explanation=[
                    "The application period runs from the notification or publication date."
                ],
                **kw,
            )
        if notified > ctx.as_of:
            return self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                facts=facts,
                explanation=[f"Designation takes effect on notification, {notified.isoformat()}."],
                **kw,
            )
        assert due is not None
        applied = [t.mechanism.applied_on for t in transfers if t.mechanism.applied_on]
        facts["applied_on"] = min(applied).isoformat() if applied else None
        expl = [
            f"Notified or published as important data on {notified.isoformat()}: apply for a "
            f"security assessment through the provincial CAC within {period.value} months, by "
            f"{due.isoformat()}; data not so notified needs no assessment as important data.",
        ]
        if applied and min(applied) > due:
            expl.append(f"Applied on {min(applied).isoformat()}, after the deadline.")
            return self.finding(
                ctx, Status.INFO, due=due, facts=facts, values=[period], explanation=expl, **kw
            )
        return self.finding(
            ctx,
            self.due_status(ctx, due, bool(applied)),
            due=due,
            facts=facts,
            values=[period],
            explanation=expl,
            actions=[]
            if applied
            else [Text(zh="申报数据出境安全评估", en="Apply for the security assessment")],
            **kw,
        )


@register
class Localisation(Rule):
    """CSL 37 / PIPL 40: CIIOs store PI and important data collected in China within China."""

    id = "cross_border.localisation"
    regime = "cross_border"
    title = Text(zh="关键信息基础设施运营者数据境内存储", en="Data localisation for CIIOs")
    cites = (("csl", "37"), ("pipl", "40"))
    parameters = ("cross_border.sa_threshold_processed_pi",)

    def evaluate_2017_06_01(self, ctx: Context) -> Iterable[Finding]:
        # CSL 37 is the first of the two provisions (PIPL 40 follows on 2021-11-01).
        threshold = ctx.param_or_none("cross_border.sa_threshold_processed_pi")
        basis = "CSL 37, PIPL 40" if ctx.in_force("pipl") else "CSL 37"
        found = False
        for e in ctx.profile.entities:
            large = (
                threshold is not None
                and e.individuals_processed is not None
                and e.individuals_processed >= threshold.value
            )
            if not (e.ciio or large):
                continue
            found = True
            why = (
                "The entity is a CIIO: PI and important data collected and generated in its "
                f"operations in China must be stored in China ({basis})."
                if e.ciio
                else f"The entity processes PI of {e.individuals_processed} people, at or above "
                "the CAC volume for PIPL 40 set by the SA Measures."
            )
            yield self.finding(
                ctx,
                Status.APPLIES,
                subject=e.id,
                facts={
                    "entity": e.id,
                    "ciio": e.ciio,
                    "individuals_processed": e.individuals_processed,
                },
                values=[] if e.ciio or threshold is None else [threshold],
                explanation=[
                    why,
                    "Any export needs a CAC security assessment (cross_border.route).",
                    *_csl_caveat(ctx),
                ],
                actions=[
                    Text(
                        zh="确保在境内存储个人信息和重要数据，出境前通过安全评估",
                        en="Keep PI and important data stored in China; export only after an SA",
                    )
                ],
            )
        if not found:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No entity is a CIIO or reaches the PIPL 40 volume."],
            )


@register
class NoSplitting(Rule):
    """Counts are per processor across transfers: splitting a flow does not lower the route."""

    id = "cross_border.no_splitting"
    regime = "cross_border"
    title = Text(zh="不得拆分规避出境门槛", en="Volumes are cumulative: no splitting")
    cites = (
        ("cb_provisions_2024", "7(2)"),
        ("cb_provisions_2024", "8"),
        ("pi_export_certification_2026", None),
    )

    def evaluate_2024_03_22(self, ctx: Context) -> Iterable[Finding]:
        routes = route_decisions(ctx) or {}
        by_entity: dict[str, list[Decision]] = {}
        for d in routes.values():
            if d.counts is not None and d.transfer.id in d.counts.counted:
                by_entity.setdefault(d.transfer.entity, []).append(d)
        emitted = False
        for entity_id, group in by_entity.items():
            raised = [d for d in group if d.route.rank > own_route(ctx, d).rank]
            if len(group) < 2 or not raised:
                continue
            emitted = True
            counts = group[0].counts
            assert counts is not None
            yield self.finding(
                ctx,
                Status.INFO,
                subject=entity_id,
                facts={
                    "entity": entity_id,
                    "transfers": [d.transfer.id for d in group],
                    "raised": [d.transfer.id for d in raised],
                    **counts.as_facts(),
                },
                explanation=[
                    "The thresholds count individuals cumulatively per processor since 1 January, "
                    "across all its transfers: taken together the transfers "
                    f"{', '.join(d.transfer.id for d in raised)} need a higher route than each "
                    "would alone. Splitting a flow to stay under a threshold is not allowed.",
                ],
            )
        if not emitted:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No entity's route is raised by adding up several transfers."],
            )


def _csl_caveat(ctx: Context) -> list[str]:
    """CSL articles are keyed in the 2016 numbering; say so once a later text is in force."""
    csl = ctx.law.instrument("csl")
    version = csl.version_on(ctx.as_of)
    if version is None or not csl.versions or version == csl.versions[0]:
        return []
    return [
        f"CSL Art. 37 is cited in its 2016 numbering; the text in force ({version.label.en}) "
        "may number it differently (needs review)."
    ]
