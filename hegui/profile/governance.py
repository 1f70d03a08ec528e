"""Profile facts for governance duties by volume (PIPL 52, NDSMR Arts. 28, 30, 33)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from hegui.profile.base import FactModel


class RiskAssessmentReport(FactModel):
    """One annual network-data risk assessment report (NDSMR Art. 33)."""

    year: int = Field(ge=2025, le=2100, description="Calendar year the assessment covers")
    submitted_on: dt.date = Field(description="Date the report reached the competent authority")


class PiOfficerChange(FactModel):
    """A substantive change of the reported PI protection officer information (a new officer...)."""

    changed_on: dt.date = Field(description="Date the change took effect")
    description: str | None = None
    reported_on: dt.date | None = Field(
        default=None, description="Date the change was reported to the districted-city CAC"
    )


class EntityGovernance(FactModel):
    """Governance facts of one entity."""

    entity: str
    pi_officer_designated: bool | None = Field(
        default=None, description="A PI protection officer is designated"
    )
    pi_officer_designated_on: dt.date | None = None
    pi_officer_contact_published: bool | None = Field(
        default=None, description="The officer's contact details are published"
    )
    pi_officer_reported: bool | None = Field(
        default=None, description="Name and contact reported to the PI protection authorities"
    )
    pi_officer_reported_on: dt.date | None = Field(
        default=None,
        description="Date the officer's information was reported to the districted-city CAC "
        "(PI officer reporting notice of 2025-07-18)",
    )
    pi_officer_threshold_reached_on: dt.date | None = Field(
        default=None,
        description="Day the PI volume reached the PI officer threshold (unknown: taken as before "
        "the 2025-07-18 notice)",
    )
    pi_officer_changes: list[PiOfficerChange] = Field(default_factory=list)
    data_security_responsible_person: bool | None = Field(
        default=None,
        description="A network data security responsible person from management is designated",
    )
    data_security_body: bool | None = Field(
        default=None, description="A network data security management body is set up"
    )
    important_data_processor: bool | None = Field(
        default=None,
        description="Overrides the default (any dataset of the entity designated important data)",
    )
    important_data_since: dt.date | None = Field(
        default=None, description="Overrides the default (earliest designation of its datasets)"
    )
    risk_assessment_reports: list[RiskAssessmentReport] = Field(default_factory=list)
    runs_critical_network_systems: bool | None = Field(
        default=None, description="Runs critical network information systems (campaign criterion)"
    )

    def officer_reported(self) -> bool | None:
        """Whether the officer was reported: the flag, or True when a report date is recorded."""
        if self.pi_officer_reported is None and self.pi_officer_reported_on is not None:
            return True
        return self.pi_officer_reported


class GovernanceFacts(FactModel):
    """Governance facts per entity."""

    entities: list[EntityGovernance] = Field(default_factory=list)
