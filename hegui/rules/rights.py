"""Data-subject rights: response deadlines of logged requests (PIPL 44-50, NDSMR 23-25).

The statutes say "promptly"; the default period is law data (``rights.response_period``: the
app-enforcement benchmark of 15 working days) with the GB/T 35273 30-day outer bound
(``rights.response_period_outer``). An unanswered request past its deadline is overdue and, from
the SPC Q&A of May 2025, counts as a refusal that opens a lawsuit under PIPL Art. 50.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from hegui.errors import ProfileError
from hegui.law.calendar import WorkingCalendar
from hegui.law.loader import Law, Value
from hegui.models import Citation, Finding, Status, Text
from hegui.profile.as_of import item_as_known_on
from hegui.profile.models import Profile
from hegui.profile.rights import RightsRequest
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register

_QA = "spc_pi_rights_qa_2025_05"


class RequestDeadline(BaseModel):
    """The deadline and status of one data-subject request (``hegui.api.request_deadline``)."""

    request: str
    type: str
    received: dt.date
    due: dt.date | None = Field(default=None, description="Answer due by (inclusive)")
    due_approximate: bool = False
    outer_due: dt.date | None = Field(default=None, description="GB/T 35273 30-day outer bound")
    period: str = Field(description="The period applied, e.g. '15 working_days'")
    status: str = Field(description="due, overdue, met or not_applicable")
    answered_late: bool = False
    deemed_refused: bool = Field(
        default=False, description="Unanswered past the deadline: a refusal (SPC Q&A May 2025)"
    )
    lawsuit_possible: bool = Field(
        default=False, description="Refused (or deemed refused): the individual may sue (PIPL 50)"
    )
    citations: list[Citation] = Field(default_factory=list)
    explanation: list[str] = Field(default_factory=list)


def _not_applicable(
    req: RightsRequest, why: str, citations: list[Citation] | None = None
) -> RequestDeadline:
    """A request no deadline runs for on the as-of date, with the reason."""
    return RequestDeadline(
        request=req.id,
        type=req.type.value,
        received=req.received,
        period="none",
        status="not_applicable",
        citations=citations or [],
        explanation=[why],
    )


def request_deadline(
    req: RightsRequest,
    as_of: dt.date,
    law: Law,
    calendar: WorkingCalendar,
    committed_working_days: int | None = None,
) -> tuple[RequestDeadline, list[Value]]:
    """Compute one request's deadline and status on ``as_of`` (and the parameter values used)."""
    kinds = law.mapping("rights_request_types")
    kind = kinds[req.type.value]
    cits = [law.cite(r["instrument"], r.get("article")) for r in kind["reference"]]
    base = law.parameter_or_none("rights.response_period", req.received)
    if base is None:
        return _not_applicable(
            req, "The request predates the PIPL's data-subject rights (2021-11-01).", cits
        ), []
    values = [base]
    since = kind.get("since")
    if since is not None and req.received < since:
        return RequestDeadline(
            request=req.id,
            type=req.type.value,
            received=req.received,
            period="none",
            status="not_applicable",
            citations=cits,
            explanation=[
                f"{kind['label']['en'].capitalize()} requests became enforceable on "
                f"{since.isoformat()}: {kind.get('note', '')}".strip()
            ],
        ), values
    n = int(base.value)
    expl = []
    if committed_working_days is not None and committed_working_days < n:
        n = committed_working_days
        expl.append(f"The organisation commits to {n} working days, shorter than the default.")
    elif committed_working_days is not None:
        expl.append(
            f"The committed period ({committed_working_days} working days) exceeds the "
            f"{n}-working-day limit; the limit applies."
        )
    deadline = calendar.add(req.received, n, base.unit)
    outer = law.parameter_or_none("rights.response_period_outer", req.received)
    outer_due = None
    if outer is not None:
        values.append(outer)
        outer_due = calendar.add(req.received, int(outer.value), outer.unit).due
    qa_in_force = law.instrument(_QA).in_force(as_of)
    out = RequestDeadline(
        request=req.id,
        type=req.type.value,
        received=req.received,
        due=deadline.due,
        due_approximate=deadline.approximate,
        outer_due=outer_due,
        period=f"{n} {base.unit}",
        status="due",
        citations=[*cits, law.cite("pipl", "50")],
        explanation=expl,
    )
    if deadline.approximate and deadline.reason:
        out.explanation.append(deadline.reason)
    if req.answered is not None:
        out.status = "met"
        out.answered_late = req.answered > deadline.due
        if out.answered_late:
            out.explanation.append(
                f"Answered on {req.answered.isoformat()}, after the {out.period} deadline "
                f"({deadline.due.isoformat()})."
            )
        if req.outcome is not None and req.outcome.value == "refused":
            out.lawsuit_possible = True
            out.explanation.append(
                "The request was refused: the refusal must state reasons and the individual may "
                "sue in a people's court (PIPL Art. 50)."
            )
        return out, values
    if as_of > deadline.due:
        out.status = "overdue"
        out.explanation.append(
            f"Unanswered {(as_of - deadline.due).days} day(s) after the {out.period} deadline "
            f"({deadline.due.isoformat()})."
        )
        if qa_in_force:
            out.deemed_refused = True
            out.lawsuit_possible = True
            out.citations.append(law.cite(_QA))
            out.explanation.append(
                "Per the SPC Q&A of May 2025, no answer within a reasonable period counts as a "
                "refusal, so the individual may sue under PIPL Art. 50 (the newsletter reporting "
                "the Q&A says 'Article 52'; the right to sue after a refusal is in Art. 50)."
            )
    return out, values


