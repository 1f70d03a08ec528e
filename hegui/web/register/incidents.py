"""Incident clocks and report drafts from the hegui core.

The register holds no legal deadlines: clocks come from ``hegui.api.incident_clocks`` when the core
provides it, otherwise users enter the deadlines that apply. The core is called with the incident
facts; whatever it returns is stored with ``source="hegui.api"`` and its citation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hegui.errors import HeguiError
from hegui.web.register import services
from hegui.web.register.models import Incident, IncidentClock


def incident_facts(incident: Incident) -> dict[str, Any]:
    """The facts the core needs: detection time (aware, ISO) plus the stored grading facts."""
    facts = dict(incident.facts or {})
    facts.setdefault("detected_at", timezone.localtime(incident.detected_at).isoformat())
    facts.setdefault("title", incident.title)
    if incident.grade:
        facts.setdefault("grade", incident.grade)
    return facts


def _field(item: Any, *names: str) -> Any:
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value is not None:
            return value
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "en") and hasattr(value, "zh"):
        return f"{value.zh} / {value.en}"
    if isinstance(value, dict) and "en" in value:
        return f"{value.get('zh', '')} / {value['en']}".strip(" /")
    return str(value)


def apply_core_clocks(incident: Incident) -> int:
    """Store the clocks the core computes for ``incident``; returns how many were stored."""
    func = services.core_function("incident_clocks")
    if func is None:
        return 0
    profile = None
    current = incident.organisation.current_profile()
    if current is not None:
        profile = services.parse_profile(current.yaml_text)
    try:
        result = func(incident_facts(incident), profile=profile)
    except TypeError as exc:  # the core's signature differs from what this adapter expects
        raise HeguiError(f"hegui.api.incident_clocks could not be called: {exc}") from exc
    clocks = _field(result, "clocks") if not isinstance(result, list) else result
    stored = 0
    for clock in clocks or []:
        deadline = _field(clock, "deadline", "due_at", "deadline_at")
        if isinstance(deadline, str):
            deadline = dt.datetime.fromisoformat(deadline)
        if not isinstance(deadline, dt.datetime):
            continue
        citations = _field(clock, "citations") or []
        IncidentClock.objects.create(
            incident=incident,
            label=_text(_field(clock, "label", "report", "title", "name"))[:200] or "report",
            recipient=_text(_field(clock, "recipient", "to", "authority"))[:200],
            deadline=deadline,
            source="hegui.api",
            citation=", ".join(_text(_field(c, "instrument")) for c in citations)[:200],
        )
        stored += 1
    return stored


def report_draft(incident: Incident) -> str:
    """A report draft: the core's when available, else the register's facts in a fixed layout."""
    func = services.core_function("incident_report_draft")
    if func is not None:
        try:
            return str(func(incident_facts(incident)))
        except (HeguiError, TypeError):
            pass  # fall back to the plain draft below rather than break the page
    lines = [
        f"事件 / Incident: {incident.title}",
        f"发现时间 / Detected at: {timezone.localtime(incident.detected_at):%Y-%m-%d %H:%M %Z}",
        f"分级 / Grade: {incident.grade or '-'}",
        f"描述 / Description: {incident.description or '-'}",
        "报告 / Reports:",
    ]
    for c in incident.clocks.all():
        sent = (
            timezone.localtime(c.reported_at).strftime("%Y-%m-%d %H:%M") if c.reported_at else "-"
        )
        lines.append(
            f"  - {c.label} -> {c.recipient or '-'}; "
            f"deadline {timezone.localtime(c.deadline):%Y-%m-%d %H:%M}; sent {sent}"
        )
    return "\n".join(lines)
