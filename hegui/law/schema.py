"""Validated shapes of the law data: instruments, articles, parameter values, mappings.

Validation is hand-written rather than delegated to pydantic so that every error can name the
file, the line and the key at fault.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hegui.errors import LawDataError
from hegui.law.yamlio import LineDict, LineList
from hegui.models import Text

INSTRUMENT_KINDS = frozenset(
    {
        "law",
        "regulation",
        "rule",
        "normative_document",
        "standard",
        "notice",
        "qa",
        "plan",
        "judicial",
        "guideline",
        "enforcement",
        "campaign",
    }
)
STATUSES = frozenset({"final", "draft"})
EVIDENCE = frozenset({"P", "S", "U", "D"})
UNITS = frozenset(
    {
        "individuals",
        "working_days",
        "days",
        "months",
        "years",
        "hours",
        "minutes",
        "cny",
        "ratio",
        "percent",
        "count",
        "bool",
        "date",
        "text",
        "list",
        "mapping",
    }
)


@dataclass(frozen=True)
class Article:
    key: str
    title: Text | None
    text_zh: str | None = None
    summary_en: str | None = None
    needs_review: str | None = None


@dataclass(frozen=True)
class Version:
    effective: dt.date
    label: Text


@dataclass(frozen=True)
class Instrument:
    id: str
    name: Text
    short: Text
    issuer: Text
    kind: str
    status: str
    promulgated: dt.date | None
    effective: dt.date | None
    repealed: dt.date | None
    source: str | None
    evidence: str
    number: str | None = None
    notes: str | None = None
    versions: tuple[Version, ...] = ()
    articles: dict[str, Article] = field(default_factory=dict)
    path: str = ""

    def in_force(self, as_of: dt.date) -> bool:
        """True if the instrument is final and binding on ``as_of``."""
        if self.status != "final" or self.effective is None:
            return False
        return self.effective <= as_of and (self.repealed is None or as_of < self.repealed)

    def version_on(self, as_of: dt.date) -> Version | None:
        """The text version in force on ``as_of`` (None if the instrument has no versions)."""
        current = None
        for v in self.versions:
            if v.effective <= as_of:
                current = v
        return current


@dataclass(frozen=True)
class RawCitation:
    instrument: str
    article: str | None
    path: str
    line: int


@dataclass(frozen=True)
class ParameterValue:
    since: dt.date
    value: Any
    reference: tuple[RawCitation, ...]
    needs_review: str | None
    line: int


@dataclass(frozen=True)
class Parameter:
    id: str
    description: Text
    unit: str
    values: tuple[ParameterValue | None, ...]  # None marks an end (a ``null`` value)
    dates: tuple[dt.date, ...]
    path: str


@dataclass(frozen=True)
class Mapping:
    id: str
    description: Text
    entries: Any
    citations: tuple[RawCitation, ...]
    path: str


# --- validation helpers -------------------------------------------------------------------------


def expect_mapping(value: Any, path: str, line: int, key: str) -> LineDict:
    if not isinstance(value, LineDict):
        raise LawDataError("expected a mapping", path=path, line=line, field=key)
    return value


def check_keys(data: LineDict, path: str, key: str, required: set[str], optional: set[str]) -> None:
    for k in data:
        if k not in required and k not in optional:
            raise LawDataError(
                f"unknown key {k!r} (allowed: {', '.join(sorted(required | optional))})",
                path=path,
                line=data.line_of(k),
                field=f"{key}.{k}" if key else str(k),
            )
    for k in sorted(required):
        if k not in data:
            raise LawDataError(
                "missing required key", path=path, line=data.line, field=f"{key}.{k}" if key else k
            )


def as_text(data: LineDict, k: str, path: str, prefix: str) -> Text:
    value = data[k]
    where = f"{prefix}.{k}" if prefix else k
    m = expect_mapping(value, path, data.line_of(k), where)
    check_keys(m, path, where, {"zh", "en"}, set())
    for lang in ("zh", "en"):
        if not isinstance(m[lang], str) or not m[lang].strip():
            raise LawDataError(
                "must be a non-empty string",
                path=path,
                line=m.line_of(lang),
                field=f"{where}.{lang}",
            )
    return Text(zh=m["zh"], en=m["en"])


def as_date(
    data: LineDict, k: str, path: str, prefix: str, *, nullable: bool = True
) -> dt.date | None:
    value = data.get(k)
    where = f"{prefix}.{k}" if prefix else k
    if value is None:
        if nullable:
            return None
        raise LawDataError("a date is required", path=path, line=data.line_of(k), field=where)
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise LawDataError(
            f"expected an ISO date YYYY-MM-DD, got {value!r}",
            path=path,
            line=data.line_of(k),
            field=where,
        )
    return value


def as_choice(data: LineDict, k: str, path: str, prefix: str, choices: frozenset[str]) -> str:
    value = data[k]
    if value not in choices:
        raise LawDataError(
            f"{value!r} is not one of {', '.join(sorted(choices))}",
            path=path,
            line=data.line_of(k),
            field=f"{prefix}.{k}" if prefix else k,
        )
    return str(value)


def as_opt_str(data: LineDict, k: str, path: str, prefix: str) -> str | None:
    value = data.get(k)
    if value is None:
        return None
    if not isinstance(value, str):
        raise LawDataError(
            "expected a string",
            path=path,
            line=data.line_of(k),
            field=f"{prefix}.{k}" if prefix else k,
        )
    return value


def parse_reference(value: Any, path: str, line: int, where: str) -> tuple[RawCitation, ...]:
    """Parse a ``reference`` list of ``{instrument, article}`` mappings."""
    if not isinstance(value, LineList) or not value:
        raise LawDataError(
            "reference must be a non-empty list of {instrument, article}",
            path=path,
            line=line,
            field=where,
        )
    out = []
    for i, item in enumerate(value):
        item_where = f"{where}[{i}]"
        m = expect_mapping(item, path, value.line_of(i), item_where)
        check_keys(m, path, item_where, {"instrument"}, {"article"})
        inst = m["instrument"]
        art = m.get("article")
        if not isinstance(inst, str):
            raise LawDataError(
                "instrument must be an id string",
                path=path,
                line=m.line_of("instrument"),
                field=f"{item_where}.instrument",
            )
        if art is not None and not isinstance(art, str | int):
            raise LawDataError(
                "article must be a string",
                path=path,
                line=m.line_of("article"),
                field=f"{item_where}.article",
            )
        out.append(RawCitation(inst, None if art is None else str(art), path, m.line))
    return tuple(out)


def collect_references(node: Any, path: str, where: str = "entries") -> list[RawCitation]:
    """Find every ``reference`` key anywhere inside a mapping's entries."""
    found: list[RawCitation] = []
    if isinstance(node, LineDict):
        for k, v in node.items():
            if k == "reference":
                found.extend(parse_reference(v, path, node.line_of(k), f"{where}.reference"))
            else:
                found.extend(collect_references(v, path, f"{where}.{k}"))
    elif isinstance(node, LineList):
        for i, v in enumerate(node):
            found.extend(collect_references(v, path, f"{where}[{i}]"))
    return found
