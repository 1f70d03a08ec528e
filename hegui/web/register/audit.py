"""Append-only, hash-chained audit log of every change to the register.

Every save and delete of a register, accounts or user row writes one :class:`AuditEntry` through
Django signals, so no view can forget to log. Each entry's hash is the SHA-256 of the previous
entry's hash and a canonical JSON of the entry, so editing, deleting or reordering any entry breaks
the chain; :func:`verify` finds the first broken link. The hash has no key, so deleting the newest
entries or re-hashing the whole chain keeps it consistent: :func:`head` gives an :class:`Anchor`
to record outside the database, and ``verify(anchors)`` catches both up to that anchor. Entries
are written in the transaction of the change they record (a web write request is one transaction,
see :class:`hegui.web.middleware.WriteTransactionMiddleware`).
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from hegui.errors import HeguiError

GENESIS = "0" * 64
# Fields never copied into the log: secrets, and file bytes (the log keeps their SHA-256 instead).
_REDACT = {"password", "key_hash", "content"}
_DIGEST = {"result"}
_AUDITED_APPS = ("register", "accounts")

# The actor is a name, or a function giving it when an entry is written: a web request's user
# can change mid-request (logging in writes last_login as the user who just logged in).
_actor: contextvars.ContextVar[str | Callable[[], str]] = contextvars.ContextVar(
    "hegui_audit_actor", default="system"
)


@contextmanager
def actor_context(actor: str | Callable[[], str]) -> Iterator[None]:
    """Attribute every change made inside the block to ``actor`` (a name or a function of none)."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> str:
    """The actor the next entry is attributed to."""
    actor = _actor.get()
    return actor() if callable(actor) else actor


def _snapshot(instance: models.Model) -> dict[str, Any]:
    record = serializers.serialize("python", [instance])[0]
    fields = {k: v for k, v in record["fields"].items() if k not in _REDACT}
    for name in _DIGEST & set(fields):
        # Whole assessment results are stored once, in their table; the log keeps their digest.
        canonical = json.dumps(fields[name], sort_keys=True, default=str).encode("utf-8")
        fields[name] = {"sha256": hashlib.sha256(canonical).hexdigest()}
    if "password" in record["fields"]:
        fields["password"] = "<redacted>"
    fields = mask_personal(record["model"], fields)
    return json.loads(json.dumps(fields, default=str, sort_keys=True))


# Free-text fields of register rows in which the log masks personal information.
_FREE_TEXT = ("title", "description", "notes", "note")


