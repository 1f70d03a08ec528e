"""The shape of a development record and its validation, naming file, line and key of each error.

A development is one item of regulatory news (a new law, a draft, an enforcement action ...) with
the machine-readable conditions under which it concerns an organisation (``applies_when``) and the
rule ids and parameters it created or changed. Validation reuses the law-data helpers so that the
error messages read the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from hegui.errors import LawDataError
from hegui.law.schema import as_choice, as_date, as_opt_str, as_text, check_keys, expect_mapping
from hegui.law.yamlio import LineDict, LineList
from hegui.models import Text

KINDS = frozenset(
    {
        "law",
        "regulation",
        "rule",
        "standard",
        "notice",
        "qa",
        "plan",
        "enforcement",
        "campaign",
        "judicial_interpretation",
    }
)
STATUSES = frozenset({"draft_for_comment", "final", "in_force", "repealed"})
AREAS = frozenset(
    {
        "personal_information",
        "data_security",
        "cybersecurity",
        "cross_border",
        "data_systems",
        "minors",
        "penalties",
        "artificial_intelligence",
    }
)
# Activities an organisation may carry on; each is derived from profile facts (applicability.py).
ACTIVITIES = frozenset(
    {
        "personal_information",
        "sensitive_personal_information",
        "cross_border",
        "important_data",
        "facial_recognition",
        "video_surveillance",
        "apps",
        "minors",
        "mlps",
    }
)
# Kinds that tell the reader something but create no duty of their own.
INFORMATIONAL_KINDS = frozenset(
    {"plan", "enforcement", "campaign", "qa", "judicial_interpretation"}
)

_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
_URL = re.compile(r"^https?://\S+$")

_RECORD_REQUIRED = {
    "id",
    "date",
    "authority",
    "instrument",
    "kind",
    "status",
    "dates",
    "areas",
    "applies_when",
    "summary",
    "rules",
    "source",
}
_RECORD_OPTIONAL = {
    "instrument_id",
    "sectors",
    "regions",
    "parameters",
    "pending_rules",
    "seed_item",
    "notes",
    "needs_review",
    "binding",
}
_APPLIES_KEYS = {"sectors", "provinces", "ftz", "ciio", "min_individuals", "activities"}


@dataclass(frozen=True)
class AppliesWhen:
    """Machine-readable applicability; every given condition must hold (see docs/developments.md).

    Entity conditions (sectors, provinces, ftz, ciio, min_individuals) must all hold for one and
    the same entity of the group; a list condition holds when any listed value matches.
    ``activities`` holds when the organisation carries on any listed activity.
    """

    sectors: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    ftz: tuple[str, ...] = ()
    ciio: bool | None = None
    min_individuals: int | None = None
    activities: tuple[str, ...] = ()

    @property
    def everyone(self) -> bool:
        """True when no condition is set: the development concerns every organisation."""
        return not (
            self.sectors
            or self.provinces
            or self.ftz
            or self.ciio is not None
            or self.min_individuals is not None
            or self.activities
        )

    @property
    def entity_conditions(self) -> bool:
        return bool(
            self.sectors
            or self.provinces
            or self.ftz
            or self.ciio is not None
            or self.min_individuals is not None
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("sectors", "provinces", "ftz", "activities"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.ciio is not None:
            out["ciio"] = self.ciio
        if self.min_individuals is not None:
            out["min_individuals"] = self.min_individuals
        return out


@dataclass(frozen=True)
class Dates:
    issued: dt.date | None = None
    effective: dt.date | None = None
    comment_deadline: dt.date | None = None


@dataclass(frozen=True)
class Development:
    """One regulatory development, as validated from its YAML record."""

    id: str
    date: dt.date
    authority: Text
    instrument: Text
    kind: str
    status: str
    dates: Dates
    areas: tuple[str, ...]
    applies_when: AppliesWhen
    summary: Text
    rules: tuple[str, ...]
    source: str
    instrument_id: str | None = None
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    pending_rules: str | None = None
    seed_item: int | None = None
    notes: str | None = None
    needs_review: str | None = None
    binding_override: bool | None = None
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def proposed(self) -> bool:
        """True for a draft published for comment: shown as proposed, never as binding."""
        return self.status == "draft_for_comment"

    @property
    def informational(self) -> bool:
        """True when the kind creates no duty of its own (plans, enforcement, Q&As ...)."""
        return self.kind in INFORMATIONAL_KINDS

    @property
    def binding(self) -> bool:
        """True when it creates duties once final: by kind unless the record says ``binding``."""
        if self.binding_override is not None:
            return self.binding_override
        return not self.informational and self.kind != "standard" and not self.proposed

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (used by the JSON digest and feeds)."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "authority": self.authority.model_dump(),
            "instrument": self.instrument.model_dump(),
            "instrument_id": self.instrument_id,
            "kind": self.kind,
            "status": self.status,
            "dates": {
                k: (v.isoformat() if v else None)
                for k, v in (
                    ("issued", self.dates.issued),
                    ("effective", self.dates.effective),
                    ("comment_deadline", self.dates.comment_deadline),
                )
            },
            "areas": list(self.areas),
            "sectors": list(self.sectors),
            "regions": list(self.regions),
            "applies_when": self.applies_when.to_dict(),
            "summary": self.summary.model_dump(),
            "rules": list(self.rules),
            "pending_rules": self.pending_rules,
            "parameters": list(self.parameters),
            "source": self.source,
            "binding": self.binding,
            "needs_review": self.needs_review,
        }


# --- parsing ------------------------------------------------------------------------------------


def parse_development(data: Any, path: str) -> Development:
    """Validate one record (a LineDict from ``load_yaml``); LawDataError names file, line, key."""
    root = expect_mapping(data, path, getattr(data, "line", 1) or 1, "")
    check_keys(root, path, "", _RECORD_REQUIRED, _RECORD_OPTIONAL)
    dev_id = root["id"]
    if not isinstance(dev_id, str) or not _ID.match(dev_id):
        raise LawDataError(
            "id must be lower_snake (letters, digits, underscores)",
            path=path,
            line=root.line_of("id"),
            field="id",
        )
    date = as_date(root, "date", path, "", nullable=False)
    assert date is not None
    kind = as_choice(root, "kind", path, "", KINDS)
    status = as_choice(root, "status", path, "", STATUSES)
    dates = _parse_dates(root, path)
    if status == "draft_for_comment" and dates.comment_deadline is None:
        raise LawDataError(
            "a draft for comment needs dates.comment_deadline (when comments close)",
            path=path,
            line=root.line_of("dates"),
            field="dates.comment_deadline",
        )
    summary = as_text(root, "summary", path, "")
    rules = _str_list(root, "rules", path, _RULE_ID, "dotted rule ids", allow_empty=True)
    pending = as_opt_str(root, "pending_rules", path, "")
    seed_item = root.get("seed_item")
    if seed_item is not None and (isinstance(seed_item, bool) or not isinstance(seed_item, int)):
        raise LawDataError(
            "seed_item must be an integer",
            path=path,
            line=root.line_of("seed_item"),
            field="seed_item",
        )
    source = root["source"]
    if not isinstance(source, str) or not _URL.match(source):
        raise LawDataError(
            "source must be an http(s) URL", path=path, line=root.line_of("source"), field="source"
        )
    return Development(
        id=dev_id,
        date=date,
        authority=as_text(root, "authority", path, ""),
        instrument=as_text(root, "instrument", path, ""),
        kind=kind,
        status=status,
        dates=dates,
        areas=_str_list(root, "areas", path, _SLUG, "area ids", choices=AREAS),
        applies_when=_parse_applies(root, path),
        summary=summary,
        rules=rules,
        source=source,
        instrument_id=as_opt_str(root, "instrument_id", path, ""),
        sectors=_str_list(root, "sectors", path, _SLUG, "sector ids", allow_empty=True),
        regions=_str_list(root, "regions", path, _SLUG, "province ids", allow_empty=True),
        parameters=_str_list(root, "parameters", path, _RULE_ID, "parameter ids", allow_empty=True),
        pending_rules=pending,
        seed_item=seed_item,
        notes=as_opt_str(root, "notes", path, ""),
        needs_review=as_opt_str(root, "needs_review", path, ""),
        binding_override=_opt_bool(root, "binding", path),
        path=path,
        lines={str(k): root.line_of(k) for k in root},
    )


def _opt_bool(data: LineDict, key: str, path: str) -> bool | None:
    value = data.get(key)
    if value is not None and not isinstance(value, bool):
        raise LawDataError("must be true or false", path=path, line=data.line_of(key), field=key)
    return value


def _parse_dates(root: LineDict, path: str) -> Dates:
    m = expect_mapping(root["dates"], path, root.line_of("dates"), "dates")
    check_keys(m, path, "dates", set(), {"issued", "effective", "comment_deadline"})
    return Dates(
        issued=as_date(m, "issued", path, "dates"),
        effective=as_date(m, "effective", path, "dates"),
        comment_deadline=as_date(m, "comment_deadline", path, "dates"),
    )


def _parse_applies(root: LineDict, path: str) -> AppliesWhen:
    m = expect_mapping(root["applies_when"], path, root.line_of("applies_when"), "applies_when")
    check_keys(m, path, "applies_when", set(), _APPLIES_KEYS)
    ciio = m.get("ciio")
    if ciio is not None and not isinstance(ciio, bool):
        raise LawDataError(
            "ciio must be true or false",
            path=path,
            line=m.line_of("ciio"),
            field="applies_when.ciio",
        )
    minimum = m.get("min_individuals")
    if minimum is not None and (
        isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0
    ):
        raise LawDataError(
            "min_individuals must be a non-negative integer",
            path=path,
            line=m.line_of("min_individuals"),
            field="applies_when.min_individuals",
        )
    return AppliesWhen(
        sectors=_str_list(
            m, "sectors", path, _SLUG, "sector ids", allow_empty=True, where="applies_when"
        ),
        provinces=_str_list(
            m, "provinces", path, _SLUG, "province ids", allow_empty=True, where="applies_when"
        ),
        ftz=_str_list(m, "ftz", path, _SLUG, "FTZ ids", allow_empty=True, where="applies_when"),
        ciio=ciio,
        min_individuals=minimum,
        activities=_str_list(
            m,
            "activities",
            path,
            _SLUG,
            "activity ids",
            allow_empty=True,
            choices=ACTIVITIES,
            where="applies_when",
        ),
    )


def _str_list(
    data: LineDict,
    key: str,
    path: str,
    pattern: re.Pattern[str],
    what: str,
    *,
    allow_empty: bool = False,
    choices: frozenset[str] | None = None,
    where: str = "",
) -> tuple[str, ...]:
    label = f"{where}.{key}" if where else key
    value = data.get(key)
    if value is None:
        if allow_empty:
            return ()
        raise LawDataError(f"expected a list of {what}", path=path, line=data.line, field=label)
    if not isinstance(value, LineList) or (not value and not allow_empty):
        raise LawDataError(
            f"expected a {'' if allow_empty else 'non-empty '}list of {what}",
            path=path,
            line=data.line_of(key),
            field=label,
        )
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not pattern.match(item):
            raise LawDataError(
                f"{item!r} is not a valid entry ({what})",
                path=path,
                line=value.line_of(i),
                field=f"{label}[{i}]",
            )
        if choices is not None and item not in choices:
            raise LawDataError(
                f"{item!r} is not one of {', '.join(sorted(choices))}",
                path=path,
                line=value.line_of(i),
                field=f"{label}[{i}]",
            )
        if item in out:
            raise LawDataError(
                f"duplicate entry {item!r}", path=path, line=value.line_of(i), field=f"{label}[{i}]"
            )
        out.append(item)
    return tuple(out)
