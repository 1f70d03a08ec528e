"""A circumstance the user gives must either change the result or be reported as ignored.

Before, ``serious`` for DSL Art. 45 (whose upper tier turns on refused_correction or
serious_consequences) gave the ordinary tier with the reasoning "no circumstance triggers a higher
statutory tier", and ``obstruction`` (a circumstance of the final benchmark only) on a date when only
the draft existed gave "no lighter or heavier circumstance": the user's input vanished silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui.law.loader import get_law
from hegui.penalties import penalty_exposure
from hegui.penalties.models import PenaltyError
from hegui.profile.loader import load_profile


def test_statutory_circumstance_foreign_to_the_provision_is_reported_as_ignored() -> None:
    r = penalty_exposure("dsl.security_duties", ["serious"], as_of=dt.date(2026, 1, 1))
    assert r.statutory_tier == "ordinary"  # DSL 45(1) has no 'serious' tier: unchanged
    ignored = [x for x in r.reasoning if "ignored" in x]
    assert ignored and "'serious'" in ignored[0], r.reasoning
    assert "refused_correction" in ignored[0] and "serious_consequences" in ignored[0]


def test_benchmark_circumstance_not_in_the_version_on_the_date_is_reported_as_ignored() -> None:
    r = penalty_exposure("dsl.security_duties", ["obstruction"], as_of=dt.date(2025, 6, 1))
    assert r.discretion_tier == "standard" and r.proposed
    ignored = [x for x in r.reasoning if "ignored" in x]
    assert ignored and "'obstruction'" in ignored[0] and "2025-06-01" in ignored[0], r.reasoning
    # From 2025-08-01 the final benchmark lists it: aggravated, nothing ignored.
    final = penalty_exposure("dsl.security_duties", ["obstruction"], as_of=dt.date(2025, 8, 1))
    assert final.discretion_tier == "aggravated"
    assert not any("ignored" in x for x in final.reasoning)


def test_discretion_circumstances_before_any_benchmark_are_reported_as_ignored() -> None:
    r = penalty_exposure(
        "dsl.security_duties", ["actively_eliminated_harm"], as_of=dt.date(2025, 5, 14)
    )
    assert r.discretion_tier is None
    ignored = [x for x in r.reasoning if "ignored" in x]
    assert ignored and "'actively_eliminated_harm'" in ignored[0], r.reasoning
    # The benchmark's first date comes from the law data, not from Python.
    first = get_law().parameters["penalties.discretion_circumstances"].dates[0]
    assert any(f"dates from {first}" in x for x in r.reasoning), r.reasoning


def test_used_circumstances_are_not_reported_as_ignored() -> None:
    r = penalty_exposure(
        "dsl.security_duties",
        ["refused_correction", "actively_eliminated_harm"],
        as_of=dt.date(2026, 1, 1),
    )
    assert r.statutory_tier == "serious" and r.discretion_tier == "lenient"
    assert not any("ignored" in x for x in r.reasoning), r.reasoning


def test_no_penalty_tier_does_not_say_persons_are_fined() -> None:
    r = penalty_exposure("dsl.security_duties", ["no_fault"], as_of=dt.date(2026, 1, 1))
    assert r.discretion_tier == "no_penalty"
    assert [(b.band_min, b.band_max) for b in r.persons] == [(0, 0)]
    assert not any("fined separately" in x for x in r.reasoning), r.reasoning


def test_illegal_gains_for_a_provision_without_gains_fines_are_reported_as_ignored() -> None:
    r = penalty_exposure(
        "dsl.security_duties", [], as_of=dt.date(2026, 1, 1), illegal_gains_cny=300_000
    )
    assert any("gains (CNY 300,000) ignored" in x for x in r.reasoning), r.reasoning
    used = penalty_exposure(
        "dsl.trading_intermediary", [], as_of=dt.date(2026, 1, 1), illegal_gains_cny=300_000
    )
    assert used.organisation[0].basis == "gains_multiple"
    assert not any("ignored" in x for x in used.reasoning), used.reasoning


def test_a_group_profile_needs_entity_only_for_a_turnover_based_fine() -> None:
    group = load_profile(Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml")
    assert len(group.entities) > 1
    # DSL Art. 45 has no turnover-based fine: the group profile used to be refused here.
    r = penalty_exposure("dsl.security_duties", [], group, as_of=dt.date(2026, 1, 1))
    assert r.organisation[0].band_min == 185_000
    with pytest.raises(PenaltyError) as err:
        penalty_exposure("pipl.unlawful_processing", ["serious"], group, as_of=dt.date(2026, 1, 1))
    assert err.value.field == "--entity"
    with pytest.raises(PenaltyError):
        penalty_exposure("dsl.security_duties", [], group, "nope", as_of=dt.date(2026, 1, 1))
