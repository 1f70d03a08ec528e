"""Profile facts for MLPS (multi-level protection): per system, its grading and filing history."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from hegui.profile.base import FactModel


class MlpsGrading(FactModel):
    """Answers to the GB/T 22240-2020 grading questions (ids of mappings/mlps_grading_matrix)."""

    info_object: str = Field(
        description="Business information: citizens, social_order, national_security"
    )
    info_degree: str = Field(
        description="Business information: general, serious, especially_serious"
    )
    service_object: str = Field(
        description="System service: citizens, social_order, national_security"
    )
    service_degree: str = Field(description="System service: general, serious, especially_serious")


class MlpsSystem(FactModel):
    """MLPS facts of one system in ``systems`` (its live date is ``systems[].live_date``)."""

    system: str = Field(description="Id of the system in `systems`")
    grading: MlpsGrading | None = None
    declared_level: int | None = Field(
        default=None, ge=1, le=5, description="Level on the filing (if no grading answers)"
    )
    graded_on: dt.date | None = None
    expert_review_on: dt.date | None = Field(default=None, description="Date of the expert opinion")
    filed_on: dt.date | None = Field(default=None, description="Filing with public security")
    cross_provincial: bool = Field(
        default=False, description="Runs across provinces (filed at the provincial level)"
    )
    refiled_2025_template_on: dt.date | None = Field(
        default=None, description="Re-filing on the 2025 grading-report and filing-form templates"
    )
    last_evaluation_on: dt.date | None = Field(
        default=None, description="Date of the last MLPS evaluation (等级测评) report"
    )
    protection_plan_years: list[int] = Field(
        default_factory=list, description="Years whose annual protection plan was submitted"
    )


class MlpsFacts(FactModel):
    """The organisation's MLPS systems."""

    systems: list[MlpsSystem] = Field(default_factory=list)
