"""Incident-response readiness facts (CSL emergency plan, CAC Measures vendor reporting duty)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from hegui.profile.base import FactModel


class IncidentResponseFacts(FactModel):
    """The organisation's incident-response arrangements (not individual incidents)."""

    plan_adopted: bool | None = Field(
        default=None, description="A cybersecurity incident emergency response plan is adopted"
    )
    plan_reviewed_on: dt.date | None = Field(default=None, description="Last review of the plan")
    plan_covers_reporting_clocks: bool | None = Field(
        default=None,
        description="The plan states the reporting recipients and deadlines (CAC, sector regulators)",
    )
    vendor_contracts_require_reporting: bool | None = Field(
        default=None,
        description="Contracts require security and O&M service providers to report incidents they "
        "find and to assist (CAC Incident Reporting Measures, from 2025-11-01)",
    )
