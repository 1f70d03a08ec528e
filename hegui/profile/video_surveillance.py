"""Profile facts for public security video and image systems (Regulations in force 2025-04-01)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from hegui.profile.base import FactModel
from hegui.profile.pi_audit import AuditEvidence


class PlaceCategory(StrEnum):
    """The public places of Regulations Art. 7 (as quoted by the implementing notices)."""

    ROADS_AND_SQUARES = "roads_and_squares"
    CROWDED_PLACES = "crowded_places"
    TRANSPORT_HUBS = "transport_hubs"
    PUBLIC_TRANSPORT = "public_transport"
    SERVICE_AREAS = "service_areas"
    OTHER = "other"


class VideoChange(FactModel):
    """A change of the filed matters (administrator, system, cameras ...)."""

    changed_on: dt.date
    description: str | None = None
    refiled_on: dt.date | None = None


class VideoSystem(FactModel):
    """A video and image system an entity administers."""

    id: str
    entity: str
    description: str | None = None
    place_category: PlaceCategory | None = Field(
        default=None, description="Art. 7 place category; `other` if none applies"
    )
    in_use_since: dt.date | None = Field(default=None, description="Date the system went into use")
    filed_on: dt.date | None = Field(default=None, description="Filing with the county-level organ")
    changes: list[VideoChange] = Field(default_factory=list)
    self_check: dict[str, AuditEvidence] = Field(
        default_factory=dict,
        description="Self-check by inspection item id (mappings/video_inspection_items.yaml)",
    )


class VideoSurveillanceFacts(FactModel):
    """The organisation's public security video and image systems."""

    systems: list[VideoSystem] = Field(default_factory=list)
