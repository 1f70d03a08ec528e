"""The shape of a development record (validation lives in :mod:`hegui.developments.parse`).

A development is one item of regulatory news (a new law, a draft, an enforcement action ...) with
the machine-readable conditions under which it concerns an organisation (``applies_when``) and the
rule ids and parameters it created or changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hegui.models import Text

KINDS = frozenset(
    {
        "law",
        "regulation",
        "rule",
        "standard",
        "notice",
        "qa",
        "plan",
        "enforcement",
        "campaign",
        "judicial_interpretation",
    }
)
STATUSES = frozenset({"draft_for_comment", "final", "in_force", "repealed"})
AREAS = frozenset(
    {
        "personal_information",
        "data_security",
        "cybersecurity",
        "cross_border",
        "data_systems",
        "minors",
        "penalties",
        "artificial_intelligence",
    }
)
# Activities an organisation may carry on; each is derived from profile facts (applicability.py).
ACTIVITIES = frozenset(
    {
        "personal_information",
        "sensitive_personal_information",
        "cross_border",
        "important_data",
        "facial_recognition",
        "video_surveillance",
        "apps",
        "network_id",
        "minors",
        "childrens_smart_watches",
        "mlps",
    }
)
# Kinds that tell the reader something but create no duty of their own.
INFORMATIONAL_KINDS = frozenset(
    {"plan", "enforcement", "campaign", "qa", "judicial_interpretation"}
)

RECORD_REQUIRED = {
    "id",
    "date",
    "authority",
    "instrument",
    "kind",
    "status",
    "dates",
    "areas",
    "applies_when",
    "summary",
    "rules",
    "source",
}
RECORD_OPTIONAL = {
    "instrument_id",
    "sectors",
    "regions",
    "parameters",
    "pending_rules",
    "seed_item",
    "notes",
    "needs_review",
    "binding",
}


@dataclass(frozen=True)
class AppliesWhen:
    """Machine-readable applicability; every given condition must hold (see docs/developments.md).

    Entity conditions (sectors, provinces, ftz, ciio, min_individuals) must all hold for one and
    the same entity of the group; a list condition holds when any listed value matches.
    ``activities`` holds when the organisation carries on any listed activity.
    """

    sectors: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    ftz: tuple[str, ...] = ()
    ciio: bool | None = None
    min_individuals: int | None = None
    activities: tuple[str, ...] = ()

    @property
    def everyone(self) -> bool:
        """True when no condition is set: the development concerns every organisation."""
        return not (
            self.sectors
            or self.provinces
            or self.ftz
            or self.ciio is not None
            or self.min_individuals is not None
            or self.activities
        )

    @property
    def entity_conditions(self) -> bool:
        return bool(
            self.sectors
            or self.provinces
            or self.ftz
            or self.ciio is not None
            or self.min_individuals is not None
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("sectors", "provinces", "ftz", "activities"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.ciio is not None:
            out["ciio"] = self.ciio
        if self.min_individuals is not None:
            out["min_individuals"] = self.min_individuals
        return out


@dataclass(frozen=True)
class Dates:
    issued: dt.date | None = None
    effective: dt.date | None = None
    comment_deadline: dt.date | None = None


@dataclass(frozen=True)
class Development:
    """One regulatory development, as validated from its YAML record."""

    id: str
    date: dt.date
    authority: Text
    instrument: Text
    kind: str
    status: str
    dates: Dates
    areas: tuple[str, ...]
    applies_when: AppliesWhen
    summary: Text
    rules: tuple[str, ...]
    source: str
    instrument_id: str | None = None
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    pending_rules: str | None = None
    seed_item: int | None = None
    notes: str | None = None
    needs_review: str | None = None
    binding_override: bool | None = None
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def proposed(self) -> bool:
        """True for a draft published for comment: shown as proposed, never as binding."""
        return self.status == "draft_for_comment"

    @property
    def informational(self) -> bool:
        """True when the kind creates no duty of its own (plans, enforcement, Q&As ...)."""
        return self.kind in INFORMATIONAL_KINDS

    @property
    def binding(self) -> bool:
        """True when it creates duties once final: by kind unless the record says ``binding``."""
        if self.binding_override is not None:
            return self.binding_override
        return not self.informational and self.kind != "standard" and not self.proposed

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (used by the JSON digest and feeds)."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "authority": self.authority.model_dump(),
            "instrument": self.instrument.model_dump(),
            "instrument_id": self.instrument_id,
            "kind": self.kind,
            "status": self.status,
            "dates": {
                k: (v.isoformat() if v else None)
                for k, v in (
                    ("issued", self.dates.issued),
                    ("effective", self.dates.effective),
                    ("comment_deadline", self.dates.comment_deadline),
                )
            },
            "areas": list(self.areas),
            "sectors": list(self.sectors),
            "regions": list(self.regions),
            "applies_when": self.applies_when.to_dict(),
            "summary": self.summary.model_dump(),
            "rules": list(self.rules),
            "pending_rules": self.pending_rules,
            "parameters": list(self.parameters),
            "source": self.source,
            "binding": self.binding,
            "needs_review": self.needs_review,
            # The record's own keys too, so `developments show` shows the whole record.
            "seed_item": self.seed_item,
            "notes": self.notes,
        }
