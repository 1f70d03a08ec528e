"""Audit entries name their actor in full, also for the longest user names Django allows, and
the migration that widened the column keeps the entries already written."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from hegui.web.accounts.models import Membership
from hegui.web.register.models import AuditEntry

BEFORE = ("register", "0002_auditentry_append_only_manager")
WIDENED = ("register", "0003_auditentry_actor_length")


@pytest.mark.django_db
def test_a_150_character_user_name_is_recorded_whole(world: Any) -> None:
    name = "u" * get_user_model()._meta.get_field("username").max_length  # type: ignore[misc]
    user = get_user_model().objects.create_user(username=name, password=world.password)
    Membership.objects.create(user=user, organisation=world.org, role="editor")
    client = Client()
    client.force_login(user)
    made = client.post(
        reverse("register:filing_new", args=["acme"]),
        {"kind": "other", "title": "by a long name", "state": "planned"},
    )
    assert made.status_code == 302
    entry = AuditEntry.objects.filter(model="register.filing").last()
    assert entry is not None and entry.actor == f"web:{name}"
    # Was: "web:" plus 150 characters did not fit the 150-character column (PostgreSQL refused
    # the write, so every change by such a user failed with a server error).
    assert len(entry.actor) <= AuditEntry._meta.get_field("actor").max_length  # type: ignore[operator]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_existing_entries() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_model = executor.loader.project_state([BEFORE]).apps.get_model("register", "AuditEntry")
    old_model.objects.create(
        seq=1,
        at="2026-11-30T10:00:00Z",
        actor="web:" + "a" * 146,
        organisation="acme",
        action="create",
        model="register.filing",
        object_id="7",
        data={"title": "kept"},
        prev_hash="0" * 64,
        hash="f" * 64,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([WIDENED])
    entry = AuditEntry.objects.get(seq=1)
    assert (entry.actor, entry.data, entry.hash) == (
        "web:" + "a" * 146,
        {"title": "kept"},
        "f" * 64,
    )
