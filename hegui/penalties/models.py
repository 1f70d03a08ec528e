"""Result models of the penalty calculator (pydantic, JSON-ready with ``model_dump(mode="json")``)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hegui.errors import HeguiError
from hegui.models import Citation, Text

TIERS: tuple[str, ...] = ("no_penalty", "mitigated", "lenient", "standard", "aggravated")
TIER_LABELS: dict[str, Text] = {
    "no_penalty": Text(zh="不予处罚", en="no penalty"),
    "mitigated": Text(zh="减轻处罚", en="mitigated (below the statutory minimum)"),
    "lenient": Text(zh="从轻处罚", en="lenient"),
    "standard": Text(zh="一般处罚", en="standard"),
    "aggravated": Text(zh="从重处罚", en="aggravated"),
}


class PenaltyError(HeguiError):
    """An unknown violation or circumstance, or a penalty that cannot be computed as asked."""


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FineBand(_Out):
    """A fine: the statutory range and the band of the discretion tier within it (CNY)."""

    label: Text
    basis: str = Field(description="range | cap | turnover | gains_multiple")
    statutory_min: int | None = None
    statutory_max: int | None = None
    band_min: int | None = None
    band_max: int | None = None
    multiple_min: float | None = Field(default=None, description="For fines in multiples of gains")
    multiple_max: float | None = None
    optional: bool = Field(default=False, description="The law says the fine 'may' be imposed")
    notes: list[str] = Field(default_factory=list)


class PenaltyExposure(_Out):
    """What a violation exposes the organisation and its responsible persons to."""

    violation_id: str
    title: Text
    as_of: dt.date
    provision: Text
    statutory_tier: str
    statutory_tier_label: Text
    discretion_tier: str | None = Field(
        default=None, description="no_penalty | mitigated | lenient | standard | aggravated"
    )
    discretion_tier_label: Text | None = None
    benchmark: Citation | None = Field(
        default=None, description="The CAC discretion benchmark applied (None before 2025-05-30)"
    )
    proposed: bool = Field(default=False, description="The benchmark was a draft on as_of")
    organisation: list[FineBand] = Field(
        default_factory=list, description="One band, or alternatives (e.g. PIPL 66 cap or 5%)"
    )
    persons: list[FineBand] = Field(default_factory=list)
    other_sanctions: list[Text] = Field(default_factory=list)
    circumstances: list[str] = Field(default_factory=list)
    reasoning: list[str] = Field(default_factory=list)
    needs_review: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


class ViolationInfo(_Out):
    """A violation in the catalogue, with its versions' dates and provisions."""

    id: str
    title: Text
    provisions: list[str] = Field(description="'<since>..<until>: <provision>' per version")
    statutory_circumstances: list[str]
