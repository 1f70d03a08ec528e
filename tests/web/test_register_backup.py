"""Full backup and restore: a restored register is identical and its audit log verifies."""

from __future__ import annotations

import hashlib
import json

import pytest

from hegui.web.register import audit, backup
from hegui.web.register.models import AuditEntry, Evidence, Organisation

pytestmark = pytest.mark.django_db


def test_round_trip_restores_an_identical_register(world, records, tmp_path) -> None:
    Evidence.objects.create(
        organisation=world.org,
        filing=records[0].filing,
        name="receipt.pdf",
        content_type="application/pdf",
        size=9,
        sha256=hashlib.sha256(b"%PDF-\x00\xff\x01x").hexdigest(),
        content=b"%PDF-\x00\xff\x01x",
    )
    path = tmp_path / "backup.json"
    count = backup.export_file(path)
    before = backup.export_data()
    assert count == len(before["objects"]) > 30

    backup._wipe()
    assert Organisation.objects.count() == 0 and AuditEntry.objects.count() == 0
    assert backup.import_file(path) == count
    assert backup.export_data() == before
    assert audit.verify().ok
    restored = Evidence.objects.get(name="receipt.pdf")
    assert bytes(restored.content) == b"%PDF-\x00\xff\x01x"
    # Users keep their password hashes: they can still log in.
    from django.test import Client

    assert Client().login(username="editor", password=world.password)
    # New rows get fresh ids after the restore (sequences were reset).
    new = Organisation.objects.create(slug="after", name="After")
    assert new.pk > max(o["pk"] for o in before["objects"] if o["model"] == "register.organisation")


def test_restore_keeps_timestamps_to_the_microsecond(world, tmp_path) -> None:
    import datetime as dt

    # 500 microseconds: Django's JSON encoder would write .000Z and restore it as a whole second.
    at = dt.datetime(2026, 3, 1, 9, 30, 15, 500, tzinfo=dt.UTC)
    Organisation.objects.filter(pk=world.org.pk).update(created_at=at)
    path = tmp_path / "b.json"
    backup.export_file(path)
    before = backup.export_data()
    backup._wipe()
    backup.import_file(path)
    assert Organisation.objects.get(pk=world.org.pk).created_at == at
    assert backup.export_data() == before


def test_restore_refuses_a_non_empty_register_unless_replace(world, tmp_path) -> None:
    path = tmp_path / "b.json"
    backup.export_file(path)
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.import_file(path)
    Organisation.objects.create(slug="extra", name="Extra")
    backup.import_file(path, replace=True)
    assert not Organisation.objects.filter(slug="extra").exists()
    assert audit.verify().ok


@pytest.mark.parametrize(
    "content,message",
    [
        ("not json", "cannot read backup"),
        (json.dumps({"format": "something-else"}), "not a hegui-register-backup"),
        (json.dumps({"format": "hegui-register-backup", "version": 99}), "unsupported version"),
    ],
)
def test_bad_backup_files_fail_clearly(db, tmp_path, content, message) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(backup.BackupError, match=message) as err:
        backup.import_file(path)
    assert str(path) in str(err.value)


def test_a_tampered_backup_is_rejected(world, tmp_path) -> None:
    path = tmp_path / "b.json"
    backup.export_file(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = next(o for o in data["objects"] if o["model"] == "register.auditentry")
    entry["fields"]["actor"] = "web:mallory"
    path.write_text(json.dumps(data), encoding="utf-8")
    backup._wipe()
    with pytest.raises(backup.BackupError, match="does not verify"):
        backup.import_file(path)
    assert Organisation.objects.count() == 0  # the failed restore left nothing behind
