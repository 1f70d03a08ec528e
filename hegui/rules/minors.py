"""Minors and children: guardian consent and dedicated rules for children's PI, the annual
minors' PI compliance audit, and the draft children's smart-watch standard (proposed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from hegui.models import Finding, Status, Text
from hegui.profile.minors import ChildrensDevice
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register

_WATCH = "childrens_watch_standard_draft_2025"


def _children_datasets(ctx: Context) -> list[Any]:
    return [d for d in ctx.profile.datasets if (d.minors_under_14 or 0) > 0]


@register
class ChildrensPi(Rule):
    """Children's PI: guardian consent, dedicated rules and a responsible person."""

    id = "minors.childrens_pi"
    regime = "minors"
    title = Text(
        zh="儿童个人信息：监护人同意与专门处理规则",
        en="Children's PI: guardian consent and dedicated processing rules",
    )
    cites = (
        ("childrens_pi_provisions_2019", "8"),
        ("childrens_pi_provisions_2019", "9"),
    )
    parameters = ("minors.child_age",)

    def evaluate_2019_10_01(self, ctx: Context) -> Iterable[Finding]:
        yield from self._check(ctx, pipl=False)

    def evaluate_2021_11_01(self, ctx: Context) -> Iterable[Finding]:
        yield from self._check(ctx, pipl=True)

    def _check(self, ctx: Context, *, pipl: bool) -> Iterable[Finding]:
        age = ctx.param("minors.child_age")
        datasets = _children_datasets(ctx)
        if not datasets:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                values=[age],
                explanation=[f"No dataset holds PI of children under {age.value}."],
            )
            return
        cits = self.citations(ctx)
        if pipl:
            cits += [ctx.cite("pipl", "28"), ctx.cite("pipl", "31")]
            cits.append(ctx.cite("minors_protection_law", "72"))
        section = ctx.profile.minors
        for ds in datasets:
            facts_d = section.for_dataset(ds.id) if section else None
            yield self._one(ctx, ds.id, ds.minors_under_14, facts_d, cits, age, pipl)

    def _one(
        self, ctx: Context, ds_id: str, count: int, f: Any, cits: list[Any], age: Any, pipl: bool
    ) -> Finding:
        where = f"minors.datasets[{ds_id}]"
        checks = {
            "guardian_consent": Text(zh="取得监护人同意", en="Obtain the guardian's consent"),
            "dedicated_rules": Text(
                zh="制定专门的儿童个人信息处理规则", en="Publish dedicated children's PI rules"
            ),
            "responsible_person": Text(
                zh="指定儿童个人信息保护专人", en="Designate a person responsible for children's PI"
            ),
        }
        facts: dict[str, Any] = {"children": count}
        missing, actions = [], []
        for key, action in checks.items():
            value = getattr(f, key) if f is not None else None
            facts[key] = value
            if value is None:
                missing.append(f"{where}.{key}")
            elif not value:
                actions.append(action)
        expl = [f"The dataset holds PI of {count} children under {age.value}."]
        if pipl:
            expl.append(
                "Under PIPL Art. 28 this is sensitive PI: Art. 31 requires the guardian's consent "
                "and dedicated processing rules (the Children's PI Provisions add a responsible "
                "person, Art. 8)."
            )
        else:
            expl.append(
                "The Children's PI Provisions (Arts. 8-9) require the guardian's consent, "
                "dedicated rules and a responsible person."
            )
        if actions:
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
            citations=cits,
            values=[age],
            explanation=expl,
            missing=missing,
            actions=actions,
        )


