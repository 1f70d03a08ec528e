"""The law side of scanning: entity -> PI category -> sensitive?, read from the law data.

Detectors know formats; whether a format is personal or sensitive information is law, kept in
``hegui/law/data/mappings/pi_entities.yaml`` and ``pi_categories.yaml`` and read here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from hegui.errors import LawDataError
from hegui.models import Citation, Text


@dataclass(frozen=True)
class PiMap:
    """Entity and category tables from the law data."""

    entities: dict[str, dict[str, Any]]
    categories: dict[str, dict[str, Any]]
    grading: dict[str, Any]

    def category_of(self, entity: str) -> str | None:
        entry = self.entities.get(entity)
        return str(entry["category"]) if entry else None

    def is_personal(self, category: str) -> bool:
        return bool(self.categories.get(category, {}).get("personal", True))

    def is_sensitive(self, category: str) -> bool:
        return bool(self.categories.get(category, {}).get("sensitive", False))

    def name(self, category: str) -> Text:
        raw = self.categories.get(category, {}).get("name") or {"zh": category, "en": category}
        return Text(zh=str(raw["zh"]), en=str(raw["en"]))

    def citations(self, category: str) -> list[Citation]:
        refs = self.categories.get(category, {}).get("reference") or []
        return [Citation(instrument=r["instrument"], article=_art(r.get("article"))) for r in refs]


def _art(article: Any) -> str | None:
    return None if article is None else str(article)


@functools.cache
def pi_map() -> PiMap:
    """The bundled mapping (validated by :mod:`hegui.law.loader`)."""
    from hegui.law.loader import get_law

    law = get_law()
    entities = law.mapping("pi_entities")
    categories = law.mapping("pi_categories")
    grading = law.mapping("pi_grading")
    unknown = sorted({str(e["category"]) for e in entities.values()} - set(categories))
    if unknown:
        raise LawDataError(f"pi_entities.yaml names unknown categories: {', '.join(unknown)}")
    return PiMap(dict(entities), dict(categories), dict(grading))
