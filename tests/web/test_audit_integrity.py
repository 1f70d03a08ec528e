"""The audit log refuses bulk ORM changes, and anchors recorded outside the database catch what
the hash chain alone cannot: deleted newest entries and a chain re-hashed after an edit."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from hegui.cli import main
from hegui.errors import HeguiError
from hegui.web.register import audit
from hegui.web.register.models import AuditEntry

pytestmark = pytest.mark.django_db


def _raw(sql: str, params: list) -> None:
    """Tamper behind the ORM's back, as someone with the database file could."""
    with connection.cursor() as cursor:
        cursor.execute(sql.format(t=AuditEntry._meta.db_table), params)


def _rehash_from(seq: int, actor: str) -> None:
    """Edit entry ``seq`` and recompute every later hash consistently (QA's rehash attack)."""
    prev = audit.GENESIS
    for entry in AuditEntry.objects.order_by("seq"):
        if entry.seq == seq:
            entry.actor = actor
        digest = audit.entry_hash(prev, audit._payload(entry))
        _raw(
            "UPDATE {t} SET actor=%s, prev_hash=%s, hash=%s WHERE id=%s",
            [entry.actor, prev, digest, entry.pk],
        )
        prev = digest


def test_queryset_updates_and_deletes_are_refused(world) -> None:
    count = AuditEntry.objects.count()
    first = AuditEntry.objects.order_by("seq").first()
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.filter(seq=first.seq).update(actor="x")
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.filter(seq=first.seq).delete()
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.all().delete()
    first.actor = "x"
    # bulk_update runs in a transaction without a savepoint: give it one to fail in.
    with pytest.raises(PermissionError, match="append-only"), transaction.atomic():
        AuditEntry.objects.bulk_update([first], ["actor"])
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry._base_manager.filter(seq=first.seq).update(actor="x")
    assert AuditEntry.objects.count() == count
    assert AuditEntry.objects.get(seq=first.seq).actor != "x"
    assert audit.verify().ok


def test_purge_for_restore_is_the_one_way_to_empty_the_log(world) -> None:
    assert AuditEntry.objects.purge_for_restore() > 0
    assert not AuditEntry.objects.exists()


def test_an_anchor_catches_deleted_newest_entries(world) -> None:
    anchor = audit.head()
    assert anchor is not None and anchor.seq == AuditEntry.objects.count()
    assert audit.verify([anchor]).ok
    _raw("DELETE FROM {t} WHERE seq > %s", [anchor.seq - 3])
    assert audit.verify().ok  # the chain alone cannot see a shorter tail
    result = audit.verify([anchor])
    assert not result.ok and f"anchor #{anchor.seq} is missing" in result.problem


def test_an_anchor_catches_a_rehashed_chain(world) -> None:
    anchor = audit.head()
    _rehash_from(2, "web:nobody")
    assert AuditEntry.objects.get(seq=2).actor == "web:nobody"
    assert audit.verify().ok  # consistent re-hashing passes the chain check
    result = audit.verify([anchor])
    assert not result.ok and "rewritten" in result.problem


def test_an_older_anchor_still_holds_after_new_entries(world, records) -> None:
    old = audit.head()
    from hegui.web.register.models import Filing

    Filing.objects.create(organisation=world.org, kind="mlps_filing", title="later")
    assert audit.head().seq > old.seq
    assert audit.verify([old, audit.head()]).ok


@pytest.mark.parametrize(
    "text", ["", "12", "x:" + "a" * 64, "0:" + "a" * 64, "3:abc", "3:" + "g" * 64]
)
def test_malformed_anchors_are_refused(text) -> None:
    with pytest.raises(HeguiError, match="SEQ:HASH"):
        audit.Anchor.parse(text)


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_cli_head_and_verify_with_anchor(world, capsys) -> None:
    code, out, _ = _run(["audit", "head"], capsys)
    assert code == 0
    text = out.strip()
    assert audit.Anchor.parse(text) == audit.head()
    code, out, _ = _run(["audit", "verify", "--anchor", text], capsys)
    assert code == 0 and "1 anchor(s) match" in out
    code, _, err = _run(["audit", "verify", "--anchor", "nonsense"], capsys)
    assert code == 2 and "SEQ:HASH" in err
    _raw("DELETE FROM {t} WHERE seq = %s", [audit.head().seq])
    code, out, err = _run(["audit", "verify", "--anchor", text], capsys)
    assert code == 1 and "TAMPERED" in err and "is missing" in err


def test_cli_head_of_an_empty_log(db, capsys) -> None:
    code, _, err = _run(["audit", "head"], capsys)
    assert code == 2 and "empty" in err
