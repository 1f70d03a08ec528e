"""Incident clocks and the penalty exposure of a missed report on both sides of two dates.

2025-08-01: the CAC discretion benchmark (final) and the PBOC incident Measures take effect; the
CAC incident Measures are still a draft (final from 2025-11-01). 2026-01-01: the amended CSL takes
effect (Art. 61 replaces the 2016 Art. 59 and fines even a first breach). The failure to report is
complete when the report deadline passes, so the exposure is computed on the deadline's date
(legal-facts.md 6c version rule: acts up to 2025-12-31 fall under the 2016 text).
Figures by hand from legal-facts.md 5a, 5b, 6b, 6c, 6d.
"""

from __future__ import annotations

import datetime as dt

from hegui.incidents import IncidentClocks, ReportClock, incident_clocks, parse_incident
from hegui.penalties import penalty_exposure

SH = dt.timezone(dt.timedelta(hours=8))


def at(y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=SH)


def _clocks(detected: str, *, bank: bool = False) -> IncidentClocks:
    operator = (
        "{name: B, province: guangdong, sectors: [finance, banking], ciio: false}"
        if bank
        else "{name: X, province: beijing, ciio: false}"
    )
    text = (
        f"title: t\noperator: {operator}\ntype: data_leak\ndetected_at: {detected}\n"
        "pi_individuals: 2000000\ndirect_economic_loss_cny: 0\ncii_affected: false\n"
    )
    if bank:
        text += "answers:\n  pboc.own_standard_grade: major\n"
    return incident_clocks(parse_incident(text))


def _report(clocks: IncidentClocks, report_id: str) -> ReportClock:
    return next(r for r in clocks.all_reports() if r.report == report_id)


def _violations(clocks: IncidentClocks, regime: str) -> list[str]:
    return next(r for r in clocks.regimes if r.regime == regime).penalty_violations


def test_missed_report_deadline_on_new_years_eve_falls_under_the_2016_csl() -> None:
    clocks = _clocks("2025-12-31T19:00")
    initial = _report(clocks, "cac_initial")
    assert initial.deadline == at(2025, 12, 31, 23, 0)  # 4 hours, final Measures
    assert not initial.proposed
    assert "csl.operator_security_duties" in _violations(clocks, "cac")
    day = initial.deadline.date()
    first = penalty_exposure("csl.operator_security_duties", [], as_of=day)
    assert [(c.instrument, c.article) for c in first.citations] == [("csl", "59")]
    assert first.organisation == []  # 2016 Art. 59: a warning; no fine without refusal or harm
    harm = penalty_exposure("csl.operator_security_duties", ["harmful_consequences"], as_of=day)
    b = harm.organisation[0]
    assert (b.statutory_min, b.statutory_max) == (10_000, 100_000)
    assert (b.band_min, b.band_max) == (37_000, 73_000)  # standard 30-70 % of 90,000


def test_deadline_passing_on_new_years_day_falls_under_the_amended_csl() -> None:
    clocks = _clocks("2025-12-31T21:00")
    initial = _report(clocks, "cac_initial")
    assert initial.deadline == at(2026, 1, 1, 1, 0)  # across midnight into the holiday
    day = initial.deadline.date()
    first = penalty_exposure("csl.operator_security_duties", [], as_of=day)
    assert first.citations[0].instrument == "csl_2025" and first.citations[0].article == "61"
    b = first.organisation[0]
    assert (b.statutory_min, b.statutory_max) == (10_000, 50_000)  # fine on a first breach
    assert (b.band_min, b.band_max) == (22_000, 38_000)
    harm = penalty_exposure("csl.operator_security_duties", ["harmful_consequences"], as_of=day)
    h = harm.organisation[0]
    assert (h.statutory_min, h.statutory_max) == (50_000, 500_000)
    assert any("500k" in n for n in harm.needs_review)  # DLA vs Hunton conflict stays flagged


def test_day_before_the_benchmark_and_pboc_measures_everything_is_proposed() -> None:
    clocks = _clocks("2025-07-31T20:00", bank=True)
    cac = next(r for r in clocks.regimes if r.regime == "cac")
    assert cac.grade.proposed  # only the 2023 draft exists before 2025-11-01
    assert _report(clocks, "cac_initial").deadline == at(2025, 7, 31, 21, 0)  # draft: 1 hour
    initial = _report(clocks, "cac_initial")
    assert initial.proposed
    # A draft was never in force: its passed period is no breach (never "overdue").
    assert initial.status == "lapsed" and initial not in clocks.upcoming()
    pboc = next(r for r in clocks.regimes if r.regime == "pboc")
    assert all(r.proposed for r in pboc.reports)  # PBOC final from 2025-08-01
    assert _report(clocks, "pboc_brief_initial").deadline == at(2025, 7, 31, 20, 30)
    assert {r.status for r in pboc.reports} <= {"lapsed", "ongoing", "unknown"}
    r = penalty_exposure("dsl.security_duties", [], as_of=dt.date(2025, 7, 31))
    assert r.proposed and r.benchmark is not None and r.benchmark.instrument.endswith("_draft")


def test_day_the_benchmark_and_pboc_measures_take_effect() -> None:
    clocks = _clocks("2025-08-01T20:00", bank=True)
    assert _report(clocks, "cac_initial").proposed  # the CAC Measures are still a draft
    brief = _report(clocks, "pboc_brief_initial")
    assert not brief.proposed and brief.deadline == at(2025, 8, 1, 20, 30)
    assert any("draft" in n for n in brief.needs_review)  # the final text's minutes unverified
    assert "dsl.security_duties" in _violations(clocks, "cac")
    r = penalty_exposure("dsl.security_duties", [], as_of=brief.deadline.date())
    assert not r.proposed and r.benchmark is not None
    assert r.benchmark.instrument == "cac_penalty_discretion_2025"
    assert (r.organisation[0].band_min, r.organisation[0].band_max) == (185_000, 365_000)
    # The 30 % / 70 % digits of the final text are unverified ([U], legal-facts.md 6d).
    assert any("band_lenient_upper" in n for n in r.needs_review)
    assert any("band_aggravated_lower" in n for n in r.needs_review)
