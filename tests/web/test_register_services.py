"""Profiles, assessments and the obligations register (models and services)."""

from __future__ import annotations

import datetime as dt

import pytest

from hegui import api
from hegui.errors import HeguiError, ProfileError
from hegui.models import Status
from hegui.web.register import services
from hegui.web.register.models import Obligation

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 30)


def test_profile_versions_are_kept(world) -> None:
    second = world.profile_yaml.replace("beijing", "shanghai")
    v1 = services.save_profile(world.org, world.profile_yaml, note="first", actor="editor")
    v2 = services.save_profile(world.org, second, note="second", actor="editor")
    assert (v1.number, v2.number) == (1, 2)
    assert world.org.current_profile() == v2
    assert list(world.org.profiles.values_list("yaml_text", flat=True)) == [
        second,
        world.profile_yaml,
    ]


def test_invalid_profile_is_refused_with_a_clear_error(world) -> None:
    with pytest.raises(HeguiError) as err:
        services.save_profile(world.org, "- just\n- a list\n", note="", actor="x")
    assert "mapping" in str(err.value)
    assert world.org.profiles.count() == 0


def test_assessment_creates_updates_and_closes_obligations(world, make_finding) -> None:
    first = [
        make_finding("cross_border.standard_contract", Status.DUE, subject="t1", due=DAY),
        make_finding("cross_border.pia", Status.MET, subject="t1"),
        make_finding("governance.dpo", Status.NEEDS_REVIEW),
    ]
    a1 = services.store_assessment(world.org, as_of=DAY, findings=first, actor="editor")
    keys = set(Obligation.objects.filter(organisation=world.org).values_list("key", flat=True))
    # Met findings create no work; open ones do.
    assert keys == {"cross_border.standard_contract|t1", "governance.dpo|"}
    sc = Obligation.objects.get(key="cross_border.standard_contract|t1")
    assert (sc.finding_status, sc.due, sc.last_assessment) == ("due", DAY, a1)

    later = DAY + dt.timedelta(days=40)
    second = [make_finding("cross_border.standard_contract", Status.OVERDUE, subject="t1", due=DAY)]
    services.store_assessment(world.org, as_of=later, findings=second, actor="editor")
    sc.refresh_from_db()
    dpo = Obligation.objects.get(key="governance.dpo|")
    assert sc.finding_status == "overdue"
    assert dpo.state == Obligation.State.CLOSED  # no longer found: closed, history kept
    assert sc.events.first().changes == {"finding_status": ["due", "overdue"]}
    assert dpo.events.count() == 2


def test_diff_between_assessments(world, make_finding) -> None:
    old = services.store_assessment(
        world.org,
        as_of=DAY,
        actor="e",
        findings=[
            make_finding("a.one", Status.DUE, due=DAY),
            make_finding("a.two", Status.APPLIES),
            make_finding("a.three", Status.MET),
        ],
    )
    new = services.store_assessment(
        world.org,
        as_of=DAY,
        actor="e",
        findings=[
            make_finding("a.one", Status.OVERDUE, due=DAY),
            make_finding("a.three", Status.MET),
            make_finding("a.four", Status.NEEDS_REVIEW),
        ],
    )
    diff = services.diff_assessments(old, new)
    assert [f["rule_id"] for f in diff.added] == ["a.four"]
    assert [f["rule_id"] for f in diff.removed] == ["a.two"]
    assert [(a["status"], b["status"]) for a, b in diff.changed] == [("due", "overdue")]
    assert diff.unchanged == 1


def test_run_assessment_needs_a_profile(world) -> None:
    with pytest.raises(HeguiError, match="import a profile"):
        services.run_assessment(world.org, as_of=DAY, actor="e")


def test_run_assessment_with_the_core(world) -> None:
    services.save_profile(world.org, world.profile_yaml, note="", actor="editor")
    done = services.run_assessment(world.org, as_of=DAY, actor="editor")
    expected = api.assess(world.profile_yaml, as_of=DAY).model_dump(mode="json")
    assert done.findings == expected["findings"] and done.findings
    assert done.as_of == DAY and done.result["findings"] == done.findings
    assert done.result["findings"] == done.findings
    for f in done.findings:
        assert {"rule_id", "status", "title"} <= set(f)


def test_request_deadline_comes_from_the_core(world) -> None:
    from hegui.web.register.forms import SubjectRequestForm

    data = {"kind": "access", "requester_ref": "T-7", "received_on": "2026-11-02", "state": "open"}
    form = SubjectRequestForm(data, organisation=world.org)
    assert form.is_valid(), form.errors
    saved = form.save(commit=False)
    core = api.request_deadline({"id": "x", "type": "access", "received": DAY.replace(day=2)})
    assert saved.due == core.due and saved.due_basis.startswith("hegui: ")
    # A kind the core does not cover needs a deadline from the user.
    data["kind"] = "withdraw_consent"
    form = SubjectRequestForm(data, organisation=world.org)
    assert not form.is_valid() and "due" in form.errors
    data["due"] = "2026-11-20"
    assert SubjectRequestForm(data, organisation=world.org).is_valid()


def test_a_bad_profile_is_refused_naming_source_line_and_field(world) -> None:
    bad = world.profile_yaml + "unknown_section: 1\n"
    with pytest.raises(ProfileError) as caught:
        services.save_profile(world.org, bad, note="", actor="editor")
    assert caught.value.path == "acme profile" and "unknown_section" in str(caught.value)
    assert not world.org.profiles.exists()
