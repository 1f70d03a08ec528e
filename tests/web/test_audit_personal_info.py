"""The audit log holds no raw personal information: an incident reporter's contact details are
kept masked in every snapshot, while the incident itself keeps them for the report."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from hegui.web.register.audit import verify
from hegui.web.register.audit_data import check_data
from hegui.web.register.models import AuditEntry, Incident

pytestmark = pytest.mark.django_db

# Synthetic contact details (a mobile number of the reserved test shape, a made-up name).
NAME, PHONE, EMAIL = "王小明", "13800138000", "wang.xm@example.cn"
FACTS = f"reporter:\n  role: DPO\n  name: {NAME}\n  phone: '{PHONE}'\n  email: {EMAIL}\n"


def _log_text() -> str:
    return json.dumps(list(AuditEntry.objects.values("data")), ensure_ascii=False)


def _raw_values_in(text: str) -> list[str]:
    return [v for v in (NAME, PHONE, EMAIL, "wang.xm") if v in text]


def test_reporter_contact_is_masked_in_the_log_of_page_writes(world: Any) -> None:
    client = world.client("editor")
    made = client.post(
        reverse("register:incident_new", args=["acme"]),
        {"title": "Leak", "detected_at": "2026-11-30T10:00", "state": "open", "facts_yaml": FACTS},
    )
    assert made.status_code == 302
    incident = Incident.objects.get(title="Leak")
    # The register keeps what was entered (the reporting duty needs a reachable contact).
    assert incident.facts["reporter"]["phone"] == PHONE
    assert _raw_values_in(_log_text()) == []
    logged = AuditEntry.objects.filter(model="register.incident").last()
    assert logged is not None
    reporter = logged.data["facts"]["reporter"]
    assert reporter["role"] == "DPO"
    assert reporter["name"] == "王**" and reporter["phone"] == "138****8000"
    assert reporter["email"] == "w***@example.cn"


def test_reporter_contact_is_masked_in_the_log_of_api_writes(world: Any) -> None:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens['editor']}"}
    body = {
        "title": "Leak by API",
        "detected_at": "2026-11-30T10:00:00+08:00",
        "facts": {"reporter": {"name": NAME, "phone": PHONE, "email": EMAIL}},
    }
    made = world.client("anonymous").post(
        "/api/orgs/acme/incidents", json.dumps(body), content_type="application/json", **headers
    )
    assert made.status_code == 201, made.content
    patched = world.client("anonymous").patch(
        f"/api/orgs/acme/incidents/{made.json()['id']}",
        json.dumps({"facts": {"reporter": {"name": NAME, "phone": "+86 138-0013-8001"}}}),
        content_type="application/json",
        **headers,
    )
    assert patched.status_code == 200, patched.content
    text = _log_text()
    assert _raw_values_in(text) == [] and "0013-8001" not in text and "8001" in text


def test_masked_snapshots_still_verify(world: Any) -> None:
    client = world.client("editor")
    client.post(
        reverse("register:incident_new", args=["acme"]),
        {"title": "Leak", "detected_at": "2026-11-30T10:00", "state": "open", "facts_yaml": FACTS},
    )
    assert verify().ok
    result = check_data()
    assert result.ok, result.problems


def test_viewers_read_the_reporter_masked_through_the_api(world: Any) -> None:
    client = world.client("editor")
    client.post(
        reverse("register:incident_new", args=["acme"]),
        {"title": "Leak", "detected_at": "2026-11-30T10:00", "state": "open", "facts_yaml": FACTS},
    )
    incident = Incident.objects.get(title="Leak")
    # The pages show the facts only to editors (in the edit form); the API did show viewers all.
    page = world.client("viewer").get(reverse("register:incident", args=["acme", incident.pk]))
    assert _raw_values_in(page.content.decode()) == []
    for who, masked in (("viewer", True), ("editor", False)):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[who]}"}
        one = world.client("anonymous").get(f"/api/orgs/acme/incidents/{incident.pk}", **headers)
        every = world.client("anonymous").get("/api/orgs/acme/incidents", **headers)
        for body in (one.json(), every.json()[0]):
            reporter = body["facts"]["reporter"]
            assert (reporter["phone"] == "138****8000") is masked
            assert (reporter["phone"] == PHONE) is not masked


TEXT = f"联系人{NAME}，手机{PHONE}，邮箱 {EMAIL}"


def test_free_text_is_masked_in_the_log(world: Any, records) -> None:
    client = world.client("editor")
    made = client.post(
        reverse("register:incident_new", args=["acme"]),
        {"title": "Leak", "description": TEXT, "detected_at": "2026-11-30T10:00", "state": "open"},
    )
    assert made.status_code == 302
    request = records[0].request
    request.notes = f"rang back: {PHONE}"
    request.save()
    text = _log_text()
    # Was: descriptions and notes went into the append-only log as typed.
    assert _raw_values_in(text) == []
    assert "〔masked CN_MOBILE〕" in text and "〔masked EMAIL_ADDRESS〕" in text
    assert Incident.objects.get(title="Leak").description == TEXT  # the register keeps it
    assert check_data().ok and verify().ok


def test_entries_logged_before_masking_still_compare(world: Any, monkeypatch) -> None:
    from hegui.web.register import audit

    # An incident logged by a hegui that did not mask yet.
    monkeypatch.setattr(audit, "mask_personal", lambda label, fields: fields)
    world.client("editor").post(
        reverse("register:incident_new", args=["acme"]),
        {
            "title": "Old",
            "description": TEXT,
            "detected_at": "2026-11-30T10:00",
            "state": "open",
            "facts_yaml": FACTS,
        },
    )
    assert PHONE in _log_text()
    monkeypatch.undo()
    result = check_data()
    assert result.ok, result.problems
