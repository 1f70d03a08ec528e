"""Reporting clocks: every report each applicable regime requires, to whom, and by when.

Hours and minutes run on the clock from the detection time, holidays and midnight included
(Asia/Shanghai has no DST). Periods counted in days or working days after handling ends use the
official calendar and end at the close of their last day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hegui.errors import HeguiError
from hegui.incidents.grading import (
    RegimeSpec,
    cites,
    grade_incident,
    operator_class,
    regime_specs,
    resolve_operator,
)
from hegui.incidents.models import (
    Incident,
    IncidentClocks,
    IncidentError,
    Operator,
    RegimeClocks,
    RegimeGrade,
    ReportClock,
    grade_rank,
)
from hegui.law.calendar import WorkingCalendar, default_calendar
from hegui.law.deadlines import CLOCK_UNITS, SHANGHAI, to_shanghai
from hegui.law.loader import Law, Value, get_law
from hegui.models import Text
from hegui.profile.models import Profile
from hegui.rules.authorities import provincial_cac

_UNIT_TEXT = {
    "minutes": ("分钟", "minutes"),
    "hours": ("小时", "hours"),
    "days": ("日", "days"),
    "working_days": ("个工作日", "working days"),
}


def incident_clocks(
    incident: Incident,
    profile: Profile | None = None,
    *,
    now: dt.datetime | None = None,
    law: Law | None = None,
    calendar: WorkingCalendar | None = None,
) -> IncidentClocks:
    """Every report each applicable regime requires, with its exact deadline and status."""
    law = law or get_law()
    calendar = calendar or default_calendar()
    now = to_shanghai(now) if now is not None else dt.datetime.now(SHANGHAI)
    if incident.detected_at > now + _CLOCK_SKEW:
        # Every clock would read longer than its whole period: a wrong year or day, or --now
        # replaying a moment before the incident was detected.
        raise IncidentError(
            f"detected at {incident.detected_at.isoformat()}, after now "
            f"({now.isoformat(timespec='minutes')}): no reporting clock has started",
            field="detected_at",
        )
    op = resolve_operator(incident, profile)
    cls, cls_note = operator_class(op, incident)
    grading = grade_incident(incident, profile, law=law)
    on = incident.detected_at.date()
    specs = {s.entries["regime"]: s for s in regime_specs(law, on)}
    _check_reports_made(incident, specs.values())
    regimes = []
    for grade in grading.regimes:
        if not grade.applies:
            continue
        spec = specs[grade.regime]
        reports = _reports(law, calendar, spec, grade, incident, op, cls, now)
        if cls_note and grade.regime == "cac":
            for r in reports:
                r.needs_review.append(cls_note)
        regimes.append(
            RegimeClocks(
                regime=grade.regime,
                title=grade.title,
                grade=grade,
                reports=reports,
                penalty_violations=list(spec.entries.get("penalty_violations", [])),
                **_ordered_audit(law, spec, incident, on),
            )
        )
    return IncidentClocks(
        incident_id=incident.id,
        title=incident.title,
        detected_at=incident.detected_at,
        now=now,
        operator=grading.operator,
        operator_class=cls,
        regimes=regimes,
    )


#: Clocks of two machines differ a little: a detection time this far ahead of now is taken as now.
_CLOCK_SKEW = dt.timedelta(minutes=5)


def _check_reports_made(incident: Incident, specs: Any) -> None:
    """Every report marked done must be one the law data knows: a typo would leave it owed."""
    known = sorted({r["id"] for spec in specs for r in spec.entries["reports"]})
    for i, made in enumerate(incident.reports_made):
        if made.report not in known:
            raise IncidentError(
                f"unknown report {made.report!r} (known: {', '.join(known)})",
                field=f"reports_made[{i}].report",
            )


def _reports(
    law: Law,
    calendar: WorkingCalendar,
    spec: RegimeSpec,
    grade: RegimeGrade,
    incident: Incident,
    op: Operator,
    cls: str,
    now: dt.datetime,
) -> list[ReportClock]:
    on = incident.detected_at.date()
    by_id = {r["id"]: r for r in spec.entries["reports"]}
    out = []
    for rep in spec.entries["reports"]:
        conditional = not_required = False
        min_grade = _min_grade(law, rep, on)
        if min_grade is not None and grade_rank(grade.grade) < grade_rank(min_grade):
            possible = [a.grade for q in grade.questions for a in q.answers if a.grade]
            if any(grade_rank(g) >= grade_rank(min_grade) for g in possible):
                conditional = True
            elif _made(incident, rep["id"], now) is None:
                continue
            else:
                # Reported while the facts gave a higher grade: keep the record of what was sent.
                not_required = True
        clock = _clock(law, calendar, rep, by_id, grade, incident, op, cls, now)
        if not_required:
            clock.notes.append(
                f"Made, but the current grade ({grade.grade}) no longer requires it "
                f"({min_grade} or above)"
            )
        if conditional and clock.status != "done":
            clock.status = "conditional"
            clock.needs_review.append(
                "Required only if the open grading questions give a grade of "
                f"{min_grade} or above: answer them in the record"
            )
        out.append(clock)
    return out


def _made(incident: Incident, report_id: str, now: dt.datetime) -> dt.datetime | None:
    """When the report was made, if by ``now`` (--now replays the incident as it stood then)."""
    return next(
        (m.at for m in incident.reports_made if m.report == report_id and m.at <= now), None
    )


def _min_grade(law: Law, rep: dict[str, Any], on: dt.date) -> str | None:
    if "min_grade_parameter" in rep:
        value = law.parameter_or_none(rep["min_grade_parameter"], on)
        return None if value is None else str(value.value)
    return rep.get("min_grade")


def _recipient(
    law: Law, rep: dict[str, Any], by_id: dict[str, dict[str, Any]], op: Operator, cls: str
) -> Text:
    spec = rep["recipients"]
    if "same_as" in spec:
        return _recipient(law, by_id[spec["same_as"]], by_id, op, cls)
    chosen = spec["all"] if "all" in spec else spec[cls]
    if chosen == "provincial_cac":
        try:
            return provincial_cac(law, op.province)
        except HeguiError as exc:
            raise IncidentError(exc.message, field="operator.province") from None
    return Text(**chosen)


def _clock(
    law: Law,
    calendar: WorkingCalendar,
    rep: dict[str, Any],
    by_id: dict[str, dict[str, Any]],
    grade: RegimeGrade,
    incident: Incident,
    op: Operator,
    cls: str,
    now: dt.datetime,
) -> ReportClock:
    on = incident.detected_at.date()
    refs = (
        rep["draft_reference"] if grade.proposed and "draft_reference" in rep else rep["reference"]
    )
    needs_review = [rep["needs_review"]] if rep.get("needs_review") else []
    content = [
        Text(zh=c["zh"], en=c["en"])
        for c in rep["content"]
        if c.get("when") is None or c["when"] == incident.type.value
    ]
    done = _made(incident, rep["id"], now)
    spec = rep["deadline"]
    deadline: dt.datetime | None = None
    approximate = False
    immediately = False
    proposed = grade.proposed
    status = "due"
    if spec.get("immediately"):
        immediately = True
        timing = Text(zh="立即", en="Immediately")
    elif spec.get("from") == "developments":
        status = "ongoing"
        timing = Text(
            zh="原因或影响查明时补报；出现重大进展时随时报告",
            en="When the cause or impact is established, and on each major development",
        )
    elif "unknown" in spec:
        status = "unknown"
        timing = Text(zh="时限未核实", en="Deadline not verified")
        needs_review.append(spec["unknown"])
    else:
        value = law.parameter(spec["parameter"], on)
        n, unit = _period(value, spec, cls)
        proposed = proposed or value.proposed
        if value.needs_review:
            needs_review.append(f"{value.parameter}: {value.needs_review}")
        shown_n, shown_unit = (
            (n // 60, "hours") if unit == "minutes" and n >= 60 and n % 60 == 0 else (n, unit)
        )
        zh_unit, en_unit = _UNIT_TEXT[shown_unit]
        if spec["from"] == "detection":
            start: dt.datetime | None = incident.detected_at
            timing = Text(
                zh=f"自发现时起{shown_n}{zh_unit}内", en=f"Within {shown_n} {en_unit} of detection"
            )
        else:
            start = incident.handling_ended_at
            timing = Text(
                zh=f"事件处置结束后{shown_n}{zh_unit}内",
                en=f"Within {shown_n} {en_unit} after handling ends",
            )
        if start is None:
            status = "waiting"
        else:
            d = calendar.add(start, n, unit)
            approximate = d.approximate
            if d.approximate and d.reason:
                needs_review.append(d.reason)
            if unit in CLOCK_UNITS:
                assert d.due_at is not None
                deadline = d.due_at
            else:
                # A period counted in days ends at the close of its last day.
                deadline = dt.datetime.combine(d.due, dt.time(23, 59, 59), tzinfo=SHANGHAI)
    notes = _escalation(law, rep, grade, cls, on)
    seconds_left = None
    if done is not None:
        status = "done"
        if deadline is not None and done > deadline:
            notes.append(
                f"Made {_span(int((done - deadline).total_seconds()))} after the deadline "
                f"({deadline:%Y-%m-%d %H:%M} Asia/Shanghai): "
                + ("a draft's period, no breach" if proposed else "a late report")
            )
    elif deadline is not None:
        seconds_left = int((deadline - now).total_seconds())
        # A draft's period that has passed is no breach ("lapsed"): the draft was never in force.
        late = "lapsed" if proposed else "overdue"
        status = "due" if seconds_left >= 0 else late
    return ReportClock(
        regime=grade.regime,
        report=rep["id"],
        kind=rep["kind"],
        name=Text(**rep["name"]),
        to=_recipient(law, rep, by_id, op, cls),
        channel=Text(**rep["channel"]),
        deadline=deadline,
        immediately=immediately,
        timing=timing,
        approximate=approximate,
        content=content,
        exemption=Text(**rep["exemption"]) if rep.get("exemption") else None,
        done_at=done,
        status=status,
        seconds_left=seconds_left,
        proposed=proposed,
        notes=notes,
        citations=cites(law, refs),
        needs_review=needs_review,
    )


def _span(seconds: int) -> str:
    """'1d 2h 05m' for a positive number of seconds (CLI and notes say the same)."""
    days, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    return (f"{days}d " if days else "") + f"{hours}h {rem // 60:02d}m"


def _ordered_audit(law: Law, spec: RegimeSpec, incident: Incident, on: dt.date) -> dict[str, Any]:
    """PI Audit Measures: a leak this large lets the authority order a compliance audit."""
    params = spec.entries.get("ordered_audit")
    if not params:
        return {}
    pi = law.parameter_or_none(params["pi"], on)
    spi = law.parameter_or_none(params["spi"], on)
    hits = []
    if pi is not None and (incident.pi_individuals or 0) >= pi.value:
        hits.append((pi, f"PI of {incident.pi_individuals:,} individuals (>= {pi.value:,})"))
    if spi is not None and (incident.sensitive_pi_individuals or 0) >= spi.value:
        n = incident.sensitive_pi_individuals or 0
        hits.append((spi, f"sensitive PI of {n:,} individuals (>= {spi.value:,})"))
    if not hits:
        return {}
    what = " and ".join(text for _, text in hits)
    citations = list(dict.fromkeys(c for v, _ in hits for c in v.citations))
    return {
        "notes": [
            f"The incident involves {what}: the authority may order a PI compliance audit by a "
            "professional institution (PI Audit Measures)."
        ],
        "citations": citations,
    }


def _escalation(
    law: Law, rep: dict[str, Any], grade: RegimeGrade, cls: str, on: dt.date
) -> list[str]:
    """The recipient's own onward deadline for major incidents (context for the operator)."""
    spec = rep.get("escalation")
    if spec is None or grade_rank(grade.grade) < grade_rank(spec["min_grade"]):
        return []
    value = law.parameter_or_none(spec["parameter"], on)
    if value is None:
        return []
    minutes = int(value.value[cls])
    source = "; ".join(c.label("en") for c in value.citations)
    return [
        f"For a {grade.grade} incident the recipient must pass the report on within {minutes} "
        f"minutes of receiving it ({source}): report early and completely."
    ]


def _period(value: Value, spec: dict[str, Any], cls: str) -> tuple[int, str]:
    raw = value.value
    if spec.get("select") == "operator_class":
        return int(raw[cls]), str(spec["unit"])
    if isinstance(raw, dict):
        return int(raw["n"]), str(raw["unit"])
    return int(raw), value.unit
