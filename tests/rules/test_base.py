"""The rule base: dated dispatch, declaration checks, finding construction and ordering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest

from hegui.errors import RuleError, UnknownCitationError
from hegui.law.calendar import default_calendar
from hegui.law.loader import get_law
from hegui.models import Finding, Status, Text
from hegui.profile import parse_profile
from hegui.rules.base import Context, Rule
from hegui.rules.registry import all_rules

PROFILE = parse_profile(
    "organisation: {name: T}\nentities: [{id: e1, name: E, province: beijing}]\n"
)


def ctx(day: dt.date) -> Context:
    return Context(PROFILE, day, get_law(), default_calendar())


class Dated(Rule):
    id = "test.dated"
    regime = "test"
    title = Text(zh="测试", en="Test")
    cites = (("pipl", "1"),)

    def evaluate_2022_09_01(self, c: Context) -> Iterable[Finding]:
        yield self.finding(c, Status.INFO, explanation=["old logic"])

    def evaluate_2024_03_22(self, c: Context) -> Iterable[Finding]:
        yield self.finding(c, Status.APPLIES, explanation=["new logic"])


@pytest.mark.parametrize(
    ("day", "status", "why"),
    [
        (dt.date(2022, 8, 31), Status.NOT_APPLICABLE, "take effect on 2022-09-01"),
        (dt.date(2022, 9, 1), Status.INFO, "old logic"),
        (dt.date(2024, 3, 21), Status.INFO, "old logic"),
        (dt.date(2024, 3, 22), Status.APPLIES, "new logic"),
    ],
)
def test_dated_methods_dispatch_on_both_sides_of_each_date(
    day: dt.date, status: Status, why: str
) -> None:
    (finding,) = Dated().evaluate(ctx(day))
    assert finding.status == status and why in " ".join(finding.explanation)
    assert finding.citations[0].label() == "PIPL Art. 1"


def test_declarations_are_checked() -> None:
    law = get_law()
    Dated.validate_declaration(law)

    class NoCite(Dated):
        id = "test.no_cite"
        cites = ()

    class BadId(Dated):
        id = "NotDotted"

    class BadArticle(Dated):
        id = "test.bad_article"
        cites = (("pipl", "999"),)

    class BadParam(Dated):
        id = "test.bad_param"
        parameters = ("nope.nothing",)

    with pytest.raises(RuleError, match="cites no provision"):
        NoCite.validate_declaration(law)
    with pytest.raises(RuleError, match="dotted"):
        BadId.validate_declaration(law)
    with pytest.raises(UnknownCitationError):
        BadArticle.validate_declaration(law)
    with pytest.raises(RuleError, match="unknown parameter"):
        BadParam.validate_declaration(law)


def test_due_status_semantics() -> None:
    c = ctx(dt.date(2026, 5, 18))
    rule = Dated()
    assert rule.due_status(c, dt.date(2026, 5, 18), done=False) == Status.DUE
    assert rule.due_status(c, dt.date(2026, 5, 17), done=False) == Status.OVERDUE
    assert rule.due_status(c, dt.date(2026, 5, 17), done=True) == Status.MET
    assert rule.due_status(c, None, done=False) == Status.APPLIES


def test_every_registered_rule_is_well_declared_and_unique() -> None:
    law = get_law()
    rules = all_rules()
    assert rules, "no rules registered"
    for rule in rules.values():
        rule.validate_declaration(law)


def test_status_order_is_the_fail_on_order() -> None:
    assert Status.OVERDUE.at_least(Status.DUE)
    assert Status.DUE.at_least(Status.NEEDS_REVIEW)
    assert not Status.INFO.at_least(Status.APPLIES)


def test_a_crashing_rule_becomes_needs_review_outside_strict_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hegui.rules import engine

    class Crashing(Dated):
        id = "test.crashing"

        def evaluate_2024_03_22(self, c: Context) -> Iterable[Finding]:
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        engine._evaluate(Crashing, ctx(dt.date(2026, 1, 1)))
    monkeypatch.setenv("HEGUI_STRICT", "0")
    (finding,) = engine._evaluate(Crashing, ctx(dt.date(2026, 1, 1)))
    assert finding.status == Status.NEEDS_REVIEW and "ZeroDivisionError" in finding.explanation[0]


def test_missing_fact_is_needs_review_naming_the_field() -> None:
    finding = Dated().missing_fact(
        ctx(dt.date(2026, 1, 1)), "entities[0].x", "x is unknown.", subject="e1"
    )
    assert finding.status == Status.NEEDS_REVIEW
    assert finding.missing == ["entities[0].x"] and finding.explanation == ["x is unknown."]
    assert finding.subject == "e1" and finding.citations
