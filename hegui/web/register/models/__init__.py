"""Register models, split by concern; Django finds them through this package."""

from __future__ import annotations

from hegui.web.register.models.audit import AuditEntry
from hegui.web.register.models.core import (
    Assessment,
    Evidence,
    Obligation,
    ObligationEvent,
    Organisation,
    ProfileVersion,
)
from hegui.web.register.models.operations import (
    Filing,
    Incident,
    IncidentClock,
    PiAudit,
    PiAuditItem,
    Scan,
    SubjectRequest,
)

__all__ = [
    "Assessment",
    "AuditEntry",
    "Evidence",
    "Filing",
    "Incident",
    "IncidentClock",
    "Obligation",
    "ObligationEvent",
    "Organisation",
    "PiAudit",
    "PiAuditItem",
    "ProfileVersion",
    "Scan",
    "SubjectRequest",
]
