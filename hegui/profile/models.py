"""Pydantic models of an organisation's facts, as declared in its profile YAML.

Only facts live here, never law: the rules decide what the facts mean on a given date. Every model
forbids unknown keys so that a typo in a profile is an error, not a silently ignored fact.
Regime-specific sections live in their own modules and are attached to :class:`Profile` here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator, model_validator

from hegui.profile.apps import App
from hegui.profile.base import FactModel as _Model
from hegui.profile.classification import ClassificationFacts
from hegui.profile.facial_recognition import FacialRecognitionFacts
from hegui.profile.governance import GovernanceFacts
from hegui.profile.incidents import IncidentResponseFacts
from hegui.profile.minors import MinorsFacts
from hegui.profile.mlps import MlpsFacts
from hegui.profile.network_id import NetworkIdFacts
from hegui.profile.pi_audit import PiAuditFacts
from hegui.profile.rights import RightsFacts
from hegui.profile.video_surveillance import VideoSurveillanceFacts

# Profile format versions this hegui reads (``schema_version:``); a new one means a new format.
SUPPORTED_SCHEMA_VERSIONS: tuple[int, ...] = (1,)


class Organisation(_Model):
    name: str
    name_zh: str | None = None
    description: str | None = None
    contact: str | None = Field(
        default=None, description="Compliance contact (role, not a person's PI)"
    )


class Entity(_Model):
    """A legal entity of the group that processes data in (or from) mainland China."""

    id: str
    name: str
    name_zh: str | None = None
    province: str = Field(
        description="Province-level division id, e.g. shanghai, beijing, zhejiang"
    )
    city: str | None = None
    ftz: str | None = Field(
        default=None, description="Pilot free trade zone id, e.g. shanghai_lingang"
    )
    sectors: list[str] = Field(
        default_factory=list, description="Sector ids, e.g. finance, telecom"
    )
    ciio: bool = Field(
        default=False, description="Identified as a CII operator by its protection department"
    )
    central_organ: bool = Field(
        default=False, description="A central Party or state organ (incident reporting)"
    )
    turnover_prior_year_cny: int | None = Field(default=None, ge=0)
    individuals_processed: int | None = Field(
        default=None, ge=0, description="Individuals whose PI the entity processes (all datasets)"
    )
    foreign_invested: bool = False


class ImportantData(_Model):
    """Whether a dataset is important (or core) data, and how the processor learned it."""

    designated: bool = Field(default=False, description="Notified or published as important data")
    notified_on: dt.date | None = Field(
        default=None, description="Date of notification or publication"
    )
    catalogue: str | None = Field(
        default=None, description="The catalogue or rule that designates it"
    )
    core: bool = False
    self_identified: bool = Field(
        default=False,
        description="The processor's own view that it may be important data (not designated)",
    )


class Dataset(_Model):
    """A body of data the organisation holds."""

    id: str
    name: str | None = None
    entity: str | None = None
    description: str | None = None
    pi_categories: list[str] = Field(default_factory=list)
    sensitive_categories: list[str] = Field(default_factory=list)
    individuals: int | None = Field(default=None, ge=0)
    minors_under_14: int | None = Field(default=None, ge=0)
    minors_under_18: int | None = Field(default=None, ge=0)
    contains_pi: bool | None = Field(
        default=None, description="Defaults to whether pi_categories is non-empty"
    )
    important_data: ImportantData = Field(default_factory=ImportantData)
    collected_abroad: bool = False
    source: str | None = Field(
        default=None, description="Where the facts come from, e.g. scan:path"
    )

    @property
    def has_pi(self) -> bool:
        if self.contains_pi is not None:
            return self.contains_pi
        return bool(self.pi_categories or self.sensitive_categories)


class System(_Model):
    """A network or information system (for MLPS, incidents)."""

    id: str
    name: str
    entity: str | None = None
    live_date: dt.date | None = None
    datasets: list[str] = Field(default_factory=list)


class Scenario(StrEnum):
    """Why a transfer happens: decides the exemptions of the 2024 Provisions (Arts. 3-6)."""

    ORDINARY = "ordinary"
    NO_PI_TRADE = "no_pi_trade"  # Art. 3: trade/transport/academic/manufacturing data, no PI or important data
    FOREIGN_COLLECTED = (
        "foreign_collected"  # Art. 4: PI collected abroad, processed in China, sent back
    )
    CONTRACT = "contract"  # Art. 5(1): necessary to conclude/perform a contract with the individual
    HR = "hr"  # Art. 5(2): cross-border HR management
    EMERGENCY = "emergency"  # Art. 5(3): protect life, health or property in an emergency


class YearVolume(_Model):
    """Individuals whose PI a transfer sends abroad in one calendar year."""

    non_sensitive: int = Field(
        default=0, ge=0, description="Individuals whose non-sensitive PI was sent this year"
    )
    sensitive: int | None = Field(
        default=None,
        ge=0,
        description=(
            "Individuals whose sensitive PI was sent this year; 0 says none was sent, leaving it "
            "out says the count is not known"
        ),
    )
    planned_non_sensitive: int = Field(default=0, ge=0, description="Still to be sent this year")
    planned_sensitive: int = Field(
        default=0, ge=0, description="Sensitive PI still to be sent this year"
    )
    planned_on: dt.date | None = Field(
        default=None, description="When the planned transfer is to start (mechanism needed before)"
    )


class MechanismType(StrEnum):
    NONE = "none"
    SECURITY_ASSESSMENT = "security_assessment"
    STANDARD_CONTRACT = "standard_contract"
    CERTIFICATION = "certification"


class Mechanism(_Model):
    """The export mechanism in place for a transfer, with its dates."""

    type: MechanismType = MechanismType.NONE
    contract_effective: dt.date | None = None
    filed_on: dt.date | None = None
    applied_on: dt.date | None = None
    approved_on: dt.date | None = Field(
        default=None, description="Date the assessment result was issued"
    )
    valid_until: dt.date | None = None
    certificate_issued: dt.date | None = None
    reference: str | None = Field(default=None, description="Filing or approval number")
    renewal_applied_on: dt.date | None = Field(
        default=None,
        description="Date an extension or re-assessment of the result (security assessment), or "
        "a new certificate (certification), was applied for",
    )


class Recipient(_Model):
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code or name")
    role: str | None = Field(default=None, description="controller, processor, affiliate ...")


class Transfer(_Model):
    """A flow of data from an entity in China to a recipient abroad."""

    id: str
    entity: str
    recipient: Recipient
    datasets: list[str] = Field(default_factory=list)
    scenario: Scenario = Scenario.ORDINARY
    purpose: str | None = None
    data_categories: list[str] = Field(default_factory=list)
    contains_pi: bool = True
    important_data: bool | None = Field(
        default=None,
        description="Defaults to whether any listed dataset is designated important data",
    )
    volumes: dict[int, YearVolume] = Field(
        default_factory=dict, description="Individuals by calendar year"
    )
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    ftz_negative_list: bool | None = Field(
        default=None,
        description="For an FTZ entity: True if the data is on the zone's negative list, False if not",
    )
    ftz_scenario: str | None = Field(
        default=None, description="Id of an FTZ operational-guideline scenario"
    )
    mechanism: Mechanism = Field(default_factory=Mechanism)
    pia_completed_on: dt.date | None = None
    notice_given: bool | None = None
    separate_consent: bool | None = None

    @field_validator("volumes", mode="before")
    @classmethod
    def _year_keys(cls, value: object) -> object:
        if isinstance(value, dict):
            for key in value:
                try:
                    year = int(key)
                except (TypeError, ValueError):
                    raise ValueError(f"volume key {key!r} must be a calendar year") from None
                if not 1990 <= year <= 2100:
                    raise ValueError(f"volume key {key!r} is not a plausible year")
        return value

    def volume(self, year: int) -> YearVolume:
        return self.volumes.get(year, YearVolume())


class Profile(_Model):
    """Everything hegui knows about one organisation."""

    schema_version: Literal[1] = Field(
        default=1, description="Version of the profile format (supported: 1)"
    )
    organisation: Organisation
    entities: list[Entity] = Field(min_length=1)
    datasets: list[Dataset] = Field(default_factory=list)
    systems: list[System] = Field(default_factory=list)
    transfers: list[Transfer] = Field(default_factory=list)
    # Regime sections (one line each; models live in hegui/profile/<regime>.py):
    apps: list[App] = Field(default_factory=list)
    classification: ClassificationFacts | None = None
    facial_recognition: FacialRecognitionFacts | None = None
    minors: MinorsFacts | None = None
    pi_audit: PiAuditFacts | None = None
    governance: GovernanceFacts | None = None
    mlps: MlpsFacts | None = None
    video_surveillance: VideoSurveillanceFacts | None = None
    network_id: NetworkIdFacts | None = None
    rights: RightsFacts | None = None
    incident_response: IncidentResponseFacts | None = None

    @field_validator("schema_version", mode="before")
    @classmethod
    def _supported_version(cls, value: object) -> object:
        # bool is an int to Python: `schema_version: true` is not version 1.
        if isinstance(value, bool) or value not in SUPPORTED_SCHEMA_VERSIONS:
            supported = ", ".join(str(v) for v in SUPPORTED_SCHEMA_VERSIONS)
            raise ValueError(
                f"schema_version {value!r} is not supported by this hegui (supported: {supported})"
            )
        return value

    @model_validator(mode="after")
    def _check_references(self) -> Profile:
        _unique(self.entities, "entities")
        _unique(self.datasets, "datasets")
        _unique(self.systems, "systems")
        _unique(self.transfers, "transfers")
        entity_ids = {e.id for e in self.entities}
        dataset_ids = {d.id for d in self.datasets}
        owners = [("datasets", i, d.entity) for i, d in enumerate(self.datasets)]
        owners += [("systems", i, s.entity) for i, s in enumerate(self.systems)]
        for group, i, owner in owners:
            if owner is not None and owner not in entity_ids:
                raise ValueError(f"{group}[{i}].entity: unknown entity {owner!r}")
        for i, t in enumerate(self.transfers):
            if t.entity not in entity_ids:
                raise ValueError(f"transfers[{i}].entity: unknown entity {t.entity!r}")
            for ds in t.datasets:
                if ds not in dataset_ids:
                    raise ValueError(f"transfers[{i}].datasets: unknown dataset {ds!r}")
        return self

    def entity(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)

    def dataset(self, dataset_id: str) -> Dataset:
        return next(d for d in self.datasets if d.id == dataset_id)


def _unique(items: Sequence[Entity | Dataset | System | Transfer], group: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise ValueError(f"{group}[{i}].id: duplicate id {item.id!r}")
        seen.add(item.id)
