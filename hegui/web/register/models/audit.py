"""The append-only, hash-chained audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

_APPEND_ONLY = (
    "audit entries are append-only: they cannot be updated or deleted through the ORM "
    "(a restore from backup replaces the whole log with AuditEntry.objects.purge_for_restore())"
)


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    """Refuses bulk ``update()`` and ``delete()``: the log only grows.

    The single sanctioned removal is :meth:`purge_for_restore`, which a restore from backup calls
    inside its transaction before loading the backup's log (verified before it commits). Raw SQL
    can still change the table; :func:`hegui.web.register.audit.verify` is what detects that.
    """

    def update(self, **kwargs: Any) -> int:
        raise PermissionError(_APPEND_ONLY)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(_APPEND_ONLY)

    def purge_for_restore(self) -> int:
        """Delete every entry. Only for a restore that loads a whole verified log in its place."""
        return int(self.model._base_manager.all()._raw_delete(self.db))  # type: ignore[attr-defined]


class AuditEntry(models.Model):
    """One change to the register. ``hash`` covers the entry and the previous entry's hash."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    # A user name (up to 150 characters) with its channel prefix ("web:", "api:", "cli:").
    actor = models.CharField(max_length=160)
    organisation = models.CharField(max_length=60, blank=True, db_index=True)
    action = models.CharField(max_length=10)
    model = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = models.Manager.from_queryset(AuditQuerySet)()

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "audit entries"
        # Django's internal manager too, so no path through the ORM bulk-updates the log.
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.model}:{self.object_id} by {self.actor}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Append-only: an existing entry is never rewritten through the ORM (a restore from backup
        # goes through save_base with raw=True and does not come here).
        if self.pk is not None:
            raise PermissionError(_APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(_APPEND_ONLY)
