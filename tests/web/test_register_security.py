"""Security headers, CSRF, login, evidence checks and scan sanitising."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import Client
from django.urls import reverse

from hegui import api
from hegui.errors import HeguiError
from hegui.web.register.models import Evidence, Scan
from hegui.web.register.uploads import check_evidence, sanitise_scan

pytestmark = pytest.mark.django_db


def test_security_headers_on_pages_and_api(world) -> None:
    for response in (
        world.client("viewer").get("/o/acme/"),
        Client().get("/api/schema"),
        Client().get("/login/"),
    ):
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp


def test_csrf_is_enforced_on_forms(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["editor"])
    url = reverse("register:filing_new", args=["acme"])
    assert client.post(url, {"kind": "other", "title": "x", "state": "planned"}).status_code == 403
    page = client.get(url)
    token = page.cookies["csrftoken"].value
    ok = client.post(
        url, {"kind": "other", "title": "x", "state": "planned", "csrfmiddlewaretoken": token}
    )
    assert ok.status_code == 302


def test_login_uses_django_password_hashing(world) -> None:
    user = world.users["viewer"]
    assert world.password not in user.password and user.check_password(world.password)
    client = Client()
    assert client.post("/login/", {"username": "viewer", "password": "wrong"}).status_code == 200
    response = client.post("/login/", {"username": "viewer", "password": world.password})
    assert response.status_code == 302
    assert client.get("/o/acme/").status_code == 200


def _upload(client, records, name, content, ctype):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("register:evidence_upload", args=["acme", "obligation", records[0].obligation.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type=ctype)})


def test_evidence_is_stored_with_sha256_and_downloaded_as_attachment(world, records) -> None:
    client = world.client("editor")
    body = b"%PDF-1.7 synthetic evidence"
    assert _upload(client, records, "proof.pdf", body, "application/pdf").status_code == 302
    item = Evidence.objects.get(name="proof.pdf")
    assert item.sha256 == hashlib.sha256(body).hexdigest() and item.size == len(body)
    download = world.client("viewer").get(reverse("register:evidence", args=["acme", item.pk]))
    assert download.content == body
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Checksum-SHA256"] == item.sha256
    # Outsiders cannot fetch it, not even by id.
    assert (
        world.client("outsider")
        .get(reverse("register:evidence", args=["other", item.pk]))
        .status_code
        == 404
    )


def test_evidence_type_and_size_are_checked(world, records, settings) -> None:
    client = world.client("editor")
    before = Evidence.objects.count()
    _upload(client, records, "fake.pdf", b"MZ\x90\x00 an exe", "application/pdf")
    _upload(client, records, "x.html", b"<script>alert(1)</script>", "text/html")
    settings.EVIDENCE_MAX_BYTES = 10
    _upload(client, records, "big.txt", b"x" * 11, "text/plain")
    assert Evidence.objects.count() == before
    with pytest.raises(HeguiError, match="not UTF-8"):
        check_evidence("a.txt", "text/plain", b"\xff\xfe\xfa")
    with pytest.raises(HeguiError, match="empty"):
        check_evidence("a.txt", "text/plain", b"")


def test_scans_keep_counts_and_masked_samples_only(world) -> None:
    raw = {
        "source": "hr.csv",
        "rows_scanned": 1200,
        "columns": [
            {
                "name": "mobile",
                "entity": "CN_MOBILE",
                "count": 1187,
                "samples": ["138****5678", "13912345678"],
                "values": ["13912345678"],
            },
            {"name": "note", "entity": None, "count": 0, "raw": "王小明 110101199003070011"},
        ],
        "findings": [{"rule_id": "cross_border.standard_contract", "status": "due"}],
    }
    clean = sanitise_scan(json.dumps(raw).encode(), name="scan.json")
    text = json.dumps(clean, ensure_ascii=False)
    assert "13912345678" not in text and "110101199003070011" not in text and "王小明" not in text
    assert clean["columns"][0]["samples"] == ["138****5678"]
    assert clean["columns"][0]["count"] == 1187
    with pytest.raises(HeguiError, match="JSON"):
        sanitise_scan(b"not json", name="x.json")


def test_scan_upload_links_findings_to_obligations(world, records) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = json.dumps(
        {"findings": [{"rule_id": "cross_border.standard_contract"}], "count": 3}
    ).encode()
    client = world.client("editor")
    response = client.post(
        reverse("register:scans", args=["acme"]),
        {
            "kind": "table",
            "name": "crm export",
            "file": SimpleUploadedFile("s.json", payload, content_type="application/json"),
        },
    )
    assert response.status_code == 302
    scan = Scan.objects.get(name="crm export")
    page = client.get(reverse("register:scan", args=["acme", scan.pk]))
    assert b"cross_border.standard_contract" in page.content
    assert records[0].obligation.title_en.encode() in page.content


def test_a_real_table_scan_keeps_counts_and_masked_examples(tmp_path) -> None:
    # Synthetic numbers in the mobile format (13800000000 + i), not real people.
    rows = ["id,mobile"] + [f"{i},138{i:08d}" for i in range(1, 41)]
    path = tmp_path / "people.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = api.scan_table(path).model_dump(mode="json")
    clean = sanitise_scan(json.dumps(report).encode(), name="people.json")
    table = clean["tables"][0]
    assert table["rows"] == report["tables"][0]["rows"] == 40
    text = json.dumps(clean)
    assert "13800000001" not in text
    mobile = next(c for c in table["columns"] if c["name"] == "mobile")
    assert (
        mobile["masked_examples"]
        == next(c for c in report["tables"][0]["columns"] if c["name"] == "mobile")[
            "masked_examples"
        ]
    )


def test_login_is_throttled_after_repeated_failures(world, settings) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        page = client.post("/login/", {"username": "viewer", "password": "wrong"})
        assert "Too many" not in page.content.decode()
    blocked = client.post("/login/", {"username": "viewer", "password": world.password})
    assert blocked.status_code == 200 and "Too many failed attempts" in blocked.content.decode()
    # Other user names are not affected, and the lock lifts when its time is up.
    assert (
        client.post("/login/", {"username": "editor", "password": world.password}).status_code
        == 302
    )
    cache.clear()
    assert (
        Client().post("/login/", {"username": "viewer", "password": world.password}).status_code
        == 302
    )
