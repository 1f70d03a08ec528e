"""Checklists kept as law data (audit aspects, inspection items) and read as typed items.

A checklist mapping holds ``entries: {instrument, expected_count, items: [...]}``; each item has
an ``id``, a ``point`` (its number in the source), a zh/en ``title``, an optional ``scope_en``, an
optional ``applies_when`` condition, an optional ``needs_review`` and a ``reference`` list. The web
register and the audit rules read the same items, so evidence recorded against an id stays valid.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hegui.errors import LawDataError
from hegui.law.loader import Law
from hegui.models import Citation, Text


class ChecklistItem(BaseModel):
    """One item of a checklist, with the provisions it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    point: int | None = Field(description="Number of the item in its source text (None: unknown)")
    title: Text
    scope_en: str | None = None
    applies_when: str | None = Field(
        default=None, description="Profile condition under which the item is relevant"
    )
    needs_review: str | None = None
    citations: tuple[Citation, ...] = ()


class Checklist(BaseModel):
    """A whole checklist: its items and how many the source says there are."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    description: Text
    instrument: str
    expected_count: int
    items: tuple[ChecklistItem, ...]
    needs_review: str | None = None

    @property
    def complete(self) -> bool:
        """True if every item of the source is encoded."""
        return len(self.items) == self.expected_count

    def ids(self) -> list[str]:
        return [item.id for item in self.items]


def load_checklist(law: Law, mapping_id: str) -> Checklist:
    """Read the checklist mapping ``mapping_id`` (LawDataError naming the mapping if malformed)."""
    mapping = law.mappings.get(mapping_id)
    if mapping is None:
        raise LawDataError(f"unknown checklist mapping {mapping_id!r}")
    entries: Any = mapping.entries
    try:
        items = tuple(
            ChecklistItem(
                id=str(raw["id"]),
                point=None if raw["point"] is None else int(raw["point"]),
                title=Text(zh=raw["title"]["zh"], en=raw["title"]["en"]),
                scope_en=raw.get("scope_en"),
                applies_when=raw.get("applies_when"),
                needs_review=raw.get("needs_review"),
                citations=tuple(
                    law.cite(ref["instrument"], ref.get("article"))
                    for ref in raw.get("reference") or []
                ),
            )
            for raw in entries["items"]
        )
        checklist = Checklist(
            id=mapping_id,
            description=mapping.description,
            instrument=str(entries["instrument"]),
            expected_count=int(entries["expected_count"]),
            items=items,
            needs_review=entries.get("needs_review"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise LawDataError(f"malformed checklist item: {exc}", path=mapping.path) from None
    if len(set(checklist.ids())) != len(items):
        raise LawDataError("duplicate checklist item id", path=mapping.path)
    return checklist
