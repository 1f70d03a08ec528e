"""incidents.reporting_lines states the CAC clock as the law data gives it, whatever its length.

The clock was printed as ``minutes // 60`` hours: a 30-minute or 90-minute value (the data is in
minutes) would have read "0 h" or "1 h".
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from hegui.law.calendar import default_calendar
from hegui.law.loader import get_law
from hegui.profile.models import Profile
from hegui.rules.base import Context
from hegui.rules.incidents import ReportingLines

AS_OF = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [
        (240, "within 4 h of"),
        (60, "within 1 h of"),
        (30, "within 30 min of"),
        (90, "within 1 h 30 min of"),
    ],
)
def test_the_cac_clock_is_shown_exactly(minutes: int, shown: str) -> None:
    law = get_law()
    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E", "province": "zhejiang"}],
        }
    )
    ctx = Context(profile, AS_OF, law, default_calendar())
    real = ctx.param("incidents.cac_initial_report_minutes")
    value = dataclasses.replace(real, value={**real.value, "other": minutes})
    finding = ReportingLines()._entity(ctx, profile.entities[0], value)
    assert shown in finding.explanation[0], finding.explanation[0]
