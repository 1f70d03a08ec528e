"""A restore refuses, and rolls back, a backup whose evidence bytes do not match their recorded
SHA-256 or whose foreign keys point at objects not in the backup; the error names the object."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from hegui.cli import main
from hegui.web.register import audit, backup
from hegui.web.register.models import Evidence, Incident, Organisation

pytestmark = pytest.mark.django_db


def _edited_backup(tmp_path: Path, edit: Any) -> Path:
    data = backup.export_data()
    edit(data["objects"])
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _object(objects: list[dict[str, Any]], model: str, pk: int) -> dict[str, Any]:
    return next(o for o in objects if o["model"] == model and o["pk"] == pk)


def _unchanged(before: dict[str, Any]) -> None:
    assert backup.export_data() == before
    assert audit.verify().ok


def test_forged_evidence_bytes_are_refused(world, records, tmp_path) -> None:
    evidence = records[0].evidence
    assert evidence.sha256 == hashlib.sha256(bytes(evidence.content)).hexdigest()
    forged = base64.b64encode(b"%PDF-1.4 FORGED").decode()

    def edit(objects: list[dict[str, Any]]) -> None:
        _object(objects, "register.evidence", evidence.pk)["fields"]["content"] = forged

    path = _edited_backup(tmp_path, edit)
    before = backup.export_data()
    with pytest.raises(backup.BackupError) as info:
        backup.import_file(path, replace=True)
    assert f"register.evidence #{evidence.pk}" in str(info.value)
    assert "SHA-256" in str(info.value) and str(path) in str(info.value)
    _unchanged(before)
    assert bytes(Evidence.objects.get(pk=evidence.pk).content) == bytes(evidence.content)


def test_a_dangling_foreign_key_is_refused_naming_the_object(world, records, tmp_path) -> None:
    incident = records[0].incident

    def edit(objects: list[dict[str, Any]]) -> None:
        _object(objects, "register.incident", incident.pk)["fields"]["organisation"] = 999

    path = _edited_backup(tmp_path, edit)
    before = backup.export_data()
    with pytest.raises(backup.BackupError) as info:
        backup.import_file(path, replace=True)
    message = str(info.value)
    assert (
        f"register.incident #{incident.pk}" in message and "register.organisation #999" in message
    )
    _unchanged(before)
    assert Incident.objects.get(pk=incident.pk).organisation_id == world.org.pk


def test_cli_import_of_a_dangling_key_exits_2_and_changes_nothing(world, tmp_path, capsys) -> None:
    def edit(objects: list[dict[str, Any]]) -> None:
        membership = next(o for o in objects if o["model"] == "accounts.membership")
        membership["fields"]["organisation"] = 4242

    path = _edited_backup(tmp_path, edit)
    before = backup.export_data()
    with pytest.raises(SystemExit) as info:
        main(["register", "import", str(path), "--replace"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "accounts.membership #" in err and "register.organisation #4242" in err
    assert "Traceback" not in err
    _unchanged(before)
    assert Organisation.objects.filter(slug="acme").exists()


def test_a_clean_backup_still_restores(world, records, tmp_path) -> None:
    path = tmp_path / "clean.json"
    count = backup.export_file(path)
    before = backup.export_data()
    assert backup.import_file(path, replace=True) == count
    assert backup.export_data() == before
