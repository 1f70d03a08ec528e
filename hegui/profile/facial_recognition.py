"""Profile facts for facial recognition (FR Measures 2025): one record per FR deployment."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from hegui.profile.base import FactModel


class FrMaterialChange(FactModel):
    """A substantive change of the filed information (purpose, method, volume, measures ...)."""

    changed_on: dt.date = Field(description="Date the change took effect")
    description: str | None = None
    refiled_on: dt.date | None = Field(default=None, description="Date the filing was updated")


class FrDeployment(FactModel):
    """One use of facial recognition by one entity (a system, a site, an app feature)."""

    id: str
    entity: str = Field(description="Id of the entity that processes the face information")
    system: str | None = Field(default=None, description="Id of the system in `systems`")
    description: str | None = None
    research_only: bool = Field(
        default=False,
        description="Only R&D or algorithm training (outside the FR Measures, Art. 2)",
    )
    individuals_stored: int | None = Field(
        default=None,
        ge=0,
        description="Individuals whose face information (images or feature data) is stored",
    )
    threshold_reached_on: dt.date | None = Field(
        default=None, description="Day stored face information reached the filing threshold"
    )
    filed_on: dt.date | None = Field(default=None, description="Date of the CAC filing")
    filing_reference: str | None = None
    material_changes: list[FrMaterialChange] = Field(default_factory=list)
    terminated_on: dt.date | None = Field(
        default=None, description="Date facial recognition stopped being used"
    )
    deregistered_on: dt.date | None = Field(
        default=None, description="Date the filing was cancelled"
    )
    consent_based: bool | None = Field(
        default=None, description="Processing relies on the individual's consent"
    )
    separate_consent: bool | None = Field(
        default=None, description="Separate consent is obtained where consent is the basis"
    )
    minors_under_14: bool | None = Field(
        default=None, description="Face information of minors under 14 may be processed"
    )
    guardian_consent: bool | None = Field(
        default=None, description="A parent's or guardian's consent is obtained for those minors"
    )
    alternative_offered: bool | None = Field(
        default=None, description="A non-facial, reasonable and convenient method is offered"
    )
    stored_on_device: bool | None = Field(
        default=None, description="Face information stays in the device (not sent over networks)"
    )
    transmission_basis: str | None = Field(
        default=None,
        description="If not stored on the device: 'law' or 'separate_consent' (the lawful exception)",
    )
    public_place: bool | None = Field(
        default=None, description="Devices are installed in public places"
    )
    signs_posted: bool | None = Field(
        default=None, description="Prominent signs are posted where devices collect faces"
    )
    pia_completed_on: dt.date | None = Field(
        default=None, description="Date of the PI protection impact assessment report"
    )


class FacialRecognitionFacts(FactModel):
    """The organisation's facial-recognition deployments."""

    deployments: list[FrDeployment] = Field(default_factory=list)
