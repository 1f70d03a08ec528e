"""Report drafts (zh with en alongside) filled from the incident record, with PI masked.

Every field each applicable regime requires in its initial or summary report is listed; a field the
record does not fill is marked "to be completed". Free text is run through the PI detectors and
every detected value is replaced by a placeholder; the reporter's name, phone and email are masked
to a sample (first character, or first three and last four digits).
"""

from __future__ import annotations

import datetime as dt

from hegui.errors import HeguiError
from hegui.incidents.clocks import incident_clocks
from hegui.incidents.grading import MAPPING_PREFIX
from hegui.incidents.models import (
    DraftField,
    DraftSection,
    Incident,
    IncidentClocks,
    IncidentError,
    IncidentReportDraft,
    RegimeClocks,
    ReportClock,
)
from hegui.law.calendar import WorkingCalendar
from hegui.law.loader import Law, get_law
from hegui.models import Text
from hegui.profile.models import Profile

KINDS = ("initial", "summary")
_FREE_TEXT = (
    "impact",
    "measures_taken",
    "cause",
    "possible_harm",
    "individual_guidance",
    "response",
    "harm",
    "accountability",
    "rectification",
    "lessons",
)


def draft_incident_report(
    incident: Incident,
    report: str = "initial",
    profile: Profile | None = None,
    *,
    now: dt.datetime | None = None,
    law: Law | None = None,
    calendar: WorkingCalendar | None = None,
) -> IncidentReportDraft:
    """Draft the ``initial`` or ``summary`` report of every applicable regime."""
    if report not in KINDS:
        raise IncidentError(
            f"unknown report {report!r}: expected initial or summary", field="report"
        )
    law = law or get_law()
    clocks = incident_clocks(incident, profile, now=now, law=law, calendar=calendar)
    masker = _Masker()
    sections = []
    for reg in clocks.regimes:
        for clock in reg.reports:
            if clock.kind != report:
                continue
            fields = [
                _field(law, incident, clocks, reg, clock, item, masker)
                for item in _content_items(law, reg.regime, clock.report, incident)
            ]
            sections.append(
                DraftSection(
                    regime=reg.regime,
                    report=clock.report,
                    name=clock.name,
                    to=clock.to,
                    channel=clock.channel,
                    deadline=clock.deadline,
                    fields=fields,
                    citations=clock.citations,
                    needs_review=clock.needs_review,
                )
            )
    return IncidentReportDraft(
        incident_id=incident.id, kind=report, sections=sections, masked_items=masker.count
    )


def _content_items(
    law: Law, regime: str, report_id: str, incident: Incident
) -> list[dict[str, str]]:
    entries = next(
        law.mapping(m)
        for m in law.mappings
        if m.startswith(MAPPING_PREFIX) and law.mapping(m)["regime"] == regime
    )
    rep = next(r for r in entries["reports"] if r["id"] == report_id)
    return [c for c in rep["content"] if c.get("when") is None or c["when"] == incident.type.value]


def _field(
    law: Law,
    incident: Incident,
    clocks: IncidentClocks,
    reg: RegimeClocks,
    clock: ReportClock,
    item: dict[str, str],
    masker: _Masker,
) -> DraftField:
    name = item["field"]
    label = Text(zh=item["zh"], en=item["en"])
    value, masked = _value(incident, clocks, reg, name, masker)
    return DraftField(field=name, label=label, value=value or "", masked=masked, missing=not value)


def _value(
    incident: Incident, clocks: IncidentClocks, reg: RegimeClocks, name: str, masker: _Masker
) -> tuple[str, bool]:
    if name == "unit_and_system":
        systems = ", ".join(incident.systems) or "-"
        return f"{clocks.operator}；系统 systems: {systems}", False
    if name == "discovery":
        grade = reg.grade.grade_label
        shown = f"{grade.zh} / {grade.en}" if grade else "-"
        if reg.grade.provisional:
            shown += "（待定 provisional）"
        return (
            f"{incident.detected_at:%Y-%m-%d %H:%M} (Asia/Shanghai)；类型 type: "
            f"{incident.type.value}；级别 grade: {shown}",
            False,
        )
    if name == "ransom":
        amount = incident.ransom_demanded_cny
        return ("" if amount is None else f"CNY {amount:,}"), False
    if name in ("pi_categories", "data_involved"):
        return _data_summary(incident), False
    if name == "contact":
        return masker.contact(incident)
    if name in _FREE_TEXT:
        text = getattr(incident, name)
        if not text:
            return "", False
        return masker.text(text)
    raise HeguiError(f"incident report field {name!r} has no filler (law data and code disagree)")


def _data_summary(incident: Incident) -> str:
    parts = []
    if incident.pi_categories:
        parts.append("类别 categories: " + ", ".join(incident.pi_categories))
    if incident.pi_individuals is not None:
        parts.append(f"个人信息涉及人数 individuals: {incident.pi_individuals:,}")
    if incident.sensitive_pi_individuals is not None:
        parts.append(
            f"敏感个人信息人数 sensitive PI individuals: {incident.sensitive_pi_individuals:,}"
        )
    if incident.important_data_involved:
        parts.append("涉及重要数据 important data involved")
    if incident.core_data_involved:
        parts.append("涉及核心数据 core data involved")
    return "；".join(parts)


class _Masker:
    """Masks PI in draft text and counts what it masked (only counts leave this object)."""

    def __init__(self) -> None:
        self.count = 0

    def text(self, text: str) -> tuple[str, bool]:
        from hegui.detectors import detect  # the detector registry is only needed for drafts

        found = detect(text)
        if not found:
            return text, False
        out = []
        pos = 0
        for d in sorted(found, key=lambda x: x.start):
            out.append(text[pos : d.start])
            out.append(f"〔已遮蔽 masked {d.entity}〕")
            pos = d.end
        out.append(text[pos:])
        self.count += len(found)
        return "".join(out), True

    def contact(self, incident: Incident) -> tuple[str, bool]:
        r = incident.reporter
        if r is None:
            return "", False
        parts = []
        masked = False
        if r.role:
            parts.append(r.role)
        if r.name:
            parts.append(r.name[0] + "*" * max(1, len(r.name) - 1))
            masked = True
        if r.phone:
            digits = "".join(ch for ch in r.phone if ch.isdigit())
            parts.append(digits[:3] + "****" + digits[-4:] if len(digits) >= 7 else "****")
            masked = True
        if r.email:
            user, _, domain = r.email.partition("@")
            parts.append(f"{user[:1]}***@{domain}" if domain else "***")
            masked = True
        self.count += int(bool(r.name)) + int(bool(r.phone)) + int(bool(r.email))
        return "；".join(parts), masked
