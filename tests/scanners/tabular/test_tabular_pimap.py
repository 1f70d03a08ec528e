"""The law mapping covers every detector entity and agrees with the category table."""

from __future__ import annotations

from hegui.detectors.registry import entities
from hegui.law.loader import get_law
from hegui.scanners.tabular.pimap import pi_map


def test_every_entity_is_mapped_to_a_known_category() -> None:
    m = pi_map()
    assert set(entities()) == set(m.entities)
    for entity, entry in m.entities.items():
        assert entry["category"] in m.categories, entity


def test_sensitive_flags_agree() -> None:
    m = pi_map()
    for entity, entry in m.entities.items():
        assert bool(entry["sensitive"]) == m.is_sensitive(entry["category"]), entity


def test_sensitive_categories_of_pipl_art_28_are_sensitive() -> None:
    m = pi_map()
    for cat in (
        "biometric",
        "religion",
        "health",
        "financial_account",
        "precise_location",
        "minors",
    ):
        assert m.is_sensitive(cat)
        assert any(c.instrument == "pipl" and c.article == "28" for c in m.citations(cat)), cat
    assert not m.is_personal("organisation_identifier")


def test_cited_instruments_exist() -> None:
    law = get_law()
    for inst in ("gbt_35273_2020", "gbt_43697_2024", "tc260_pg_20244a"):
        assert law.instrument(inst).kind in ("standard", "guideline")
