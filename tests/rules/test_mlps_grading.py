"""The GB/T 22240-2020 grading matrix (law data) and the two-axis grading."""

from __future__ import annotations

import pytest

from hegui.law.loader import get_law
from hegui.rules.mlps_grading import GradingInputError, grade, questions

# Table 1 of GB/T 22240-2020 (standards.md 6.1), written out independently of the law data.
TABLE = {
    ("citizens", "general"): 1,
    ("citizens", "serious"): 2,
    ("citizens", "especially_serious"): 3,
    ("social_order", "general"): 2,
    ("social_order", "serious"): 3,
    ("social_order", "especially_serious"): 4,
    ("national_security", "general"): 3,
    ("national_security", "serious"): 4,
    ("national_security", "especially_serious"): 5,
}


def _answers(io: str, idg: str, so: str, sd: str) -> dict[str, object]:
    return {"info_object": io, "info_degree": idg, "service_object": so, "service_degree": sd}


@pytest.mark.parametrize(("cell", "level"), sorted(TABLE.items()))
def test_every_cell_of_the_matrix(cell: tuple[str, str], level: int) -> None:
    obj, deg = cell
    result = grade(get_law(), _answers(obj, deg, "citizens", "general"))
    assert result.info.level == level
    assert result.level == max(level, 1)


def test_worked_example_9_is_level_2() -> None:
    result = grade(get_law(), _answers("social_order", "general", "citizens", "serious"))
    assert (result.info.level, result.service.level, result.level) == (2, 2, 2)
    assert "higher of the two" in result.reasoning[-1]


def test_system_level_is_the_higher_axis() -> None:
    result = grade(get_law(), _answers("citizens", "general", "national_security", "serious"))
    assert (result.info.level, result.service.level, result.level) == (1, 4, 4)
    assert result.level_title.zh.startswith("第四级")


def test_the_disputed_cell_carries_its_caveat() -> None:
    result = grade(get_law(), _answers("citizens", "especially_serious", "citizens", "general"))
    assert result.level == 3
    assert result.needs_review and "2008" in result.needs_review[0]
    clean = grade(get_law(), _answers("citizens", "serious", "citizens", "general"))
    assert clean.needs_review == []


def test_answers_by_alias_chinese_title_or_number() -> None:
    by_id = grade(get_law(), _answers("social_order", "serious", "citizens", "general"))
    other = grade(get_law(), _answers("public_interest", "严重损害", "1", "1"))
    assert by_id.level == other.level == 3


def test_questions_come_from_the_law_data() -> None:
    qs = questions(get_law())
    assert [q.field for q in qs] == [
        "info_object",
        "info_degree",
        "service_object",
        "service_degree",
    ]
    assert [o.id for o in qs[0].options] == ["citizens", "social_order", "national_security"]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        (_answers("aliens", "general", "citizens", "general"), "info_object"),
        (_answers("citizens", "general", "citizens", "4"), "service_degree"),
        (
            {"info_object": "citizens", "info_degree": "general", "service_object": "citizens"},
            "service_degree",
        ),
        ({**_answers("citizens", "general", "citizens", "general"), "colour": "red"}, "colour"),
    ],
)
def test_bad_answers_name_the_field(answers: dict[str, object], field: str) -> None:
    with pytest.raises(GradingInputError) as exc:
        grade(get_law(), answers)
    assert exc.value.field == field


def test_a_bad_answer_in_a_profile_is_a_profile_error_naming_the_field() -> None:
    import datetime as dt

    from hegui.errors import ProfileError
    from hegui.profile.models import Profile
    from hegui.rules.engine import assess

    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "beijing"}],
            "systems": [{"id": "s1", "name": "S1", "entity": "e1"}],
            "mlps": {
                "systems": [
                    {"system": "s1", "grading": _answers("x", "general", "citizens", "general")}
                ]
            },
        }
    )
    with pytest.raises(ProfileError) as exc:
        assess(profile, dt.date(2026, 1, 1))
    assert exc.value.field == "mlps.systems[0].grading.info_object"
