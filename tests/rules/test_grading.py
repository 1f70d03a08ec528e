"""Unit tests of the GB/T 43697-2024 grading helper and the grading table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.law.loader import get_law
from hegui.profile.classification import DatasetGrading, Degree, ImpactAnalysis
from hegui.profile.models import Dataset
from hegui.rules.grading import grade_dataset

AS_OF = dt.date(2026, 11, 30)
EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"

# GB/T 43697-2024 Table 2, as in standards.md 2.2 (independent of the law data under test).
TABLE_2 = {
    "national_security": ("core", "core", "important"),
    "economic_operation": ("core", "important", "general"),
    "social_order": ("core", "important", "general"),
    "public_interest": ("core", "important", "general"),
    "organisational_rights": ("general", "general", "general"),
    "individual_rights": ("general", "general", "general"),
}
DEGREES = (Degree.ESPECIALLY_SERIOUS, Degree.SERIOUS, Degree.GENERAL)
PUBLIC = ("national_security", "economic_operation", "social_order", "public_interest")


@pytest.mark.parametrize("obj", sorted(TABLE_2))
@pytest.mark.parametrize("i", range(3))
def test_every_cell_of_table_2(obj: str, i: int) -> None:
    impacts = {o: Degree.NONE for o in PUBLIC}
    impacts[obj] = DEGREES[i]
    ds = Dataset(id="d", contains_pi=False)
    facts = DatasetGrading(dataset="d", impacts=ImpactAnalysis(**impacts))
    result = grade_dataset(ds, facts, None, get_law(), AS_OF)
    assert result.decided
    assert result.grade == TABLE_2[obj][i]


def test_highest_object_wins() -> None:
    impacts = ImpactAnalysis(
        national_security=Degree.GENERAL,
        economic_operation=Degree.ESPECIALLY_SERIOUS,
        social_order=Degree.NONE,
        public_interest=Degree.GENERAL,
    )
    ds = Dataset(id="d", contains_pi=False)
    result = grade_dataset(ds, DatasetGrading(dataset="d", impacts=impacts), None, get_law(), AS_OF)
    assert (result.grade, result.scheme) == ("core", "gbt_43697")
    assert any("economic operation" in r for r in result.reasons)


def test_grading_table_of_the_example() -> None:
    rows = {r.dataset: r for r in api.grading_table(EXAMPLE, AS_OF)}
    assert rows["clinical-trials"].grade == "important"
    assert "risk_assessment" in rows["clinical-trials"].duties
    assert rows["payment-cards"].grade == "important"
    assert rows["customers"].provisional
    assert rows["shipping-manifests"].general_sublevel == 2
    assert all(r.reasons for r in rows.values())
