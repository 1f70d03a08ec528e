"""``applies_when`` predicates, evaluated on synthetic profiles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hegui.developments.applicability import activities, evaluate
from hegui.developments.schema import AppliesWhen, Dates, Development
from hegui.models import Text
from hegui.profile.models import Profile


def _dev(**cond: Any) -> Development:
    return Development(
        id="synthetic_2025",
        date=dt.date(2025, 5, 20),
        authority=Text(zh="示例", en="Example"),
        instrument=Text(zh="示例", en="Example"),
        kind="notice",
        status="final",
        dates=Dates(),
        areas=("data_security",),
        applies_when=AppliesWhen(**cond),
        summary=Text(zh="示例", en="Example"),
        rules=(),
        source="https://example.org",
    )


def _profile(*entities: dict[str, Any], **extra: Any) -> Profile:
    return Profile.model_validate(
        {"organisation": {"name": "Synthetic Co"}, "entities": list(entities), **extra}
    )


SH_FTZ_INS = {"id": "a", "name": "A", "province": "shanghai", "ftz": "shanghai_lingang",
              "sectors": ["insurance"]}  # fmt: skip
BJ_BIO = {"id": "b", "name": "B", "province": "beijing", "sectors": ["biopharma"]}


def test_empty_condition_applies_to_everyone() -> None:
    result = evaluate(_dev(), _profile(BJ_BIO))
    assert result.applies and "every organisation" in result.reasons[0].en


def test_entity_conditions_must_hold_for_the_same_entity() -> None:
    # Lin-gang FTZ + biopharma: entity a is in the FTZ but insurance, entity b is biopharma but in
    # Beijing. Neither alone meets both conditions, so the development does not apply.
    dev = _dev(ftz=("shanghai_lingang",), sectors=("biopharma",))
    result = evaluate(dev, _profile(SH_FTZ_INS, BJ_BIO))
    assert not result.applies
    assert "shanghai_lingang" in result.reasons[0].en and "biopharma" in result.reasons[0].en
    ok = evaluate(dev, _profile({**SH_FTZ_INS, "sectors": ["biopharma"]}, BJ_BIO))
    assert ok.applies and ok.entities == ("a",)
    assert "entity a" in ok.reasons[0].en and "实体 a" in ok.reasons[0].zh


def test_province_reason_names_nearest_entities() -> None:
    dev = _dev(provinces=("beijing",), sectors=("telecom",))
    result = evaluate(dev, _profile(SH_FTZ_INS, BJ_BIO))
    assert not result.applies
    assert "b is in sectors biopharma" in result.reasons[0].en


@pytest.mark.parametrize(("individuals", "applies"), [(999_999, False), (1_000_000, True),
                                                      (1_000_001, True)])  # fmt: skip
def test_min_individuals_threshold(individuals: int, applies: bool) -> None:
    dev = _dev(min_individuals=1_000_000)
    prof = _profile({**BJ_BIO, "individuals_processed": individuals})
    assert evaluate(dev, prof).applies is applies


def test_ciio_condition() -> None:
    dev = _dev(ciio=True)
    assert not evaluate(dev, _profile(BJ_BIO)).applies
    assert evaluate(dev, _profile({**BJ_BIO, "ciio": True})).applies


def test_activities_are_derived_from_profile_facts() -> None:
    prof = _profile(
        BJ_BIO,
        datasets=[
            {"id": "kids", "entity": "b", "pi_categories": ["basic_profile"], "minors_under_14": 5},
            {
                "id": "trial",
                "entity": "b",
                "sensitive_categories": ["health"],
                "important_data": {"designated": True},
            },
        ],
        systems=[{"id": "s1", "name": "System", "entity": "b"}],
        transfers=[{"id": "t1", "entity": "b", "recipient": {"name": "HQ", "country": "DE"}}],
    )
    found = activities(prof)
    assert set(found) >= {
        "personal_information",
        "sensitive_personal_information",
        "minors",
        "important_data",
        "mlps",
        "cross_border",
    }
    assert "t1" in found["cross_border"].en
    assert "facial_recognition" not in found


def test_no_activity_means_not_applicable_with_reason() -> None:
    result = evaluate(_dev(activities=("cross_border", "apps")), _profile(BJ_BIO))
    assert not result.applies
    assert "cross_border, apps" in result.reasons[0].en


def test_any_listed_activity_suffices() -> None:
    prof = _profile(BJ_BIO, systems=[{"id": "s1", "name": "System", "entity": "b"}])
    result = evaluate(_dev(activities=("apps", "mlps")), prof)
    assert result.applies and result.activities == ("mlps",)
