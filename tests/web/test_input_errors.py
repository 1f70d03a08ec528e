"""Bad input gets a 400 (API, naming the field) or a form error naming the field — never a 500 —
and leaves the stored data unchanged. Also: dates in the wrong order, API defaults and ticket
references that hold personal information."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hegui.detectors.synthetic import Synth

pytestmark = pytest.mark.django_db

DEEP = b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _api(world: Any, method: str, path: str, body: Any, who: str = "editor") -> Any:
    data = body if isinstance(body, bytes) else json.dumps(body)
    client = Client(raise_request_exception=True)
    return getattr(client, method.lower())(
        path,
        data=data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens[who]}",
    )


def _stored() -> dict[str, list[dict[str, Any]]]:
    """Every row a bad request could have touched (token use times aside)."""
    from hegui.web.accounts.models import ApiToken
    from hegui.web.register import models

    out = {}
    for model in (
        models.Filing,
        models.Incident,
        models.IncidentClock,
        models.SubjectRequest,
        models.Scan,
        models.PiAudit,
        models.PiAuditItem,
        models.Obligation,
        models.Assessment,
        ApiToken,
    ):
        rows = list(model.objects.order_by("pk").values())
        out[model.__name__] = [{k: v for k, v in r.items() if k != "last_used_at"} for r in rows]
    return out


_INCIDENT = {"title": "Bad input", "detected_at": "2026-11-30T10:00:00+08:00", "state": "open"}

# (id, method, path under /api/orgs/acme, body, field the error must name)
API_CASES = [
    ("list date in facts", "POST", "/incidents", {**_INCIDENT, "facts": {"handling_ended_at": ["2026-11-30"]}}, "handling_ended_at"),
    ("nested unknown facts", "POST", "/incidents", {**_INCIDENT, "facts": {"extra": {"when": "2026-11-30"}}}, "extra"),
    ("year 1", "POST", "/incidents", {**_INCIDENT, "detected_at": "0001-01-01T00:30"}, "detected_at"),
    ("year 9999 shifted", "POST", "/incidents", {**_INCIDENT, "detected_at": "9999-12-31T23:00:00-05:00"}, "detected_at"),
    ("year 9999 in facts", "POST", "/incidents", {**_INCIDENT, "facts": {"handling_ended_at": "9999-12-31T23:00:00+00:00"}}, "handling_ended_at"),
    ("handling before detection", "POST", "/incidents", {**_INCIDENT, "facts": {"handling_ended_at": "2026-11-01T10:00:00+08:00"}}, "handling_ended_at"),
    ("NaN in facts", "POST", "/incidents", b'{"title": "n", "detected_at": "2026-11-30T10:00", "facts": {"pi_individuals": NaN}}', "NaN"),
    ("1e400 in facts", "POST", "/incidents", b'{"title": "n", "detected_at": "2026-11-30T10:00", "facts": {"pi_individuals": 1e400}}', "out of range"),
    ("NaN in a scan", "POST", "/scans", b'{"kind": "table", "name": "n", "result": {"rows": NaN}}', "NaN"),
    ("Infinity in a scan", "POST", "/scans", b'{"kind": "table", "name": "n", "result": {"rows": Infinity}}', "Infinity"),
    ("deep nesting", "POST", "/filings", DEEP, "nested"),
    ("deep but parseable", "POST", "/scans", json.dumps({"kind": "table", "name": "d", "result": json.loads("[" * 500 + "]" * 500)}).encode(), "nested"),
    ("not UTF-8", "POST", "/filings", b"\xff\xfe{", "UTF-8"),
    ("not UTF-8 inside", "POST", "/filings", b'{"kind": "other", "title": "\xff", "state": "planned"}', "UTF-8"),
    ("object as date", "POST", "/requests", {"kind": "access", "requester_ref": "R-1", "received_on": {"a": 1}}, "received_on"),
    ("list as date", "POST", "/filings", {"kind": "other", "title": "F", "deadline": ["2026-01-01"]}, "deadline"),
    ("list as text", "POST", "/requests", {"kind": "access", "requester_ref": ["x"], "received_on": "2026-11-30"}, "requester_ref"),
    ("number as choice", "POST", "/filings", {"kind": 5, "title": "F"}, "kind"),
    ("boolean as id", "POST", "/filings", {"kind": "other", "title": "F", "obligation": True}, "obligation"),
    ("object as due", "PATCH", "/obligations/{obligation}", {"due": {"x": 1}}, "due"),
    ("year 1 in PATCH", "PATCH", "/incidents/{incident}", {"detected_at": "0001-01-01T00:30"}, "detected_at"),
    ("year 9999 assessment", "POST", "/assessments", {"as_of": "9999-12-31"}, "as_of"),
    ("number as assessment date", "POST", "/assessments", {"as_of": 12}, "as_of"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [case[1:] for case in API_CASES],
    ids=[case[0] for case in API_CASES],
)
def test_api_refuses_bad_input_with_400(world, records, method, path, body, field) -> None:
    mine = records[0]
    path = "/api/orgs/acme" + path.format(obligation=mine.obligation.pk, incident=mine.incident.pk)
    before = _stored()
    response = _api(world, method, path, body)
    assert response.status_code == 400, response.content
    assert field in response.content.decode(), response.content
    assert _stored() == before


def _incident_post(**changes: str) -> dict[str, str]:
    return {"title": "Web bad input", "detected_at": "2026-11-30T10:00", "state": "open", **changes}


# (id, page name, form data, form field whose error is expected)
WEB_FORM_CASES = [
    ("nested date in facts", "incident_new", _incident_post(facts_yaml="extra:\n  when: 2026-11-30\n"), "facts_yaml"),
    ("list date in facts", "incident_new", _incident_post(facts_yaml="handling_ended_at: [2026-11-30]\n"), "facts_yaml"),
    ("bare date in facts", "incident_new", _incident_post(facts_yaml="handling_ended_at: 2026-11-30\n"), "facts_yaml"),
    ("year 1", "incident_new", _incident_post(detected_at="0001-01-01T00:30"), "detected_at"),
    ("year 9999", "incident_new", _incident_post(detected_at="9999-12-31T23:00"), "detected_at"),
    ("year 9999 in facts", "incident_new", _incident_post(facts_yaml="handling_ended_at: 9999-12-31T23:00:00+00:00\n"), "facts_yaml"),
    ("YAML .nan", "incident_new", _incident_post(facts_yaml="pi_individuals: .nan\n"), "facts_yaml"),
    ("YAML .inf hours", "incident_new", _incident_post(facts_yaml="cii_whole_outage_hours: .inf\n"), "facts_yaml"),
    ("deep YAML", "incident_new", _incident_post(facts_yaml="a: " + "[" * 5000 + "]" * 5000), "facts_yaml"),
    ("handling before detection", "incident_new", _incident_post(facts_yaml="handling_ended_at: 2026-11-01T10:00:00+08:00\n"), "facts_yaml"),
    ("DSR in year 9999", "request_new", {"kind": "access", "requester_ref": "T-9", "received_on": "9999-12-30", "state": "open"}, "received_on"),
    ("filing in year 1", "filing_new", {"kind": "other", "title": "F", "state": "planned", "deadline": "0001-01-01"}, "deadline"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("page", "data", "field"),
    [case[1:] for case in WEB_FORM_CASES],
    ids=[case[0] for case in WEB_FORM_CASES],
)
def test_web_forms_name_the_bad_field(world, records, page, data, field) -> None:
    client = world.client("editor")
    client.raise_request_exception = True
    before = _stored()
    response = client.post(reverse(f"register:{page}", args=["acme"]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert _stored() == before


def _upload(client: Client, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("register:scans", args=["acme"]),
        {
            "kind": "table",
            "name": "bad",
            "file": SimpleUploadedFile("s.json", content, content_type="application/json"),
        },
    )


@pytest.mark.parametrize(
    "content",
    [b'{"x": NaN}', b'{"rows": Infinity}', b'{"rows": 1e400}', DEEP, b"\xff\xfe{}", b"[1]"],
    ids=["nan", "infinity", "1e400", "deep", "not-utf8", "not-an-object"],
)
def test_bad_scan_uploads_are_form_errors(world, records, content) -> None:
    client = world.client("editor")
    client.raise_request_exception = True
    before = _stored()
    response = _upload(client, content)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert _stored() == before


def test_non_integer_ids_in_post_fields_are_400(world, records) -> None:
    client = world.client("editor")
    client.raise_request_exception = True
    before = _stored()
    audit = records[0].pi_audit
    page = client.post(
        reverse("register:pi_audit", args=["acme", audit.pk]),
        {"item": "abc", "ref": "x", "text": "y", "result": "compliant"},
    )
    assert page.status_code == 400 and "item" in page.content.decode()
    tokens = client.post("/tokens/", {"revoke": "abc"})
    assert tokens.status_code == 400 and "revoke" in tokens.content.decode()
    assert _stored() == before
    # A real id still works.
    item = records[0].item
    client.post(
        reverse("register:pi_audit", args=["acme", audit.pk]),
        {"item": str(item.pk), "ref": "1", "text": "Has a DPO", "result": "compliant"},
    )
    item.refresh_from_db()
    assert item.result == "compliant"


def test_manual_clock_out_of_range_is_refused(world, records) -> None:
    client = world.client("editor")
    client.raise_request_exception = True
    incident = records[0].incident
    before = _stored()
    response = client.post(
        reverse("register:clock_add", args=["acme", incident.pk]),
        {"label": "x", "deadline": "0001-01-01T00:30"},
        follow=True,
    )
    assert "deadline" in response.content.decode()
    assert _stored() == before


# --- dates in the wrong order ------------------------------------------------------------------

ORDER_CASES = [
    ("request_new", {"kind": "access", "requester_ref": "T-2", "received_on": "2026-11-30", "closed_on": "2026-01-01", "state": "done"}, "closed_on"),
    ("request_new", {"kind": "access", "requester_ref": "T-3", "received_on": "2026-11-30", "due": "2026-01-01", "state": "open"}, "due"),
    ("filing_new", {"kind": "other", "title": "F2", "state": "accepted", "submitted_on": "2026-11-01", "valid_until": "2025-01-01"}, "valid_until"),
    ("pi_audits", {"title": "A", "checklist": "none", "period_start": "2026-12-31", "period_end": "2026-01-01"}, "period_end"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "data", "field"), ORDER_CASES)
def test_dates_in_the_wrong_order_are_refused(world, records, page, data, field) -> None:
    before = _stored()
    response = world.client("editor").post(reverse(f"register:{page}", args=["acme"]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert _stored() == before


def test_api_refuses_dates_in_the_wrong_order(world, records) -> None:
    before = _stored()
    bad = _api(
        world,
        "POST",
        "/api/orgs/acme/requests",
        {
            "kind": "access",
            "requester_ref": "R-2",
            "received_on": "2026-11-30",
            "due": "2026-11-01",
        },
    )
    assert bad.status_code == 400 and "due" in bad.json()["details"]
    filing = records[0].filing
    patched = _api(
        world,
        "PATCH",
        f"/api/orgs/acme/filings/{filing.pk}",
        {"submitted_on": "2026-11-01", "valid_until": "2025-01-01"},
    )
    assert patched.status_code == 400 and "valid_until" in patched.json()["details"]
    assert _stored() == before


def test_developments_period_errors_name_the_form_field(world, records) -> None:
    client = world.client("viewer")
    url = reverse("register:developments", args=["acme"])
    reversed_ = client.get(url, {"start": "2027-01-01", "end": "2026-01-01"})
    text = reversed_.content.decode()
    assert reversed_.status_code == 400 and "To" in text and "--to" not in text
    unparsable = client.get(url, {"start": "2026-13-45"})
    assert unparsable.status_code == 400
    assert 'id="period-errors"' in unparsable.content.decode()
    assert "From" in unparsable.content.decode()
    assert client.get(url, {"start": "2026-01-01", "end": "2026-06-30"}).status_code == 200


# --- API defaults and ticket references ---------------------------------------------------------


def test_api_creation_takes_the_models_default_state(world, records) -> None:
    request = _api(
        world,
        "POST",
        "/api/orgs/acme/requests",
        {"kind": "access", "requester_ref": "R-1", "received_on": "2026-11-30"},
    )
    assert request.status_code == 201, request.content
    assert request.json()["state"] == "open"
    filing = _api(world, "POST", "/api/orgs/acme/filings", {"kind": "other", "title": "No state"})
    assert filing.status_code == 201, filing.content
    assert filing.json()["state"] == "planned"


def _pi_refs() -> list[str]:
    synth = Synth(7)
    return [
        f"张三 {synth.mobile()}",
        synth.resident_id(),
        "zhang.san@example.com",
        "李明华",
    ]


@pytest.mark.parametrize("ref", _pi_refs(), ids=["name+mobile", "resident-id", "email", "name"])
def test_requester_ref_refuses_personal_information(world, records, ref) -> None:
    before = _stored()
    page = world.client("editor").post(
        reverse("register:request_new", args=["acme"]),
        {"kind": "access", "requester_ref": ref, "received_on": "2026-11-30", "state": "open"},
    )
    errors = page.context["form"].errors["requester_ref"]
    assert "ticket number" in errors[0] and ref not in " ".join(errors)
    api = _api(
        world,
        "POST",
        "/api/orgs/acme/requests",
        {"kind": "access", "requester_ref": ref, "received_on": "2026-11-30"},
    )
    assert api.status_code == 400 and "requester_ref" in api.json()["details"]
    assert ref not in api.content.decode("unicode_escape", errors="ignore")
    assert ref not in api.content.decode()
    assert _stored() == before


def test_ticket_numbers_are_accepted(world, records) -> None:
    for ref in ("T-1001", "REQ-2026-0042", "工单 2026-11"):
        response = _api(
            world,
            "POST",
            "/api/orgs/acme/requests",
            {"kind": "access", "requester_ref": ref, "received_on": "2026-11-30"},
        )
        assert response.status_code == 201, (ref, response.content)
