"""A leak of minors' PI also owes the Minors Online Regulations Art. 35 report and notices.

Independent review, 2026-11-30: Art. 35 (in force 2024-01-01) requires, on an actual or possible
leak of minors' PI, a prompt ("及时") report to the CAC and other departments and notice to the
affected minors AND their guardians (a public warning if individual notice is hard). The clocks
only knew PIPL 57 (notify "the individuals"), so guardians were never named.
"""

from __future__ import annotations

from hegui.incidents import grade_incident, incident_clocks, parse_incident

BASE = (
    "title: t\noperator: {name: X, province: zhejiang}\ntype: data_leak\n"
    "detected_at: 2026-05-01T09:30\npi_individuals: 3000\n"
)


def test_minors_leak_names_guardians_and_the_cac() -> None:
    clocks = incident_clocks(parse_incident(BASE + "minors_pi_involved: true\n"))
    minors = next(r for r in clocks.regimes if r.regime == "minors35")
    reports = {r.report: r for r in minors.reports}
    notify = reports["minors_notify"]
    assert "监护人" in notify.to.zh and notify.immediately
    report = reports["minors_report_authority"]
    assert "浙江" in report.to.zh
    assert report.status == "unknown" and any("及时" in n for n in report.needs_review)
    assert any(
        c.instrument == "minors_online_regulations" and c.article == "35"
        for c in minors.grade.citations
    )


def test_without_minors_the_regime_does_not_apply_and_says_why() -> None:
    grading = grade_incident(parse_incident(BASE))
    minors = next(r for r in grading.regimes if r.regime == "minors35")
    assert not minors.applies and "minors_pi_involved" in minors.reason
    assert "minors35" not in {r.regime for r in incident_clocks(parse_incident(BASE)).regimes}


def test_before_the_regulations_the_regime_does_not_apply() -> None:
    text = BASE.replace("2026-05-01", "2023-12-31") + "minors_pi_involved: true\n"
    minors = next(r for r in grade_incident(parse_incident(text)).regimes if r.regime == "minors35")
    assert not minors.applies and "2024-01-01" in minors.reason
