"""Full backup and restore of the register: users, memberships, tokens, every record, evidence
bytes and the audit log, as one JSON document.

A restore goes into an empty register (or one emptied with ``replace=True``) and is verified: the
audit chain must check out afterwards, and exporting again gives the same objects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction

from hegui.errors import HeguiError
from hegui.web.register import audit

FORMAT = "hegui-register-backup"
VERSION = 1

# Parents before children, so a restore never meets a dangling foreign key.
MODEL_ORDER = [
    "auth.group",
    "auth.user",
    "register.organisation",
    "register.profileversion",
    "register.assessment",
    "register.obligation",
    "register.obligationevent",
    "register.filing",
    "register.piaudit",
    "register.piaudititem",
    "register.evidence",
    "register.incident",
    "register.incidentclock",
    "register.subjectrequest",
    "register.scan",
    "accounts.membership",
    "accounts.apitoken",
    "register.auditentry",
]


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes and times keep their microseconds.

    DjangoJSONEncoder cuts them to milliseconds (ECMA-262), so a restore moved every timestamp and
    one with 1-999 microseconds came back as ``...:57Z`` instead of ``...:57.000Z``.
    """

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(HeguiError):
    """A backup file is invalid, or the register is not in a state to restore into."""


def _models() -> list[type[models.Model]]:
    out = []
    for label in MODEL_ORDER:
        app_label, name = label.split(".")
        out.append(apps.get_model(app_label, name))
    return out


def export_data() -> dict[str, Any]:
    """The whole register as a JSON-ready mapping (objects in restore order, by primary key)."""
    objects: list[Any] = []
    for model in _models():
        qs = model._default_manager.order_by("pk")
        objects += json.loads(
            serializers.serialize(
                "json", qs, use_natural_foreign_keys=True, cls=_FullPrecisionEncoder
            )
        )
    return {"format": FORMAT, "version": VERSION, "objects": objects}


def export_file(path: Path) -> int:
    """Write a backup to ``path``; returns the number of objects."""
    data = export_data()
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return len(data["objects"])


def _is_empty() -> bool:
    return not any(m._default_manager.exists() for m in _models())


def _wipe() -> None:
    from hegui.web.register.models import AuditEntry

    # The log's one sanctioned removal: the backup's own log replaces it, verified before commit.
    AuditEntry.objects.purge_for_restore()
    for model in reversed(_models()):
        if model is not AuditEntry:
            # Raw DELETE: a wipe is not a register change, so it writes no audit entries.
            model._base_manager.all()._raw_delete(using="default")  # type: ignore[attr-defined]


def _import(path: Path, *, replace: bool) -> int:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"cannot read backup: {exc}", path=path) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"not a {FORMAT} file", path=path, field="format")
    if data.get("version") != VERSION:
        raise BackupError(
            f"unsupported version {data.get('version')!r}", path=path, field="version"
        )
    with transaction.atomic():
        if not _is_empty():
            if not replace:
                raise BackupError(
                    "the register is not empty; restore with --replace to overwrite it", path=path
                )
            _wipe()
        count = 0
        try:
            for obj in serializers.deserialize(
                "json", json.dumps(data["objects"]), handle_forward_references=True
            ):
                obj.save()  # raw save: no audit entries, the restored log already has them
                count += 1
        except Exception as exc:
            raise BackupError(
                f"invalid object in backup: {exc}", path=path, field="objects"
            ) from exc
        _check_references(path)
        _check_evidence(path)
        _reset_sequences()
        result = audit.verify()
        if not result.ok:
            raise BackupError(f"restored audit log does not verify: {result.problem}", path=path)
    return count


def import_file(path: Path, *, replace: bool = False) -> int:
    """Restore a backup; returns the number of objects restored.

    All or nothing: one transaction, rolled back (the register left as it was) when any object is
    invalid, a foreign key points at an object not in the backup, an evidence file's bytes do not
    match its recorded SHA-256, or the restored audit log does not verify.
    """
    try:
        return _import(path, replace=replace)
    except IntegrityError as exc:
        # Databases that check constraints only at commit (SQLite's deferred foreign keys, any
        # deferred PostgreSQL constraint) raise here, after the checks above.
        raise BackupError(
            f"backup violates a database constraint: {exc}", path=path, field="objects"
        ) from exc


def _check_references(path: Path) -> None:
    """Refuse a foreign key that points at no object, naming the object that holds it.

    SQLite and PostgreSQL defer foreign-key checks to the commit, whose error names neither the
    backup's object nor (on SQLite) the key; checking here gives a clear error before it.
    """
    for model in _models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.target_field
            known = field.related_model._base_manager.values(target.attname)
            # order_by("pk"): a model ordered by a foreign key would join, hiding the orphan.
            orphan = (
                model._base_manager.order_by("pk")
                .exclude(**{f"{field.attname}__isnull": True})
                .exclude(**{f"{field.attname}__in": known})
                .values_list("pk", field.attname)
                .first()
            )
            if orphan is not None:
                raise BackupError(
                    f"{model._meta.label_lower} #{orphan[0]}: {field.name} refers to "
                    f"{field.related_model._meta.label_lower} #{orphan[1]}, which is not in "
                    "the backup",
                    path=path,
                    field="objects",
                )


def _check_evidence(path: Path) -> None:
    """Refuse evidence whose bytes do not hash to the SHA-256 recorded (and shown) for them."""
    from hegui.web.register.models import Evidence

    for pk, name, digest, content in Evidence.objects.values_list(
        "pk", "name", "sha256", "content"
    ).iterator():
        if hashlib.sha256(bytes(content)).hexdigest() != digest:
            raise BackupError(
                f"register.evidence #{pk} ({name!r}): the file's bytes do not match its "
                "recorded SHA-256 (the backup was altered or damaged)",
                path=path,
                field="objects",
            )


def _reset_sequences() -> None:
    # PostgreSQL keeps id sequences apart from the rows; without this the next insert collides.
    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
