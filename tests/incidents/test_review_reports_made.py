"""Review of recorded reports and conditional clocks: what a compliance officer types must count.

A typo in ``reports_made`` (``cac_intial``), a report dated before the incident was found, a report
sent after its deadline, a detection time given as a bare number, and a conditional report already
sent: each used to be taken silently (the initial report stayed "due", "done" hid the lateness, the
number was read as a Unix timestamp, the sent report was shown as "conditional"). The CLI text
printed "OVERDUE" for a report whose JSON status was "conditional".
"""

from __future__ import annotations

import datetime as dt

import pytest

from hegui.cli.incident import render_clocks
from hegui.incidents import IncidentClocks, IncidentError, incident_clocks, parse_incident

SH = dt.timezone(dt.timedelta(hours=8))

# A bank's telecom arm in Zhejiang: CAC, PBOC, the Zhejiang plan and PIPL 57 at once.
BASE = """\
title: Card holder records leaked
operator: {name: Example Bank Telecom Arm, province: zhejiang, sectors: [finance, telecom]}
type: data_leak
detected_at: 2026-09-30T23:50
pi_individuals: 2000000
cii_affected: false
answers: {pboc.own_standard_grade: relatively_major}
"""


def _clocks(extra: str = "", now: dt.datetime | None = None) -> IncidentClocks:
    incident = parse_incident(BASE + extra)
    return incident_clocks(incident, now=now or dt.datetime(2026, 10, 1, 0, 5, tzinfo=SH))


def _report(clocks: IncidentClocks, report_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in clocks.all_reports() if r.report == report_id)


def test_unknown_report_id_in_reports_made_is_an_error_naming_the_field() -> None:
    with pytest.raises(IncidentError) as err:
        _clocks("reports_made: [{report: cac_intial, at: 2026-10-01T01:00}]\n")
    assert err.value.field == "reports_made[0].report"
    assert "cac_intial" in err.value.message and "cac_initial" in err.value.message


def test_report_made_before_detection_is_rejected() -> None:
    with pytest.raises(IncidentError) as err:
        parse_incident(BASE + "reports_made: [{report: cac_initial, at: 2026-09-01T01:00}]\n")
    assert "reports_made[0].at" in str(err.value)
    assert "before detected_at" in str(err.value)


def test_report_made_after_its_deadline_is_done_but_says_late() -> None:
    clocks = _clocks(
        "reports_made: [{report: cac_initial, at: 2026-10-02T01:00}]\n",
        now=dt.datetime(2026, 10, 3, 9, 0, tzinfo=SH),
    )
    initial = _report(clocks, "cac_initial")
    assert initial.status == "done"
    assert initial.deadline == dt.datetime(2026, 10, 1, 3, 50, tzinfo=SH)
    assert any("21h 10m after the deadline" in n for n in initial.notes), initial.notes
    assert "done 2026-10-02 01:00 (LATE by 21h 10m)" in render_clocks(clocks)


def test_report_made_in_time_carries_no_late_note() -> None:
    clocks = _clocks(
        "reports_made: [{report: cac_initial, at: 2026-10-01T03:50}]\n",
        now=dt.datetime(2026, 10, 1, 4, 0, tzinfo=SH),
    )
    initial = _report(clocks, "cac_initial")
    assert initial.status == "done" and not any("after the deadline" in n for n in initial.notes)


def test_conditional_report_text_matches_json_status() -> None:
    # 2,000,000 individuals stay below the Zhejiang plan's numeric bands; its relatively-significant
    # question is open, so the 10-minute phone report is conditional (passed 5 minutes ago).
    clocks = _clocks()
    phone = _report(clocks, "zj_phone")
    assert phone.status == "conditional" and phone.seconds_left == -300
    text = render_clocks(clocks)
    line = next(x for x in text.splitlines() if x.startswith("  - Phone report / 电话报告"))
    assert "if reportable: OVERDUE by 0h 05m" in line, line
    assert "[OVERDUE" not in line


