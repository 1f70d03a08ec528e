"""Run the rules over a profile as of a date and collect the findings."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from typing import Any

from pydantic import BaseModel, Field

from hegui.errors import HeguiError, RuleError
from hegui.law.calendar import WorkingCalendar, default_calendar
from hegui.law.loader import Law, get_law
from hegui.models import Citation, Finding, Status, Text
from hegui.profile.as_of import Hidden, as_known_on
from hegui.profile.models import Profile
from hegui.rules.base import Context, Rule
from hegui.rules.in_force import in_force
from hegui.rules.registry import all_rules

SCHEMA_VERSION = "1.0"
SHANGHAI_TODAY = "Asia/Shanghai"


class RuleInfo(BaseModel):
    """One rule in the catalogue (``hegui rules``)."""

    id: str
    regime: str
    title: Text
    description: Text | None = None
    citations: list[Citation]
    parameters: list[str] = Field(default_factory=list)
    effective: dt.date | None = Field(
        default=None, description="Earliest date any of its logic applies"
    )
    logic_dates: list[dt.date] = Field(
        default_factory=list, description="Dates on which its logic changes"
    )
    parameter_dates: list[dt.date] = Field(
        default_factory=list, description="Dates its parameters change"
    )


class Summary(BaseModel):
    by_status: dict[str, int]
    by_regime: dict[str, int]
    open: int
    overdue: int
    approximate_deadlines: int


class Assessment(BaseModel):
    """The result of assessing one profile as of one date. Its JSON form is a versioned API."""

    schema_version: str = SCHEMA_VERSION
    tool_version: str
    as_of: dt.date
    generated_at: dt.datetime
    organisation: str
    findings: list[Finding]
    summary: Summary
    rules_run: list[str]
    facts_after_as_of: list[str] = Field(
        default_factory=list,
        description="Profile facts dated after as_of (filings, answers, requests ...), left out: "
        "on as_of they had not happened yet",
    )

    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_open()]

    def worst(self) -> Status:
        return max(
            (f.status for f in self.findings), key=lambda s: s.rank, default=Status.NOT_APPLICABLE
        )


def rule_info(rule: type[Rule], law: Law) -> RuleInfo:
    citations = [law.cite(i, a) for i, a in rule.cites]
    logic_dates = [d for d, _ in rule.dated_methods()]
    param_dates = sorted({d for p in rule.parameters for d in law.parameter_dates(p)})
    candidates = logic_dates[:1] or [c.effective for c in citations[:1] if c.effective]
    return RuleInfo(
        id=rule.id,
        regime=rule.regime,
        title=rule.title,
        description=rule.description,
        citations=citations,
        parameters=list(rule.parameters),
        effective=candidates[0] if candidates else None,
        logic_dates=logic_dates,
        parameter_dates=param_dates,
    )


def list_rules(law: Law | None = None) -> list[RuleInfo]:
    law = law or get_law()
    out = []
    for rule in all_rules().values():
        rule.validate_declaration(law)
        out.append(rule_info(rule, law))
    return out


def assess(
    profile: Profile,
    as_of: dt.date,
    *,
    regimes: list[str] | None = None,
    rule_ids: list[str] | None = None,
    law: Law | None = None,
    calendar: WorkingCalendar | None = None,
) -> Assessment:
    """Evaluate every applicable rule on ``profile`` as of ``as_of``."""
    from hegui import __version__

    law = law or get_law()
    # Rules see the profile as it stood on as_of: later filings, answers, requests ... are absent.
    view, hidden = as_known_on(profile, as_of)
    ctx = Context(view, as_of, law, calendar or default_calendar(), later=hidden)
    rules = all_rules()
    if rule_ids:
        unknown = [r for r in rule_ids if r not in rules]
        if unknown:
            raise RuleError(f"unknown rule id(s): {', '.join(unknown)}")
    findings: list[Finding] = []
    run: list[str] = []
    for rule_id, cls in rules.items():
        if regimes and cls.regime not in regimes:
            continue
        if rule_ids and rule_id not in rule_ids:
            continue
        run.append(rule_id)
        findings.extend(_evaluate(cls, ctx))
    _note_later_facts(findings, hidden, as_of)
    findings.sort(key=_order)
    return Assessment(
        tool_version=__version__,
        as_of=as_of,
        generated_at=dt.datetime.now(dt.UTC),
        organisation=profile.organisation.name,
        findings=findings,
        summary=_summary(findings),
        rules_run=run,
        facts_after_as_of=[str(h) for h in hidden],
    )


def _evaluate(cls: type[Rule], ctx: Context) -> list[Finding]:
    """Run one rule. A bug in one rule must not hide every other finding: outside strict mode
    (``HEGUI_STRICT=1``, set by the test suite) it becomes a needs_review finding saying so."""
    rule = cls()
    try:
        return [_cited_in_force(rule, f, ctx) for f in rule.evaluate(ctx)]
    except HeguiError:
        raise  # the user's input is at fault, and the error names the file or field
    except Exception as exc:
        if os.environ.get("HEGUI_STRICT") == "1":
            raise
        return [
            rule.finding(
                ctx,
                Status.NEEDS_REVIEW,
                explanation=[
                    f"hegui could not evaluate this rule ({type(exc).__name__}); this is a bug in "
                    "hegui, please report it. The other rules were evaluated."
                ],
                missing=["a working evaluation of this rule"],
            )
        ]


def _note_later_facts(findings: list[Finding], hidden: list[Hidden], as_of: dt.date) -> None:
    """Tell, on the findings about a subject, which of its facts were left out as later."""
    for f in findings:
        if not f.subject:
            continue
        mark = f"[{f.subject}]"
        later = [str(h) for h in hidden if mark in h.path]
        if later:
            f.explanation.append(
                f"Dated after {as_of}, so not yet happened then: {'; '.join(later)}."
            )


def _cited_in_force(rule: Rule, finding: Finding, ctx: Context) -> Finding:
    """Drop citations of provisions not yet in force on as_of. A finding other than
    not_applicable left with none rests on no law in force: a bug of the rule (strict mode raises)."""
    out, dropped = in_force(finding, ctx.law, ctx.as_of)
    if dropped and not out.citations and out.status is not Status.NOT_APPLICABLE:
        if os.environ.get("HEGUI_STRICT") == "1":
            names = ", ".join(f"{c.instrument}:{c.article}" for c in dropped)
            raise RuleError(
                f"rule {rule.id} gave {out.status.value} on {ctx.as_of} ({out.subject}) citing "
                f"only provisions not yet in force: {names}"
            )
        out.explanation.append(
            "hegui found no provision in force on this date for this finding; this is a bug in "
            "hegui, please report it."
        )
    return out


def _order(f: Finding) -> tuple[Any, ...]:
    return (-f.status.rank, f.due or dt.date.max, f.rule_id, f.subject or "")


def _summary(findings: list[Finding]) -> Summary:
    by_status = Counter(f.status.value for f in findings)
    by_regime = Counter(f.regime for f in findings if f.is_open())
    return Summary(
        by_status={s.value: by_status.get(s.value, 0) for s in Status},
        by_regime=dict(sorted(by_regime.items())),
        open=sum(1 for f in findings if f.is_open()),
        overdue=by_status.get(Status.OVERDUE.value, 0),
        approximate_deadlines=sum(1 for f in findings if f.due_approximate),
    )
