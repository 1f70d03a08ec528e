"""Profile facts for data-subject rights (``rights:`` section): the request log.

Requests hold no personal information: an internal reference, the type, dates and outcome only.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from hegui.profile.base import FactModel


class RequestType(StrEnum):
    ACCESS = "access"
    COPY = "copy"
    PORTABILITY = "portability"
    CORRECTION = "correction"
    DELETION = "deletion"
    DEACTIVATION = "deactivation"
    EXPLANATION = "explanation"
    DECEASED = "deceased"


class Outcome(StrEnum):
    GRANTED = "granted"
    PARTIALLY_GRANTED = "partially_granted"
    REFUSED = "refused"


class RightsRequest(FactModel):
    """One request from an individual (or a deceased person's close relative)."""

    id: str = Field(description="Internal reference (no personal information)")
    type: RequestType
    received: dt.date = Field(description="Date the request was received")
    answered: dt.date | None = Field(default=None, description="Date of the answer, if any")
    outcome: Outcome | None = Field(default=None, description="granted, partially_granted, refused")
    reasons_given: bool | None = Field(
        default=None, description="For a refusal: whether the reasons were stated"
    )
    entity: str | None = Field(default=None, description="Entity that received it")
    channel: str | None = Field(default=None, description="e.g. app, email, hotline")

    @model_validator(mode="after")
    def _dates(self) -> RightsRequest:
        if self.answered is not None and self.answered < self.received:
            raise ValueError(f"request {self.id!r}: answered is before received")
        if self.outcome is not None and self.answered is None:
            raise ValueError(f"request {self.id!r}: an outcome needs the answered date")
        return self


class RightsFacts(FactModel):
    """The ``rights:`` section of a profile."""

    committed_response_working_days: int | None = Field(
        default=None,
        ge=1,
        description="Period (working days) the organisation promises in its policy, if any",
    )
    channels: list[str] = Field(
        default_factory=list, description="Channels to make requests (app, web form, hotline...)"
    )
    requests: list[RightsRequest] = Field(default_factory=list)
