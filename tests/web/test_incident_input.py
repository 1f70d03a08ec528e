"""Impossible dates in an incident's facts are a form error naming the field and line."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from hegui.web.register.models import Incident

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "facts",
    [
        "pi_individuals: 10\noccurred_at: 2026-02-30\n",  # no 30 February
        "pi_individuals: 10\nhandling_ended_at: 2026-11-31T10:00:00+08:00\n",  # no 31 November
        "pi_individuals: 10\noccurred_at: 2026-02-28 25:00:00\n",  # no hour 25
    ],
)
def test_an_impossible_date_in_the_facts_is_a_form_error(world: Any, facts: str) -> None:
    count = Incident.objects.count()
    data = {"title": "t", "detected_at": "2026-11-30T10:00", "state": "open", "facts_yaml": facts}
    new = world.client("editor").post(reverse("register:incident_new", args=["acme"]), data)
    # Was: YAML read the value as a date, Python refused it, and the page answered 500.
    assert new.status_code == 200
    errors = " ".join(new.context["form"].errors["facts_yaml"])
    assert "line 2" in errors and "is not a valid date or time" in errors, errors
    assert Incident.objects.count() == count


def test_an_impossible_date_on_an_existing_incident_changes_nothing(world: Any, records) -> None:
    incident = records[0].incident
    data = {
        "title": "renamed",
        "detected_at": "2026-11-30T10:00",
        "state": "open",
        "facts_yaml": "occurred_at: 2026-02-30\n",
    }
    edit = world.client("editor").post(
        reverse("register:incident", args=["acme", incident.pk]), data
    )
    assert edit.status_code == 200 and "facts_yaml" in edit.context["form"].errors
    incident.refresh_from_db()
    assert incident.title != "renamed"


def test_a_detection_time_in_the_future_is_refused(world: Any) -> None:
    count = Incident.objects.count()
    later = (timezone.localtime() + dt.timedelta(days=365)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": "typo", "detected_at": later, "state": "open", "facts_yaml": ""}
    new = world.client("editor").post(reverse("register:incident_new", args=["acme"]), data)
    # Was: stored, with every reporting clock a year away and nothing looking urgent.
    assert new.status_code == 200
    assert "future" in " ".join(new.context["form"].errors["detected_at"])
    assert Incident.objects.count() == count
    api = world.client("anonymous").post(
        "/api/orgs/acme/incidents",
        json.dumps({"title": "typo", "detected_at": later + ":00+08:00"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )
    assert api.status_code == 400 and "detected_at" in api.json()["details"]
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data["detected_at"] = now
    assert (
        world.client("editor")
        .post(reverse("register:incident_new", args=["acme"]), data)
        .status_code
        == 302
    )


def test_a_request_received_in_the_future_is_refused_on_that_field(world: Any) -> None:
    later = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    data = {"kind": "access", "requester_ref": "T-77", "received_on": later, "state": "open"}
    new = world.client("editor").post(reverse("register:request_new", args=["acme"]), data)
    # Was: the core dates no deadline for a request not yet received, so the error asked for
    # a "respond by" date instead of naming the mistyped received date.
    assert new.status_code == 200
    errors = new.context["form"].errors
    assert "future" in " ".join(errors["received_on"]) and "due" not in errors
