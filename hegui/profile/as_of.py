"""The profile as known on a date: what is dated after the as-of date has not happened yet.

A profile is written today and records events with their dates (a filing filed, a request
received, an audit completed). Assessed as of an earlier date, those later events must not count:
a filing filed after the as-of date is not filed yet, a request received after it does not exist
yet. :func:`as_known_on` gives the profile as it stood on the as-of date, once, before any rule
runs, so that no rule has to compare event dates with the as-of date itself.

Which date fields are events is declared below, field by field (:data:`EVENTS`, :data:`ITEMS`);
the other date fields are plans, periods or schedules that rules read as such (:data:`KEPT`).
Counts (yearly transfer volumes, individuals stored) are not events and stay as they are.
``tests/profile/test_as_of.py`` checks that every date field of the profile models is classified.

Limits: facts without a date cannot be placed in time and stay as given (``notice_given``,
``separate_consent``, ``pi_officer_reported``, ``audit_reported`` when its audit is on or before
the date ...). ``mlps.systems[].protection_plan_years`` lists years, not submission dates: a plan for
a later year may have been submitted early, so the list is kept (unclear). A profile keeps one
date per event (e.g. the last evaluation): an earlier occurrence it replaced is not known, so as
of an earlier date that duty shows as not done.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from hegui.profile.models import Profile


@dataclass(frozen=True)
class Event:
    """A date field recording that something happened on that date.

    Later than the as-of date, the field is cleared; so are the ``reset`` fields that describe the
    same event (back to their defaults), and the ``falsify`` flags that say it happened.
    """

    path: str
    reset: tuple[str, ...] = ()
    falsify: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A list whose items exist only from their defining event (a request from its receipt)."""

    path: str
    by: str


@dataclass(frozen=True)
class Kept:
    """A date field that is a plan, a period or a schedule: left as it is, with the reason."""

    path: str
    why: str


EVENTS: tuple[Event, ...] = (
    # Designation is notification or publication; before it the data is not designated.
    Event("datasets[].important_data.notified_on", falsify=("designated", "core")),
    Event("transfers[].mechanism.filed_on", reset=("reference",)),
    Event("transfers[].mechanism.applied_on"),
    # No result yet: no validity period and no approval number either.
    Event("transfers[].mechanism.approved_on", reset=("valid_until", "reference")),
    Event("transfers[].mechanism.certificate_issued", reset=("valid_until", "reference")),
    Event("transfers[].mechanism.renewal_applied_on"),
    Event("transfers[].pia_completed_on"),
    Event("classification.datasets[].declared_on"),
    Event("facial_recognition.deployments[].filed_on", reset=("filing_reference",)),
    Event("facial_recognition.deployments[].material_changes[].refiled_on"),
    # A termination after the as-of date means the deployment was still in use on it.
    Event("facial_recognition.deployments[].terminated_on"),
    Event("facial_recognition.deployments[].deregistered_on"),
    Event("facial_recognition.deployments[].pia_completed_on"),
    # audit_reported speaks of the latest audit: with that audit gone it is unknown again.
    Event("minors.last_audit_on", reset=("audit_reported",)),
    Event("pi_audit.entities[].orders[].report_submitted_on"),
    Event("pi_audit.entities[].orders[].rectified_on"),
    Event("pi_audit.entities[].orders[].rectification_report_on"),
    Event("governance.entities[].pi_officer_designated_on", falsify=("pi_officer_designated",)),
    Event("governance.entities[].pi_officer_reported_on", falsify=("pi_officer_reported",)),
    Event("governance.entities[].pi_officer_changes[].reported_on"),
    Event("governance.entities[].important_data_since", falsify=("important_data_processor",)),
    Event("mlps.systems[].graded_on"),
    Event("mlps.systems[].expert_review_on"),
    Event("mlps.systems[].filed_on"),
    Event("mlps.systems[].refiled_2025_template_on"),
    Event("mlps.systems[].last_evaluation_on"),
    Event("video_surveillance.systems[].filed_on"),
    Event("video_surveillance.systems[].changes[].refiled_on"),
    Event("network_id.platforms[].connected_on", falsify=("connected",)),
    Event("network_id.platforms[].export_assessment_approved_on"),
    # The answer, its outcome and its reasons are one event.
    Event("rights.requests[].answered", reset=("outcome", "reasons_given")),
    Event("incident_response.plan_reviewed_on"),
)

