"""Refusing edits made on a stale copy of a record (lost updates), without a version column.

An edit form carries a fingerprint of the record's stored editable values as they were when the
form was rendered. On submit the fingerprint is computed again from the database: if someone saved
the record in between, the edit is refused and the user is told who changed it and when (from the
audit log), instead of silently overwriting that change with the values of the old page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _


def fingerprint(instance: models.Model, fields: Iterable[str]) -> str:
    """A short digest of the stored values of ``fields`` (foreign keys by id)."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        values[name] = getattr(instance, getattr(field, "attname", name))
    canonical = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def stored(instance: models.Model) -> models.Model | None:
    """The row as it is in the database now (None if it was deleted)."""
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


def stale_message(instance: models.Model) -> str:
    """'changed by <user> at <time> since you opened it; reload', from the last audit entry."""
    from hegui.web.register.models import AuditEntry

    last = (
        AuditEntry.objects.filter(model=instance._meta.label_lower, object_id=str(instance.pk))
        .order_by("-seq")
        .first()
    )
    if last is None:
        return _stale_text("", None)
    return _stale_text(last.actor, timezone.localtime(last.at))


def _stale_text(who: str, when: dt.datetime | None) -> str:
    """'changed by <who> at <when> since you opened it; reload' (who/when when known)."""
    if not who or when is None:
        return _("This record was changed since you opened it; reload the page and redo your edit.")
    return _(
        "This record was changed by %(who)s at %(when)s since you opened it; "
        "reload the page and redo your edit."
    ) % {"who": who, "when": when.strftime("%Y-%m-%d %H:%M:%S")}


def is_stale(instance: models.Model, fields: Iterable[str], sent: str) -> bool:
    """True when ``sent`` (the fingerprint the form was rendered with) no longer matches."""
    current = stored(instance)
    return current is not None and fingerprint(current, fields) != sent


def version_message(latest: Any) -> str:
    """The stale-edit message for a profile, whose versions are rows of their own."""
    if latest is None:
        return _stale_text("", None)
    return _(
        "The profile was changed by %(who)s at %(when)s (version %(n)s) since you opened it; "
        "reload the page and redo your edit."
    ) % {
        "who": latest.created_by or "?",
        "when": timezone.localtime(latest.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        "n": latest.number,
    }
