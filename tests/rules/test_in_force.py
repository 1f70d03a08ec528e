"""Findings cite only provisions in force on the as-of date (hegui.rules.in_force, the engine)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.law.loader import get_law
from hegui.models import Finding, Status, Text
from hegui.rules.in_force import in_force, later

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
_FIRST = dt.date(2017, 6, 1)  # the CSL: nothing in the catalogue applies before it


def _boundaries() -> list[dt.date]:
    """Every effective date in the law data, the day before it and the day itself."""
    law = get_law()
    days = {i.effective for i in law.instruments.values() if i.effective and i.effective > _FIRST}
    return sorted({d - dt.timedelta(days=1) for d in days} | days)


@pytest.fixture(scope="module")
def example() -> api.Profile:
    return api.load_profile(EXAMPLE)


@pytest.mark.parametrize("as_of", _boundaries(), ids=str)
def test_no_finding_cites_a_later_provision(example: api.Profile, as_of: dt.date) -> None:
    # In strict mode (the test suite) the engine also raises if a finding other than
    # not_applicable is left citing nothing: a rule applying law not yet in force.
    law = get_law()
    result = api.assess(example, as_of)
    bad = [
        f"{f.rule_id} [{f.subject}] {f.status.value}: {c.instrument}:{c.article} ({c.effective})"
        for f in result.findings
        for c in f.citations
        if later(c, law, as_of) is not None
    ]
    assert not bad, "\n".join(bad)
    open_uncited = [f.rule_id for f in result.findings if f.is_open() and not f.citations]
    assert not open_uncited


def _finding(status: Status, *cites: tuple[str, str | None]) -> Finding:
    law = get_law()
    return Finding(
        rule_id="x.y",
        regime="x",
        title=Text(zh="x", en="x"),
        status=status,
        citations=[law.cite(i, a) for i, a in cites],
        explanation=["because"],
    )


def test_drops_later_citations_and_says_so_when_not_applicable() -> None:
    f = _finding(Status.NOT_APPLICABLE, ("pipl", "38"), ("cb_provisions_2024", "7"))
    out, dropped = in_force(f, get_law(), dt.date(2024, 3, 21))
    assert [c.instrument for c in out.citations] == ["pipl"]
    assert [c.instrument for c in dropped] == ["cb_provisions_2024"]
    assert "2024-03-22" in out.explanation[-1]
    same, none = in_force(f, get_law(), dt.date(2024, 3, 22))
    assert same is f and none == []


def test_open_finding_is_not_told_why() -> None:
    f = _finding(Status.DUE, ("pipl", "38"), ("cb_provisions_2024", "7"))
    out, _ = in_force(f, get_law(), dt.date(2024, 3, 21))
    assert out.explanation == ["because"]


def test_unpublished_draft_is_later() -> None:
    law = get_law()
    draft = law.instrument("pboc_incident_measures_2025_draft")
    assert draft.effective is None and draft.promulgated is not None
    c = law.cite(draft.id)
    assert later(c, law, draft.promulgated - dt.timedelta(days=1)) == draft.promulgated
    assert later(c, law, draft.promulgated) is None


@pytest.mark.parametrize(
    ("rule", "as_of", "gone"),
    [
        ("apps.necessity", dt.date(2021, 10, 31), "pipl"),
        ("cross_border.localisation", dt.date(2021, 10, 31), "pipl"),
        ("rights.request_channel", dt.date(2025, 1, 1) - dt.timedelta(days=1), "ndsmr"),
        ("classification.grade", dt.date(2025, 5, 29), "pboc_business_data_security_measures_2025"),
        ("classification.grade_duties", dt.date(2025, 5, 29), "cac_data_export_qa_2025_05"),
    ],
)
def test_qa_repros(example: api.Profile, rule: str, as_of: dt.date, gone: str) -> None:
    result = api.assess(example, as_of, rule_ids=[rule])
    assert result.findings
    cited = {c.instrument for f in result.findings for c in f.citations}
    assert gone not in cited