ITEMS: tuple[Item, ...] = (
    Item("rights.requests[]", by="received"),
    Item("pi_audit.entities[].audits[]", by="completed_on"),
    Item("pi_audit.entities[].orders[]", by="ordered_on"),
    Item("pi_audit.entities[].incidents[]", by="occurred_on"),
    Item("governance.entities[].risk_assessment_reports[]", by="submitted_on"),
    # A change of officer that has not taken effect yet owes no change report yet.
    Item("governance.entities[].pi_officer_changes[]", by="changed_on"),
    # A change that has not taken effect yet owes no re-filing yet.
    Item("facial_recognition.deployments[].material_changes[]", by="changed_on"),
    Item("video_surveillance.systems[].changes[]", by="changed_on"),
)

KEPT: tuple[Kept, ...] = (
    Kept(
        "systems[].live_date",
        "Unclear: an event once past, but a profile may give a planned go-live date; the MLPS "
        "rules compute the filing deadline from it and show a later date as still ahead.",
    ),
    Kept(
        "video_surveillance.systems[].in_use_since",
        "Unclear, as systems[].live_date: a planned start of use gives a filing deadline ahead.",
    ),
    Kept(
        "transfers[].start_date",
        "The transfer's period; the cross-border rules treat a later start as planned.",
    ),
    Kept("transfers[].end_date", "The transfer's period."),
    Kept("transfers[].volumes{}.planned_on", "A plan: when the planned volume is to start."),
    Kept(
        "transfers[].mechanism.contract_effective",
        "Unclear: a contract term that may be agreed ahead of time; the filing period runs from "
        "it, so a later date gives a filing still ahead (not a filing already owed).",
    ),
    Kept(
        "transfers[].mechanism.valid_until",
        "A period end; cleared with approved_on or certificate_issued when the result is later.",
    ),
    Kept("pi_audit.entities[].orders[].deadline", "A time limit set by the order."),
    Kept(
        "governance.entities[].pi_officer_threshold_reached_on",
        "As facial_recognition.deployments[].threshold_reached_on: individuals_processed is "
        "today's count, so the reporting rule reads a later date as not reached yet.",
    ),
    Kept(
        "facial_recognition.deployments[].threshold_reached_on",
        "individuals_stored is today's count: clearing the date would leave a count above the "
        "threshold with no date, so the filing rule itself reads a later date as not reached yet.",
    ),
)

ItemT = TypeVar("ItemT", bound=BaseModel)

# Dates of list items that define them (handled by ITEMS, not by EVENTS).
_ITEM_DATES = tuple(f"{i.path}.{i.by}" for i in ITEMS)


@dataclass(frozen=True)
class Hidden:
    """One fact of the profile that lies after the as-of date, left out of the view."""

    path: str
    date: dt.date

    def __str__(self) -> str:
        return f"{self.path} {self.date.isoformat()}"


def as_known_on(profile: Profile, as_of: dt.date) -> tuple[Profile, list[Hidden]]:
    """The profile as it stood on ``as_of``, and the later facts left out of it.

    The profile itself is not changed; parts without later facts are shared with it.
    """
    hidden: list[Hidden] = []
    view: Any = profile
    for item in ITEMS:
        view = _edit(view, _split(item.path), "", _drop_later(item.by, as_of, hidden))
    for event in EVENTS:
        *parents, leaf = _split(event.path)
        view = _edit(view, [*parents, (leaf[0], False)], "", _clear_later(event, as_of, hidden))
    assert isinstance(view, Profile)
    return view, hidden


