"""Resolve the profile objects a regime section points to (entities, systems), naming the field."""

from __future__ import annotations

from hegui.errors import ProfileError
from hegui.profile.models import Entity, System
from hegui.rules.base import Context


def entity_of(ctx: Context, entity_id: str, field: str) -> Entity:
    """The entity ``entity_id`` (ProfileError naming ``field`` if the profile has none)."""
    for entity in ctx.profile.entities:
        if entity.id == entity_id:
            return entity
    known = ", ".join(e.id for e in ctx.profile.entities)
    raise ProfileError(f"unknown entity {entity_id!r} (known: {known})", field=field)


def system_of(ctx: Context, system_id: str, field: str) -> System:
    """The system ``system_id`` (ProfileError naming ``field`` if the profile has none)."""
    for system in ctx.profile.systems:
        if system.id == system_id:
            return system
    known = ", ".join(s.id for s in ctx.profile.systems) or "none"
    raise ProfileError(f"unknown system {system_id!r} (known: {known})", field=field)
