"""The grading table as of a date: effective dates of its basis, and its citations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.cli import main
from hegui.law.loader import get_law
from hegui.models import Status
from hegui.rules.in_force import later

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


def _effective(instrument: str) -> dt.date:
    day = get_law().instrument(instrument).effective
    assert day is not None
    return day


GBT = _effective("gbt_43697_2024")
PBOC = _effective("pboc_business_data_security_measures_2025")
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("as_of", [dt.date(2019, 1, 1), GBT - DAY])
def test_before_the_standard_nothing_is_graded(as_of: dt.date) -> None:
    rows = api.grading_table(EXAMPLE, as_of)
    assert rows and all(r.grade == "not_graded" and not r.duties for r in rows)
    assert all(GBT.isoformat() in r.reasons[0] for r in rows)
    # The same answer as the rule itself.
    rule = api.assess(EXAMPLE, as_of, rule_ids=["classification.grade"])
    assert {f.status for f in rule.findings} == {Status.NOT_APPLICABLE}


def test_on_the_day_the_standard_grades() -> None:
    rows = api.grading_table(EXAMPLE, GBT)
    assert all(r.grade in ("general", "important", "core") for r in rows)
    cited = {(c.instrument, c.article) for r in rows for c in r.citations}
    assert ("gbt_43697_2024", "6.6") in cited and ("dsl", "21") in cited


def test_citations_are_the_basis_in_force() -> None:
    law = get_law()
    assert api.grading_table(EXAMPLE, dt.date(2019, 1, 1))[0].citations == []
    before = api.grading_table(EXAMPLE, GBT - DAY)[0].citations
    assert [(c.instrument, c.article) for c in before] == [("dsl", "21")]
    for as_of in (GBT, PBOC - DAY, PBOC, dt.date(2026, 11, 30)):
        for r in api.grading_table(EXAMPLE, as_of):
            assert r.citations, r.dataset
            assert all(later(c, law, as_of) is None for c in r.citations), (as_of, r.dataset)


def test_pboc_scheme_counts_from_its_effective_date() -> None:
    before = {r.dataset: r for r in api.grading_table(EXAMPLE, PBOC - DAY)}["payment-cards"]
    after = {r.dataset: r for r in api.grading_table(EXAMPLE, PBOC)}["payment-cards"]
    pboc = "pboc_business_data_security_measures_2025"
    assert pboc not in {c.instrument for c in before.citations}
    assert not any("pboc" in m for m in before.missing)
    assert after.scheme == "pboc" or pboc in {c.instrument for c in after.citations}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(args)
    assert not info.value.code
    return capsys.readouterr().out


def test_cli_prints_the_citations_and_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    old = _run(["grading", str(EXAMPLE), "--as-of", "2024-09-30"], capsys)
    assert "customers: not_graded" in old and "2024-10-01" in old
    new = _run(["grading", str(EXAMPLE), "--as-of", "2026-11-30"], capsys)
    assert "cites: GB/T 43697-2024" in new