def item_as_known_on(item: ItemT, path: str, as_of: dt.date) -> tuple[ItemT | None, list[Hidden]]:
    """One list item (e.g. a ``rights.requests[]`` entry) as known on ``as_of``.

    None if its defining event lies after ``as_of``; otherwise its later events cleared.
    """
    hidden: list[Hidden] = []
    label = f"{path.removesuffix('[]')}[{_label(item, 0)}]"
    for spec in ITEMS:
        day = getattr(item, spec.by) if spec.path == path else None
        if day is not None and day > as_of:
            return None, [Hidden(f"{label}.{spec.by}", day)]
    view: Any = item
    for event in EVENTS:
        rest = event.path.removeprefix(path + ".")
        if rest != event.path:
            *parents, leaf = _split(rest)
            clear = _clear_later(event, as_of, hidden)
            view = _edit(view, [*parents, (leaf[0], False)], label, clear)
    return view, hidden


def date_fields(model: type[BaseModel] = Profile) -> list[str]:
    """Paths of every date field of ``model`` (``[]`` marks list items, ``{}`` mapping values)."""
    out: list[str] = []
    _collect(model, "", out)
    return out


def classified() -> set[str]:
    """The date-field paths this module declares (events, item dates and kept dates)."""
    return {e.path for e in EVENTS} | set(_ITEM_DATES) | {k.path for k in KEPT}


# --- walking the models ------------------------------------------------------------------------

_Segment = tuple[str, bool]  # (field name, the field is a list)
# Called with the model holding the last segment and its label; returns the model, edited or not.
_Leaf = Callable[[BaseModel, str, str], BaseModel]


def _split(path: str) -> list[_Segment]:
    return [(part.removesuffix("[]"), part.endswith("[]")) for part in path.split(".")]


def _label(item: BaseModel, index: int) -> str:
    for key in ("id", "dataset", "system", "entity"):
        value = getattr(item, key, None)
        if isinstance(value, str):
            return value
    return str(index)


def _edit(node: Any, segments: list[_Segment], where: str, leaf: _Leaf) -> Any:
    """Apply ``leaf`` at the end of ``segments`` below ``node``; copy only what changes."""
    if node is None:
        return None
    name, is_list = segments[0]
    here = f"{where}.{name}" if where else name
    if len(segments) == 1:
        return leaf(node, name, here)
    value = getattr(node, name)
    if value is None:
        return node
    if is_list:
        new: Any = [
            _edit(x, segments[1:], f"{here}[{_label(x, i)}]", leaf) for i, x in enumerate(value)
        ]
        changed = any(a is not b for a, b in zip(new, value, strict=True))
    else:
        new = _edit(value, segments[1:], here, leaf)
        changed = new is not value
    return node.model_copy(update={name: new}) if changed else node


def _drop_later(by: str, as_of: dt.date, hidden: list[Hidden]) -> _Leaf:
    def leaf(node: BaseModel, name: str, here: str) -> BaseModel:
        items = getattr(node, name)
        kept = []
        for i, x in enumerate(items):
            day = getattr(x, by)
            if day is not None and day > as_of:
                hidden.append(Hidden(f"{here}[{_label(x, i)}].{by}", day))
            else:
                kept.append(x)
        return node.model_copy(update={name: kept}) if len(kept) < len(items) else node

    return leaf


def _clear_later(event: Event, as_of: dt.date, hidden: list[Hidden]) -> _Leaf:
    def leaf(node: BaseModel, name: str, here: str) -> BaseModel:
        day = getattr(node, name)
        if day is None or day <= as_of:
            return node
        hidden.append(Hidden(here, day))
        fields = type(node).model_fields
        update: dict[str, Any] = {name: None}
        for key in event.reset:
            update[key] = fields[key].get_default(call_default_factory=True)
        for key in event.falsify:
            update[key] = False
        return node.model_copy(update=update)

    return leaf


def _collect(model: type[BaseModel], prefix: str, out: list[str]) -> None:
    for name, field in model.model_fields.items():
        _visit(field.annotation, prefix + name, out)


def _visit(annotation: Any, path: str, out: list[str]) -> None:
    origin = typing.get_origin(annotation)
    if annotation in (dt.date, dt.datetime):
        out.append(path)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            _visit(arg, path, out)
    elif origin is list:
        _visit(typing.get_args(annotation)[0], path + "[]", out)
    elif origin is dict:
        _visit(typing.get_args(annotation)[1], path + "{}", out)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        _collect(annotation, path + ".", out)
