"""Lost updates: an edit submitted on a stale copy of a record is refused, nothing is saved."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _form_data(page: Any) -> dict[str, Any]:
    """The values the rendered edit form would submit (the form as the user opened it)."""
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            value = ""
        data[name] = field.widget.format_value(value) if hasattr(value, "isoformat") else value
    return data


def _open(client: Client, url: str) -> dict[str, Any]:
    page = client.get(url)
    assert page.status_code == 200
    assert re.search(
        r'<input type="hidden" name="fingerprint" value="[0-9a-f]+"', page.content.decode()
    )
    return _form_data(page)


def _edits(records: Any) -> list[tuple[str, Any, dict[str, Any], dict[str, Any]]]:
    """(page, object, first editor's change, second editor's change) per edit form."""
    mine = records[0]
    return [
        ("obligation", mine.obligation, {"owner": "alice"}, {"state": "done"}),
        ("filing", mine.filing, {"reference": "F-1"}, {"state": "submitted"}),
        ("incident", mine.incident, {"description": "first"}, {"state": "closed"}),
        ("request", mine.request, {"notes": "first"}, {"state": "done", "closed_on": "2026-12-01"}),
    ]


@pytest.mark.parametrize("which", ["obligation", "filing", "incident", "request"])
def test_stale_edit_form_is_refused(world, records, which) -> None:
    from django.contrib.auth import get_user_model

    from hegui.web.accounts.models import Membership

    second = get_user_model().objects.create_user(username="editor2", password=world.password)
    Membership.objects.create(user=second, organisation=world.org, role="editor")
    page, obj, first_change, second_change = next(e for e in _edits(records) if e[0] == which)
    url = reverse(f"register:{page}", args=["acme", obj.pk])
    one, two = world.client("editor"), Client()
    two.force_login(second)
    form_one, form_two = _open(one, url), _open(two, url)

    saved = one.post(url, {**form_one, **first_change})
    assert saved.status_code == 302
    obj.refresh_from_db()
    after_first = {k: getattr(obj, k) for k in first_change}

    stale = two.post(url, {**form_two, **second_change})
    assert stale.status_code == 200
    text = " ".join(stale.context["form"].non_field_errors())
    assert "changed by web:editor at" in text and "reload" in text
    obj.refresh_from_db()
    assert {k: getattr(obj, k) for k in first_change} == after_first  # first change kept
    assert all(str(getattr(obj, k)) != str(v) for k, v in second_change.items())  # not saved

    # After reloading, the second editor's change goes through.
    fresh = _open(two, url)
    assert two.post(url, {**fresh, **second_change}).status_code == 302


def test_obligation_history_is_not_rewritten_by_a_stale_form(world, records) -> None:
    ob = records[0].obligation
    url = reverse("register:obligation", args=["acme", ob.pk])
    client = world.client("editor")
    old = _open(client, url)
    client.post(url, {**old, "owner": "alice", "note": "assign"})
    events = ob.events.count()
    client.post(url, {**old, "state": "done", "note": "done"})
    ob.refresh_from_db()
    assert ob.owner == "alice" and ob.state != "done"
    assert ob.events.count() == events  # no history line claiming owner "alice" -> ""


def test_a_form_without_fingerprint_is_not_checked(world, records) -> None:
    # Older clients (and the JSON API without If-Match) post no fingerprint: last write wins.
    filing = records[0].filing
    response = world.client("editor").post(
        reverse("register:filing", args=["acme", filing.pk]),
        {"kind": filing.kind, "title": "renamed", "state": "planned"},
    )
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.title == "renamed"


def test_api_patch_with_a_stale_etag_is_412(world, records) -> None:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens['editor']}"}
    path = f"/api/orgs/acme/filings/{records[0].filing.pk}"
    first = Client().get(path, **headers)
    etag = first["ETag"]
    assert etag.startswith('"')
    ok = Client().patch(
        path,
        json.dumps({"reference": "F-1"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )
    assert ok.status_code == 200 and ok["ETag"] != etag
    stale = Client().patch(
        path,
        json.dumps({"state": "submitted"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )
    assert stale.status_code == 412 and "changed by api:editor" in stale.json()["error"]
    records[0].filing.refresh_from_db()
    assert records[0].filing.state == "planned" and records[0].filing.reference == "F-1"


def test_profile_saved_over_a_newer_version_is_refused(world, records) -> None:
    from hegui.web.register import services

    url = reverse("register:profile", args=["acme"])
    client = world.client("editor")
    page = client.get(url)
    opened = page.context["form"]["based_on"].value()
    assert opened == world.org.current_profile().number
    services.save_profile(world.org, world.profile_yaml, note="newer", actor="bob")
    count = world.org.profiles.count()
    stale = client.post(url, {"yaml_text": world.profile_yaml, "note": "", "based_on": opened})
    text = " ".join(stale.context["form"].non_field_errors())
    assert "changed by bob at" in text and "reload" in text
    assert world.org.profiles.count() == count
    fresh = client.get(url).context["form"]["based_on"].value()
    saved = client.post(url, {"yaml_text": world.profile_yaml, "note": "", "based_on": fresh})
    assert saved.status_code == 302 and world.org.profiles.count() == count + 1
    # The API takes the same guard as an optional "based_on".
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens['editor']}"}
    body = {"yaml": world.profile_yaml, "based_on": fresh}
    refused = Client().put(
        "/api/orgs/acme/profile", json.dumps(body), content_type="application/json", **headers
    )
    assert refused.status_code == 412 and "changed by editor" in refused.json()["error"]


def test_openapi_documents_the_conflict_guards() -> None:
    """Clients learn from the schema that GET gives an ETag and a stale PATCH or PUT gets 412."""
    from hegui.web.register.openapi import build_schema

    paths = build_schema()["paths"]
    one = paths["/api/orgs/{slug}/filings/{pk}"]
    assert "ETag" in one["get"]["responses"]["200"]["headers"]
    assert [p["name"] for p in one["patch"]["parameters"]] == ["If-Match"]
    assert "412" in one["patch"]["responses"]
    put = paths["/api/orgs/{slug}/profile"]["put"]
    assert "based_on" in put["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert "412" in put["responses"]
