"""Profile facts for data classification and grading (``classification:`` section).

The organisation records, per dataset, its impact analysis (which objects a leak or tampering
would harm, and how badly) and the facts that sector schemes need. The rules turn these facts
into a grade; the facts never hold the grade's legal consequences.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from hegui.profile.base import FactModel


class Degree(StrEnum):
    """Degree of harm to one object (GB/T 43697-2024 6.4), or none."""

    NONE = "none"
    GENERAL = "general"
    SERIOUS = "serious"
    ESPECIALLY_SERIOUS = "especially_serious"


class Grade(StrEnum):
    GENERAL = "general"
    IMPORTANT = "important"
    CORE = "core"


class GeoCategory(StrEnum):
    BASIC = "basic"
    REMOTE_SENSING_IMAGERY = "remote_sensing_imagery"
    THEMATIC = "thematic"


class ImpactAnalysis(FactModel):
    """Degree of harm per object if the dataset leaked or were tampered with; omit = not assessed."""

    national_security: Degree | None = None
    economic_operation: Degree | None = None
    social_order: Degree | None = None
    public_interest: Degree | None = None
    organisational_rights: Degree | None = None
    individual_rights: Degree | None = None


class PbocGrading(FactModel):
    """Facts for the PBOC business-data rules (financial institutions)."""

    grade: Grade | None = Field(
        default=None, description="Grade given under the PBOC rules (general/important/core)"
    )
    business_relevance: str | None = Field(
        default=None, description="Assessed business relevance, e.g. high/medium/low"
    )
    sensitivity: str | None = Field(default=None, description="Assessed sensitivity")
    availability: str | None = Field(default=None, description="Assessed availability need")
    highly_sensitive_items: bool | None = Field(
        default=None, description="The dataset holds data items graded highly sensitive"
    )
    email_transmission_blocked: bool | None = Field(
        default=None, description="Highly sensitive items cannot be sent by email"
    )
    export_outside_authorised_environment_blocked: bool | None = Field(
        default=None, description="Highly sensitive items cannot leave the authorised environment"
    )
    in_business_data_catalogue: bool | None = Field(
        default=None, description="Listed in the institution's business data resource catalogue"
    )


class GeographicGrading(FactModel):
    """Facts for the MNR geographic-information guideline."""

    category: GeoCategory | None = Field(
        default=None, description="basic, remote_sensing_imagery or thematic"
    )
    precision: str | None = Field(default=None, description="e.g. sub-metre, 1:10000")
    coverage: str | None = Field(default=None, description="e.g. city, province, national")
    scale: str | None = Field(default=None, description="Volume or extent")
    region: str | None = Field(default=None, description="Sensitive regions covered, if any")
    grade: Grade | None = Field(default=None, description="Grade after the MNR overall evaluation")


class DatasetGrading(FactModel):
    """The grading facts of one dataset of the profile."""

    dataset: str = Field(description="Id of a dataset in the profile's datasets list")
    impacts: ImpactAnalysis | None = Field(
        default=None, description="GB/T 43697-2024 impact analysis"
    )
    in_catalogue: bool | None = Field(
        default=None, description="Listed in the organisation's data resource catalogue"
    )
    catalogues_checked: list[str] = Field(
        default_factory=list,
        description="Ids of sector important-data catalogues the dataset was checked against",
    )
    catalogue_match: bool | None = Field(
        default=None, description="A checked sector catalogue lists the dataset's kind of data"
    )
    declared_on: dt.date | None = Field(
        default=None, description="Date the dataset was declared to the authority as important data"
    )
    pboc: PbocGrading | None = None
    geographic: GeographicGrading | None = Field(
        default=None, description="Present if the dataset holds geographic information data"
    )


class ClassificationFacts(FactModel):
    """The ``classification:`` section of a profile."""

    datasets: list[DatasetGrading] = Field(default_factory=list)

    def for_dataset(self, dataset_id: str) -> DatasetGrading | None:
        return next((g for g in self.datasets if g.dataset == dataset_id), None)