def mask_personal(label: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A register row's logged ``fields`` with personal information masked.

    Free text (titles, descriptions, notes, every text in an incident's facts) is masked as the
    report drafts mask it: each value ``hegui.detect`` finds becomes ``〔masked ENTITY〕``; the
    reporter's contact keeps a short sample. Masking a masked value changes nothing, so entries
    written before this masking compare equal once masked (``audit verify --data``).
    """
    if not label.startswith("register."):
        return fields
    out = dict(fields)
    if label == "register.incident":
        out["facts"] = _mask_strings(mask_reporter(out.get("facts")))
    for name in _FREE_TEXT:
        if isinstance(out.get(name), str) and out[name]:
            out[name] = mask_text(out[name])
    return out


def mask_text(text: str) -> str:
    """``text`` with every value the PI detectors find replaced by ``〔masked ENTITY〕``."""
    from hegui.detectors import detect

    found = sorted(detect(text), key=lambda d: d.start)
    if not found:
        return text
    parts, pos = [], 0
    for d in found:
        if d.start < pos:
            continue  # overlapping detections: the first one masks the span
        parts += [text[pos : d.start], f"〔masked {d.entity}〕"]
        pos = d.end
    return "".join(parts) + text[pos:]


def _mask_strings(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: _mask_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_strings(v) for v in value]
    return value


def mask_reporter(facts: Any) -> Any:
    """Incident facts with the reporter's name, phone and email masked as the drafts mask them.

    The register keeps the contact as entered (a report needs it); the log, which every admin
    reads and no one can correct, keeps only a sample: first character of a name, first three and
    last four digits of a phone, first character and domain of an email.
    """
    if not isinstance(facts, dict) or not isinstance(facts.get("reporter"), dict):
        return facts
    reporter = dict(facts["reporter"])
    for key, mask in (("name", _mask_name), ("phone", _mask_phone), ("email", _mask_email)):
        if reporter.get(key) not in (None, ""):
            reporter[key] = mask(str(reporter[key]))
    return {**facts, "reporter": reporter}


def _mask_name(name: str) -> str:
    return name[0] + "*" * max(1, len(name) - 1)


def _mask_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 7 else "****"


def _mask_email(email: str) -> str:
    user, _, domain = email.partition("@")
    return f"{user[:1]}***@{domain}" if domain else "***"


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The row as the log keeps it: secrets redacted, file bytes as their recorded SHA-256."""
    data = _snapshot(instance)
    if "content" in {f.name for f in instance._meta.fields} and hasattr(instance, "sha256"):
        data["content_sha256"] = instance.sha256
    return data


def _org_of(instance: models.Model, depth: int = 0) -> str:
    """The slug of the organisation a row belongs to, following foreign keys to parents.

    Found from the model's fields, not a list of paths, so a new child model (an obligation's
    history line, an incident's clock, a checklist item) is attributed without being named here.
    """
    from hegui.web.register.models import Organisation

    if isinstance(instance, Organisation):
        return instance.slug
    if depth > 3:
        return ""
    fks = [f for f in instance._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    # A direct link to the organisation first, then parents that have one.
    fks.sort(key=lambda f: f.related_model is not Organisation)
    for field in fks:
        try:
            parent = getattr(instance, field.name)
        except ObjectDoesNotExist:  # a parent already gone in a cascade
            continue
        if parent is not None:
            slug = _org_of(parent, depth + 1)
            if slug:
                return slug
    return ""


def entry_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    """The chain hash of one entry: SHA-256 over the previous hash and canonical JSON."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _payload(entry: Any) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "organisation": entry.organisation,
        "action": entry.action,
        "model": entry.model,
        "object_id": entry.object_id,
        "data": entry.data,
    }


# Key of the PostgreSQL advisory lock that serialises appends to the chain ("hegu").
_CHAIN_LOCK = 0x68656775


def lock_chain() -> None:
    """Take the audit chain's append lock until the current transaction ends.

    PostgreSQL: a transaction-level advisory lock (re-entrant; the tail read after it sees every
    entry committed before). Row locks on the tail are not enough there: two writers both lock
    and read the same old tail, or an empty table has no row to lock. SQLite needs nothing: the
    register's transactions start ``IMMEDIATE`` and so hold the database's single write lock.
    Must be called inside a transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])


def record(instance: models.Model, action: str) -> None:
    """Append one entry for ``action`` ("create", "update", "delete") on ``instance``."""
    from hegui.web.register.models import AuditEntry

    with transaction.atomic():
        lock_chain()
        # The row lock serialises appends on other databases (MySQL and the like).
        last = AuditEntry.objects.select_for_update().order_by("-seq").first()
        entry = AuditEntry(
            seq=(last.seq + 1) if last else 1,
            at=timezone.now().replace(microsecond=0),
            actor=current_actor(),
            organisation=_org_of(instance),
            action=action,
            model=instance._meta.label_lower,
            object_id=str(instance.pk),
            data=snapshot(instance),
            prev_hash=last.hash if last else GENESIS,
        )
        entry.hash = entry_hash(entry.prev_hash, _payload(entry))
        entry.save()


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :func:`verify`: ok, how many entries were checked, and the first problem."""

    ok: bool
    checked: int
    problem: str = ""


@dataclass(frozen=True)
class Anchor:
    """An entry's sequence number and hash, recorded outside the database (``SEQ:HASH``)."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """Read ``SEQ:HASH`` as printed by ``hegui audit head``."""
        seq, sep, digest = text.strip().partition(":")
        digest = digest.lower()
        if not (sep and seq.isdigit() and int(seq) > 0 and re.fullmatch(r"[0-9a-f]{64}", digest)):
            raise HeguiError(
                f"anchor {text!r} is not SEQ:HASH (a positive number, a colon and 64 hex "
                "digits, as printed by 'hegui audit head')",
                field="anchor",
            )
        return cls(int(seq), digest)


def head() -> Anchor | None:
    """The newest entry as an anchor, or None when the log is empty."""
    from hegui.web.register.models import AuditEntry

    last = AuditEntry.objects.order_by("-seq").first()
    return Anchor(last.seq, last.hash) if last else None


def verify(anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Walk the whole chain; report the first entry whose link or hash does not match.

    Each anchor (recorded earlier with :func:`head`) must still be in the log with the same hash:
    that catches what the chain alone cannot, the newest entries deleted or the whole chain
    recomputed after an edit, up to the newest anchor.
    """
    result = _walk()
    if not result.ok:
        return result
    from hegui.web.register.models import AuditEntry

    for anchor in sorted(anchors, key=lambda a: a.seq):
        entry = AuditEntry.objects.filter(seq=anchor.seq).first()
        if entry is None:
            return VerifyResult(
                False,
                result.checked,
                f"anchor #{anchor.seq} is missing: the log ends at #{result.checked}, so "
                "entries recorded before the anchor was taken were deleted",
            )
        if entry.hash != anchor.hash:
            return VerifyResult(
                False,
                result.checked,
                f"anchor #{anchor.seq}: hash differs from the recorded one, so the log up to "
                "that entry was rewritten and re-hashed",
            )
    return result


def _walk() -> VerifyResult:
    from hegui.web.register.models import AuditEntry

    prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in AuditEntry.objects.order_by("seq").iterator():
        if entry.seq != expected_seq:
            return VerifyResult(
                False, count, f"entry #{expected_seq} is missing (found #{entry.seq})"
            )
        if entry.prev_hash != prev:
            return VerifyResult(False, count, f"entry #{entry.seq}: link to previous entry broken")
        if entry_hash(prev, _payload(entry)) != entry.hash:
            return VerifyResult(
                False, count, f"entry #{entry.seq}: content does not match its hash"
            )
        prev = entry.hash
        expected_seq += 1
        count += 1
    return VerifyResult(True, count)


def _on_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading a backup: the restored log already holds these changes
        return
    record(instance, "create" if kwargs.get("created") else "update")


def _on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    record(instance, "delete")


def audited_models() -> list[type[models.Model]]:
    """Every model whose saves and deletes are logged (users, register and accounts rows)."""
    found = [apps.get_model("auth", "User")]
    for label in _AUDITED_APPS:
        found += [m for m in apps.get_app_config(label).get_models() if m.__name__ != "AuditEntry"]
    return found


def connect() -> None:
    """Connect the signal handlers (called once from the app's ``ready``)."""
    for model in audited_models():
        post_save.connect(_on_save, sender=model, dispatch_uid=f"audit-save-{model._meta.label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"audit-del-{model._meta.label}")
