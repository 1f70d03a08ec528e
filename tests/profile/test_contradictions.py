"""Facts that contradict each other are errors naming the field and line, not silent guesses.

Each case here was accepted before and changed an answer without a word: a transfer said to carry
no PI while counting individuals was routed "no mechanism needed" whatever its volume, and an
assessment result "valid until" a day before it was issued was reported as issued and expired.
"""

from __future__ import annotations

import pytest

from hegui.errors import ProfileError
from hegui.profile import parse_profile

BASE = """\
organisation: {name: Test Co}
entities:
  - {id: e1, name: Entity One, province: shanghai}
datasets:
  - id: d1
    entity: e1
    pi_categories: [basic_profile, contact]
    sensitive_categories: [health]
    individuals: 5000
    minors_under_18: 10
transfers:
  - id: t1
    entity: e1
    recipient: {name: R, country: US}
    datasets: [d1]
    contains_pi: true
    volumes: {2026: {non_sensitive: 5000, sensitive: 0, planned_on: 2026-07-01}}
    mechanism:
      type: security_assessment
      applied_on: 2026-02-01
      approved_on: 2026-04-01
      valid_until: 2029-04-01
"""


def _error(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, source="p.yaml")
    assert info.value.path == "p.yaml"
    return info.value


def test_the_base_profile_loads() -> None:
    assert parse_profile(BASE).transfers[0].mechanism.valid_until is not None


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "fragments"),
    [
        # 600,000 individuals sent in a flow said to carry no PI: routed "not required" before.
        (
            "contains_pi: true\n    volumes: {2026: {non_sensitive: 5000,",
            "contains_pi: false\n    volumes: {2026: {non_sensitive: 600000,",
            16,
            "transfers.0.contains_pi",
            ["contains_pi is false", "volumes.2026", "600000"],
        ),
        (
            "contains_pi: true\n    volumes: {2026: {non_sensitive: 5000, sensitive: 0,",
            "contains_pi: false\n    volumes: {2026: {non_sensitive: 0, sensitive: 20,",
            16,
            "transfers.0.contains_pi",
            ["contains_pi is false", "sensitive"],
        ),
        # A dataset said to hold no PI cannot hold sensitive PI or minors' PI.
        (
            "    individuals: 5000\n",
            "    individuals: 5000\n    contains_pi: false\n",
            10,
            "datasets.0.contains_pi",
            ["contains_pi is false", "sensitive_categories"],
        ),
        (
            "    sensitive_categories: [health]\n    individuals: 5000\n",
            "    individuals: 5000\n    contains_pi: false\n",
            9,
            "datasets.0.contains_pi",
            ["contains_pi is false", "minors_under_18 (10)"],
        ),
        # A planned transfer listed under 2026 cannot start in 2027 (it was counted in 2026).
        (
            "planned_on: 2026-07-01",
            "planned_on: 2027-02-01",
            17,
            "transfers.0.volumes.2026.planned_on",
            ["planned_on 2027-02-01 is not in 2026"],
        ),
        # Individuals counted in a year the flow did not run: counted towards that year's tier.
        (
            "    contains_pi: true\n",
            "    contains_pi: true\n    start_date: 2027-01-05\n",
            18,
            "transfers.0.volumes.2026",
            ["volumes.2026 counts individuals", "start_date 2027-01-05"],
        ),
        (
            "    contains_pi: true\n",
            "    contains_pi: true\n    start_date: 2024-01-05\n    end_date: 2025-06-30\n",
            19,
            "transfers.0.volumes.2026",
            ["volumes.2026 counts individuals", "end_date 2025-06-30"],
        ),
        # The assessment result: applied, then issued, then valid until a later day.
        (
            "approved_on: 2026-04-01",
            "approved_on: 2026-01-15",
            21,
            "transfers.0.mechanism.approved_on",
            ["approved_on 2026-01-15 is before applied_on 2026-02-01"],
        ),
        (
            "valid_until: 2029-04-01",
            "valid_until: 2026-03-31",
            22,
            "transfers.0.mechanism.valid_until",
            ["valid_until 2026-03-31 is before approved_on 2026-04-01"],
        ),
    ],
)
def test_contradictions_name_line_and_field(
    old: str, new: str, line: int, field: str, fragments: list[str]
) -> None:
    assert old in BASE
    err = _error(BASE.replace(old, new))
    for fragment in fragments:
        assert fragment in err.message, err.message
    assert (err.line, err.field) == (line, field), str(err)


def test_a_no_pi_transfer_with_zero_or_no_volumes_is_fine() -> None:
    text = BASE.replace("contains_pi: true", "contains_pi: false").replace(
        "non_sensitive: 5000, sensitive: 0", "non_sensitive: 0, sensitive: 0"
    )
    assert parse_profile(text).transfers[0].contains_pi is False
    no_volumes = text.replace(
        "    volumes: {2026: {non_sensitive: 0, sensitive: 0, planned_on: 2026-07-01}}\n", ""
    )
    assert parse_profile(no_volumes).transfers[0].volumes == {}


