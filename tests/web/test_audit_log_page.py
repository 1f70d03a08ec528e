"""The audit-log page shows, for every update, which fields changed from what to what."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from hegui.web.register.forms import FilingForm
from hegui.web.register.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_edit_shows_its_before_and_after_values(world: Any, records) -> None:
    filing = records[0].filing
    form = FilingForm(instance=filing, organisation=world.org)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(title="SCC filing for the HR transfer", reference="沪网信备-0042")
    saved = world.client("editor").post(reverse("register:filing", args=["acme", filing.pk]), data)
    assert saved.status_code == 302
    page = world.client("admin").get(reverse("register:audit_log", args=["acme"]))
    assert page.status_code == 200
    html = page.content.decode()
    # Was: only who, when, the action and the object id; what changed was not shown anywhere.
    assert "<code>title</code>: acme SCC filing → SCC filing for the HR transfer" in html
    assert "<code>reference</code>:  → 沪网信备-0042" in html
    entry = AuditEntry.objects.filter(model="register.filing", action="update").last()
    assert entry is not None and entry.actor == "web:editor"


def test_only_changed_fields_are_listed_and_secrets_stay_redacted(world: Any) -> None:
    client = world.client("admin")
    client.post(
        reverse("register:members", args=["acme"]), {"username": "viewer", "role": "editor"}
    )
    html = client.get(reverse("register:audit_log", args=["acme"])).content.decode()
    assert "<code>role</code>: viewer → editor" in html
    assert "<code>user</code>" not in html and "key_hash" not in html
