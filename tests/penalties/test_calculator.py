"""The penalty calculator: worked examples 11-12, tiers, dated provisions, turnover and gains."""

from __future__ import annotations

import datetime as dt

import pytest

from hegui import api
from hegui.penalties import PenaltyError, list_violations, penalty_exposure

D = dt.date(2026, 11, 30)


def bands(r: object) -> list[tuple[int | None, int | None]]:
    return [(b.band_min, b.band_max) for b in r.organisation]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("circumstance", "tier", "band"),
    [
        ("actively_eliminated_harm", "lenient", (100_000, 370_000)),
        (None, "standard", (370_000, 730_000)),
        ("repeat_within_one_year", "aggravated", (730_000, 1_000_000)),
        ("mitigation_approved", "mitigated", (0, 100_000)),
        ("minor_corrected_no_harm", "no_penalty", (0, 0)),
    ],
)
def test_worked_example_11_dsl_46_bands(
    circumstance: str | None, tier: str, band: tuple[int, int]
) -> None:
    r = penalty_exposure(
        "dsl.important_data_export", [circumstance] if circumstance else [], as_of=D
    )
    assert r.statutory_tier == "ordinary" and r.discretion_tier == tier
    assert bands(r) == [band]
    assert (
        r.organisation[0].statutory_min == 100_000 and r.organisation[0].statutory_max == 1_000_000
    )
    assert r.organisation[0].optional  # "may fine"


def test_worked_example_12_cap_without_minimum_is_flagged() -> None:
    r = penalty_exposure("pipl.unlawful_processing", ["refused_correction"], as_of=D)
    (b,) = r.organisation
    assert (b.basis, b.statutory_min, b.statutory_max) == ("cap", 0, 1_000_000)
    assert (b.band_min, b.band_max) == (300_000, 700_000)
    assert any("cap with no minimum" in n for n in r.needs_review)
    assert r.persons[0].statutory_min == 10_000


def test_pipl_66_ordinary_without_refusal_has_no_fine() -> None:
    r = penalty_exposure("pipl.unlawful_processing", [], as_of=D)
    assert r.organisation == [] and r.persons == []
    assert any("refused_correction" in x for x in r.reasoning)
    assert {s.zh for s in r.other_sanctions} >= {"责令改正", "警告"}


def test_pipl_serious_turnover_alternative_uses_the_profile() -> None:
    prof = api.load_profile("examples/acme/profile.yaml")
    r = penalty_exposure("pipl.unlawful_processing", ["serious"], prof, "acme-sh", D)
    fixed, turnover = r.organisation
    assert fixed.statutory_max == 50_000_000
    assert turnover.basis == "turnover" and turnover.statutory_max == 41_000_000  # 5% of 820M
    assert (turnover.band_min, turnover.band_max) == (12_300_000, 28_700_000)
    assert any("alternative caps" in n for n in r.needs_review)
    assert "禁止在一定期限内担任董事、监事、高级管理人员和个人信息保护负责人" in {
        s.zh for s in r.other_sanctions
    }
    missing = penalty_exposure("pipl.unlawful_processing", ["serious"], as_of=D)
    assert (
        "entities[].turnover_prior_year_cny" in missing.missing and len(missing.organisation) == 1
    )


def test_csl_version_changes_on_2026_01_01() -> None:
    before = penalty_exposure("csl.operator_security_duties", [], as_of=dt.date(2025, 12, 31))
    after = penalty_exposure("csl.operator_security_duties", [], as_of=dt.date(2026, 1, 1))
    assert before.organisation == [] and before.provision.en.startswith("CSL (2016) Art. 59")
    assert bands(after) == [(22_000, 38_000)]  # 10k-50k, standard 30-70 %
    assert after.citations[0].instrument == "csl_2025"
    harm = penalty_exposure(
        "csl.operator_security_duties", ["harmful_consequences"], as_of=dt.date(2025, 12, 31)
    )
    assert (harm.organisation[0].statutory_min, harm.organisation[0].statutory_max) == (
        10_000,
        100_000,
    )
    serious = penalty_exposure(
        "csl.ciio_security_duties", ["cii_main_function_loss"], as_of=dt.date(2026, 1, 1)
    )
    assert serious.statutory_tier == "especially_serious_harm"
    assert (serious.organisation[0].statutory_min, serious.organisation[0].statutory_max) == (
        2_000_000,
        10_000_000,
    )
    assert (serious.persons[0].statutory_min, serious.persons[0].statutory_max) == (
        200_000,
        1_000_000,
    )


