"""Parse and validate one development record, naming file, line and key of every problem.

Validation reuses the law-data helpers (:mod:`hegui.law.schema`) so that messages read the same,
and collects every problem of a record (a scaffolded record's blanks are named all at once).
"""

from __future__ import annotations

import re
from typing import Any

from hegui.developments.schema import (
    ACTIVITIES,
    AREAS,
    KINDS,
    RECORD_OPTIONAL,
    RECORD_REQUIRED,
    STATUSES,
    AppliesWhen,
    Dates,
    Development,
)
from hegui.errors import LawDataError
from hegui.law.schema import as_choice, as_date, as_opt_str, as_text, check_keys, expect_mapping
from hegui.law.yamlio import LineDict, LineList

_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
_URL = re.compile(r"^https?://\S+$")

_APPLIES_KEYS = {"sectors", "provinces", "ftz", "ciio", "min_individuals", "activities"}


# --- parsing ------------------------------------------------------------------------------------


class RecordErrors(LawDataError):
    """Every problem found in one record; reads as the first (topmost) one, lists all."""

    def __init__(self, problems: list[LawDataError]) -> None:
        self.problems = sorted(problems, key=lambda e: e.line or 0)
        first = self.problems[0]
        more = len(self.problems) - 1
        message = first.message + (f" (and {more} more problem(s))" if more else "")
        super().__init__(message, path=first.path, line=first.line, field=first.field)
        self.message = first.message if not more else message


def parse_development(data: Any, path: str) -> Development:
    """Validate one record (a LineDict from ``load_yaml``).

    Every key is checked even after a first error, so that a new record's blanks are all named at
    once; the raised :class:`RecordErrors` reads as the topmost problem and lists them all.
    """
    root = expect_mapping(data, path, getattr(data, "line", 1) or 1, "")
    problems: list[LawDataError] = []
    for k in root:
        if k not in RECORD_REQUIRED and k not in RECORD_OPTIONAL:
            allowed = ", ".join(sorted(RECORD_REQUIRED | RECORD_OPTIONAL))
            problems.append(
                LawDataError(
                    f"unknown key {k!r} (allowed: {allowed})",
                    path=path,
                    line=root.line_of(k),
                    field=str(k),
                )
            )
    for k in sorted(RECORD_REQUIRED - set(root)):
        problems.append(LawDataError("missing required key", path=path, line=root.line, field=k))
    values: dict[str, Any] = {}

    def step(key: str, parse: Any, *needs: str) -> None:
        if key in RECORD_REQUIRED and key not in root:
            return
        if any(n not in values for n in needs):
            return
        try:
            values[key] = parse()
        except LawDataError as exc:
            problems.append(exc)

    step("id", lambda: _parse_id(root, path))
    step("date", lambda: as_date(root, "date", path, "", nullable=False))
    step("authority", lambda: as_text(root, "authority", path, ""))
    step("instrument", lambda: as_text(root, "instrument", path, ""))
    step("instrument_id", lambda: as_opt_str(root, "instrument_id", path, ""))
    step("kind", lambda: as_choice(root, "kind", path, "", KINDS))
    step("status", lambda: as_choice(root, "status", path, "", STATUSES))
    step("binding", lambda: _opt_bool(root, "binding", path))
    step("dates", lambda: _parse_dates(root, path))
    step("draft", lambda: _check_draft(root, path, values), "status", "dates")
    step("areas", lambda: _str_list(root, "areas", path, _SLUG, "area ids", choices=AREAS))
    step("sectors", lambda: _str_list(root, "sectors", path, _SLUG, "ids", allow_empty=True))
    step("regions", lambda: _str_list(root, "regions", path, _SLUG, "ids", allow_empty=True))
    step("applies_when", lambda: _parse_applies(root, path))
    step("summary", lambda: as_text(root, "summary", path, ""))
    step("rules", lambda: _str_list(root, "rules", path, _RULE_ID, "rule ids", allow_empty=True))
    step("pending_rules", lambda: as_opt_str(root, "pending_rules", path, ""))
    step(
        "parameters",
        lambda: _str_list(root, "parameters", path, _RULE_ID, "parameter ids", allow_empty=True),
    )
    step("seed_item", lambda: _opt_int(root, "seed_item", path))
    step("notes", lambda: as_opt_str(root, "notes", path, ""))
    step("needs_review", lambda: as_opt_str(root, "needs_review", path, ""))
    step("source", lambda: _parse_source(root, path))
    if problems:
        raise RecordErrors(problems)
    return Development(
        id=values["id"],
        date=values["date"],
        authority=values["authority"],
        instrument=values["instrument"],
        kind=values["kind"],
        status=values["status"],
        dates=values["dates"],
        areas=values["areas"],
        applies_when=values["applies_when"],
        summary=values["summary"],
        rules=values["rules"],
        source=values["source"],
        instrument_id=values["instrument_id"],
        sectors=values["sectors"],
        regions=values["regions"],
        parameters=values["parameters"],
        pending_rules=values["pending_rules"],
        seed_item=values["seed_item"],
        notes=values["notes"],
        needs_review=values["needs_review"],
        binding_override=values["binding"],
        path=path,
        lines={str(k): root.line_of(k) for k in root},
    )


def _parse_id(root: LineDict, path: str) -> str:
    dev_id = root["id"]
    if not isinstance(dev_id, str) or not _ID.match(dev_id):
        raise LawDataError(
            "id must be lower_snake (letters, digits, underscores)",
            path=path,
            line=root.line_of("id"),
            field="id",
        )
    return dev_id


def _check_draft(root: LineDict, path: str, values: dict[str, Any]) -> None:
    if values["status"] == "draft_for_comment" and values["dates"].comment_deadline is None:
        raise LawDataError(
            "a draft for comment needs dates.comment_deadline (when comments close)",
            path=path,
            line=root.line_of("dates"),
            field="dates.comment_deadline",
        )


def _parse_source(root: LineDict, path: str) -> str:
    source = root["source"]
    if not isinstance(source, str) or not _URL.match(source):
        raise LawDataError(
            "source must be an http(s) URL", path=path, line=root.line_of("source"), field="source"
        )
    return source


def _opt_int(data: LineDict, key: str, path: str) -> int | None:
    value = data.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise LawDataError("must be an integer", path=path, line=data.line_of(key), field=key)
    return value


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
