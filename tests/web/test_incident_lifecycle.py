"""Incident clocks over an incident's life: a closed incident's clocks stop counting down (and no
longer count as open deadlines), reopening restarts them, and editing the detection time moves
every computed deadline with it."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hegui import api
from hegui.web.register.deadlines import collect_deadlines
from hegui.web.register.forms import IncidentForm
from hegui.web.register.models import Incident

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
_BODY = {
    "title": "Synthetic leak",
    "detected_at": "2026-11-30T09:30:00+08:00",
    "state": "open",
    "facts": {"entity": "e1", "pi_individuals": 500, "type": "data_leak"},
}


def _new(world: Any) -> Incident:
    from hegui.web.register import services

    # The profile names entity e1, so the core computes clocks.
    services.save_profile(world.org, world.profile_yaml, note="", actor="t")
    made = Client().post(
        "/api/orgs/acme/incidents",
        json.dumps(_BODY),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )
    assert made.status_code == 201, made.content
    incident = Incident.objects.get(pk=made.json()["id"])
    assert incident.clocks.filter(reported_at=None).exists()
    return incident


def _edit(world: Any, incident: Incident, **changes: str) -> None:
    incident.refresh_from_db()  # the form as opened now
    form = IncidentForm(instance=incident)
    data = {name: form[name].value() for name in form.fields}
    data["detected_at"] = form["detected_at"].value().strftime("%Y-%m-%dT%H:%M")
    data.update(changes)
    response = world.client("editor").post(
        reverse("register:incident", args=["acme", incident.pk]), data
    )
    assert response.status_code == 302, response.context["form"].errors


def _live_clocks(world: Any, incident: Incident) -> tuple[int, int]:
    page = world.client("viewer").get(reverse("register:incident", args=["acme", incident.pk]))
    listing = world.client("viewer").get(reverse("register:incidents", args=["acme"]))
    return page.content.count(b"data-deadline="), listing.content.count(b"data-deadline=")


def test_closing_an_incident_stops_its_countdown_not_its_duty_to_report(world: Any) -> None:
    incident = _new(world)
    unreported = incident.clocks.filter(reported_at=None).count()
    assert _live_clocks(world, incident) == (unreported, unreported)
    assert sum(d.open for d in collect_deadlines(world.org) if d.kind == "incident") == unreported

    _edit(world, incident, state="closed")
    # The page no longer counts down ("overdue by ..." ticking on a closed incident) ...
    assert _live_clocks(world, incident) == (0, 0)
    page = world.client("viewer").get(reverse("register:incident", args=["acme", incident.pk]))
    assert page.content.count(b"not reported (incident closed)") == unreported
    # ... but closing an incident does not discharge a duty to report it: the unsent reports
    # stay open deadlines (dashboard, calendar, API), not hidden as "stopped".
    assert sum(d.open for d in collect_deadlines(world.org) if d.kind == "incident") == unreported
    api_deadlines = Client().get(
        "/api/orgs/acme/deadlines", HTTP_AUTHORIZATION=f"Bearer {world.tokens['viewer']}"
    )
    assert len([d for d in api_deadlines.json() if d["kind"] == "incident" and d["open"]]) == (
        unreported
    )
    calendar = world.client("viewer").get(reverse("register:calendar", args=["acme"]))
    assert calendar.content.count(b"not reported (incident closed)") == unreported

    _edit(world, incident, state="open")
    assert _live_clocks(world, incident) == (unreported, unreported)


def test_editing_the_detection_time_moves_the_computed_deadlines(world: Any) -> None:
    incident = _new(world)
    before = {c.report: c.deadline for c in incident.clocks.filter(source="hegui.api")}
    _edit(world, incident, detected_at="2026-11-27T17:45")  # a Friday evening, Beijing time
    incident.refresh_from_db()
    assert incident.detected_at == dt.datetime(2026, 11, 27, 17, 45, tzinfo=SHANGHAI)
    facts = {**_BODY["facts"], "title": "x", "detected_at": "2026-11-27T17:45:00+08:00"}
    expected = {
        r.report: r.deadline or (incident.detected_at if r.immediately else None)
        for r in api.incident_clocks(facts, api.load_profile(world.profile_yaml)).all_reports()
    }
    after = {c.report: c.deadline for c in incident.clocks.filter(source="hegui.api")}
    assert after == {k: v for k, v in expected.items() if v is not None}
    assert after != before
