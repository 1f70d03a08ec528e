"""The bundled example group: every transfer gets the route and deadline its comment promises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui.api import assess
from hegui.models import Finding

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    result = assess(EXAMPLE, dt.date(2026, 11, 30), regimes=["cross_border"])
    return result.findings


def _one(findings: list[Finding], rule: str, subject: str) -> Finding:
    (found,) = [f for f in findings if f.rule_id == f"cross_border.{rule}" and f.subject == subject]
    return found


@pytest.mark.parametrize(
    ("transfer", "route", "status"),
    [
        ("hr-to-hq", "exempt", "info"),
        ("travel-bookings", "exempt", "info"),
        ("shipping-manifests", "exempt", "info"),
        ("lingang-reinsurance-cession", "exempt", "info"),
        ("marketing-analytics", "standard_contract_or_certification", "met"),
        ("vip-card-verification", "standard_contract_or_certification", "met"),
        ("telecom-support", "standard_contract_or_certification", "met"),
        ("telecom-usage-analytics", "standard_contract_or_certification", "met"),
        ("pay-fraud-screening", "security_assessment", "due"),
        ("pay-settlement-reporting", "security_assessment", "met"),
        ("clinical-trials-to-rd", "security_assessment", "due"),
    ],
)
def test_routes(findings: list[Finding], transfer: str, route: str, status: str) -> None:
    f = _one(findings, "route", transfer)
    assert (f.facts["route"], f.status.value) == (route, status)


def test_deadlines(findings: list[Finding]) -> None:
    overdue = _one(findings, "standard_contract_filing", "telecom-usage-analytics")
    assert (overdue.status.value, overdue.due) == ("overdue", dt.date(2026, 11, 24))
    assert overdue.authority is not None and "Zhejiang" in overdue.authority.en
    filed = _one(findings, "standard_contract_filing", "telecom-support")
    assert (filed.status.value, filed.due) == ("met", dt.date(2026, 5, 18))
    designated = _one(findings, "important_data_designation", "clinical-trials")
    assert (designated.status.value, designated.due) == ("due", dt.date(2026, 12, 9))
    renewal = _one(findings, "security_assessment", "pay-settlement-reporting")
    assert renewal.facts["valid_until"] == "2027-04-15"
    assert renewal.facts["renewal_window_opens"] == "2027-01-21"
    assert _one(findings, "no_splitting", "acme-zj-telecom").status.value == "info"
    assert _one(findings, "localisation", "acme-pay").status.value == "applies"
    assert _one(findings, "certification", "vip-card-verification").status.value == "met"