def test_conditional_report_already_sent_stays_done() -> None:
    clocks = _clocks("reports_made: [{report: zj_phone, at: 2026-09-30T23:58}]\n")
    phone = _report(clocks, "zj_phone")
    assert phone.status == "done"
    assert phone.done_at == dt.datetime(2026, 9, 30, 23, 58, tzinfo=SH)


@pytest.mark.parametrize("value", ["202610012355", "1790000000", "1790000000.5"])
def test_detection_time_as_a_bare_number_is_rejected(value: str) -> None:
    text = BASE.replace("2026-09-30T23:50", value)
    with pytest.raises(IncidentError) as err:
        parse_incident(text)
    assert err.value.field == "detected_at"
    assert "date and time" in err.value.message


def test_utc_and_naive_detection_times_give_the_same_clock() -> None:
    naive = _clocks()
    utc = incident_clocks(
        parse_incident(BASE.replace("2026-09-30T23:50", "2026-09-30T15:50:00Z")),
        now=dt.datetime(2026, 9, 30, 16, 5, tzinfo=dt.UTC),
    )
    assert _report(utc, "cac_initial").deadline == _report(naive, "cac_initial").deadline
    assert _report(utc, "cac_initial").seconds_left == _report(naive, "cac_initial").seconds_left


def test_next_summary_says_when_owed_reports_are_cut() -> None:
    # Answering the Zhejiang question makes both of its clocks owed: 3 PIPL 57 duties, CAC initial,
    # PBOC brief and full, Zhejiang phone and written = 8 owed reports, 6 shown under "Next".
    extra = BASE.replace(
        "answers: {pboc.own_standard_grade: relatively_major}",
        "answers: {pboc.own_standard_grade: relatively_major, "
        "zj_telecom.relatively_major_criteria: 'yes'}",
    )
    clocks = incident_clocks(parse_incident(extra), now=dt.datetime(2026, 9, 30, 23, 52, tzinfo=SH))
    owed = clocks.upcoming()
    assert len(owed) == 8, [r.report for r in owed]
    text = render_clocks(clocks)
    assert "... and 2 more owed (listed by regime below)" in text


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ("pi_involved: false\npi_individuals: 2000000\n", "pi_involved: false contradicts"),
        ("pi_involved: false\nsensitive_pi_individuals: 5\n", "pi_involved: false contradicts"),
        ("pi_involved: false\npi_categories: [contact]\n", "pi_involved: false contradicts"),
        ("pi_involved: false\nminors_pi_involved: true\n", "contradicts minors_pi_involved"),
        (
            "pi_individuals: 1000\nsensitive_pi_individuals: 5000\n",
            "sensitive_pi_individuals (5000) exceeds pi_individuals (1000)",
        ),
    ],
)
def test_contradictory_pi_facts_are_rejected(facts: str, message: str) -> None:
    # pi_involved: false with 2,000,000 individuals switched PIPL 57 off while the CAC graded the leak.
    head = BASE.split("pi_individuals")[0]
    with pytest.raises(IncidentError) as err:
        parse_incident(head + facts)
    assert message in str(err.value)


def test_pi_involved_false_with_zero_counts_is_consistent() -> None:
    head = BASE.split("pi_individuals")[0]
    incident = parse_incident(head + "pi_involved: false\npi_individuals: 0\n")
    assert not incident.has_pi


def test_replaying_before_a_report_was_made_shows_it_owed() -> None:
    # --now replays the incident: at 01:00 the initial report of 03:00 had not been made yet.
    extra = "reports_made: [{report: cac_initial, at: 2026-10-01T03:00}]\n"
    early = _report(_clocks(extra, now=dt.datetime(2026, 10, 1, 1, 0, tzinfo=SH)), "cac_initial")
    assert early.status == "due" and early.done_at is None
    assert early.seconds_left == (2 * 60 + 50) * 60
    late = _report(_clocks(extra, now=dt.datetime(2026, 10, 1, 3, 0, tzinfo=SH)), "cac_initial")
    assert late.status == "done"


