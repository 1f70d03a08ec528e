"""minors.compliance_audit: the reading of Art. 37's "每年" (every year), before and after the CAC notice.

Independent review, 2026-11-30: Art. 37 says "每年" with no start date. Until the CAC notice of
2025-12-29 hegui counts 12 months from the last audit (the first one year after 2024-01-01) and flags
that reading. The notice fixes calendar years: the previous year's audit is reported by the end of
January, so from the notice the due date is 31 January and no longer a flagged reading.
"""

from __future__ import annotations

import datetime as dt

from hegui.models import Finding
from hegui.profile.models import Profile
from hegui.rules.engine import assess


def _audit_finding(as_of: dt.date) -> Finding:
    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "beijing"}],
            "datasets": [
                {"id": "d1", "entity": "e1", "pi_categories": ["contact"], "minors_under_18": 5}
            ],
        }
    )
    (f,) = [f for f in assess(profile, as_of).findings if f.rule_id == "minors.compliance_audit"]
    return f


def test_annual_minors_audit_reading_is_flagged_before_the_notice() -> None:
    f = _audit_finding(dt.date(2025, 12, 28))
    assert f.status.value == "overdue" and f.due == dt.date(2025, 1, 1)
    assert any("minors.audit_interval needs review" in e for e in f.explanation), f.explanation


def test_notice_fixes_the_report_day_and_drops_the_flag() -> None:
    f = _audit_finding(dt.date(2026, 11, 30))
    assert f.status.value == "overdue" and f.due == dt.date(2026, 1, 31)
    assert not any("needs review" in e for e in f.explanation), f.explanation
    assert any(c.instrument == "cac_minors_audit_report_notice_2025" for c in f.citations)
