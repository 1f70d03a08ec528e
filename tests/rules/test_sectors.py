"""Rules read sector scopes from the shared vocabulary: the PBOC regimes cover the same sectors.

Before the vocabulary, the PBOC grading scheme listed finance, banking, payments, fintech and the
PBOC incident clocks finance, banking, payments, clearing, credit_reporting; both now read the group
``pboc_business_fields`` (their union), and a profile's ``Telecom`` reaches the telecom regimes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hegui.api import assess, load_profile
from hegui.models import Finding

AS_OF = dt.date(2026, 11, 30)
PROFILE = """\
organisation: {name: Synthetic Group}
entities:
  - {id: x, name: X, province: %s, sectors: [%s]}
datasets:
  - {id: d, entity: x, pi_categories: [basic_profile], individuals: 1000}
"""


def _findings(province: str, sector: str, regime: str, rule_id: str) -> list[Finding]:
    a = assess(load_profile(PROFILE % (province, sector)), AS_OF, regimes=[regime])
    return [f for f in a.findings if f.rule_id == rule_id]


def _pboc_grading_applies(sector: str) -> bool:
    (f,) = _findings("beijing", sector, "classification", "classification.pboc_sensitive_handling")
    return f.status.value != "not_applicable"


def _incident_regimes(province: str, sector: str) -> set[str]:
    (f,) = _findings(province, sector, "incidents", "incidents.reporting_lines")
    return {c.instrument for c in f.citations}


@pytest.mark.parametrize(
    "sector", ["finance", "banking", "payments", "clearing", "credit_reporting", "fintech"]
)
def test_every_pboc_sector_gets_both_pboc_regimes(sector: str) -> None:
    assert _pboc_grading_applies(sector)
    assert "pboc_incident_measures_2025" in _incident_regimes("beijing", sector)


@pytest.mark.parametrize("sector", ["insurance", "retail"])
def test_other_sectors_get_neither_pboc_regime(sector: str) -> None:
    assert not _pboc_grading_applies(sector)
    assert "pboc_incident_measures_2025" not in _incident_regimes("beijing", sector)


@pytest.mark.parametrize("sector", ["Telecom", "telecommunications"])
def test_a_case_folded_or_aliased_telecom_gets_the_zhejiang_clocks(sector: str) -> None:
    assert "zj_telecom_data_incident_plan_2025" in _incident_regimes("zhejiang", sector)
