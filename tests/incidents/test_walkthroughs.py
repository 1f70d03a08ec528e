"""Detection to summary report for a CIIO, an ordinary processor, a bank and a Zhejiang telecom operator.

Expected grades and deadlines are computed by hand from the law data's sources (legal-facts.md 5,
worked example 10): hours and minutes run on the clock across midnight and holidays; the summary
period counts calendar days (final Measures) or working days (2023 draft) after handling ends.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.incidents import IncidentClocks, ReportClock, incident_clocks, parse_incident

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples" / "incidents"
PROFILE = ROOT / "examples" / "acme" / "profile.yaml"
SH = dt.timezone(dt.timedelta(hours=8))


def at(y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=SH)


def report(clocks: IncidentClocks, report_id: str) -> ReportClock:
    found = [r for r in clocks.all_reports() if r.report == report_id]
    assert found, f"{report_id} not in {[r.report for r in clocks.all_reports()]}"
    return found[0]


def grades(clocks: IncidentClocks) -> dict[str, str | None]:
    return {r.regime: r.grade.grade for r in clocks.regimes}


def test_ciio_outage_one_hour_across_midnight_in_spring_festival() -> None:
    clocks = api.incident_clocks(EXAMPLES / "ciio_power_outage.yaml", now=at(2026, 2, 17, 0, 10))
    assert clocks.operator_class == "ciio"
    assert grades(clocks) == {"cac": "particularly_major"}  # 7 h whole-system CII outage >= 6 h
    initial = report(clocks, "cac_initial")
    assert initial.deadline == at(2026, 2, 17, 0, 40)  # 23:40 + 1 h, holiday and midnight ignored
    assert initial.to.zh == "关键信息基础设施安全保护工作部门和公安机关"
    assert initial.status == "due" and initial.seconds_left == 30 * 60
    summary = report(clocks, "cac_summary")
    assert summary.deadline == at(2026, 3, 22, 23, 59, 59)  # 2026-02-20 + 30 days
    assert summary.kind == "summary"
    # No PI involved: PIPL 57 does not apply; it is listed as not applicable with the reason.
    pipl = next(
        r
        for r in api.grade_incident(EXAMPLES / "ciio_power_outage.yaml").regimes
        if r.regime == "pipl57"
    )
    assert not pipl.applies and "personal information" in pipl.reason


def test_ordinary_processor_major_leak_eve_of_national_day() -> None:
    clocks = api.incident_clocks(
        EXAMPLES / "ordinary_retailer_leak.yaml", PROFILE, now=at(2026, 10, 1, 2, 16)
    )
    assert clocks.operator_class == "other"
    assert grades(clocks) == {"cac": "major", "pipl57": None}  # 12M >= 10M
    initial = report(clocks, "cac_initial")
    assert initial.deadline == at(2026, 10, 1, 2, 15)  # 22:15 + 4 h
    assert initial.to.zh.startswith("上海市网信办")
    assert initial.status == "overdue" and initial.seconds_left == -60
    assert report(clocks, "cac_summary").deadline == at(2026, 11, 2, 23, 59, 59)
    notify = report(clocks, "pipl_notify_individuals")
    assert notify.immediately and notify.deadline is None and notify.exemption is not None
    assert report(clocks, "cac_follow_up").status == "ongoing"
    pipl = next(r for r in clocks.regimes if r.regime == "pipl57")
    assert any("compliance audit" in n for n in pipl.notes)  # 12M >= 1M (Audit Measures)
    assert [c.instrument for c in pipl.citations] == ["pi_audit_measures_2025"]


def test_bank_gets_cac_and_pboc_clocks_on_new_years_day() -> None:
    clocks = api.incident_clocks(EXAMPLES / "bank_card_leak.yaml", now=at(2026, 1, 2, 0, 0))
    assert grades(clocks) == {"cac": "relatively_major", "pboc": "major", "pipl57": None}
    assert report(clocks, "cac_initial").deadline == at(2026, 1, 2, 3, 50)
    brief = report(clocks, "pboc_brief_initial")
    assert brief.deadline == at(2026, 1, 2, 0, 20)  # 23:50 + 30 min
    assert any("draft" in n for n in brief.needs_review)  # the draft's figure, flagged
    assert not brief.proposed  # the final Measures are in force; only the figure is unverified
    assert report(clocks, "pboc_full_initial").deadline == at(2026, 1, 2, 1, 50)
    assert report(clocks, "pboc_follow_up").status == "ongoing"  # major and above
    assert report(clocks, "pboc_summary").status == "unknown"
    assert report(clocks, "cac_summary").status == "waiting"  # handling has not ended


def test_bank_without_its_own_grade_is_asked_and_clocks_are_conditional() -> None:
    text = (EXAMPLES / "bank_card_leak.yaml").read_text(encoding="utf-8")
    text = text.replace("answers:\n  pboc.own_standard_grade: major\n", "")
    clocks = incident_clocks(parse_incident(text), now=at(2026, 1, 2, 0, 0))
    pboc = next(r for r in clocks.regimes if r.regime == "pboc")
    assert pboc.grade.provisional
    assert [q.key for q in pboc.grade.questions] == ["pboc.own_standard_grade"]
    assert report(clocks, "pboc_brief_initial").status == "conditional"


def test_zhejiang_telecom_phone_ten_minutes_written_thirty() -> None:
    clocks = api.incident_clocks(
        EXAMPLES / "zj_telecom_subscriber_leak.yaml", now=at(2026, 10, 1, 23, 58)
    )
    assert grades(clocks) == {"cac": "major", "pipl57": None, "zj_telecom": "major"}
    zj = next(r for r in clocks.regimes if r.regime == "zj_telecom")
    assert zj.grade.grade_label is not None and "橙色" in zj.grade.grade_label.zh
    assert zj.penalty_violations == ["dsl.security_duties"]
    phone = report(clocks, "zj_phone")
    assert phone.deadline == at(2026, 10, 2, 0, 5)  # 23:55 + 10 min, across midnight
    assert phone.seconds_left == 7 * 60
    assert report(clocks, "zj_written").deadline == at(2026, 10, 2, 0, 25)
    assert any("seed" in n.lower() for n in phone.needs_review)
    assert report(clocks, "cac_initial").deadline == at(2026, 10, 2, 3, 55)
    assert report(clocks, "cac_summary").deadline == at(2026, 11, 4, 23, 59, 59)


def test_worked_example_10_non_ciio_and_ciio() -> None:
    base = """
