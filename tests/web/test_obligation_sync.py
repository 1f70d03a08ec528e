"""The obligations register follows the assessment's verdicts: a duty the core finds met (or no
longer applicable) stops counting as open work, and a duty that falls due again (a new cycle of
a periodic duty) is reopened rather than staying hidden as done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hegui.models import Status
from hegui.web.register import services
from hegui.web.register.models import Obligation

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 30)
RULE = "pi_audit.periodic"


def _run(world: Any, make_finding: Any, status: Status, *, due: dt.date | None = None) -> None:
    finding = make_finding(RULE, status, subject="e1", due=due)
    services.store_assessment(world.org, as_of=DAY, findings=[finding], actor="cli:assess")


def _open_count(world: Any) -> int:
    page = world.client("viewer").get("/o/acme/")
    return int(page.context["open_obligations"])


def test_a_met_finding_marks_its_obligation_done(world: Any, make_finding: Any) -> None:
    _run(world, make_finding, Status.DUE, due=DAY)
    assert _open_count(world) == 1
    _run(world, make_finding, Status.MET)
    ob = Obligation.objects.get(rule_id=RULE)
    # Was: state stayed "open" with finding "met", counted as open work on the dashboard forever.
    assert ob.state == Obligation.State.DONE and ob.finding_status == "met"
    assert ob.events.first().changes["state"] == ["open", "done"]
    assert _open_count(world) == 0


def test_a_finding_no_longer_applicable_closes_its_obligation(world: Any, make_finding) -> None:
    _run(world, make_finding, Status.DUE, due=DAY)
    _run(world, make_finding, Status.NOT_APPLICABLE)
    assert Obligation.objects.get(rule_id=RULE).state == Obligation.State.CLOSED


def test_the_next_cycle_of_a_done_duty_reopens_it(world: Any, make_finding: Any) -> None:
    _run(world, make_finding, Status.DUE, due=DAY)
    ob = Obligation.objects.get(rule_id=RULE)
    ob.state = Obligation.State.DONE  # the owner marked this year's audit done
    ob.save()
    _run(world, make_finding, Status.MET)
    _run(world, make_finding, Status.DUE, due=DAY.replace(year=2027))
    ob.refresh_from_db()
    # Was: "done" stayed, so next year's audit never showed as open or overdue.
    assert ob.state == Obligation.State.OPEN and ob.due == dt.date(2027, 11, 30)
    assert _open_count(world) == 1


def test_done_by_the_owner_is_kept_while_the_finding_is_unchanged(world, make_finding) -> None:
    _run(world, make_finding, Status.DUE, due=DAY)
    ob = Obligation.objects.get(rule_id=RULE)
    for state in (Obligation.State.DONE, Obligation.State.ACCEPTED):
        ob.state = state
        ob.save()
        _run(world, make_finding, Status.DUE, due=DAY)
        ob.refresh_from_db()
        assert ob.state == state  # the profile not yet updated: the owner's word stands


def test_an_earlier_due_date_set_by_hand_survives_the_next_run(world, make_finding) -> None:
    _run(world, make_finding, Status.DUE, due=DAY)
    ob = Obligation.objects.get(rule_id=RULE)
    ob.due = DAY.replace(day=20)  # the owner's internal target, before the legal date
    ob.save()
    _run(world, make_finding, Status.DUE, due=DAY)
    ob.refresh_from_db()
    # Was: every run put the core's date back, silently undoing the owner's plan.
    assert ob.due == DAY.replace(day=20)


def test_the_core_date_wins_when_it_moves_or_the_hand_date_is_later(world, make_finding) -> None:
    _run(world, make_finding, Status.DUE, due=DAY)
    ob = Obligation.objects.get(rule_id=RULE)
    ob.due = DAY.replace(day=20)
    ob.save()
    next_cycle = DAY.replace(year=2027)
    _run(world, make_finding, Status.DUE, due=next_cycle)  # a new cycle: the old plan is stale
    ob.refresh_from_db()
    assert ob.due == next_cycle
    ob.due = next_cycle.replace(month=12, day=31)  # later than the law allows
    ob.save()
    _run(world, make_finding, Status.DUE, due=next_cycle)
    ob.refresh_from_db()
    assert ob.due == next_cycle
