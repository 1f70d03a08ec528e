"""A report marked sent records when it was sent: now by default, or the time given (a report
phoned in at 10:05 and recorded at 11:30 was on time), never in the future or before detection."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hegui.web.register.models import Incident, IncidentClock

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DETECTED = dt.datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def clock(world: Any) -> IncidentClock:
    incident = Incident.objects.create(organisation=world.org, title="t", detected_at=DETECTED)
    return incident.clocks.create(label="initial", deadline=DETECTED + dt.timedelta(hours=1))


def _mark(world: Any, clock: IncidentClock, sent_at: str | None) -> Any:
    url = reverse("register:clock_reported", args=["acme", clock.incident_id, clock.pk])
    return world.client("editor").post(url, {} if sent_at is None else {"sent_at": sent_at})


def test_the_time_a_report_was_sent_can_be_given(world: Any, clock: IncidentClock) -> None:
    _mark(world, clock, "2026-11-30T10:05")
    clock.refresh_from_db()
    # Was: always the time of the click, so a report phoned in on time looked late.
    assert clock.reported_at == dt.datetime(2026, 11, 30, 10, 5, tzinfo=SHANGHAI)
    page = world.client("viewer").get(
        reverse("register:incident", args=["acme", clock.incident_id])
    )
    assert b"2026-11-30 10:05" in page.content


def test_without_a_time_the_report_is_sent_now(world: Any, clock: IncidentClock) -> None:
    before = timezone.now()
    _mark(world, clock, None)
    clock.refresh_from_db()
    assert clock.reported_at is not None and clock.reported_at >= before.replace(microsecond=0)
    _mark(world, clock, "")
    clock.refresh_from_db()
    assert clock.reported_at is not None


@pytest.mark.parametrize("sent_at", ["2026-11-30T09:59", "2999-01-01T00:00", "2026-02-30T10:00"])
def test_an_impossible_sent_time_is_refused(world: Any, clock: IncidentClock, sent_at) -> None:
    response = _mark(world, clock, sent_at)
    assert response.status_code == 400
    assert "sent at" in response.content.decode()
    clock.refresh_from_db()
    assert clock.reported_at is None


def test_the_api_takes_the_sent_time_too(world: Any, clock: IncidentClock) -> None:
    url = f"/api/orgs/acme/incidents/{clock.incident_id}/clocks/{clock.pk}/sent"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens['editor']}"}
    body = json.dumps({"at": "2026-11-30T10:07:00+08:00"})
    sent = Client().post(url, body, content_type="application/json", **headers)
    assert sent.status_code == 201, sent.content
    assert sent.json()["reported_at"] == "2026-11-30T10:07:00+08:00"
    late = Client().post(
        url, json.dumps({"at": "2026-11-30T09:00:00+08:00"}), "application/json", **headers
    )
    assert late.status_code == 400 and "at" in late.json()["details"]


def test_moving_detection_after_a_sent_report_is_refused(world: Any) -> None:
    from hegui.web.register import services
    from hegui.web.register.forms import IncidentForm

    services.save_profile(world.org, world.profile_yaml, note="", actor="t")
    body = {
        "title": "leak",
        "detected_at": "2026-11-30T10:00:00+08:00",
        "facts": {"entity": "e1", "pi_individuals": 500, "type": "data_leak"},
    }
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens['editor']}"}
    made = Client().post(
        "/api/orgs/acme/incidents", json.dumps(body), "application/json", **headers
    )
    incident = Incident.objects.get(pk=made.json()["id"])
    computed = incident.clocks.filter(source="hegui.api")
    first, count = computed.first(), computed.count()
    assert first is not None and count > 1
    _mark(world, first, "2026-11-30T10:05")
    form = IncidentForm(instance=incident)
    data = {name: form[name].value() for name in form.fields}
    data["detected_at"] = "2026-11-30T10:30"
    edit = world.client("editor").post(
        reverse("register:incident", args=["acme", incident.pk]), data
    )
    # Was: saved; the core then refused the record (a report sent before detection) and every
    # computed deadline not yet reported was deleted.
    assert edit.status_code == 200
    assert "detected_at" in edit.context["form"].errors
    incident.refresh_from_db()
    assert incident.detected_at == DETECTED and computed.count() == count
    patched = Client().patch(
        f"/api/orgs/acme/incidents/{incident.pk}",
        json.dumps({"detected_at": "2026-11-30T10:30:00+08:00"}),
        "application/json",
        **headers,
    )
    assert patched.status_code == 400 and "detected_at" in patched.json()["details"]
    assert computed.count() == count
