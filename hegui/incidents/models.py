"""Incident records (input) and grading, clock and draft results (output).

An incident record holds facts only: counts, categories, durations and times, never raw personal
information. Output models are pydantic so that the web register can ``model_dump(mode="json")``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hegui.errors import HeguiError
from hegui.law.deadlines import to_shanghai
from hegui.models import Citation, Text
from hegui.profile.base import FactModel


class IncidentError(HeguiError):
    """An incident record is invalid, or cannot be graded or clocked as given."""


# Grades shared by every regime, from least to most severe (each regime labels them its own way).
GRADES: tuple[str, ...] = ("general", "relatively_major", "major", "particularly_major")


def grade_rank(grade: str | None) -> int:
    """-1 for no grade, else the index in :data:`GRADES`."""
    return GRADES.index(grade) if grade in GRADES else -1


class IncidentType(StrEnum):
    DATA_LEAK = "data_leak"
    RANSOMWARE = "ransomware"
    DDOS = "ddos"
    MALWARE = "malware"
    INTRUSION = "intrusion"
    OUTAGE = "outage"
    TAMPERING = "tampering"
    OTHER = "other"


class Operator(FactModel):
    """The organisation hit by the incident, when it is not taken from a profile entity."""

    name: str
    name_zh: str | None = None
    province: str = Field(description="Province-level division id, e.g. zhejiang")
    sectors: list[str] = Field(default_factory=list, description="e.g. finance, telecom")
    ciio: bool = Field(default=False, description="Identified as a CII operator")
    central_organ: bool = Field(default=False, description="A central Party or state organ")


class Reporter(FactModel):
    """Who inside the organisation reports; drafts mask the name, phone and email."""

    role: str | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None


class ReportMade(FactModel):
    """A report already sent (so that ``show`` marks it done)."""

    report: str = Field(description="Report id, e.g. cac_initial")
    at: dt.datetime


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # Naive times in an incident record are Asia/Shanghai wall-clock times.
    return None if value is None else to_shanghai(value)


class Incident(FactModel):
    """The facts of one incident: what happened, to whom, how big, and when."""

    id: str | None = Field(default=None, description="Set by the store when recorded")
    title: str = Field(min_length=1)
    entity: str | None = Field(default=None, description="Profile entity id of the operator")
    operator: Operator | None = None
    type: IncidentType = IncidentType.OTHER
    detected_at: dt.datetime = Field(description="When the incident was found (Asia/Shanghai)")
    occurred_at: dt.datetime | None = None
    handling_ended_at: dt.datetime | None = Field(
        default=None, description="When incident handling ended (starts the summary clock)"
    )
    systems: list[str] = Field(default_factory=list)
    description: str | None = None
    pi_involved: bool | None = None
    pi_individuals: int | None = Field(
        default=None, ge=0, description="Individuals whose PI leaked, was lost or is at risk"
    )
    sensitive_pi_individuals: int | None = Field(default=None, ge=0)
    pi_categories: list[str] = Field(default_factory=list)
    minors_pi_involved: bool | None = Field(
        default=None,
        description="Whether PI of minors (under 18) is involved (Minors Online Regulations Art. 35)",
    )
    important_data_involved: bool | None = None
    core_data_involved: bool | None = None
    direct_economic_loss_cny: int | None = Field(default=None, ge=0)
    cii_affected: bool | None = None
    cii_whole_outage_hours: float | None = Field(default=None, ge=0)
    cii_main_function_outage_hours: float | None = Field(default=None, ge=0)
    key_portal_outage_hours: float | None = Field(default=None, ge=0)
    province_population_share_pct: float | None = Field(default=None, ge=0, le=100)
    people_essential_services_affected: int | None = Field(default=None, ge=0)
    ransom_demanded_cny: int | None = Field(default=None, ge=0)
    impact: str | None = None
    measures_taken: str | None = None
    cause: str | None = None
    possible_harm: str | None = None
    individual_guidance: str | None = None
    response: str | None = None
    harm: str | None = None
    accountability: str | None = None
    rectification: str | None = None
    lessons: str | None = None
    answers: dict[str, str] = Field(
        default_factory=dict,
        description="Answers to grading questions, keyed '<regime>.<criterion>' (e.g. pboc.own_standard_grade)",
    )
    reports_made: list[ReportMade] = Field(default_factory=list)
    reporter: Reporter | None = None

    @field_validator("detected_at", "occurred_at", "handling_ended_at", mode="before")
    @classmethod
    def _needs_time(cls, value: Any) -> Any:
        # Clocks run to the minute: a bare date would silently mean midnight.
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            raise ValueError("needs a date and time, e.g. 2026-05-01T09:30 (Asia/Shanghai)")
        if isinstance(value, str) and len(value.strip()) <= 10:
            raise ValueError("needs a date and time, e.g. 2026-05-01T09:30 (Asia/Shanghai)")
        if isinstance(value, int | float):
            # pydantic would read a number as a Unix timestamp (or milliseconds): a clock off by years.
            raise ValueError(
                "needs a date and time, e.g. 2026-05-01T09:30 (Asia/Shanghai), not a number"
            )
        return value

    @field_validator("detected_at", "occurred_at", "handling_ended_at")
    @classmethod
    def _shanghai(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _aware(value)

    @model_validator(mode="after")
    def _check(self) -> Incident:
        if self.handling_ended_at is not None and self.handling_ended_at < self.detected_at:
            raise ValueError("handling_ended_at: must not be before detected_at")
        if self.occurred_at is not None and self.occurred_at > self.detected_at:
            raise ValueError("occurred_at: must not be after detected_at")
        self._check_pi_facts()
        for key in self.answers:
            if "." not in key:
                raise ValueError(f"answers: key {key!r} must be '<regime>.<criterion>'")
        for i, made in enumerate(self.reports_made):
            made.at = to_shanghai(made.at)
            if made.at < self.detected_at:
                # A report cannot precede the detection that starts its clock: a mistyped date.
                raise ValueError(
                    f"reports_made[{i}].at: {made.at:%Y-%m-%d %H:%M} is before detected_at "
                    f"{self.detected_at:%Y-%m-%d %H:%M}"
                )
        return self

    def _check_pi_facts(self) -> None:
        # pi_involved: false wins in has_pi, so counts beside it would silently switch PIPL 57 off.
        given = [
            name
            for name, value in (
                ("pi_individuals", self.pi_individuals),
                ("sensitive_pi_individuals", self.sensitive_pi_individuals),
                ("pi_categories", self.pi_categories),
                ("minors_pi_involved", self.minors_pi_involved),
            )
            if value
        ]
        if self.pi_involved is False and given:
            raise ValueError(f"pi_involved: false contradicts {', '.join(given)}")
        pi, spi = self.pi_individuals, self.sensitive_pi_individuals
        if pi is not None and spi is not None and spi > pi:
            # Sensitive PI individuals are among those whose PI is involved.
            raise ValueError(f"sensitive_pi_individuals ({spi}) exceeds pi_individuals ({pi})")

    @property
    def has_pi(self) -> bool:
        if self.pi_involved is not None:
            return self.pi_involved
        return bool(self.pi_individuals or self.sensitive_pi_individuals or self.pi_categories)


# --- results ----------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GradeBasis(_Out):
    """One criterion that gave a grade: the fact, its value, the threshold met."""

    criterion: str
    label: Text
    fact: str | None = None
    value: Any = None
    threshold: Any = None
    grade: str
    citations: list[Citation] = Field(default_factory=list)
    needs_review: str | None = None


class Answer(_Out):
    answer: str
    grade: str | None = Field(description="Grade this answer gives (None: no grade from it)")


class Question(_Out):
    """A fact hegui needs to grade: the question, and the grade each answer gives."""

    key: str = Field(description="Key to put under 'answers:' in the incident record")
    question: Text
    answers: list[Answer]
    citations: list[Citation] = Field(default_factory=list)
    needs_review: str | None = None


class RegimeGrade(_Out):
    """The grade of an incident under one regime."""

    regime: str
    title: Text
    applies: bool
    reason: str
    grade: str | None = None
    grade_label: Text | None = None
    reportable: bool = False
    provisional: bool = Field(
        default=False, description="Open questions could still raise the grade"
    )
    proposed: bool = Field(default=False, description="Rests on a draft, not binding")
    basis: list[GradeBasis] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    needs_review: list[str] = Field(default_factory=list)


class IncidentGrading(_Out):
    incident_id: str | None
    detected_at: dt.datetime
    operator: str
    operator_class: str = Field(description="ciio | central_organ | other (CAC reporting lines)")
    regimes: list[RegimeGrade]


class ReportClock(_Out):
    """One report one regime requires, with its exact deadline."""

    regime: str
    report: str = Field(description="Report id, e.g. cac_initial")
    kind: str = Field(description="initial | follow_up | summary")
    name: Text
    to: Text
    channel: Text
    deadline: dt.datetime | None = Field(
        default=None, description="Exact deadline, tz-aware Asia/Shanghai"
    )
    immediately: bool = False
    timing: Text = Field(description="How the deadline is counted")
    approximate: bool = False
    content: list[Text] = Field(default_factory=list)
    exemption: Text | None = None
    done_at: dt.datetime | None = None
    status: str = Field(
        description="done | due | overdue | lapsed (a draft's passed period) | waiting | ongoing | unknown"
    )
    seconds_left: int | None = None
    proposed: bool = False
    notes: list[str] = Field(default_factory=list, description="Context, e.g. onward escalation")
    citations: list[Citation] = Field(default_factory=list)
    needs_review: list[str] = Field(default_factory=list)


class RegimeClocks(_Out):
    regime: str
    title: Text
    grade: RegimeGrade
    reports: list[ReportClock]
    penalty_violations: list[str] = Field(
        default_factory=list,
        description="Violation ids for `hegui penalty` if reports are late, missed or false",
    )
    notes: list[str] = Field(default_factory=list, description="Consequences beyond the reports")
    citations: list[Citation] = Field(default_factory=list)


class IncidentClocks(_Out):
    incident_id: str | None
    title: str
    detected_at: dt.datetime
    now: dt.datetime
    operator: str
    operator_class: str
    regimes: list[RegimeClocks]

    def all_reports(self) -> list[ReportClock]:
        return [r for reg in self.regimes for r in reg.reports]

    def upcoming(self) -> list[ReportClock]:
        """Reports still owed: immediate ones first, then by deadline (overdue ones included)."""
        owed = [r for r in self.all_reports() if r.status in ("due", "overdue")]
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        return sorted(owed, key=lambda r: (not r.immediately, r.deadline or far))


class DraftField(_Out):
    field: str
    label: Text
    value: str
    masked: bool = False
    missing: bool = False


class DraftSection(_Out):
    regime: str
    report: str
    name: Text
    to: Text
    channel: Text
    deadline: dt.datetime | None
    fields: list[DraftField]
    citations: list[Citation] = Field(default_factory=list)
    needs_review: list[str] = Field(default_factory=list)


class IncidentReportDraft(_Out):
    incident_id: str | None
    kind: str = Field(description="initial | summary")
    sections: list[DraftSection]
    masked_items: int = Field(description="Personal-information items masked in the draft")

    def render(self) -> str:
        """Plain text, zh with en alongside."""
        lines = []
        for sec in self.sections:
            lines.append(f"== {sec.name.zh} / {sec.name.en} ==")
            lines.append(f"报送对象 To: {sec.to.zh} / {sec.to.en}")
            lines.append(f"渠道 Channel: {sec.channel.zh} / {sec.channel.en}")
            if sec.deadline is not None:
                lines.append(f"时限 Deadline: {sec.deadline:%Y-%m-%d %H:%M} (Asia/Shanghai)")
            for f in sec.fields:
                flag = " [待补充 / to be completed]" if f.missing else ""
                lines.append(f"- {f.label.zh} / {f.label.en}: {f.value}{flag}")
            for note in sec.needs_review:
                lines.append(f"  ! needs review: {note}")
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"
