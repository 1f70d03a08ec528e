"""Fixtures for the register tests: one organisation with an admin, an editor and a viewer, a
second organisation with its own admin (for isolation tests), and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from hegui.models import Finding, Status, Text

PASSWORD = "Corr3ct-horse-battery"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # PBKDF2 costs ~0.5 s a user; the hashing itself is Django's and not under test here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    org: Any
    other: Any
    users: dict[str, Any]
    tokens: dict[str, str]
    password: str = PASSWORD
    profile_yaml: str = ""

    def __post_init__(self) -> None:
        self.profile_yaml = MINIMAL_PROFILE

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


@dataclass
class Records:
    """One of each register record in an organisation."""

    assessment: Any
    obligation: Any
    filing: Any
    incident: Any
    clock: Any
    request: Any
    scan: Any
    pi_audit: Any
    item: Any
    evidence: Any


def _fill(org: Any) -> Records:
    from django.utils import timezone

    from hegui.web.register import services
    from hegui.web.register.models import (
        Evidence,
        Filing,
        Incident,
        PiAudit,
        Scan,
        SubjectRequest,
    )

    day = dt.date(2026, 11, 30)
    services.save_profile(org, MINIMAL_PROFILE, note="seed", actor="fixture")
    assessment = services.store_assessment(
        org,
        as_of=day,
        actor="fixture",
        findings=[
            _make_finding("cross_border.standard_contract", Status.DUE, subject="t1", due=day)
        ],
    )
    obligation = org.obligations.get()
    filing = Filing.objects.create(
        organisation=org, kind="standard_contract", title=f"{org.slug} SCC filing", deadline=day
    )
    incident = Incident.objects.create(
        organisation=org, title=f"{org.slug} incident", detected_at=timezone.now()
    )
    clock = incident.clocks.create(
        label="initial report", deadline=timezone.now() + dt.timedelta(hours=1)
    )
    request = SubjectRequest.objects.create(
        organisation=org, kind="access", requester_ref="T-1", received_on=day, due=day
    )
    scan = Scan.objects.create(organisation=org, kind="table", name="hr table", summary={"rows": 3})
    audit = PiAudit.objects.create(organisation=org, title="2026 audit")
    item = audit.items.create(ref="1", text="Has a PI protection officer")
    evidence = Evidence.objects.create(
        organisation=org,
        obligation=obligation,
        name="a.txt",
        content_type="text/plain",
        size=5,
        sha256=hashlib.sha256(b"hello").hexdigest(),  # a restore checks bytes against it
        content=b"hello",
    )
    return Records(
        assessment, obligation, filing, incident, clock, request, scan, audit, item, evidence
    )


@pytest.fixture
def records(world: World) -> tuple[Records, Records]:
    """Records in the main organisation and in the other one."""
    return _fill(world.org), _fill(world.other)


MINIMAL_PROFILE = """\
schema_version: 1
organisation:
  name: Synthetic Test Co
entities:
  - id: e1
    name: Synthetic Entity Ltd
    province: beijing
"""


@pytest.fixture
def minimal_profile() -> str:
    return MINIMAL_PROFILE
