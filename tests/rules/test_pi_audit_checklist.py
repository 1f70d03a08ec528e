"""The PI audit checklist as law data, the public accessor, and evidence recorded against it."""

from __future__ import annotations

import datetime as dt

import pytest

from hegui import api
from hegui.errors import ProfileError
from hegui.models import Status
from hegui.profile.models import Profile
from hegui.rules.engine import assess


def _profile(evidence: dict[str, dict[str, str]]) -> Profile:
    return Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "beijing"}],
            "pi_audit": {
                "entities": [
                    {
                        "entity": "e1",
                        "audits": [{"completed_on": "2026-03-01", "evidence": evidence}],
                    }
                ]
            },
        }
    )


def test_checklist_has_the_26_annex_aspects_in_order() -> None:
    items = api.pi_audit_checklist()
    assert len(items) == 26
    assert [i.point for i in items] == list(range(2, 28))
    assert items[0].id == "legal_basis" and items[-1].id == "social_responsibility_report"
    assert len({i.id for i in items}) == 26
    for item in items:
        assert item.title.zh and item.title.en
        assert any(c.instrument == "pi_audit_measures_2025" for c in item.citations)


def test_conditional_aspects_name_their_condition() -> None:
    by_id = {i.id: i for i in api.pi_audit_checklist()}
    assert by_id["children_under_14"].applies_when == "minors_under_14"
    assert by_id["platform_rules"].applies_when == "large_platform"
    assert by_id["legal_basis"].applies_when is None


def test_all_always_relevant_aspects_compliant_is_met() -> None:
    evidence = {
        i.id: {"status": "compliant"} for i in api.pi_audit_checklist() if i.applies_when is None
    }
    result = assess(_profile(evidence), dt.date(2026, 6, 1), rule_ids=["pi_audit.checklist"])
    (finding,) = result.findings
    assert finding.status is Status.MET
    assert finding.facts["gaps"] == []


def test_unknown_item_id_is_a_profile_error_naming_the_field() -> None:
    with pytest.raises(ProfileError) as exc:
        assess(_profile({"no_such_item": {"status": "compliant"}}), dt.date(2026, 6, 1))
    assert "pi_audit.entities[0].audits[0].evidence" in str(exc.value)
    assert "no_such_item" in str(exc.value)
