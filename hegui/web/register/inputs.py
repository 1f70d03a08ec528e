"""Checks on untrusted input shared by the register's forms, views and JSON API.

One place decides what a JSON body, a YAML facts block, a date or an id from a request may be, so
that a bad value becomes an error naming its field (a 400 or a form error), never a 500 from the
database or the core: non-UTF-8 or non-JSON bodies, NaN and Infinity, nesting deep enough to
exhaust the recursion limit, dates outside the years a register can hold, and personal
information where only a reference belongs.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from hegui.errors import HeguiError

# Dates a register record may carry. Outside this window a date is a typo (0001, 9999), and near
# the ends of Python's range a time-zone shift or an added period overflows.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)
# Deeper than any record the register stores; well under Python's recursion limit.
MAX_DEPTH = 20


class InputError(HeguiError):
    """A request value is malformed: the message names the field."""


def parse_json(raw: bytes, *, source: str) -> Any:
    """Decode a JSON document strictly: UTF-8, no NaN/Infinity, bounded nesting."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=source) from None
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc}", path=source) from None
    except RecursionError:
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels", path=source) from None
    except ValueError as exc:  # from the hooks below
        raise InputError(str(exc), path=source) from None
    depth_ok(data, source=source)
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def depth_ok(value: Any, *, source: str, depth: int = 0) -> None:
    """Refuse containers nested deeper than :data:`MAX_DEPTH` (iteratively: no recursion)."""
    stack = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            if level >= MAX_DEPTH:
                raise InputError(f"nested deeper than {MAX_DEPTH} levels", path=source)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)


def plain(value: Any, *, field: str, depth: int = 0) -> Any:
    """``value`` as plain JSON data: dates and times as ISO text at any depth, keys as text.

    Raises:
        InputError: NaN or Infinity, a date outside the register's range, a value JSON cannot
            hold, or nesting deeper than :data:`MAX_DEPTH`; the message names the path.
    """
    if depth > MAX_DEPTH:
        raise InputError(_("nested deeper than %(n)s levels") % {"n": MAX_DEPTH}, field=field)
    if isinstance(value, dict):
        return {str(k): plain(v, field=f"{field}.{k}", depth=depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, field=f"{field}[{i}]", depth=depth + 1) for i, v in enumerate(value)]
    if isinstance(value, dt.date):  # datetime is a date too
        day = value.date() if isinstance(value, dt.datetime) else value
        if not EARLIEST <= day <= LATEST:
            raise InputError(_out_of_range(), field=field)
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(_("must be a finite number (not NaN or Infinity)"), field=field)
    if value is None or isinstance(value, str | bool | int | float):
        return value
    raise InputError(
        _("a value of type %(type)s cannot be stored") % {"type": type(value).__name__},
        field=field,
    )


def _out_of_range() -> str:
    return _("must be between %(a)s and %(b)s") % {
        "a": EARLIEST.isoformat(),
        "b": LATEST.isoformat(),
    }


def check_in_range(value: dt.date | dt.datetime | None) -> None:
    """Django validator: the date (or the local date of a time) lies in the register's range."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(_out_of_range(), code="out_of_range")


# A detection time a few minutes ahead is a clock difference between machines, not a typo.
_CLOCK_SKEW = dt.timedelta(minutes=5)


def not_in_future(value: dt.date | dt.datetime | None) -> None:
    """Django validator: a time that has already happened (detection, receipt) is not future.

    A date or time in the future is a typo (a wrong year in the date picker) that would push
    every deadline computed from it out of sight.
    """
    from django.utils import timezone

    if value is None:
        return
    if isinstance(value, dt.datetime):
        late = value > timezone.now() + _CLOCK_SKEW
    else:
        late = value > timezone.localdate()
    if late:
        raise forms.ValidationError(_("must not be in the future"), code="future")


def int_or_none(value: Any) -> int | None:
    """An id from a form field or query string, or None when it is not a positive integer."""
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)


# A context word in front of a reference lets the name detector judge a bare name, which it
# only reports next to words such as 姓名 (a ticket reference never needs one).
_NAME_CONTEXT = "申请人姓名："


def personal_info_in(text: str, *, names: bool = True) -> list[str]:
    """Entity types ``hegui.detect`` finds in ``text`` (e.g. ``CN_MOBILE``); empty if none.

    With ``names``, the text is also read as if it followed "applicant's name:", so a bare
    Chinese name is found too.
    """
    from hegui import api

    found = {d.entity for d in api.detect(text)}
    if names:
        offset = len(_NAME_CONTEXT)
        found |= {d.entity for d in api.detect(_NAME_CONTEXT + text) if d.end > offset}
    return sorted(found)


# JSON types each kind of form field takes (dates travel as ISO text, ids as numbers or text).
_TYPES: tuple[tuple[tuple[type[forms.Field], ...], tuple[type, ...], str], ...] = (
    ((forms.ModelChoiceField,), (int, str), "an id"),
    ((forms.IntegerField,), (int, str), "an integer"),
    ((forms.DateField, forms.DateTimeField), (str,), "a date or time string (ISO 8601)"),
    ((forms.CharField,), (str,), "a string"),
    ((forms.ChoiceField,), (str,), "a string (one of the choices)"),
)


def json_type_errors(
    form: type[forms.BaseForm], data: dict[str, Any]
) -> dict[str, list[dict[str, str]]]:
    """Per field of ``form``, a JSON value of the wrong type in ``data`` (form-errors shape)."""
    errors: dict[str, list[dict[str, str]]] = {}
    for name, value in data.items():
        field = form.base_fields.get(name)
        if field is None or value is None:
            continue  # unknown keys are ignored; null clears an optional field
        for kinds, allowed, label in _TYPES:
            if isinstance(field, kinds):
                if isinstance(value, bool) or not isinstance(value, allowed):
                    message = f"must be {label}, not {_json_type(value)}"
                    errors[name] = [{"message": message, "code": "type"}]
                break
    return errors


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", bool: "a boolean", str: "a string"}
    return names.get(type(value), "a number")


def time_out_of_range(facts: dict[str, Any]) -> str:
    """The first incident time in ``facts`` outside the register's range ("" if none), by path.

    Checked before the core sees them: near year 9999 its conversion to Asia/Shanghai overflows.
    """
    times = [(k, facts.get(k)) for k in ("occurred_at", "handling_ended_at")]
    made = facts.get("reports_made")
    if isinstance(made, list):
        times += [
            (f"reports_made[{i}].at", r.get("at"))
            for i, r in enumerate(made)
            if isinstance(r, dict)
        ]
    for name, raw in times:
        try:
            when = dt.datetime.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            continue  # not a time at all: the core names the field
        if when is not None and not EARLIEST <= when.date() <= LATEST:
            return name
    return ""
