"""Reporting the PI protection officer to the CAC (CAC notice of 2025-07-18, under PIPL 52).

From the notice's publication, a processor whose PI volume reaches the PI officer threshold
reports its officer's information to the CAC of the districted city where it is located within a
period of working days; processors already over the threshold report by a transition date; a
substantive change of the reported information is reported within a period of working days.
Volumes come from ``entities[].individuals_processed``; the report, the day the threshold was
reached and the changes from ``governance.entities[]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from hegui.law.calendar import Deadline
from hegui.law.loader import Value
from hegui.models import Finding, Status, Text
from hegui.profile.governance import EntityGovernance
from hegui.profile.models import Entity
from hegui.rules.base import Context, Rule
from hegui.rules.governance import entity_governance, volume_facts, volume_gate
from hegui.rules.registry import register

_P = "governance."
_NOTICE = "cac_pi_officer_report_notice_2025"
_AUTHORITY = Text(
    zh="所在地设区的市级网信部门（个人信息保护业务系统）",
    en="CAC of the districted city where the processor is located (online, PI protection "
    "business system)",
)
_DUTY = (
    "PIPL Art. 52 and PI Audit Measures Art. 12, as the CAC notice of {notice} applies them: "
    "a processor handling PI of {n:,} individuals or more reports its PI protection officer's "
    "information to the CAC of the districted city where it is located, online."
)


def _path(i: int | None, entity_id: str, name: str) -> str:
    return f"governance.entities[{i if i is not None else f'entity={entity_id}'}].{name}"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@register
class PiOfficerReport(Rule):
    """CAC notice of 2025-07-18: report the PI protection officer, and changes, to the city CAC."""

    id = "governance.pi_officer_report"
    regime = "governance"
    title = Text(zh="个人信息保护负责人信息报送", en="Report the PI protection officer to the CAC")
    cites = ((_NOTICE, None), ("pipl", "52"), ("pi_audit_measures_2025", "12"))
    parameters = (
        _P + "pi_officer_report_threshold",
        _P + "pi_officer_report_deadline",
        _P + "pi_officer_report_transition_cutoff",
        _P + "pi_officer_report_transition_deadline",
        _P + "pi_officer_change_report_deadline",
    )
    description = Text(
        zh="处理个人信息达到规定数量的处理者向所在地设区的市级网信部门报送个人信息保护负责人信息及其变更",
        en="Processors at the PI officer volume report the officer's information, and its "
        "substantive changes, to the districted-city CAC",
    )

    def evaluate_2025_07_18(self, ctx: Context) -> Iterable[Finding]:
        threshold = ctx.param(_P + "pi_officer_report_threshold")
        for k, entity in enumerate(ctx.profile.entities):
            yield from self._entity(ctx, k, entity, threshold)

    def _entity(self, ctx: Context, k: int, entity: Entity, threshold: Value) -> Iterable[Finding]:
        facts = volume_facts(entity, threshold)
        gate = volume_gate(self, ctx, k, entity, threshold, facts)
        if gate is not None:
            yield gate
            return
        i, g = entity_governance(ctx, entity.id)
        reached = g.pi_officer_threshold_reached_on if g else None
        facts["threshold_reached_on"] = _iso(reached)
        if reached is not None and reached > ctx.as_of:
            # individuals_processed is today's count; on as_of the entity was still below it.
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                subject=entity.id,
                facts=facts,
                values=[threshold],
                explanation=[
                    f"The entity reaches {threshold.value:,} individuals only on {reached}, after "
                    f"{ctx.as_of}: no report is owed yet."
                ],
            )
            return
        yield self._report(ctx, i, entity, g, reached, threshold, facts)
        if g is not None and g.officer_reported():
            yield from self._changes(ctx, entity, g)

    def _report(
        self,
        ctx: Context,
        i: int | None,
        entity: Entity,
        g: EntityGovernance | None,
        reached: dt.date | None,
        threshold: Value,
        facts: dict[str, Any],
    ) -> Finding:
        cutoff = ctx.param(_P + "pi_officer_report_transition_cutoff")
        due: Deadline | dt.date
        missing: list[str] = []
        if reached is None or reached < cutoff.value:
            used = ctx.param(_P + "pi_officer_report_transition_deadline")
            due = used.value
            why = (
                f"The threshold was reached on {reached}, before the notice of {cutoff.value}: "
                f"report by {used.value}."
                if reached is not None
                else "The day the threshold was reached is not recorded: hegui takes the entity as "
                f"over it before the notice of {cutoff.value}, so the transition date "
                f"{used.value} applies (record the day if it was reached later)."
            )
        else:
            used = ctx.param(_P + "pi_officer_report_deadline")
            due = ctx.deadline(reached, used)
            why = (
                f"The threshold was reached on {reached}: report within {used.value} working days "
                f"of that day, by {due.due}."
            )
        reported_on = g.pi_officer_reported_on if g else None
        done = bool(g and g.officer_reported())
        due_day = due.due if isinstance(due, Deadline) else due
        explanation = [_DUTY.format(n=threshold.value, notice=cutoff.value), why]
        if reported_on is not None:
            explanation.append(f"Reported on {reported_on}.")
            if reported_on > due_day:
                explanation.append(f"The report was {(reported_on - due_day).days} day(s) late.")
        elif done:
            explanation.append("Reported (the profile records no date).")
        elif reached is None:
            missing.append(_path(i, entity.id, "pi_officer_threshold_reached_on"))
        designated = g.pi_officer_designated if g else None
        actions = []
        if not done:
            first = ("指定个人信息保护负责人，并", "Designate a PI protection officer and report")
            zh, en = first if designated is False else ("", "Report")
            actions.append(
                Text(
                    zh=f"{zh}通过个人信息保护业务系统向所在地设区的市级网信部门报送负责人信息",
                    en=f"{en} the officer's information to the districted-city CAC online",
                )
            )
        return self.finding(
            ctx,
            self.due_status(ctx, due, done),
            subject=entity.id,
            due=due,
            authority=_AUTHORITY,
            facts={
                **facts,
                "pi_officer_designated": designated,
                "pi_officer_reported": g.officer_reported() if g else None,
                "pi_officer_reported_on": _iso(reported_on),
            },
            values=[threshold, cutoff, used],
            explanation=explanation,
            missing=missing,
            actions=actions,
        )

    def _changes(self, ctx: Context, entity: Entity, g: EntityGovernance) -> Iterable[Finding]:
        # A change before the first report is covered by that report; the notice binds from its
        # publication, so a report without a date counts changes from then.
        notice = ctx.law.instrument(_NOTICE).effective
        since = g.pi_officer_reported_on or notice
        period = ctx.param(_P + "pi_officer_change_report_deadline")
        for c in g.pi_officer_changes:
            if since is not None and c.changed_on < since:
                continue
            due = ctx.deadline(c.changed_on, period)
            done = c.reported_on is not None
            explanation = [
                f"The reported officer information changed on {c.changed_on}"
                + (f" ({c.description})" if c.description else "")
                + f": a substantive change is reported within {period.value} working days of the "
                f"change, by {due.due} (CAC PI officer reporting notice).",
            ]
            if c.reported_on is not None:
                explanation.append(f"Change reported on {c.reported_on}.")
                if c.reported_on > due.due:
                    explanation.append(
                        f"The change was reported {(c.reported_on - due.due).days} day(s) late."
                    )
            yield self.finding(
                ctx,
                self.due_status(ctx, due, done),
                subject=f"{entity.id}@{c.changed_on.isoformat()}",
                title=Text(
                    zh="个人信息保护负责人信息变更报送",
                    en="Report a change of the PI protection officer information",
                ),
                due=due,
                authority=_AUTHORITY,
                facts={
                    "entity": entity.id,
                    "changed_on": c.changed_on.isoformat(),
                    "change": c.description,
                    "reported_on": _iso(c.reported_on),
                },
                values=[period],
                explanation=explanation,
                actions=[]
                if done
                else [
                    Text(
                        zh="通过个人信息保护业务系统办理个人信息保护负责人信息变更手续",
                        en="Report the change of the officer information to the districted-city "
                        "CAC online",
                    )
                ],
            )