def test_same_day_application_result_and_expiry_order_is_fine() -> None:
    text = BASE.replace("approved_on: 2026-04-01", "approved_on: 2026-02-01").replace(
        "valid_until: 2029-04-01", "valid_until: 2026-02-01"
    )
    assert parse_profile(text).transfers[0].mechanism.approved_on is not None


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        # YAML reads yes/true as a boolean, which pydantic's lax mode turned into 1 individual.
        ("    individuals: 5000\n", "    individuals: yes\n", 9, "datasets.0.individuals"),
        ("sensitive: 0,", "sensitive: true,", 17, "transfers.0.volumes.2026.sensitive"),
        (
            "non_sensitive: 5000,",
            "non_sensitive: false,",
            17,
            "transfers.0.volumes.2026.non_sensitive",
        ),
    ],
)
def test_a_boolean_is_not_a_count(old: str, new: str, line: int, field: str) -> None:
    assert old in BASE
    err = _error(BASE.replace(old, new))
    assert "whole number" in err.message, err.message
    assert (err.line, err.field) == (line, field), str(err)


@pytest.mark.parametrize("category", ["health", "financial_account", "biometric", "minors"])
def test_a_sensitive_category_listed_only_as_ordinary_pi_is_an_error(category: str) -> None:
    # Health data of 5,000 people sent abroad was "exempt" (no sensitive count asked for): the
    # rules read sensitivity from sensitive_categories only.
    text = BASE.replace(
        "    pi_categories: [basic_profile, contact]\n    sensitive_categories: [health]\n",
        f"    pi_categories: [basic_profile, {category}]\n",
    )
    err = _error(text)
    assert f"{category!r} is sensitive PI" in err.message, err.message
    assert "sensitive_categories" in err.message
    assert (err.line, err.field) == (7, "datasets.0.pi_categories.1"), str(err)


def test_a_sensitive_category_in_both_lists_is_fine() -> None:
    # The scanner's --profile-out writes every category found in pi_categories and the sensitive
    # ones again in sensitive_categories.
    text = BASE.replace(
        "pi_categories: [basic_profile, contact]", "pi_categories: [contact, health]"
    )
    assert parse_profile(text).datasets[0].sensitive_categories == ["health"]


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        # Without a type the mechanism is "none": the contract dates were ignored and the route
        # said "Mechanism none" with no hint that the type was forgotten.
        ("type: security_assessment", "filed_on: 2026-04-10", ["type is 'none'", "filed_on"]),
        (
            "type: security_assessment",
            "type: standard_contract\n      contract_effective: 2026-01-05",
            ["applied_on", "security_assessment", "not of a standard_contract"],
        ),
    ],
)
def test_mechanism_dates_must_belong_to_its_type(old: str, new: str, fragments: list[str]) -> None:
    err = _error(BASE.replace(old, new))
    for fragment in fragments:
        assert fragment in err.message, err.message
    assert err.field is not None and err.field.startswith("transfers.0.mechanism."), str(err)
    assert err.line is not None and 19 <= err.line <= 23, str(err)


@pytest.mark.parametrize(
    ("facts", "fragment"),
    [
        # designated defaults to false: a notification date alone left the data "not important"
        # and its export exempt below 100,000 people.
        ("{notified_on: 2026-10-09}", "notified_on 2026-10-09 is given, but designated is false"),
        ("{core: true}", "core is true, but designated is false"),
    ],
)
def test_important_data_facts_need_the_designation(facts: str, fragment: str) -> None:
    text = BASE.replace(
        "    individuals: 5000\n", f"    individuals: 5000\n    important_data: {facts}\n"
    )
    err = _error(text)
    assert fragment in err.message, err.message
    assert (err.line, err.field) == (10, "datasets.0.important_data.designated"), str(err)


def test_a_dataset_cannot_hold_more_individuals_than_its_entity_processes() -> None:
    # The entity-level count decides the PI officer (1,000,000) and NDSMR Art. 28 duties: a
    # dataset of 2,000,000 people under an entity said to process 500,000 hid them.
    text = BASE.replace(
        "{id: e1, name: Entity One, province: shanghai}",
        "{id: e1, name: Entity One, province: shanghai, individuals_processed: 4999}",
    )
    err = _error(text)
    assert "individuals (5000) is more than entity e1's individuals_processed (4999)" in err.message
    assert (err.line, err.field) == (9, "datasets.0.individuals"), str(err)
    assert parse_profile(text.replace("individuals_processed: 4999", "individuals_processed: 5000"))
