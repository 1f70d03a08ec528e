"""Profile facts for the national network identity authentication public service (from 2025-07-15)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from hegui.profile.base import FactModel


class PlaintextBasis(StrEnum):
    """Why a platform may still ask a Network-ID-verified user for plaintext identity data."""

    LAW = "law"  # a law or administrative regulation requires it
    USER_CONSENT = "user_consent"  # the user agrees


class NetworkIdPlatform(FactModel):
    """An online platform (app, website, service) and its use of Network ID."""

    id: str
    entity: str
    description: str | None = None
    connected: bool | None = Field(
        default=None, description="Connected to the national Network ID public service"
    )
    connected_on: dt.date | None = None
    requests_plaintext_id: bool | None = Field(
        default=None,
        description="Asks users verified by Network ID number/certificate for plaintext identity data",
    )
    plaintext_basis: PlaintextBasis | None = Field(
        default=None, description="The exception relied on, if plaintext identity data is requested"
    )
    equal_service: bool | None = Field(
        default=None,
        description="Keeps other lawful verification methods; equal service without Network ID",
    )
    service_data_stored_in_china: bool | None = Field(
        default=None, description="Data received from the public service is stored in China"
    )
    service_data_exported: bool | None = Field(
        default=None, description="Data received from the public service is provided abroad"
    )
    export_assessment_approved_on: dt.date | None = Field(
        default=None, description="Date the export security assessment was passed"
    )


class NetworkIdFacts(FactModel):
    """The organisation's platforms and their Network ID facts."""

    platforms: list[NetworkIdPlatform] = Field(default_factory=list)
