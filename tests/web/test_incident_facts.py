"""Incidents: facts the core rejects are refused (as the CLI does); clocks the core no longer
computes stop counting, except those already reported."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hegui import api
from hegui.errors import HeguiError

pytestmark = pytest.mark.django_db

_BODY = {
    "title": "Synthetic leak",
    "detected_at": "2026-11-30T09:30:00+08:00",
    "state": "open",
    "facts": {"entity": "e1", "pi_individuals": 500, "type": "data_leak"},
}


def _api(world: Any, method: str, path: str, body: Any = None) -> Any:
    return getattr(Client(), method.lower())(
        path,
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )


def test_facts_the_core_rejects_are_refused_like_the_cli(world, records) -> None:
    from hegui.web.register.models import Incident

    facts = {**_BODY["facts"], "handling_ended_at": "2026-11-01T10:00:00+08:00"}
    with pytest.raises(HeguiError, match="handling_ended_at"):
        api.incident_clocks({"title": "x", "detected_at": _BODY["detected_at"], **facts})
    count = Incident.objects.count()
    response = _api(world, "POST", "/api/orgs/acme/incidents", {**_BODY, "facts": facts})
    assert response.status_code == 400
    assert "handling_ended_at" in response.json()["details"]["facts"][0]["message"]
    page = world.client("editor").post(
        reverse("register:incident_new", args=["acme"]),
        {
            "title": "x",
            "detected_at": "2026-11-30T09:30",
            "state": "open",
            "entity": "e1",
            "facts_yaml": "handling_ended_at: 2026-11-01T10:00:00+08:00\n",
        },
    )
    assert "handling_ended_at" in " ".join(page.context["form"].errors["facts_yaml"])
    assert Incident.objects.count() == count


def test_incomplete_facts_are_stored_and_stale_clocks_stop(world, records) -> None:
    created = _api(world, "POST", "/api/orgs/acme/incidents", _BODY).json()
    core = [c for c in created["clocks"] if c["source"] == "hegui.api"]
    assert len(core) >= 2
    sent, unsent = core[0], core[1:]
    pk = created["id"]
    assert (
        _api(
            world, "POST", f"/api/orgs/acme/incidents/{pk}/clocks/{sent['id']}/sent", {}
        ).status_code
        == 201
    )
    world.client("editor").post(
        reverse("register:clock_add", args=["acme", pk]),
        {"label": "own deadline", "deadline": "2026-12-01T10:00"},
    )
    # Remove the entity and move the detection time: the core can no longer clock the incident.
    patched = _api(
        world,
        "PATCH",
        f"/api/orgs/acme/incidents/{pk}",
        {"detected_at": "2026-11-30T12:00:00+08:00", "facts": {"pi_individuals": 500}},
    )
    assert patched.status_code == 200, patched.content
    data = patched.json()
    assert "no clocks computed" in data["warning"] and "entity" in data["warning"]
    assert f"{len(unsent)} computed deadline(s)" in data["warning"]
    ids = {c["id"] for c in data["clocks"]}
    assert sent["id"] in ids  # reported: kept as the record of what was sent
    assert not ids & {c["id"] for c in unsent}  # not reported: no longer live deadlines
    assert any(c["label"] == "own deadline" for c in data["clocks"])  # manual ones stay
    deadlines = _api(world, "GET", "/api/orgs/acme/deadlines").json()
    labels = {d["label"] for d in deadlines if d["open"]}
    assert not any(c["label"] in label for c in unsent for label in labels)
    page = world.client("viewer").get(reverse("register:incident", args=["acme", pk]))
    html = page.content.decode()
    assert 'id="clock-problem"' in html and "entity" in html


def test_editing_in_the_page_says_what_was_removed(world, records) -> None:
    client = world.client("editor")
    created = _api(world, "POST", "/api/orgs/acme/incidents", _BODY).json()
    url = reverse("register:incident", args=["acme", created["id"]])
    response = client.post(
        url,
        {"title": "Synthetic leak", "detected_at": "2026-11-30T09:30", "state": "open"},
        follow=True,
    )
    text = response.content.decode()
    assert "No clocks computed" in text and "were removed" in text
    from hegui.web.register.models import IncidentClock

    assert not IncidentClock.objects.filter(incident_id=created["id"], source="hegui.api").exists()
