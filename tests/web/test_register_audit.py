"""The hash-chained audit log: every change is logged, and tampering is detected."""

from __future__ import annotations

import pytest

from hegui.cli import main
from hegui.web.register import audit
from hegui.web.register.models import AuditEntry, Filing

pytestmark = pytest.mark.django_db


def test_every_change_is_logged_with_actor_and_org(world) -> None:
    start = AuditEntry.objects.count()
    with audit.actor_context("web:editor"):
        filing = Filing.objects.create(organisation=world.org, kind="mlps_filing", title="L3")
        filing.title = "L3 system"
        filing.save()
        filing.delete()
    rows = list(AuditEntry.objects.order_by("seq")[start:])
    assert [(r.action, r.model, r.actor, r.organisation) for r in rows] == [
        ("create", "register.filing", "web:editor", "acme"),
        ("update", "register.filing", "web:editor", "acme"),
        ("delete", "register.filing", "web:editor", "acme"),
    ]
    assert rows[1].data["title"] == "L3 system"
    assert audit.verify().ok


def test_secrets_and_file_bytes_are_not_copied_into_the_log(world) -> None:
    user_rows = AuditEntry.objects.filter(model="auth.user")
    assert user_rows and all(r.data["password"] == "<redacted>" for r in user_rows)
    assert all(
        "key_hash" not in r.data for r in AuditEntry.objects.filter(model="accounts.apitoken")
    )


def test_web_requests_are_attributed_to_the_user(world) -> None:
    world.client("editor").post(
        "/o/acme/filings/new/", {"kind": "mlps_filing", "title": "Web filing", "state": "planned"}
    )
    last = AuditEntry.objects.filter(model="register.filing").last()
    assert last is not None and last.actor == "web:editor"


def test_entries_are_append_only(world) -> None:
    entry = AuditEntry.objects.first()
    entry.actor = "someone else"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def _sql_update(pk: int, **values: object) -> None:
    """A raw UPDATE behind the ORM's back (the ORM itself refuses to update entries)."""
    from django.db import connection

    fields = {name: AuditEntry._meta.get_field(name) for name in values}
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields.values())
    params = [f.get_db_prep_save(values[name], connection) for name, f in fields.items()]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET {sets} WHERE id = %s", [*params, pk]
        )


@pytest.mark.parametrize("tamper", ["edit", "delete", "relink"])
def test_verify_detects_tampering(world, tamper) -> None:
    assert audit.verify().ok
    victim = AuditEntry.objects.order_by("seq")[2]
    if tamper == "edit":  # a raw UPDATE behind the ORM's back
        _sql_update(victim.pk, actor="web:mallory")
    elif tamper == "delete":
        AuditEntry.objects.filter(pk=victim.pk)._raw_delete(using="default")
    else:  # rewrite the entry and its own hash consistently: the next link breaks
        data = dict(victim.data, username="mallory")
        fake = AuditEntry(**{f.name: getattr(victim, f.name) for f in AuditEntry._meta.fields})
        fake.data = data
        new_hash = audit.entry_hash(victim.prev_hash, audit._payload(fake))
        _sql_update(victim.pk, data=data, hash=new_hash)
    result = audit.verify()
    assert not result.ok
    assert f"#{victim.seq}" in result.problem or f"#{victim.seq + 1}" in result.problem


def _run(args: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out + err


def test_cli_audit_verify_exit_codes(world, capsys) -> None:
    code, out = _run(["audit", "verify"], capsys)
    assert code == 0 and "chain intact" in out
    _sql_update(AuditEntry.objects.get(seq=1).pk, actor="x")
    code, out = _run(["audit", "verify"], capsys)
    assert code == 1 and "TAMPERED" in out


def test_assessment_results_are_logged_by_digest(world, make_finding) -> None:
    import datetime as dt

    from hegui.models import Status
    from hegui.web.register import services

    done = services.store_assessment(
        world.org,
        as_of=dt.date(2026, 11, 30),
        actor="t",
        findings=[make_finding("a.b", Status.DUE)],
    )
    entry = AuditEntry.objects.get(model="register.assessment", object_id=str(done.pk))
    assert set(entry.data["result"]) == {"sha256"} and len(entry.data["result"]["sha256"]) == 64