def test_unknown_answer_key_is_an_error_naming_it() -> None:
    # A typo left the Zhejiang question open with no hint that the answer was not read.
    text = BASE.replace(
        "answers: {pboc.own_standard_grade: relatively_major}",
        "answers: {pboc.own_standard_grade: relatively_major, zj_telecom.relatively_major: 'yes'}",
    )
    with pytest.raises(IncidentError) as err:
        incident_clocks(parse_incident(text), now=dt.datetime(2026, 10, 1, 0, 5, tzinfo=SH))
    assert err.value.field == "answers.zj_telecom.relatively_major"
    assert "zj_telecom.relatively_major_criteria" in err.value.message


def test_a_report_made_stays_listed_when_the_grade_falls_below_reportable() -> None:
    # First count 2,000,000 (relatively major: reported), later revised to 200,000 (general).
    text = BASE.replace("pi_individuals: 2000000", "pi_individuals: 200000").replace(
        "cii_affected: false",
        "cii_affected: false\ndirect_economic_loss_cny: 0\n"
        "reports_made: [{report: cac_initial, at: 2026-10-01T02:00}]",
    )
    text = text.replace(
        "answers: {pboc.own_standard_grade: relatively_major}",
        "answers: {pboc.own_standard_grade: relatively_major, cac.pi_catch_all: 'no'}",
    )
    clocks = incident_clocks(parse_incident(text), now=dt.datetime(2026, 10, 2, 9, 0, tzinfo=SH))
    cac = next(r for r in clocks.regimes if r.regime == "cac")
    assert cac.grade.grade == "general" and not cac.grade.reportable
    assert [r.report for r in cac.reports] == ["cac_initial"]
    initial = cac.reports[0]
    assert initial.status == "done"
    assert any("no longer requires" in n for n in initial.notes), initial.notes


def test_late_against_a_drafts_period_is_no_breach() -> None:
    # Detected under the CAC 2023 draft (never in force): 1 hour, passed, but no breach.
    text = BASE.replace("2026-09-30T23:50", "2024-09-30T23:50").replace(
        "cii_affected: false",
        "cii_affected: false\nreports_made: [{report: cac_initial, at: 2024-10-01T02:00}]",
    )
    clocks = incident_clocks(parse_incident(text), now=dt.datetime(2024, 10, 2, tzinfo=SH))
    initial = _report(clocks, "cac_initial")
    assert initial.proposed and initial.status == "done"
    assert any("a draft's period, no breach" in n for n in initial.notes), initial.notes
    text = render_clocks(clocks)
    assert "done 2024-10-01 02:00 (1h 10m after the draft's period)" in text
    assert "LATE" not in text


def test_unknown_operator_province_is_an_error_even_without_a_provincial_recipient() -> None:
    # A CIIO reports to its protection department, not the provincial CAC, so 'Zhejiang' was never
    # looked up: the Zhejiang plan silently did not apply ("'Zhejiang' is not one of ['zhejiang']").
    text = """\
title: outage
operator: {name: x, province: Zhejiang, sectors: [telecom], ciio: true}
detected_at: 2026-09-30T23:50
cii_affected: true
pi_involved: false
cii_whole_outage_hours: 7
"""
    with pytest.raises(IncidentError) as err:
        incident_clocks(parse_incident(text), now=dt.datetime(2026, 10, 1, 1, 0, tzinfo=SH))
    assert err.value.field == "operator.province"
    assert "'Zhejiang'" in err.value.message and "zhejiang" in err.value.message


def test_a_detection_time_after_now_is_an_error_naming_the_field() -> None:
    # A wrong year, or --now replaying a moment before detection: every clock would read longer
    # than its whole period. The web form refuses such a time; the API and CLI now say why too.
    with pytest.raises(IncidentError) as exc:
        _clocks(now=dt.datetime(2026, 9, 30, 12, 0, tzinfo=SH))
    assert "detected_at" in str(exc.value) and "no reporting clock has started" in str(exc.value)


def test_a_detection_time_minutes_ahead_is_clock_skew_not_an_error() -> None:
    clocks = _clocks(now=dt.datetime(2026, 9, 30, 23, 46, tzinfo=SH))  # 4 minutes before
    assert clocks.all_reports()
