"""Cross-border helpers: per-entity counts, own-volume tiers, parameters that switch readings."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from hegui.law.calendar import default_calendar
from hegui.law.loader import DATA_DIR, Law, get_law
from hegui.profile.models import Profile
from hegui.rules.base import Context
from hegui.rules.cross_border_counts import aggregate, own_route
from hegui.rules.cross_border_model import Decision, Route
from hegui.rules.cross_border_routing import decide_2022, decide_2024
from hegui.rules.engine import assess

D = dt.date.fromisoformat


def _profile(*transfers: dict[str, object], ciio: bool = False) -> Profile:
    return Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [
                {"id": "e1", "name": "E1", "province": "beijing", "ciio": ciio},
                {"id": "e2", "name": "E2", "province": "shanghai"},
            ],
            "transfers": [
                {"entity": "e1", "recipient": {"name": "R", "country": "DE"}, **t}
                for t in transfers
            ],
        }
    )


def _ctx(profile: Profile, as_of: str, law: Law | None = None) -> Context:
    return Context(profile, D(as_of), law or get_law(), default_calendar())


def test_aggregate_sums_per_entity_and_only_plans_of_the_current_year() -> None:
    profile = _profile(
        {"id": "a", "volumes": {2025: {"non_sensitive": 7}, 2026: {"non_sensitive": 10}}},
        {
            "id": "b",
            "volumes": {
                2026: {
                    "sensitive": 3,
                    "planned_non_sensitive": 5,
                    "planned_on": "2026-09-01",
                }
            },
        },
        {
            "id": "c",
            "volumes": {
                2026: {"planned_sensitive": 2, "planned_on": "2026-08-01"},
                2025: {"planned_sensitive": 99, "planned_on": "2025-01-01"},
            },
        },
        {"id": "d"},
    )
    ctx = _ctx(profile, "2026-11-30")
    decisions = [Decision(t, profile.entity("e1")) for t in profile.transfers]
    counts = aggregate(ctx, decisions, (2026,), exclude=True)["e1"]
    assert (counts.non_sensitive, counts.sensitive) == (10, 3)
    assert (counts.planned_non_sensitive, counts.planned_sensitive) == (5, 2)
    assert counts.planned_on == D("2026-08-01")
    assert counts.counted == ["a", "b", "c"]
    assert counts.missing == ["transfers[d].volumes.2026"]
    two_years = aggregate(ctx, decisions, (2025, 2026), exclude=True)["e1"]
    assert two_years.non_sensitive == 17
    assert two_years.planned_sensitive == 2  # last year's plans are history, not plans


def test_exempt_transfers_are_excluded_only_when_asked() -> None:
    profile = _profile(
        {"id": "hr", "scenario": "hr", "volumes": {2026: {"non_sensitive": 50}}},
        {"id": "crm", "volumes": {2026: {"non_sensitive": 1}}},
    )
    ctx = _ctx(profile, "2026-11-30")
    decisions = decide_2024(ctx)
    assert aggregate(ctx, decisions, (2026,), exclude=True)["e1"].non_sensitive == 1
    assert aggregate(ctx, decisions, (2026,), exclude=False)["e1"].non_sensitive == 51


def test_own_route_ignores_sibling_volumes() -> None:
    profile = _profile(
        {"id": "a", "volumes": {2026: {"non_sensitive": 60000}}},
        {"id": "b", "volumes": {2026: {"non_sensitive": 50000}}},
    )
    ctx = _ctx(profile, "2026-11-30")
    by_id = {d.transfer.id: d for d in decide_2024(ctx)}
    assert by_id["a"].route == Route.CONTRACT_OR_CERTIFICATION
    assert own_route(ctx, by_id["a"]) == Route.EXEMPT


@pytest.mark.parametrize(
    ("non_sensitive", "route"),
    [(90000, Route.CONTRACT_OR_CERTIFICATION), (90001, Route.SECURITY_ASSESSMENT)],
)
def test_2022_counts_previous_year_and_sensitive_in_the_total(
    non_sensitive: int, route: Route
) -> None:
    profile = _profile(
        {"id": "a", "volumes": {2023: {"non_sensitive": non_sensitive}, 2024: {"sensitive": 9999}}},
    )
    profile.entities[0].individuals_processed = 10
    ctx = _ctx(profile, "2024-03-21")
    (d,) = decide_2022(ctx)
    assert d.counts is not None and d.counts.years == (2023, 2024)
    assert d.route == route  # non-sensitive + 9,999 sensitive against 100,000


def _law_with(tmp_path: Path, parameter: str, value: object) -> Law:
    root = tmp_path / "law"
    shutil.copytree(DATA_DIR, root, ignore=shutil.ignore_patterns("calendar"))
    path = root / "parameters" / "cross_border" / f"{parameter}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data["values"].values():
        entry["value"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return Law.from_directory(root)


def _route(profile: Profile, law: Law, subject: str) -> str:
    result = assess(profile, D("2026-11-30"), rule_ids=["cross_border.route"], law=law)
    return next(f.facts["route"] for f in result.findings if f.subject == subject)


@pytest.mark.parametrize(
    ("excluded", "route"), [(True, "exempt"), (False, "standard_contract_or_certification")]
)
def test_exclusion_parameter_switches_the_reading(
    tmp_path: Path, excluded: bool, route: str
) -> None:
    profile = _profile(
        {"id": "hr", "scenario": "hr", "volumes": {2026: {"non_sensitive": 80000}}},
        {"id": "crm", "volumes": {2026: {"non_sensitive": 30000}}},
    )
    law = _law_with(tmp_path, "exempt_transfers_excluded_from_counts", excluded)
    assert _route(profile, law, "crm") == route


@pytest.mark.parametrize(("prevail", "route"), [(True, "exempt"), (False, "security_assessment")])
def test_ciio_exemption_parameter(tmp_path: Path, prevail: bool, route: str) -> None:
    profile = _profile(
        {"id": "hr", "scenario": "hr", "volumes": {2026: {"non_sensitive": 5}}}, ciio=True
    )
    law = _law_with(tmp_path, "exemptions_prevail_for_ciio", prevail)
    assert _route(profile, law, "hr") == route


def test_ftz_mapping_is_well_formed() -> None:
    law = get_law()
    for zone_id, zone in law.mapping("ftz_negative_lists").items():
        assert zone["instrument"] in law.instruments, zone_id
        assert zone["guidelines"] in law.instruments, zone_id
        assert isinstance(zone["excludes_ciio"], bool)
        for sector in zone["sectors"].values():
            for name, scenario in sector["scenarios"].items():
                assert isinstance(scenario["on_negative_list"], bool), name
                assert scenario["reference"], name
