"""Compare the register's rows with the audit log: find changes made outside the application.

The log keeps a snapshot of every row at every save (:func:`hegui.web.register.audit.record`).
A row whose stored values differ from its newest snapshot, a row the log never saw, a row the log
says was deleted, and a row the log says exists but the database lacks were all changed behind
the application's back (raw SQL, a database tool, an edited backup). Evidence bytes are also
checked against their recorded SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.dateparse import parse_datetime

from hegui.web.register import audit

# Fields legitimately written without an audit entry (a plain UPDATE that is not a register
# change): these are not compared.
_UNLOGGED = {"accounts.apitoken": {"last_used_at"}}


@dataclass(frozen=True)
class DataResult:
    """Outcome of :func:`check_data`: rows checked and one line per problem found."""

    checked: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _newest_snapshots() -> dict[tuple[str, str], tuple[int, str, dict[str, Any]]]:
    from hegui.web.register.models import AuditEntry

    newest: dict[tuple[str, str], tuple[int, str, dict[str, Any]]] = {}
    rows = AuditEntry.objects.order_by("seq").values_list(
        "seq", "model", "object_id", "action", "data"
    )
    for seq, model, object_id, action, data in rows.iterator():
        newest[(model, object_id)] = (seq, action, data)
    return newest


def _same(logged: Any, live: Any) -> bool:
    if logged == live:
        return True
    # The snapshot was taken from the saved instance, whose datetimes may carry the time zone
    # they were entered in; the database gives them back in UTC. Same instant, same value.
    if isinstance(logged, str) and isinstance(live, str):
        a, b = parse_datetime(logged), parse_datetime(live)
        return a is not None and b is not None and a == b
    return False


def _differences(
    model: type[models.Model], logged: dict[str, Any], live: dict[str, Any]
) -> list[str]:
    skip = _UNLOGGED.get(model._meta.label_lower, set())
    many = {f.name for f in model._meta.many_to_many}  # set after the save; not in the snapshot
    names = (set(logged) | set(live)) - skip - many
    return sorted(n for n in names if not _same(logged.get(n), live.get(n)))


def check_data() -> DataResult:
    """Compare every audited row with its newest snapshot in the log.

    Problems name the model, the id and the differing field names (never values, which may be
    personal information).
    """
    newest = _newest_snapshots()
    seen: set[tuple[str, str]] = set()
    problems: list[str] = []
    checked = 0
    for model in audit.audited_models():
        label = model._meta.label_lower
        for row in model._base_manager.order_by("pk").iterator():
            checked += 1
            key = (label, str(row.pk))
            seen.add(key)
            logged = newest.get(key)
            if logged is None:
                problems.append(f"{label} #{row.pk}: not in the audit log (added outside hegui)")
                continue
            seq, action, data = logged
            if action == "delete":
                problems.append(
                    f"{label} #{row.pk}: the log says it was deleted (entry #{seq}), "
                    "but the row exists"
                )
                continue
            # Entries written before the log masked personal information compare once masked.
            logged_masked = audit.mask_personal(label, data)
            changed = _differences(model, logged_masked, audit.snapshot(row))
            if changed:
                problems.append(
                    f"{label} #{row.pk}: {', '.join(changed)} differ from the newest logged "
                    f"snapshot (entry #{seq}): changed outside hegui"
                )
            digest = getattr(row, "sha256", None)
            content = getattr(row, "content", None)
            if (
                digest
                and content is not None
                and hashlib.sha256(bytes(content)).hexdigest() != digest
            ):
                problems.append(
                    f"{label} #{row.pk}: the file's bytes do not match its recorded SHA-256"
                )
    for (label, object_id), (seq, action, _data) in newest.items():
        if action != "delete" and (label, object_id) not in seen:
            problems.append(
                f"{label} #{object_id}: in the log (entry #{seq}) but missing from the "
                "database (deleted outside hegui)"
            )
    return DataResult(checked, problems)


# Longest value the audit-log page shows for one side of a change.
_SHOWN = 80


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def field_changes(entries: Iterable[Any]) -> dict[int, list[tuple[str, str, str]]]:
    """What each update among ``entries`` changed: ``{seq: [(field, before, after), ...]}``.

    An entry holds the row as it was after the change; the row before is the object's previous
    entry in the log, so the before and after values come from two snapshots (secrets and file
    bytes are already redacted in both). Values are cut to a short text for display.
    """
    from hegui.web.register.models import AuditEntry

    updates = [e for e in entries if e.action == "update"]
    if not updates:
        return {}
    history: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {}
    earlier = AuditEntry.objects.filter(
        model__in={e.model for e in updates},
        object_id__in={e.object_id for e in updates},
        seq__lt=max(e.seq for e in updates),
    ).values_list("seq", "model", "object_id", "data")
    for seq, model, object_id, data in earlier.order_by("seq").iterator():
        history.setdefault((model, object_id), []).append((seq, data))
    out: dict[int, list[tuple[str, str, str]]] = {}
    for entry in updates:
        before = [d for s, d in history.get((entry.model, entry.object_id), []) if s < entry.seq]
        if not before:
            continue  # the log does not reach back to this object's previous state
        old, new = before[-1], entry.data
        out[entry.seq] = [
            (name, _shown(old.get(name)), _shown(new.get(name)))
            for name in sorted(set(old) | set(new))
            if not _same(old.get(name), new.get(name))
        ]
    return out
