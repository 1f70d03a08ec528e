"""Incident response: grading per regime, reporting clocks, report drafts and a local store.

The law (thresholds, deadlines, recipients, contents) lives in ``hegui/law/data`` - the
``incident_grading_*`` mappings and ``parameters/incidents``; this package only reads it.
"""

from __future__ import annotations

from hegui.incidents.clocks import incident_clocks
from hegui.incidents.drafts import draft_incident_report
from hegui.incidents.grading import grade_incident
from hegui.incidents.loader import load_incident, parse_incident
from hegui.incidents.models import (
    Incident,
    IncidentClocks,
    IncidentError,
    IncidentGrading,
    IncidentReportDraft,
    Operator,
    RegimeClocks,
    RegimeGrade,
    ReportClock,
)

__all__ = [
    "Incident",
    "IncidentClocks",
    "IncidentError",
    "IncidentGrading",
    "IncidentReportDraft",
    "Operator",
    "RegimeClocks",
    "RegimeGrade",
    "ReportClock",
    "draft_incident_report",
    "grade_incident",
    "incident_clocks",
    "load_incident",
    "parse_incident",
]
