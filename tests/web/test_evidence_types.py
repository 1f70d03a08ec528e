"""Evidence uploads are accepted with the content types browsers really send (Windows sends CSV
as application/vnd.ms-excel and ZIP as application/x-zip-compressed; unknown files come as
application/octet-stream): the type is then taken from the file name and checked against the
bytes as before. Anything outside the short list stays refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hegui.errors import HeguiError
from hegui.web.register.models import Evidence
from hegui.web.register.uploads import check_evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%synthetic\n"
ZIP = b"PK\x03\x04synthetic"


@pytest.mark.parametrize(
    ("name", "declared", "content", "stored"),
    [
        ("register.csv", "application/vnd.ms-excel", b"id,owner\n1,legal\n", "text/csv"),
        ("bundle.zip", "application/x-zip-compressed", ZIP, "application/zip"),
        ("scan.pdf", "application/octet-stream", PDF, "application/pdf"),
        ("notes.TXT", "", b"checked on site\n", "text/plain"),
    ],
)
def test_types_browsers_send_are_read_from_the_name(name, declared, content, stored) -> None:
    # Was: refused as "content type 'application/vnd.ms-excel' is not accepted".
    assert check_evidence(name, declared, content).content_type == stored


@pytest.mark.parametrize(
    ("name", "declared", "content"),
    [
        ("page.html", "application/octet-stream", b"<script>alert(1)</script>"),
        ("fake.pdf", "application/octet-stream", b"MZ\x90\x00 an exe"),
        ("fake.zip", "application/x-zip-compressed", b"not a zip"),
        ("noext", "application/octet-stream", PDF),
    ],
)
def test_the_bytes_and_the_list_still_decide(name, declared, content) -> None:
    with pytest.raises(HeguiError):
        check_evidence(name, declared, content)


def test_a_csv_from_windows_is_attached(world: Any, records) -> None:
    ob = records[0].obligation
    upload = SimpleUploadedFile("ropa.csv", b"a,b\n1,2\n", "application/vnd.ms-excel")
    url = reverse("register:evidence_upload", args=["acme", "obligation", ob.pk])
    assert world.client("editor").post(url, {"file": upload}).status_code == 302
    saved = Evidence.objects.get(name="ropa.csv")
    assert saved.content_type == "text/csv"
