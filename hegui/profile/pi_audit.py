"""Profile facts for PI protection compliance audits (PI Audit Measures, in force 2025-05-01)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from hegui.profile.base import FactModel


class EvidenceStatus(StrEnum):
    """An audit's conclusion on one checklist item."""

    COMPLIANT = "compliant"
    PARTLY_COMPLIANT = "partly_compliant"
    NON_COMPLIANT = "non_compliant"
    NOT_APPLICABLE = "not_applicable"


class AuditEvidence(FactModel):
    """What an audit found on one item of ``mappings/pi_audit_checklist.yaml``."""

    status: EvidenceStatus
    note: str | None = None
    document: str | None = Field(default=None, description="Where the evidence is kept")


class AuditKind(StrEnum):
    INTERNAL = "internal"
    AGENCY = "agency"


class Audit(FactModel):
    """One completed compliance audit."""

    completed_on: dt.date
    kind: AuditKind = AuditKind.INTERNAL
    agency: str | None = Field(default=None, description="Professional agency (kind: agency)")
    lead: str | None = Field(
        default=None, description="Internal id of the audit lead (not a person's name)"
    )
    ordered: bool = Field(default=False, description="Ordered by the authorities (Art. 5)")
    evidence: dict[str, AuditEvidence] = Field(
        default_factory=dict,
        description="Findings by checklist item id (mappings/pi_audit_checklist.yaml)",
    )


class AuditOrder(FactModel):
    """An audit by a professional agency ordered by the PI protection authorities."""

    id: str
    ordered_on: dt.date
    authority: str | None = None
    reason: str | None = Field(
        default=None, description="serious_risk, many_individuals or incident (Art. 5)"
    )
    deadline: dt.date | None = Field(default=None, description="Time limit set by the authority")
    report_submitted_on: dt.date | None = None
    rectified_on: dt.date | None = Field(default=None, description="Rectification completed")
    rectification_report_on: dt.date | None = None


class PiIncident(FactModel):
    """A security incident that leaked, altered, lost or destroyed PI."""

    id: str
    occurred_on: dt.date
    individuals: int = Field(default=0, ge=0, description="Individuals whose PI was affected")
    sensitive_individuals: int = Field(
        default=0, ge=0, description="Individuals whose sensitive PI was affected"
    )


class EntityAudits(FactModel):
    """The audit history of one entity."""

    entity: str
    audits: list[Audit] = Field(default_factory=list)
    orders: list[AuditOrder] = Field(default_factory=list)
    incidents: list[PiIncident] = Field(default_factory=list)


class PiAuditFacts(FactModel):
    """Compliance audits, orders and PI incidents, per entity."""

    entities: list[EntityAudits] = Field(default_factory=list)
