"""Audit entries name the right organisation and actor: rows reached through a parent carry the
organisation's slug, and the login's own write is attributed to the user who logged in."""

from __future__ import annotations

import pytest
from django.test import Client

from hegui.web.register import audit
from hegui.web.register.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_register_and_membership_row_carries_its_organisation(world, records) -> None:
    mine, _theirs = records
    # A history line is reached through its obligation, as clocks and checklist items are through
    # their incident and audit.
    mine.obligation.events.create(actor="editor", changes={"owner": ["", "alice"]}, note="test")
    orgless = {"auth.user", "accounts.apitoken", "register.auditentry"}
    rows = AuditEntry.objects.exclude(model__in=orgless)
    assert {r.model for r in rows} >= {
        "register.obligationevent",
        "register.incidentclock",
        "register.piaudititem",
        "register.evidence",
        "accounts.membership",
    }
    assert [(r.seq, r.model) for r in rows if r.organisation not in ("acme", "other")] == []
    event = AuditEntry.objects.filter(model="register.obligationevent").last()
    assert event is not None and event.organisation == "acme"


def test_deleting_a_child_row_still_names_the_organisation(world, records) -> None:
    mine, _ = records
    with audit.actor_context("test"):
        mine.clock.delete()
    last = AuditEntry.objects.order_by("seq").last()
    assert last is not None
    assert (last.action, last.model, last.organisation) == (
        "delete",
        "register.incidentclock",
        "acme",
    )


def test_login_is_attributed_to_the_user_who_logged_in(world) -> None:
    start = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    response = Client().post("/login/", {"username": "editor", "password": world.password})
    assert response.status_code == 302
    login_rows = list(AuditEntry.objects.filter(seq__gt=start, model="auth.user"))
    assert login_rows, "the last_login update was not logged"
    assert {r.actor for r in login_rows} == {"web:editor"}
    assert login_rows[-1].data["last_login"] is not None