@register
class MinorsAudit(Rule):
    """Minors Online Regulations Art. 37: audit the processing of minors' PI every year.

    From the CAC notice of 2025-12-29 the audit is per calendar year and the previous year's audit is
    reported by a fixed day of January (law data ``minors.audit_report_by``); before it, hegui counts
    one interval from the last audit.
    """

    id = "minors.compliance_audit"
    regime = "minors"
    title = Text(zh="未成年人个人信息合规审计", en="Annual compliance audit of minors' PI")
    cites = (("minors_online_regulations", "37"),)
    parameters = ("minors.audit_interval", "minors.audit_report_by")

    def _minors(self, ctx: Context) -> list[Any]:
        return [
            d
            for d in ctx.profile.datasets
            if (d.minors_under_18 or 0) > 0 or (d.minors_under_14 or 0) > 0
        ]

    def _not_applicable(self, ctx: Context) -> Finding:
        return self.finding(
            ctx,
            Status.NOT_APPLICABLE,
            explanation=["No dataset holds PI of minors (minors_under_18 / minors_under_14)."],
        )

    def evaluate_2024_01_01(self, ctx: Context) -> Iterable[Finding]:
        minors = self._minors(ctx)
        if not minors:
            yield self._not_applicable(ctx)
            return
        interval = ctx.param("minors.audit_interval")
        section = ctx.profile.minors
        last = section.last_audit_on if section else None
        start = last or ctx.law.instrument("minors_online_regulations").effective
        assert start is not None  # a final instrument in force has an effective date
        deadline = ctx.deadline(start, interval)
        facts = {
            "datasets": [d.id for d in minors],
            "last_audit_on": last.isoformat() if last else None,
            "audit_reported": section.audit_reported if section else None,
        }
        expl = [
            "Processors audit their processing of minors' PI for compliance every year, themselves "
            "or through a professional agency, and report the results to the CAC and other "
            "authorities promptly."
        ]
        if last is None:
            expl.append(
                "No audit is recorded: the first was due one interval after the Regulations took "
                "effect."
            )
        reported = section.audit_reported if section else None
        # The last audit covers this cycle only once it has been reported too.
        status = self.cycle_status(ctx, deadline, last is not None and reported is True)
        actions = (
            []
            if status is Status.MET
            else [
                Text(
                    zh="开展未成年人个人信息合规审计并报告网信部门",
                    en="Audit the processing of minors' PI and report to the CAC",
                )
            ]
        )
        expl += self.cycle_reminder(ctx, deadline, last is not None and reported is True)
        missing = []
        if last is not None and status is Status.DUE:
            if section is not None and section.audit_reported is False:
                actions.insert(
                    0,
                    Text(zh="将上次审计情况报告网信等部门", en="Report the last audit to the CAC"),
                )
            elif section is not None and section.audit_reported is None:
                missing.append("minors.audit_reported")
        yield self.finding(
            ctx,
            status,
            due=deadline,
            facts=facts,
            values=[interval],
            explanation=expl,
            missing=missing,
            actions=actions,
        )

    def evaluate_2025_12_29(self, ctx: Context) -> Iterable[Finding]:
        minors = self._minors(ctx)
        if not minors:
            yield self._not_applicable(ctx)
            return
        interval = ctx.param("minors.audit_interval")
        report_by = ctx.param("minors.audit_report_by")
        month, day = int(report_by.value["month"]), int(report_by.value["day"])
        section = ctx.profile.minors
        last = section.last_audit_on if section else None
        reported = section.audit_reported if section else None
        notice = ctx.law.instrument("cac_minors_audit_report_notice_2025").effective
        assert notice is not None  # a final instrument in force has an effective date
        first = _report_day_on_or_after(notice, month, day)
        missing: list[str] = []
        actions = [
            Text(
                zh="开展本年度未成年人个人信息合规审计，并于次年报送截止日前报送",
                en="Audit this year's processing of minors' PI and report it by the day set for "
                "the following January",
            )
        ]
        if last is None:
            # Nothing recorded: the first report under the notice covers the year before it.
            due = first
            expl_last = (
                "No audit is recorded: the first report under the notice was due on this day."
            )
        else:
            # The report day on or after the audit closes the year the audit covers.
            closes = _report_day_on_or_after(last, month, day)
            if reported:
                step = int(interval.value)
                due = dt.date(closes.year + step, month, day)
                expl_last = (
                    f"The last audit ({last.isoformat()}) was reported; the next year's audit is "
                    "reported by this day."
                )
            else:
                due = max(closes, first)
                expl_last = f"The last audit ({last.isoformat()}) must be reported by this day."
                if reported is None:
                    missing.append("minors.audit_reported")
                actions.insert(
                    0,
                    Text(zh="报送上次审计情况", en="Report the last audit to the CAC"),
                )
        facts = {
            "datasets": [d.id for d in minors],
            "last_audit_on": last.isoformat() if last else None,
            "audit_reported": reported,
        }
        expl = [
            "Processors audit their processing of minors' PI every calendar year, themselves or "
            "through a professional agency, and report the previous year's audit to the CAC of the "
            "districted city where they are located by the day the CAC notice sets.",
            expl_last,
        ]
        yield self.finding(
            ctx,
            self.due_status(ctx, due, done=False),
            due=due,
            authority=Text(zh="所在地设区的市级网信部门", en="CAC of the districted city"),
            facts=facts,
            values=[interval, report_by],
            explanation=expl,
            missing=missing,
            actions=actions,
        )


def _report_day_on_or_after(day: dt.date, month: int, dom: int) -> dt.date:
    """The first yearly report day (``month``/``dom``) on or after ``day``."""
    this_year = dt.date(day.year, month, dom)
    return this_year if day <= this_year else dt.date(day.year + 1, month, dom)


@register
class ChildrensWatchDraft(Rule):
    """Draft mandatory standard for children's smart watches (proposed, not binding)."""

    id = "minors.smart_watch_draft"
    regime = "minors"
    title = Text(
        zh="儿童手表安全技术要求（征求意见稿）",
        en="Children's smart watch requirements (draft standard)",
    )
    cites = ((_WATCH, None),)

    def check(self, ctx: Context) -> Iterable[Finding]:
        published = ctx.law.instrument(_WATCH).promulgated
        devices = ctx.profile.minors.devices if ctx.profile.minors else []
        watches = [d for d in devices if d.kind == "childrens_smart_watch"]
        if published is None or ctx.as_of < published or not watches:
            reason = (
                "The draft standard had not been published."
                if published is None or ctx.as_of < published
                else "The organisation makes no children's smart watch (minors.devices)."
            )
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=[reason])
            return
        requirements = ctx.law.mapping("childrens_watch_requirements")
        for device in watches:
            yield self._one(ctx, device, requirements)

    def _one(self, ctx: Context, device: ChildrensDevice, reqs: list[dict[str, Any]]) -> Finding:
        gaps, missing, facts = [], [], {}
        for r in reqs:
            value = getattr(device, r["field"])
            facts[r["field"]] = value
            if value is None:
                missing.append(f"minors.devices[{device.id}].{r['field']}")
            elif value != r["compliant"]:
                gaps.append(r["id"])
        facts["gaps"] = gaps
        label = {r["id"]: r["label"] for r in reqs}
        return self.finding(
            ctx,
            Status.APPLIES if gaps or missing else Status.INFO,
            subject=device.id,
            facts=facts,
            proposed=True,
            missing=missing,
            explanation=[
                "MIIT's draft mandatory standard (published 2025-05-14 for comment) would require "
                "these data and content controls; it is not in force, so this is a proposed "
                "finding to plan for."
            ],
            actions=[Text(zh=label[g]["zh"], en=label[g]["en"]) for g in gaps],
        )
