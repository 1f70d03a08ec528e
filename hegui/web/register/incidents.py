"""Incident grading, reporting clocks and report drafts from the hegui core.

The register holds no legal deadlines: clocks come from ``hegui.api.incident_clocks``, called with
the incident facts (detection time, entity, counts, answers...). Reports the core cannot date yet
(waiting for handling to end, or "immediately") are listed by the core; users may add further
deadlines by hand, which are kept across recomputations.

When the core can no longer compute a clock (the facts changed, or lack the entity now), a computed
deadline that was not yet reported is removed rather than left counting down as if it were live;
reported ones stay as the record of what was sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hegui import api
from hegui.errors import HeguiError
from hegui.web.register import services
from hegui.web.register.inputs import InputError, check_in_range, not_in_future
from hegui.web.register.models import Incident, IncidentClock

# What the core raises on facts it cannot use; OverflowError from records stored before the
# register bounded its dates (a deadline past year 9999).
_CORE_ERRORS = (HeguiError, OverflowError)


def incident_facts(incident: Incident) -> dict[str, Any]:
    """The core's incident record: stored facts plus title, description, detection time and the
    reports already marked sent."""
    facts = dict(incident.facts or {})
    facts["title"] = incident.title
    facts["detected_at"] = timezone.localtime(incident.detected_at).isoformat()
    if incident.description:
        facts.setdefault("description", incident.description)
    sent = [
        {"report": c.report, "at": timezone.localtime(c.reported_at).isoformat()}
        for c in incident.clocks.all()
        if c.report and c.reported_at
    ]
    if sent:
        facts["reports_made"] = sent
    return facts


def _profile(incident: Incident) -> Any:
    current = incident.organisation.current_profile()
    return services.parse_profile(current.yaml_text) if current is not None else None


def _label(text: Any) -> str:
    return f"{text.zh} / {text.en}" if text is not None else ""


@dataclass(frozen=True)
class ClockUpdate:
    """What a recomputation did: clocks stored, stale clocks removed, and why none (if none)."""

    kept: int
    removed: int = 0
    reason: str = ""


def apply_core_clocks(incident: Incident) -> ClockUpdate:
    """(Re)compute the core's clocks for ``incident``.

    Clocks from the core are replaced (keeping "sent" times by report id); manual ones stay.
    A computed clock the core no longer produces is deleted unless it was reported. When the core
    cannot clock the facts at all, ``reason`` says why.
    """
    existing = {c.report: c for c in incident.clocks.filter(source="hegui.api")}
    try:
        result = api.incident_clocks(incident_facts(incident), _profile(incident))
    except _CORE_ERRORS as exc:
        return ClockUpdate(0, _drop_unreported(existing.values()), str(exc))
    grades = [
        f"{r.regime}: {r.grade.grade_label.zh if r.grade.grade_label else '-'}"
        f"{' (provisional)' if r.grade.provisional else ''}"
        for r in result.regimes
        if r.grade.grade
    ]
    kept: set[str] = set()
    with transaction.atomic():
        for rep in result.all_reports():
            deadline = rep.deadline or (incident.detected_at if rep.immediately else None)
            if deadline is None:
                continue  # not yet datable (e.g. runs from the end of handling)
            suffix = " (immediately)" if rep.immediately and rep.deadline is None else ""
            if rep.status == "conditional":
                suffix += " (conditional)"
            values = {
                "label": (_label(rep.name) + suffix)[:200],
                "recipient": f"{_label(rep.to)}; {rep.channel.en}"[:200],
                "deadline": deadline,
                "citation": "; ".join(c.label("en") for c in rep.citations)[:200],
            }
            row = existing.get(rep.report[:60])
            if row is None:
                IncidentClock.objects.create(
                    incident=incident, source="hegui.api", report=rep.report[:60], **values
                )
            elif any(getattr(row, k) != v for k, v in values.items()):
                # Same report, new facts: update in place so ids and "sent" times stay.
                for k, v in values.items():
                    setattr(row, k, v)
                row.save()
            kept.add(rep.report[:60])
        removed = _drop_unreported(row for report, row in existing.items() if report not in kept)
        # The core's grading wins over a hand-entered grade once it can grade the facts.
        graded = "; ".join(grades)[:100]
        if grades and incident.grade != graded:
            incident.grade = graded
            incident.save(update_fields=["grade"])
    return ClockUpdate(len(kept), removed)


def _drop_unreported(rows: Any) -> int:
    """Delete computed clocks not yet reported (no longer live deadlines); keep reported ones."""
    removed = 0
    with transaction.atomic():
        for row in rows:
            if row.reported_at is None:
                row.delete()
                removed += 1
    return removed


def sent_time(raw: Any, incident: Incident, *, field: str) -> dt.datetime:
    """When a report was sent: ``raw`` (a date and time from the form or the API) or now.

    Raises:
        InputError: not a date and time, in the future, or before the incident's detection
            (which starts every clock); the message names ``field``.
    """
    if raw is None or raw == "":
        return timezone.now()
    if not isinstance(raw, str):
        raise InputError(_("must be a date and time (ISO 8601)"), field=field)
    parser = forms.DateTimeField(validators=[check_in_range, not_in_future])
    try:
        when: dt.datetime = parser.clean(raw)
    except forms.ValidationError as exc:
        raise InputError(" ".join(exc.messages), field=field) from None
    if when < incident.detected_at:
        raise InputError(
            _("must not be before the detection time (%(time)s)")
            % {"time": _fmt(incident.detected_at)},
            field=field,
        )
    return when


def clock_problem(incident: Incident) -> str:
    """Why the core computes no clocks for ``incident`` now ("" when it can)."""
    try:
        api.incident_clocks(incident_facts(incident), _profile(incident))
    except _CORE_ERRORS as exc:
        return str(exc)
    return ""


def report_draft(incident: Incident, kind: str = "initial") -> str:
    """The core's report draft (zh with en, PI masked).

    When the facts do not yet allow a draft (e.g. no ``entity``), the register's facts are shown
    below the core's reason.
    """
    try:
        return str(
            api.draft_incident_report(incident_facts(incident), kind, _profile(incident)).render()
        )
    except _CORE_ERRORS as exc:
        return f"(hegui could not draft the report: {exc})\n\n" + _plain_draft(incident)


def _plain_draft(incident: Incident) -> str:
    lines = [
        f"事件 / Incident: {incident.title}",
        f"发现时间 / Detected at: {timezone.localtime(incident.detected_at):%Y-%m-%d %H:%M %Z}",
        f"分级 / Grade: {incident.grade or '-'}",
        f"描述 / Description: {incident.description or '-'}",
        "报告 / Reports:",
    ]
    for c in incident.clocks.all():
        sent = _fmt(c.reported_at) if c.reported_at else "-"
        lines.append(
            f"  - {c.label} -> {c.recipient or '-'}; deadline {_fmt(c.deadline)}; sent {sent}"
        )
    return "\n".join(lines)


def _fmt(when: dt.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
