"""Grading per regime: thresholds at N-1 / N / N+1, questions for non-numeric criteria."""

from __future__ import annotations

import pytest

from hegui.incidents import IncidentError, grade_incident, parse_incident
from hegui.incidents.models import RegimeGrade

OP = "operator: {name: X, province: zhejiang, sectors: [telecom]}"


def grade(body: str, regime: str = "cac", when: str = "2026-06-01T10:00") -> RegimeGrade:
    inc = parse_incident(f"title: t\n{OP}\ndetected_at: {when}\n{body}")
    return next(r for r in grade_incident(inc).regimes if r.regime == regime)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (999_999, "general"),
        (1_000_000, "relatively_major"),
        (1_000_001, "relatively_major"),
        (9_999_999, "relatively_major"),
        (10_000_000, "major"),
        (99_999_999, "major"),
        (100_000_000, "particularly_major"),
    ],
)
def test_cac_pi_leak_thresholds(n: int, expected: str) -> None:
    g = grade(f"pi_individuals: {n}\ndirect_economic_loss_cny: 0\n")
    assert g.grade == expected
    assert g.reportable == (expected != "general")


@pytest.mark.parametrize(
    ("loss", "expected"),
    [
        (4_999_999, "general"),
        (5_000_000, "relatively_major"),
        (19_999_999, "relatively_major"),
        (20_000_000, "major"),
        (100_000_000, "particularly_major"),
    ],
)
def test_cac_economic_loss_thresholds(loss: int, expected: str) -> None:
    assert grade(f"pi_involved: false\ndirect_economic_loss_cny: {loss}\n").grade == expected


def test_small_leak_asks_the_catch_all_question_and_each_answer_gives_a_grade() -> None:
    g = grade("pi_individuals: 500000\ndirect_economic_loss_cny: 0\n")
    assert g.grade == "general" and g.provisional and not g.reportable
    q = next(q for q in g.questions if q.key == "cac.pi_catch_all")
    assert {a.answer: a.grade for a in q.answers} == {"yes": "relatively_major", "no": None}
    yes = grade(
        "pi_individuals: 500000\ndirect_economic_loss_cny: 0\nanswers: {cac.pi_catch_all: 'yes'}\n"
    )
    assert yes.grade == "relatively_major" and yes.reportable and not yes.provisional
    no = grade(
        "pi_individuals: 500000\ndirect_economic_loss_cny: 0\nanswers: {cac.pi_catch_all: 'no'}\n"
    )
    assert no.grade == "general" and not no.provisional


def test_unknown_numbers_are_asked_with_the_grade_each_value_gives() -> None:
    g = grade("pi_involved: true\n")
    keys = {q.key for q in g.questions}
    assert {"pi_individuals", "direct_economic_loss_cny"} <= keys
    q = next(q for q in g.questions if q.key == "pi_individuals")
    assert q.answers[0].grade == "particularly_major" and "100,000,000" in q.answers[0].answer


def test_core_data_question_and_bad_answer_names_the_field() -> None:
    body = "pi_involved: false\ndirect_economic_loss_cny: 0\ncore_data_involved: true\n"
    g = grade(body)
    assert "cac.data_threat" in {q.key for q in g.questions}
    assert grade(body + "answers: {cac.data_threat: 'yes'}\n").grade == "particularly_major"
    with pytest.raises(IncidentError) as info:
        grade(body + "answers: {cac.data_threat: maybe}\n")
    assert "answers.cac.data_threat" in str(info.value)


def test_cii_outage_final_guide_and_question_for_lower_grades() -> None:
    base = "pi_involved: false\ndirect_economic_loss_cny: 0\ncii_affected: true\n"
    assert grade(base + "cii_whole_outage_hours: 6\n").grade == "particularly_major"
    g = grade(base + "cii_whole_outage_hours: 5.9\ncii_main_function_outage_hours: 1\n")
    assert g.grade == "general"
    q = next(q for q in g.questions if q.key == "cac.cii_lower_grades")
    assert q.needs_review
    ans = (
        base
        + "cii_whole_outage_hours: 3\ncii_main_function_outage_hours: 1\nanswers: {cac.cii_lower_grades: major}\n"
    )
    assert grade(ans).grade == "major"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(9_999_999, "general"), (10_000_000, "major"), (100_000_000, "particularly_major")],
)
def test_zhejiang_grades_follow_the_miit_bands(n: int, expected: str) -> None:
    g = grade(f"pi_individuals: {n}\n", regime="zj_telecom")
    assert g.applies and g.grade == expected
    if expected == "general":
        assert [q.key for q in g.questions] == ["zj_telecom.relatively_major_criteria"]


def test_zhejiang_plan_only_for_telecom_in_zhejiang_and_from_its_date() -> None:
    inc = parse_incident(
        "title: t\noperator: {name: X, province: jiangsu, sectors: [telecom]}\n"
        "detected_at: 2026-06-01T10:00\npi_individuals: 1\n"
    )
    zj = next(r for r in grade_incident(inc).regimes if r.regime == "zj_telecom")
    assert not zj.applies and "jiangsu" in zj.reason
    assert grade("pi_individuals: 1\n", "zj_telecom", when="2025-05-18T23:59").applies is False
    assert grade("pi_individuals: 1\n", "zj_telecom", when="2025-05-19T00:00").applies is True


def test_pboc_only_for_financial_institutions() -> None:
    g = grade("pi_individuals: 1\n", regime="pboc")
    assert not g.applies and "sectors" in g.reason


def test_entity_needs_a_profile_and_must_exist() -> None:
    inc = parse_incident("title: t\nentity: acme-sh\ndetected_at: 2026-06-01T10:00\n")
    with pytest.raises(IncidentError, match="needs a profile"):
        grade_incident(inc)
    from hegui.api import load_profile

    prof = load_profile("examples/acme/profile.yaml")
    bad = parse_incident("title: t\nentity: nope\ndetected_at: 2026-06-01T10:00\n")
    with pytest.raises(IncidentError, match="unknown entity"):
        grade_incident(bad, prof)
    ok = grade_incident(inc, prof)
    assert ok.operator.startswith("艾克米")
