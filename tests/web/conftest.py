"""Fixtures for the register tests: one organisation with an admin, an editor and a viewer, a
second organisation with its own admin (for isolation tests), and API tokens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from hegui.models import Finding, Status, Text

PASSWORD = "Corr3ct-horse-battery"


@dataclass
class World:
    org: Any
    other: Any
    users: dict[str, Any]
    tokens: dict[str, str]

    def client(self, who: str) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(self.users[who])
        return client


@pytest.fixture
def world(db: Any) -> World:
    from django.contrib.auth import get_user_model

    from hegui.web.accounts.models import ApiToken, Membership
    from hegui.web.register.models import Organisation

    org = Organisation.objects.create(slug="acme", name="Acme Test Co")
    other = Organisation.objects.create(slug="other", name="Other Co")
    users: dict[str, Any] = {}
    tokens: dict[str, str] = {}
    for name, organisation, role in [
        ("admin", org, "admin"),
        ("editor", org, "editor"),
        ("viewer", org, "viewer"),
        ("outsider", other, "admin"),
    ]:
        user = get_user_model().objects.create_user(username=name, password=PASSWORD)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        users[name] = user
        tokens[name] = ApiToken.issue(user, f"{name}-token")[1]
    return World(org, other, users, tokens)


@pytest.fixture
def make_finding() -> Any:
    """Factory of synthetic findings built with the real core model."""
    return _make_finding


def _make_finding(
    rule_id: str, status: Status, *, subject: str | None = None, due: dt.date | None = None
) -> Finding:
    """A synthetic finding built with the real core model."""
    return Finding(
        rule_id=rule_id,
        regime=rule_id.split(".")[0],
        title=Text(zh=f"义务 {rule_id}", en=f"Duty {rule_id}"),
        status=status,
        subject=subject,
        due=due,
    )
