"""The video-system inspection items: only sourced items, the gap stated, ids checked."""

from __future__ import annotations

import datetime as dt

import pytest

from hegui import api
from hegui.errors import ProfileError
from hegui.profile.models import Profile
from hegui.rules.engine import assess


def test_checklist_says_how_many_items_are_missing() -> None:
    checklist = api.video_inspection_checklist()
    assert checklist.expected_count == 13
    assert len(checklist.items) == 3 and not checklist.complete
    assert checklist.needs_review and "ten" in checklist.needs_review
    assert {i.id for i in checklist.items} == {
        "construction_entity_legality",
        "filing_authenticity",
        "security_measures",
    }


def test_unknown_self_check_item_is_a_profile_error() -> None:
    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "zhejiang"}],
            "video_surveillance": {
                "systems": [
                    {
                        "id": "cam",
                        "entity": "e1",
                        "self_check": {"camera_angles": {"status": "compliant"}},
                    }
                ]
            },
        }
    )
    with pytest.raises(ProfileError) as exc:
        assess(profile, dt.date(2026, 1, 1))
    assert exc.value.field == "video_surveillance.systems[0].self_check"