title: WE10
operator: {{name: X, province: shanghai, ciio: {ciio}}}
type: data_leak
detected_at: 2026-05-01T09:30
pi_individuals: 2000000
direct_economic_loss_cny: 0
cii_affected: {ciio}
"""
    other = incident_clocks(parse_incident(base.format(ciio="false")))
    assert report(other, "cac_initial").deadline == at(2026, 5, 1, 13, 30)
    ciio = incident_clocks(parse_incident(base.format(ciio="true")))
    assert report(ciio, "cac_initial").deadline == at(2026, 5, 1, 10, 30)


@pytest.mark.parametrize(
    ("detected", "n_pi", "grade"),
    [
        ("2025-10-31T20:00", 1_500_000, "relatively_major"),  # the day before: 2023 draft, proposed
        ("2025-11-01T20:00", 1_500_000, "relatively_major"),  # the day of: final Measures
    ],
)
def test_draft_and_final_on_both_sides_of_2025_11_01(detected: str, n_pi: int, grade: str) -> None:
    inc = parse_incident(
        f"title: t\noperator: {{name: X, province: beijing}}\ndetected_at: {detected}\n"
        f"pi_individuals: {n_pi}\ndirect_economic_loss_cny: 0\nhandling_ended_at: 2025-11-01T20:30\n"
        if detected.startswith("2025-10")
        else f"title: t\noperator: {{name: X, province: beijing}}\ndetected_at: {detected}\n"
        f"pi_individuals: {n_pi}\ndirect_economic_loss_cny: 0\n"
    )
    clocks = incident_clocks(inc)
    cac = next(r for r in clocks.regimes if r.regime == "cac")
    assert cac.grade.grade == grade
    initial = report(clocks, "cac_initial")
    if detected.startswith("2025-10"):
        assert cac.grade.proposed and initial.proposed
        assert initial.deadline == at(2025, 10, 31, 21, 0)  # draft: 1 hour for everyone
        # Draft summary: 5 working days after handling ended on Sat 2025-11-01.
        assert report(clocks, "cac_summary").deadline == at(2025, 11, 7, 23, 59, 59)
        assert (
            report(clocks, "cac_summary").timing.en == "Within 5 working days after handling ends"
        )
    else:
        assert not cac.grade.proposed and not initial.proposed
        assert initial.deadline == at(2025, 11, 2, 0, 0)  # final: 4 hours, across midnight


def test_draft_summary_counts_working_days_across_national_day_2025() -> None:
    inc = parse_incident(
        "title: t\noperator: {name: X, province: beijing}\ndetected_at: 2025-09-30T20:00\n"
        "pi_individuals: 1000000\ndirect_economic_loss_cny: 0\nhandling_ended_at: 2025-10-01T12:00\n"
    )
    clocks = incident_clocks(inc)
    # Oct 2-8 holidays; Oct 9 (1), 10 (2), Sat 11 make-up day (3), 13 (4), 14 (5).
    assert report(clocks, "cac_summary").deadline == at(2025, 10, 14, 23, 59, 59)
    assert report(clocks, "cac_initial").deadline == at(2025, 9, 30, 21, 0)


def test_before_any_cac_text_the_regime_does_not_apply() -> None:
    inc = parse_incident(
        "title: t\noperator: {name: X, province: beijing}\ndetected_at: 2023-12-07T10:00\n"
        "pi_individuals: 5000000\n"
    )
    cac = next(r for r in api.grade_incident(inc).regimes if r.regime == "cac")
    assert not cac.applies and "2023-12-08" in cac.reason


def test_reports_made_are_done_and_json_dump_is_tz_aware() -> None:
    text = (EXAMPLES / "zj_telecom_subscriber_leak.yaml").read_text(encoding="utf-8")
    text += "reports_made:\n  - {report: zj_phone, at: 2026-10-02T00:03}\n"
    clocks = incident_clocks(parse_incident(text), now=at(2026, 10, 2, 1, 0))
    phone = report(clocks, "zj_phone")
    assert phone.status == "done" and phone.done_at == at(2026, 10, 2, 0, 3)
    assert report(clocks, "zj_written").status == "overdue"
    data = clocks.model_dump(mode="json")
    deadlines = [r["deadline"] for reg in data["regimes"] for r in reg["reports"] if r["deadline"]]
    assert deadlines and all(d.endswith("+08:00") for d in deadlines)


def test_major_incident_notes_the_recipients_onward_deadline() -> None:
    clocks = api.incident_clocks(
        EXAMPLES / "zj_telecom_subscriber_leak.yaml", now=at(2026, 10, 2, 0, 0)
    )
    assert any("within 60 minutes" in n for n in report(clocks, "cac_initial").notes)
    bank = api.incident_clocks(EXAMPLES / "bank_card_leak.yaml", now=at(2026, 1, 2, 0, 0))
    assert report(bank, "cac_initial").notes == []  # relatively major: no escalation note


def test_unknown_operator_province_names_the_field() -> None:
    from hegui.incidents import IncidentError

    inc = parse_incident(
        "title: t\noperator: {name: X, province: atlantis}\ndetected_at: 2026-06-01T10:00\n"
        "pi_individuals: 2000000\ndirect_economic_loss_cny: 0\n"
    )
    with pytest.raises(IncidentError) as info:
        incident_clocks(inc)
    assert info.value.field == "operator.province" and "atlantis" in str(info.value)


def test_upcoming_lists_owed_reports_immediate_first_then_by_deadline() -> None:
    clocks = api.incident_clocks(EXAMPLES / "bank_card_leak.yaml", now=at(2026, 1, 2, 0, 30))
    owed = [r.report for r in clocks.upcoming()]
    assert owed[:3] == ["pipl_remedial", "pipl_notify_authority", "pipl_notify_individuals"]
    assert owed[3:] == ["pboc_brief_initial", "pboc_full_initial", "cac_initial"]
    assert clocks.upcoming()[3].status == "overdue"


def test_offsets_from_other_zones_are_converted_and_no_dst_applies() -> None:
    # Detected by a US team at 01:30 EST on the night US clocks spring forward (2026-03-08):
    # 06:30 UTC = 14:30 in Shanghai; 4 hours later is 18:30 Shanghai time, whatever US clocks do.
    inc = parse_incident(
        "title: t\noperator: {name: X, province: shanghai}\ndetected_at: 2026-03-08T01:30:00-05:00\n"
        "pi_individuals: 1000000\ndirect_economic_loss_cny: 0\n"
    )
    assert inc.detected_at == at(2026, 3, 8, 14, 30)
    assert report(incident_clocks(inc), "cac_initial").deadline == at(2026, 3, 8, 18, 30)
