"""SA results issued before 2024-03-22: the 2-year validity kept for them is flagged, not certain.

Independent review, 2026-11-30: every result issued under the 2022 SA Measures (2 years, from
2022-09-01) was still running when the 2024 Provisions (Art. 9: 3 years; Art. 13: the Provisions
prevail where inconsistent) took effect, and no transition rule is sourced (legal-facts.md 1a).
Whether those results now run 3 years is open; the finding must say so.
"""

from __future__ import annotations

import datetime as dt

from hegui.profile.models import Profile
from hegui.rules.engine import assess


def _sa_finding(approved_on: str) -> list[str]:
    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "shanghai", "ciio": True}],
            "transfers": [
                {
                    "id": "t1",
                    "entity": "e1",
                    "recipient": {"name": "R", "country": "SG"},
                    "volumes": {2026: {"non_sensitive": 10}},
                    "start_date": "2023-01-01",
                    "mechanism": {
                        "type": "security_assessment",
                        "applied_on": "2023-11-01",
                        "approved_on": approved_on,
                    },
                }
            ],
        }
    )
    (f,) = [
        f
        for f in assess(profile, dt.date(2026, 1, 10)).findings
        if f.rule_id == "cross_border.security_assessment"
    ]
    return f.explanation


def test_result_issued_under_the_2022_measures_flags_its_validity() -> None:
    assert any("sa_validity needs review" in e for e in _sa_finding("2024-03-21"))


def test_result_issued_under_the_2024_provisions_has_no_such_caveat() -> None:
    assert not any("sa_validity needs review" in e for e in _sa_finding("2024-03-22"))