def _facts(d: RequestDeadline, req: RightsRequest) -> dict[str, Any]:
    return {
        "type": d.type,
        "received": d.received.isoformat(),
        "answered": req.answered.isoformat() if req.answered else None,
        "outcome": req.outcome.value if req.outcome else None,
        "period": d.period,
        "outer_due": d.outer_due.isoformat() if d.outer_due else None,
        "answered_late": d.answered_late,
        "deemed_refused": d.deemed_refused,
        "lawsuit_possible": d.lawsuit_possible,
    }


@register
class RequestResponse(Rule):
    """Each logged request: its deadline, whether it is overdue, and the litigation consequence."""

    id = "rights.request_response"
    regime = "rights"
    title = Text(zh="个人行使权利请求的答复期限", en="Answering data-subject requests in time")
    cites = (("pipl", "50"),)
    parameters = ("rights.response_period", "rights.response_period_outer")

    def check(self, ctx: Context) -> Iterable[Finding]:
        section = ctx.profile.rights
        if not ctx.in_force("pipl"):
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=["PIPL not yet in force."])
            return
        if section is None or not section.requests:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                explanation=["The profile logs no data-subject requests (rights.requests)."],
            )
            return
        for req in section.requests:
            d, values = request_deadline(
                req, ctx.as_of, ctx.law, ctx.calendar, section.committed_response_working_days
            )
            yield self._finding(ctx, req, d, values)

    def _finding(
        self, ctx: Context, req: RightsRequest, d: RequestDeadline, values: list[Value]
    ) -> Finding:
        facts = _facts(d, req)
        actions: list[Text] = []
        missing: list[str] = []
        status = Status(d.status)
        if status is Status.NOT_APPLICABLE:
            return self.finding(
                ctx,
                status,
                subject=req.id,
                facts=facts,
                citations=d.citations,
                explanation=d.explanation,
            )
        if status in (Status.DUE, Status.OVERDUE):
            actions.append(
                Text(
                    zh="核验身份后答复该请求；拒绝的应说明理由",
                    en="Verify the requester and answer; a refusal must state reasons",
                )
            )
        elif req.outcome is not None and req.outcome.value == "refused":
            if req.reasons_given is None:
                status = Status.NEEDS_REVIEW
                missing.append(f"rights.requests[{req.id}].reasons_given")
            elif not req.reasons_given:
                # The reasons belonged in the answer: owed since the answer's own deadline.
                status = self.due_status(ctx, d.due, False) if d.due else Status.DUE
                actions.append(
                    Text(zh="向请求人说明拒绝理由", en="Tell the requester the reasons for refusal")
                )
        finding = self.finding(
            ctx,
            status,
            subject=req.id,
            due=d.due if status in (Status.DUE, Status.OVERDUE) else None,
            facts=facts,
            citations=d.citations,
            values=values,
            explanation=d.explanation
            or [f"Answer due by {d.due.isoformat() if d.due else '-'} ({d.period})."],
            missing=missing,
            actions=actions,
        )
        # The calendar's reason is already in the explanation; keep the flag on the finding.
        finding.due_approximate = d.due_approximate and finding.due is not None
        return finding


@register
class RequestChannel(Rule):
    """PIPL 50: a convenient mechanism to receive and handle requests."""

    id = "rights.request_channel"
    regime = "rights"
    title = Text(zh="便捷的权利请求受理机制", en="A convenient channel for rights requests")
    cites = (("pipl", "50"), ("ndsmr", "23"))

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.in_force("pipl"):
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=["PIPL not yet in force."])
            return
        if not any(d.has_pi for d in ctx.profile.datasets) and ctx.profile.rights is None:
            yield self.finding(
                ctx, Status.NOT_APPLICABLE, explanation=["The profile declares no personal data."]
            )
            return
        channels = ctx.profile.rights.channels if ctx.profile.rights else []
        if not channels:
            yield self.finding(
                ctx,
                Status.NEEDS_REVIEW,
                missing=["rights.channels"],
                explanation=[
                    "The profile names no channel through which individuals can make requests."
                ],
            )
            return
        yield self.finding(
            ctx,
            Status.MET,
            facts={"channels": channels},
            explanation=[f"Requests can be made through: {', '.join(channels)}."],
        )


def deadline_for(
    request: RightsRequest | dict[str, Any],
    profile: Profile | None,
    as_of: dt.date,
    law: Law,
    calendar: WorkingCalendar,
) -> RequestDeadline:
    """Validate ``request`` (a model or a dict with the profile's field names) and compute it."""
    if isinstance(request, RightsRequest):
        req = request
    else:
        try:
            req = RightsRequest.model_validate(request)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "request"
            raise ProfileError(f"invalid request: {err['msg']}", field=field) from None
    committed = (
        profile.rights.committed_response_working_days if profile and profile.rights else None
    )
    # As known on as_of: a later answer has not been given yet, a later request not received.
    known, _ = item_as_known_on(req, "rights.requests[]", as_of)
    if known is None:
        return _not_applicable(
            req, f"Received on {req.received}, after {as_of}: not yet received then."
        )
    return request_deadline(known, as_of, law, calendar, committed)[0]