def test_unknown_amended_csl_provision_says_so() -> None:
    r = penalty_exposure("csl.pi_protection", [], as_of=dt.date(2026, 1, 1))
    assert r.statutory_tier == "unknown" and r.organisation == [] and r.needs_review


def test_benchmark_proposed_then_in_force_then_absent() -> None:
    absent = penalty_exposure("dsl.security_duties", [], as_of=dt.date(2025, 5, 29))
    assert absent.discretion_tier is None and absent.benchmark is None
    assert bands(absent) == [(50_000, 500_000)]
    draft = penalty_exposure("dsl.security_duties", [], as_of=dt.date(2025, 5, 30))
    assert draft.proposed and draft.benchmark and draft.benchmark.instrument.endswith("_draft")
    final = penalty_exposure("dsl.security_duties", [], as_of=dt.date(2025, 8, 1))
    assert (
        not final.proposed
        and final.benchmark
        and final.benchmark.instrument == "cac_penalty_discretion_2025"
    )
    assert bands(final) == [(185_000, 365_000)]


def test_conflicting_circumstances_fall_back_to_standard_with_a_caveat() -> None:
    r = penalty_exposure(
        "dsl.security_duties", ["actively_eliminated_harm", "obstruction"], as_of=D
    )
    assert r.discretion_tier == "standard" and any("weighs" in n for n in r.needs_review)


def test_multiples_of_illegal_gains_and_the_floor() -> None:
    r = penalty_exposure("dsl.trading_intermediary", [], as_of=D, illegal_gains_cny=200_000)
    (b,) = r.organisation
    assert b.basis == "gains_multiple" and (b.statutory_min, b.statutory_max) == (
        200_000,
        2_000_000,
    )
    assert (b.multiple_min, b.multiple_max) == (3.7, 7.3) and (b.band_min, b.band_max) == (
        740_000,
        1_460_000,
    )
    small = penalty_exposure("dsl.trading_intermediary", [], as_of=D, illegal_gains_cny=99_999)
    assert (small.organisation[0].statutory_min, small.organisation[0].statutory_max) == (
        100_000,
        1_000_000,
    )
    unknown = penalty_exposure("dsl.trading_intermediary", [], as_of=D)
    assert "illegal_gains_cny" in unknown.missing


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"violation_id": "nope"}, "unknown violation"),
        (
            {"violation_id": "dsl.security_duties", "circumstances": ["bogus"]},
            "unknown circumstance",
        ),
        (
            {"violation_id": "ndsmr.processing_duties", "as_of": dt.date(2024, 12, 31)},
            "no provision in force",
        ),
        ({"violation_id": "dsl.trading_intermediary", "illegal_gains_cny": -1}, "negative"),
    ],
)
def test_bad_input_is_a_clear_error(kwargs: dict[str, object], match: str) -> None:
    kwargs.setdefault("as_of", D)
    with pytest.raises(PenaltyError, match=match):
        penalty_exposure(**kwargs)  # type: ignore[arg-type]


def test_profile_with_several_entities_needs_one_named() -> None:
    prof = api.load_profile("examples/acme/profile.yaml")
    with pytest.raises(PenaltyError, match="--entity"):
        penalty_exposure("pipl.unlawful_processing", ["serious"], prof, None, D)


def test_catalogue_and_json_dump() -> None:
    ids = {v.id for v in list_violations()}
    assert {
        "pipl.unlawful_processing",
        "dsl.security_duties",
        "csl.operator_security_duties",
    } <= ids
    assert "ndsmr.processing_duties" not in {v.id for v in list_violations(dt.date(2024, 6, 1))}
    data = api.penalty_exposure("dsl.core_data", as_of=D).model_dump(mode="json")
    assert data["organisation"][0]["statutory_max"] == 10_000_000 and data["as_of"] == "2026-11-30"


def test_api_accepts_a_profile_object_or_path() -> None:
    prof = api.load_profile("examples/acme/profile.yaml")
    by_obj = api.penalty_exposure("pipl.unlawful_processing", ["serious"], prof, "acme-sh", D)
    by_path = api.penalty_exposure(
        "pipl.unlawful_processing", ["serious"], "examples/acme/profile.yaml", "acme-sh", D
    )
    assert len(by_obj.organisation) == len(by_path.organisation) == 2
