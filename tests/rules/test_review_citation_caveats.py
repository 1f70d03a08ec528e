"""A finding citing an article whose number or text the law data marks needs_review says so.

Independent review, 2026-11-30: the amended CSL's numbers are inferred from the amendment decision
(legal-facts.md 6c), yet findings citing them stated them as certain. The FR Measures' Art. 13 was
flagged the same way until sources naming "Article 13" were found (2026-11-30); it now carries no caveat.
"""

from __future__ import annotations

import datetime as dt

from hegui.profile.models import Profile
from hegui.rules.engine import assess


def _profile() -> Profile:
    return Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "shanghai"}],
            "facial_recognition": {
                "deployments": [
                    {
                        "id": "d1",
                        "entity": "e1",
                        "individuals_stored": 5000,
                        "consent_based": True,
                        "public_place": True,
                        "signs_posted": False,
                    }
                ]
            },
        }
    )


def test_inferred_article_number_is_flagged_in_the_finding() -> None:
    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "shanghai"}],
        }
    )
    (f,) = [
        f
        for f in assess(profile, dt.date(2026, 11, 30)).findings
        if f.rule_id == "incidents.emergency_plan"
    ]
    assert any(c.instrument == "csl_2025" and c.article == "27" for c in f.citations)
    assert any("Art. 27" in e and "inferred" in e for e in f.explanation), f.explanation


def test_article_number_named_by_sources_carries_no_caveat() -> None:
    result = assess(_profile(), dt.date(2026, 11, 30))
    (f,) = [f for f in result.findings if f.rule_id == "facial_recognition.public_place_signs"]
    assert any(c.instrument == "fr_measures_2025" and c.article == "13" for c in f.citations)
    assert not any("Art. 13" in e and "inferred" in e for e in f.explanation), f.explanation


def test_article_without_caveat_adds_nothing() -> None:
    result = assess(_profile(), dt.date(2026, 11, 30))
    (f,) = [f for f in result.findings if f.rule_id == "facial_recognition.separate_consent"]
    assert not any("needs review" in e.lower() for e in f.explanation)
