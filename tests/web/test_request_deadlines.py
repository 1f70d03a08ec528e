"""Data-subject request deadlines stay those of the core when a request is edited."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from hegui import api
from hegui.web.register.forms import SubjectRequestForm
from hegui.web.register.models import SubjectRequest

pytestmark = pytest.mark.django_db


def _core_due(kind: str, received: dt.date) -> dt.date:
    due = api.request_deadline({"id": "x", "type": kind, "received": received}).due
    assert due is not None
    return due


def _create(world: Any) -> SubjectRequest:
    data = {"kind": "access", "requester_ref": "T-41", "received_on": "2026-11-02"}
    response = world.client("editor").post(
        reverse("register:request_new", args=["acme"]), {**data, "state": "open"}
    )
    assert response.status_code == 302
    row = SubjectRequest.objects.get(requester_ref="T-41")
    assert row.due == _core_due("access", dt.date(2026, 11, 2))
    assert row.due_basis.startswith("hegui: ")
    return row


def _edit(world: Any, row: SubjectRequest, **changes: str) -> SubjectRequest:
    """Submit the edit form as the browser would: every shown value, plus ``changes``."""
    form = SubjectRequestForm(instance=row, organisation=world.org)
    data = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in form.initial.items()
        if value is not None
    }
    data["fingerprint"] = form.fields["fingerprint"].initial
    data.update(changes)
    response = world.client("editor").post(reverse("register:request", args=["acme", row.pk]), data)
    assert response.status_code == 302, response.content[:500]
    row.refresh_from_db()
    return row


def test_editing_notes_keeps_the_computed_deadline_and_its_basis(world: Any) -> None:
    row = _create(world)
    due, basis = row.due, row.due_basis
    row = _edit(world, row, notes="called back")
    # Was: any save with the shown "respond by" relabelled the core's deadline as "entered".
    assert (row.due, row.due_basis) == (due, basis)


def test_correcting_the_received_date_recomputes_a_computed_deadline(world: Any) -> None:
    row = _create(world)
    row = _edit(world, row, received_on="2026-11-20")
    # Was: the deadline of the old received date stayed, earlier than the statutory one.
    assert row.due == _core_due("access", dt.date(2026, 11, 20))
    assert row.due_basis.startswith("hegui: ")


def test_changing_the_kind_recomputes_or_asks_for_a_deadline(world: Any) -> None:
    row = _create(world)
    form = SubjectRequestForm(instance=row, organisation=world.org)
    data = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in form.initial.items()}
    data = {k: v for k, v in data.items() if v is not None}
    data.update(kind="withdraw_consent", fingerprint=form.fields["fingerprint"].initial)
    response = world.client("editor").post(reverse("register:request", args=["acme", row.pk]), data)
    # The core has no period for this kind: the old computed deadline does not silently stay.
    assert response.status_code == 200
    assert "due" in response.context["form"].errors
    row.refresh_from_db()
    assert row.kind == "access"


def test_a_deadline_entered_by_hand_is_kept(world: Any) -> None:
    row = _create(world)
    row = _edit(world, row, due="2026-11-10")
    assert (row.due, row.due_basis) == (dt.date(2026, 11, 10), "entered")
    row = _edit(world, row, received_on="2026-11-03")
    assert (row.due, row.due_basis) == (dt.date(2026, 11, 10), "entered")


def test_api_patch_of_the_received_date_recomputes_the_deadline(world: Any) -> None:
    row = _create(world)
    response = world.client("anonymous").patch(
        f"/api/orgs/acme/requests/{row.pk}",
        json.dumps({"received_on": "2026-11-20"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["due"] == _core_due("access", dt.date(2026, 11, 20)).isoformat()
    assert response.json()["due_basis"].startswith("hegui: ")
    response = world.client("anonymous").patch(
        f"/api/orgs/acme/requests/{row.pk}",
        json.dumps({"notes": "answered by post"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )
    assert response.json()["due_basis"].startswith("hegui: ")


def test_a_received_date_moved_past_the_old_deadline_recomputes_it(world: Any) -> None:
    row = _create(world)
    row = _edit(world, row, received_on="2026-11-30")
    assert row.due == _core_due("access", dt.date(2026, 11, 30))


def test_the_request_page_says_how_the_deadline_was_set(world: Any) -> None:
    row = _create(world)
    page = world.client("viewer").get(reverse("register:request", args=["acme", row.pk]))
    html = page.content.decode()
    # Was: nowhere, and the page told users to enter the deadline themselves.
    assert f"{row.due.isoformat()}: {row.due_basis}" in html
    assert "Enter the response deadline that applies" not in html
    assert "empty to have it computed" in html
