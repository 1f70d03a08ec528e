"""The JSON API: token auth, roles, isolation, validation, and the schema matching the routes."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from hegui.web.register.openapi import build_schema

pytestmark = pytest.mark.django_db


def _call(world, who: str | None, method: str, path: str, body: dict | None = None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[who]}"} if who else {}
    data = json.dumps(body) if body is not None else None
    return getattr(Client(), method.lower())(
        path, data=data, content_type="application/json", **headers
    )


def test_api_needs_a_valid_token(world, records) -> None:
    assert _call(world, None, "GET", "/api/orgs").status_code == 401
    bad = Client().get("/api/orgs", HTTP_AUTHORIZATION="Bearer hg_wrong")
    assert bad.status_code == 401 and bad.json()["error"] == "invalid token"
    # A logged-in browser session is not enough: the API accepts tokens only.
    assert world.client("admin").get("/api/orgs").status_code == 401


def test_orgs_lists_only_memberships(world) -> None:
    assert _call(world, "viewer", "GET", "/api/orgs").json() == [
        {"slug": "acme", "name": "Acme Test Co", "role": "viewer"}
    ]


@pytest.mark.parametrize("who", ["viewer", "editor", "admin"])
def test_every_role_reads(world, records, who) -> None:
    for path in ["filings", "incidents", "requests", "obligations", "assessments", "deadlines"]:
        response = _call(world, who, "GET", f"/api/orgs/acme/{path}")
        assert response.status_code == 200, path
        assert len(response.json()) >= 1, path
    incident = _call(world, who, "GET", f"/api/orgs/acme/incidents/{records[0].incident.pk}").json()
    assert incident["clocks"][0]["label"] == "initial report"
    profile = _call(world, who, "GET", "/api/orgs/acme/profile").json()
    assert profile["number"] == 1 and "Synthetic Test Co" in profile["yaml"]


def test_viewer_cannot_write_editor_can(world, records) -> None:
    body = {
        "kind": "video_system",
        "title": "CCTV filing",
        "state": "planned",
        "deadline": "2027-01-15",
    }
    assert _call(world, "viewer", "POST", "/api/orgs/acme/filings", body).status_code == 403
    created = _call(world, "editor", "POST", "/api/orgs/acme/filings", body)
    assert created.status_code == 201
    filing = created.json()
    assert filing["deadline"] == "2027-01-15" and filing["kind"] == "video_system"
    patched = _call(
        world,
        "editor",
        "PATCH",
        f"/api/orgs/acme/filings/{filing['id']}",
        {"state": "submitted", "reference": "CAC-2027-001"},
    )
    assert patched.status_code == 200
    assert patched.json()["state"] == "submitted" and patched.json()["title"] == "CCTV filing"
    assert (
        _call(
            world,
            "viewer",
            "PATCH",
            f"/api/orgs/acme/filings/{filing['id']}",
            {"state": "accepted"},
        ).status_code
        == 403
    )


def test_obligation_patch_is_recorded_in_history(world, records) -> None:
    ob = records[0].obligation
    response = _call(
        world,
        "editor",
        "PATCH",
        f"/api/orgs/acme/obligations/{ob.pk}",
        {"owner": "wang", "state": "done"},
    )
    assert response.status_code == 200
    assert ob.events.first().changes == {"owner": ["", "wang"], "state": ["open", "done"]}
    # Obligations come from assessments: they cannot be created through the API.
    assert _call(world, "admin", "POST", "/api/orgs/acme/obligations", {}).status_code == 405


def test_validation_errors_are_reported_per_field(world) -> None:
    response = _call(
        world,
        "editor",
        "POST",
        "/api/orgs/acme/requests",
        {"kind": "telepathy", "requester_ref": "T-2"},
    )
    assert response.status_code == 400
    details = response.json()["details"]
    assert {"kind", "received_on"} <= set(details)
    bad_json = Client().post(
        "/api/orgs/acme/requests",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )
    assert bad_json.status_code == 400


def test_no_cross_organisation_access(world, records) -> None:
    other = records[1]
    assert _call(world, "admin", "GET", "/api/orgs/other/filings").status_code == 404
    # Acme's admin asking for the other org's record ids under acme: not found.
    assert (
        _call(world, "admin", "GET", f"/api/orgs/acme/filings/{other.filing.pk}").status_code == 404
    )
    assert (
        _call(
            world, "admin", "PATCH", f"/api/orgs/acme/incidents/{other.incident.pk}", {"title": "x"}
        ).status_code
        == 404
    )
    assert _call(world, "outsider", "GET", "/api/orgs/acme/obligations").status_code == 404


def _api_routes() -> set[str]:
    routes: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            text = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, text)
            elif isinstance(p, URLPattern) and text.startswith("api/"):
                routes.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text))

    walk(get_resolver().url_patterns, "")
    return routes


def test_schema_matches_the_routes(world) -> None:
    served = Client().get("/api/schema").json()
    assert served == json.loads(json.dumps(build_schema()))
    assert served["openapi"].startswith("3.")
    assert set(served["paths"]) == _api_routes()
    # Every documented operation answers (not 405) for an admin.
    for path, ops in served["paths"].items():
        for method in ops:
            if method == "parameters" or path == "/api/schema":
                continue
            concrete = path.replace("{slug}", "acme").replace("{pk}", "999999")
            response = _call(
                world, "admin", method.upper(), concrete, {} if method != "get" else None
            )
            assert response.status_code != 405, (method, path)


def test_incident_via_api_gets_core_clocks_and_keeps_facts(world, records) -> None:

    body = {
        "title": "API incident",
        "detected_at": "2026-11-30T09:30:00+08:00",
        "state": "open",
        "facts": {"entity": "e1", "pi_individuals": 500},
    }
    created = _call(world, "editor", "POST", "/api/orgs/acme/incidents", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["facts"] == {"entity": "e1", "pi_individuals": 500}
    assert any(c["source"] == "hegui.api" for c in data["clocks"])
    patched = _call(
        world,
        "editor",
        "PATCH",
        f"/api/orgs/acme/incidents/{data['id']}",
        {"description": "more detail"},
    )
    assert patched.json()["facts"] == data["facts"]  # untouched facts survive a PATCH
    path = f"/api/orgs/acme/incidents/{data['id']}/clocks/{data['clocks'][0]['id']}/sent"
    assert _call(world, "viewer", "POST", path, {}).status_code == 403
    sent = _call(world, "editor", "POST", path, {})
    assert sent.status_code == 201 and sent.json()["reported_at"]
    other = records[1]
    assert (
        _call(
            world,
            "admin",
            "POST",
            f"/api/orgs/acme/incidents/{other.incident.pk}/clocks/{other.clock.pk}/sent",
            {},
        ).status_code
        == 404
    )


def test_scans_and_audits_via_api(world, records) -> None:
    result = {
        "rows": 10,
        "columns": [{"name": "mobile", "samples": ["13912345678", "139****5678"]}],
    }
    assert (
        _call(
            world,
            "viewer",
            "POST",
            "/api/orgs/acme/scans",
            {"kind": "table", "name": "x", "result": result},
        ).status_code
        == 403
    )
    stored = _call(
        world,
        "editor",
        "POST",
        "/api/orgs/acme/scans",
        {"kind": "table", "name": "crm", "result": result},
    )
    assert stored.status_code == 201
    assert stored.json()["summary"] == {
        "rows": 10,
        "columns": [{"name": "mobile", "samples": ["139****5678"]}],
    }
    assert (
        _call(world, "editor", "POST", "/api/orgs/acme/scans", {"kind": "disk"}).status_code == 400
    )
    audits = _call(world, "viewer", "GET", "/api/orgs/acme/pi-audits").json()
    assert audits[0]["items"][0]["text"] == "Has a PI protection officer"


def test_users_manage_their_own_tokens(world) -> None:
    from hegui.web.accounts.models import ApiToken

    client = world.client("viewer")
    page = client.post("/tokens/", {"name": "laptop"})
    key = re.search(r'<code id="new-token">([^<]+)</code>', page.content.decode()).group(1)
    assert Client().get("/api/orgs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token = ApiToken.objects.get(user=world.users["viewer"], name="laptop")
    assert key not in str(token.__dict__)  # only the hash is stored
    # Another user cannot revoke it; its owner can.
    world.client("editor").post("/tokens/", {"revoke": token.pk})
    assert ApiToken.objects.filter(pk=token.pk).exists()
    client.post("/tokens/", {"revoke": token.pk})
    assert Client().get("/api/orgs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert Client().get("/tokens/").status_code == 302  # login required


def test_api_changes_are_audited_as_the_token_user(world) -> None:
    from hegui.web.register.models import AuditEntry

    body = {"kind": "other", "title": "Via API", "state": "planned"}
    assert _call(world, "editor", "POST", "/api/orgs/acme/filings", body).status_code == 201
    entry = AuditEntry.objects.filter(model="register.filing").last()
    assert entry.actor == "api:editor" and entry.action == "create" and entry.organisation == "acme"
