"""Core value types shared by every layer: bilingual text, citations, findings."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Text(BaseModel):
    """A label in Simplified Chinese and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str
    en: str

    def get(self, lang: str = "en") -> str:
        """Return the text in ``lang`` ("zh" or "en")."""
        return self.zh if lang.startswith("zh") else self.en

    def __str__(self) -> str:
        return f"{self.en} / {self.zh}"


class Status(StrEnum):
    """What a finding says about one obligation, ordered from least to most pressing."""

    NOT_APPLICABLE = "not_applicable"
    MET = "met"
    INFO = "info"
    APPLIES = "applies"
    NEEDS_REVIEW = "needs_review"
    DUE = "due"
    OVERDUE = "overdue"

    @property
    def rank(self) -> int:
        return _STATUS_ORDER.index(self)

    def at_least(self, other: Status) -> bool:
        return self.rank >= other.rank


_STATUS_ORDER = list(Status)


_ITEM = re.compile(r"^(\d+)\((\d+)\)$")


class Citation(BaseModel):
    """A reference to one article of one instrument, resolved against the law data."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instrument: str
    article: str | None = None
    # Filled in by the law loader when the citation is resolved.
    name: Text | None = None
    short: Text | None = None
    effective: dt.date | None = None
    status: str | None = None
    url: str | None = None
    kind: str | None = Field(
        default=None, description="Instrument kind: law, regulation, standard ..."
    )

    def label(self, lang: str = "en") -> str:
        """Human label, e.g. ``PIPL Art. 39`` / ``个人信息保护法 第39条``; standards cite clauses (§)."""
        named = self.short or self.name
        base = named.get(lang) if named is not None else self.instrument
        art = self.article
        if not art:
            return base
        if self.kind == "standard" or not art[:1].isdigit() or "." in art:
            # Standards and annexes are cited by clause ("6.5", "A.1"), not by article.
            return f"{base} {art}" if lang.startswith("zh") else f"{base} §{art}"
        if lang.startswith("zh"):
            m = _ITEM.match(art)
            return f"{base} 第{m[1]}条第（{m[2]}）项" if m else f"{base} 第{art}条"
        return f"{base} Art. {art}"


class Finding(BaseModel):
    """One rule's conclusion about one subject (the organisation, an entity, a transfer...)."""

    model_config = ConfigDict(extra="forbid")

    rule_id: str
    regime: str
    title: Text
    status: Status
    subject: str | None = Field(default=None, description="Id of the profile object concerned")
    due: dt.date | None = None
    due_at: dt.datetime | None = Field(default=None, description="Exact deadline (Asia/Shanghai)")
    due_approximate: bool = False
    authority: Text | None = None
    proposed: bool = Field(default=False, description="Rests on a draft: proposed, not binding")
    facts: dict[str, Any] = Field(default_factory=dict)
    citations: list[Citation] = Field(default_factory=list)
    explanation: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="Facts or text needed to decide")
    actions: list[Text] = Field(default_factory=list)

    def is_open(self) -> bool:
        """True if the finding asks the organisation to do or decide something."""
        return self.status in (Status.APPLIES, Status.DUE, Status.OVERDUE, Status.NEEDS_REVIEW)
