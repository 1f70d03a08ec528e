"""Data classification and grading (DSL 21, NDSMR 28-37, GB/T 43697-2024, PBOC and MNR schemes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hegui.models import Finding, Status, Text
from hegui.profile.models import Dataset
from hegui.rules.base import Context, Rule
from hegui.rules.grading import (
    SCHEME_CITES,
    GradeResult,
    designated_on,
    grade_profile,
    is_exported,
)
from hegui.rules.grading import GradingRow as GradingRow
from hegui.rules.grading import grading_table as grading_table
from hegui.rules.registry import register

# Data not notified or published as important data needs no export assessment as such.
_UNNOTIFIED_SOURCES: tuple[tuple[str, str | None], ...] = (
    ("cb_provisions_2024", "2"),
    ("ndsmr", "37"),
    ("cac_data_export_qa_2025_05", None),
)


def _no_datasets(rule: Rule, ctx: Context) -> Finding:
    return rule.finding(
        ctx,
        Status.NOT_APPLICABLE,
        explanation=["The profile lists no datasets, so there is nothing to grade."],
    )


@register
class DatasetGrade(Rule):
    """Grade each dataset core / important / general with the reasons for the grade."""

    id = "classification.grade"
    regime = "classification"
    title = Text(zh="数据分类分级", en="Data classification and grading")
    cites = (("dsl", "21"), ("gbt_43697_2024", "6.5"), ("gbt_43697_2024", "6.6"))
    parameters = ("classification.large_pi_volume",)

    def evaluate_2024_10_01(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.profile.datasets:
            yield _no_datasets(self, ctx)
            return
        known = {d.id for d in ctx.profile.datasets}
        section = ctx.profile.classification
        for i, g in enumerate(section.datasets if section else []):
            if g.dataset not in known:
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=g.dataset,
                    missing=[f"classification.datasets[{i}].dataset"],
                    explanation=[f"Grading facts name an unknown dataset {g.dataset!r}."],
                )
        for result in grade_profile(ctx.profile, ctx.law, ctx.as_of):
            yield self._finding_for(ctx, result)

    def _finding_for(self, ctx: Context, r: GradeResult) -> Finding:
        cits = self.citations(ctx)
        for scheme in r.schemes:
            c = ctx.cite(*SCHEME_CITES[scheme])
            if c not in cits:
                cits.append(c)
        if r.missing:
            status = Status.NEEDS_REVIEW
        elif r.grade in ("important", "core"):
            status = Status.APPLIES
        else:
            status = Status.INFO
        explanation = [f"Grade {r.grade} ({r.scheme}): {'; '.join(r.reasons)}."]
        if r.sublevel is not None:
            explanation.append(
                f"Within general data, sub-level {r.sublevel} (working assumption from the 2021 "
                "TC260 guide; GB/T 43697-2024 Appendix H not retrieved)."
            )
        if r.missing:
            explanation.append(
                "The grade is provisional (a floor): the overall level is the highest over all "
                "objects and schemes, and some are not assessed."
            )
        actions = []
        if r.missing:
            actions.append(
                Text(
                    zh="完成影响分析（国家安全、经济运行、社会秩序、公共利益）和行业分级",
                    en="Complete the impact analysis (national security, economy, social order, "
                    "public interest) and the sector grading",
                )
            )
        return self.finding(
            ctx,
            status,
            subject=r.dataset,
            facts=r.as_facts(),
            citations=cits,
            values=r.values,
            explanation=explanation,
            missing=r.missing,
            actions=actions,
        )


@register
class GradeDuties(Rule):
    """The duties that follow from an important or core grade."""

    id = "classification.grade_duties"
    regime = "classification"
    title = Text(zh="重要数据、核心数据的保护义务", en="Duties of important and core data")
    cites = (("dsl", "21"), ("ndsmr", "29"))

    def evaluate_2024_10_01(self, ctx: Context) -> Iterable[Finding]:
        duties = ctx.law.mapping("data_grade_duties")
        graded = [
            (ctx.profile.dataset(r.dataset), r)
            for r in grade_profile(ctx.profile, ctx.law, ctx.as_of)
            if r.grade in ("important", "core")
        ]
        if not graded:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No dataset is graded important or core data."],
            )
            return
        for ds, r in graded:
            yield self._duties(ctx, ds, r, duties)

    def _duties(
        self, ctx: Context, ds: Dataset, r: GradeResult, duties: list[dict[str, Any]]
    ) -> Finding:
        designated = designated_on(ds, ctx.as_of)
        exported = is_exported(ctx.profile, ds.id)
        facts_g = (
            ctx.profile.classification.for_dataset(ds.id) if ctx.profile.classification else None
        )
        owed, cits, actions = [], self.citations(ctx), []
        for d in duties:
            if r.grade not in d["grades"]:
                continue
            if d["when"] == "designated" and not designated:
                continue
            if d["when"] == "exported" and not exported:
                continue
            owed.append(d["id"])
            actions.append(Text(zh=d["label"]["zh"], en=d["label"]["en"]))
            for ref in d["reference"]:
                c = ctx.cite(ref["instrument"], ref.get("article"))
                if c not in cits:
                    cits.append(c)
        explanation = [f"The dataset is graded {r.grade} data ({r.scheme})."]
        if designated:
            explanation.append(
                "It has been notified or published as important data: the important-data "
                "processor duties apply (NDSMR Arts. 30-33) and export needs a security assessment."
            )
        else:
            # Name only the sources in force on as_of (the Q&A came in May 2025).
            sources = [ctx.cite(i, a) for i, a in _UNNOTIFIED_SOURCES if ctx.in_force(i)]
            cits += [c for c in sources if c not in cits]
            explanation.append(
                "It has not been notified or published as important data: identify and declare it "
                "under the applicable rules; until notified, export needs no security assessment as "
                f"important data ({'; '.join(c.label() for c in sources)})."
            )
        missing = []
        if facts_g is None or facts_g.in_catalogue is None:
            missing.append(f"classification.datasets[{ds.id}].in_catalogue")
        facts = {
            "grade": r.grade,
            "designated": designated,
            "exported": exported,
            "duties": owed,
            "in_catalogue": facts_g.in_catalogue if facts_g else None,
            "declared_on": facts_g.declared_on.isoformat()
            if facts_g and facts_g.declared_on
            else None,
        }
        status = Status.NEEDS_REVIEW if missing else Status.APPLIES
        return self.finding(
            ctx,
            status,
            subject=ds.id,
            facts=facts,
            citations=cits,
            explanation=explanation,
            missing=missing,
            actions=actions,
        )


@register
class PbocHighlySensitive(Rule):
    """PBOC business data: catalogue, and the handling limits for highly sensitive items."""

    id = "classification.pboc_sensitive_handling"
    regime = "classification"
    title = Text(
        zh="人民银行业务领域高敏感数据的处理限制",
        en="PBOC business data: handling of highly sensitive items",
    )
    cites = (("pboc_business_data_security_measures_2025", None),)

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.in_force("pboc_business_data_security_measures_2025"):
            yield self.finding(
                ctx, Status.NOT_APPLICABLE, explanation=["The PBOC measures are not yet in force."]
            )
            return
        scheme = ctx.law.mapping("sector_grading_schemes")["pboc"]
        finance = {e.id for e in ctx.profile.entities if set(e.sectors) & set(scheme["sectors"])}
        datasets = [d for d in ctx.profile.datasets if d.entity in finance]
        if not datasets:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No dataset belongs to an entity in a PBOC-regulated sector."],
            )
            return
        section = ctx.profile.classification
        for ds in datasets:
            g = section.for_dataset(ds.id) if section else None
            yield self._one(ctx, ds.id, g.pboc if g else None)

    def _one(self, ctx: Context, ds_id: str, p: Any) -> Finding:
        where = f"classification.datasets[{ds_id}].pboc"
        if p is None or p.highly_sensitive_items is None or p.in_business_data_catalogue is None:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=ds_id,
                missing=[f"{where}.highly_sensitive_items", f"{where}.in_business_data_catalogue"],
                explanation=[
                    "Financial institutions keep a business data resource catalogue and apply "
                    "stricter controls to highly sensitive items; the profile does not say."
                ],
            )
        gaps: list[Text] = []
        missing: list[str] = []
        if not p.in_business_data_catalogue:
            gaps.append(
                Text(
                    zh="将数据列入业务数据资源目录",
                    en="List the data in the business data catalogue",
                )
            )
        if p.highly_sensitive_items:
            for key, label in (
                (
                    "email_transmission_blocked",
                    Text(
                        zh="禁止通过电子邮件传输高敏感数据",
                        en="Block email transmission of highly sensitive items",
                    ),
                ),
                (
                    "export_outside_authorised_environment_blocked",
                    Text(
                        zh="禁止将高敏感数据导出至授权环境以外",
                        en="Block export of highly sensitive items outside the authorised environment",
                    ),
                ),
            ):
                value = getattr(p, key)
                if value is None:
                    missing.append(f"{where}.{key}")
                elif not value:
                    gaps.append(label)
        facts = {
            "highly_sensitive_items": p.highly_sensitive_items,
            "email_transmission_blocked": p.email_transmission_blocked,
            "export_outside_authorised_environment_blocked": p.export_outside_authorised_environment_blocked,
            "in_business_data_catalogue": p.in_business_data_catalogue,
        }
        if gaps:
            status = Status.DUE
        elif missing:
            status = Status.NEEDS_REVIEW
        else:
            status = Status.MET
        return self.finding(
            ctx,
            status,
            subject=ds_id,
            facts=facts,
            missing=missing,
            actions=gaps,
            explanation=[
                "The PBOC measures require a business data resource catalogue and, for highly "
                "sensitive data items, controls such as no email transmission and no export "
                "outside the authorised environment (seed item 8; article numbers not sourced)."
            ],
        )


@register
class SectorCatalogues(Rule):
    """Check datasets against the sector important-data catalogues (published or planned)."""

    id = "classification.sector_catalogue"
    regime = "classification"
    title = Text(zh="行业重要数据目录比对", en="Sector important-data catalogues")
    cites = (("ndsmr", "29"), ("cac_data_export_qa_2025_05", None))

    def check(self, ctx: Context) -> Iterable[Finding]:
        any_hit = False
        for cat in ctx.law.mapping("important_data_catalogues"):
            for entity in ctx.profile.entities:
                if not set(entity.sectors) & set(cat["sectors"]):
                    continue
                if cat.get("provinces") and entity.province not in cat["provinces"]:
                    continue
                finding = self._one(ctx, cat, entity.id)
                if finding is not None:
                    any_hit = True
                    yield finding
        if not any_hit:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["No entity is in a sector with an important-data catalogue."],
            )

    def _one(self, ctx: Context, cat: dict[str, Any], entity_id: str) -> Finding | None:
        refs = cat["reference"]
        inst = ctx.law.instrument(refs[0]["instrument"])
        proposed = cat["status"] == "proposed"
        start = inst.promulgated if proposed else inst.effective
        if start is None or ctx.as_of < start:
            return None
        cits = [ctx.cite(r["instrument"], r.get("article")) for r in refs]
        datasets = [d.id for d in ctx.profile.datasets if d.entity == entity_id]
        section = ctx.profile.classification
        unchecked = [
            d
            for d in datasets
            if not (section and (g := section.for_dataset(d)) and cat["id"] in g.catalogues_checked)
        ]
        subject = f"{entity_id}:{cat['id']}"
        facts = {"catalogue": cat["id"], "status": cat["status"], "datasets": datasets}
        label = cat["label"]["en"]
        if proposed:
            return self.finding(
                ctx,
                Status.INFO,
                subject=subject,
                facts=facts,
                citations=cits,
                proposed=True,
                explanation=[
                    f"{label}: planned, not yet published. When it is, check the entity's "
                    "datasets against it."
                ],
            )
        if unchecked:
            return self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                subject=subject,
                facts=facts,
                citations=cits,
                missing=[f"classification.datasets[{d}].catalogues_checked" for d in unchecked],
                explanation=[
                    f"{label} has been issued ({cat['regulator']['en']}); the entity's datasets "
                    "must be checked against it and declared where they match."
                ],
                actions=[
                    Text(
                        zh=f"对照{cat['label']['zh']}识别重要数据",
                        en=f"Check the datasets against the {label}",
                    )
                ],
            )
        return self.finding(
            ctx,
            Status.MET,
            subject=subject,
            facts=facts,
            citations=cits,
            explanation=[f"Every dataset of the entity was checked against the {label}."],
        )
