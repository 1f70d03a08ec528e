"""Report models of the tabular scanner: counts, verdicts and masked samples, never raw values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hegui.models import Citation, Text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityShare(_Model):
    """How much of a column one entity explains."""

    entity: str
    share: float = Field(description="Matching cells / non-empty cells examined")
    matches: int
    category: str | None = None
    sensitive: bool = False


class ColumnVerdict(_Model):
    """What one column holds."""

    name: str
    entity: str | None = None
    score: float = 0.0
    strategy: str = Field(description="cell | consistency | free_text | header | none")
    entities: list[EntityShare] = Field(default_factory=list)
    header_context: list[str] = Field(default_factory=list, description="Header words that matched")
    cells_examined: int = 0
    non_empty: int = 0
    masked_examples: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    sensitive_categories: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class DistinctCount(_Model):
    """Distinct individuals behind a key column."""

    column: str | None
    entity: str | None
    value: int
    method: str = Field(description="exact | hyperloglog | rows")
    relative_error: float | None = Field(default=None, description="Standard error of HLL")


class MinorCount(_Model):
    """Individuals under 14 and under 18 on ``as_of``, from resident-ID birth dates."""

    column: str
    as_of: dt.date
    under_14: int
    under_18: int
    valid_ids: int


class GradeProposal(_Model):
    """A GB/T 43697 level and general-data sub-level proposal, with its reasoning."""

    level: Text
    sublevel: int
    reasoning: list[str]
    citations: list[Citation] = Field(default_factory=list)
    needs_review: list[str] = Field(default_factory=list)
    complete: bool = Field(
        default=True, description="False when parts of the source could not be read"
    )


class TableReport(_Model):
    """One table, sheet or file."""

    name: str
    rows: int
    rows_examined: int
    columns: list[ColumnVerdict]
    pi_categories: list[str] = Field(default_factory=list)
    sensitive_categories: list[str] = Field(default_factory=list)
    individuals: DistinctCount | None = None
    minors: MinorCount | None = None
    grade: GradeProposal | None = None
    skipped: str | None = Field(default=None, description="Why the table could not be scanned")
    notes: list[str] = Field(default_factory=list)

    @property
    def pi_columns(self) -> list[ColumnVerdict]:
        return [c for c in self.columns if c.categories]


class SourceReport(_Model):
    """A whole scan: one file or database."""

    source: str
    kind: str
    as_of: dt.date
    sample: int | None
    full: bool
    tables: list[TableReport]
    pi_categories: list[str] = Field(default_factory=list)
    sensitive_categories: list[str] = Field(default_factory=list)
    minors_present: bool = False
    unread: list[str] = Field(
        default_factory=list,
        description="Tables or files that could not be read: everything else covers only the rest",
    )
    grade: GradeProposal | None = None
    notes: list[str] = Field(default_factory=list)
    category_names: dict[str, Text] = Field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
