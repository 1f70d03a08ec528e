"""minors.compliance_audit: the reading of Art. 37's "每年" (every year) is flagged, not certain.

Independent review, 2026-11-30: Art. 37 says "每年" with no start date. hegui counts 12 months from
the last audit (the first one year after 2024-01-01); a calendar-year reading would put the first
audit by 2024-12-31. The due date is hegui's reading and must say so.
"""

from __future__ import annotations

import datetime as dt

from hegui.profile.models import Profile
from hegui.rules.engine import assess


def test_annual_minors_audit_reading_is_flagged() -> None:
    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "beijing"}],
            "datasets": [
                {"id": "d1", "entity": "e1", "pi_categories": ["contact"], "minors_under_18": 5}
            ],
        }
    )
    (f,) = [
        f
        for f in assess(profile, dt.date(2026, 11, 30)).findings
        if f.rule_id == "minors.compliance_audit"
    ]
    assert f.status.value == "overdue" and f.due == dt.date(2025, 1, 1)
    assert any("minors.audit_interval needs review" in e for e in f.explanation), f.explanation
