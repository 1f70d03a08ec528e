"""Obligations that appear, disappear or change between two as-of dates, and what caused each.

Two assessments are compared finding by finding, keyed by ``(rule_id, subject)``. A change is put
down to a development that changed one of the rule's parameters (``parameters``), or lists the
rule (``rules``) and binds, when it takes effect inside the window or one of those parameters
changes value inside it. Otherwise the diff says what else moved (an instrument the rule cites
taking effect, or simply a due date that passed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hegui.developments.schema import Development
from hegui.models import Finding, Status, Text
from hegui.rules.engine import Assessment

CHANGE_KINDS = ("appeared", "disappeared", "changed")


@dataclass(frozen=True)
class State:
    """What one finding said on one date."""

    status: Status
    due: dt.date | None
    proposed: bool

    @classmethod
    def of(cls, f: Finding) -> State:
        return cls(f.status, f.due, f.proposed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "due": self.due.isoformat() if self.due else None,
            "proposed": self.proposed,
        }


@dataclass(frozen=True)
class ObligationChange:
    """One obligation that appeared, disappeared or changed status or due date."""

    rule_id: str
    subject: str | None
    title: Text
    change: str
    before: State | None
    after: State | None
    causes: tuple[str, ...] = ()
    explanation: tuple[str, ...] = ()
    #: Causes that are not developments: profile facts dated in the window, time passing, an
    #: instrument taking effect without a record (short labels for one-line renderings).
    other_causes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "subject": self.subject,
            "title": self.title.model_dump(),
            "change": self.change,
            "before": self.before.to_dict() if self.before else None,
            "after": self.after.to_dict() if self.after else None,
            "caused_by": list(self.causes),
            "other_causes": list(self.other_causes),
            "explanation": list(self.explanation),
        }


@dataclass(frozen=True)
class LawDiff:
    """The difference between two assessments of one profile."""

    organisation: str
    start: dt.date
    end: dt.date
    changes: tuple[ObligationChange, ...]
    developments: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "changes": [c.to_dict() for c in self.changes],
            "developments_in_window": list(self.developments),
        }


def effective_on(dev: Development) -> dt.date:
    """The day a development starts to bite: its effective date, else its publication date."""
    return dev.dates.effective or dev.dates.issued or dev.date


def links_rule(dev: Development, rule_id: str, rule_parameters: Iterable[str] = ()) -> bool:
    """True if the development lists the rule (created, changed or enforced) or one of its parameters."""
    return rule_id in dev.rules or bool(set(dev.parameters) & set(rule_parameters))


def caused(dev: Development, rule_id: str, rule_parameters: Iterable[str] = ()) -> bool:
    """True if the development can have changed the rule's findings.

    A changed parameter always counts; a listed rule counts only for a development that binds (or
    proposes): an enforcement notice or a Q&A lists the rules it enforces but changes none of them.
    """
    if set(dev.parameters) & set(rule_parameters):
        return True
    return rule_id in dev.rules and (dev.binding or dev.proposed)


def _by_key(findings: Iterable[Finding]) -> dict[tuple[str, str | None], Finding]:
    """Index findings; a rule reporting the same subject twice keeps its most pressing finding."""
    out: dict[tuple[str, str | None], Finding] = {}
    for f in findings:
        key = (f.rule_id, f.subject)
        if key not in out or f.status.rank > out[key].status.rank:
            out[key] = f
    return out


def diff_assessments(
    before: Assessment,
    after: Assessment,
    developments: Sequence[Development] = (),
) -> LawDiff:
    """Compare two assessments of one profile (``before.as_of`` < ``after.as_of``)."""
    from hegui.rules.registry import all_rules

    rules = all_rules()
    old, new = _by_key(before.findings), _by_key(after.findings)
    start, end = before.as_of, after.as_of
    window = sorted(
        (d for d in developments if start < effective_on(d) <= end),
        key=lambda d: (effective_on(d), d.id),
    )
    changes: list[ObligationChange] = []
    for key in sorted(set(old) | set(new), key=lambda k: (k[0], k[1] or "")):
        a, b = old.get(key), new.get(key)
        a_open = a is not None and a.is_open()
        b_open = b is not None and b.is_open()
        if not a_open and b_open:
            kind = "appeared"
        elif a_open and not b_open:
            kind = "disappeared"
        elif a_open and b_open and a is not None and b is not None and State.of(a) != State.of(b):
            kind = "changed"
        else:
            continue
        finding = b or a
        assert finding is not None
        rule = rules.get(key[0])
        params = rule.parameters if rule is not None else ()
        # A record of the very instrument the rule cites, taking effect in the window, is the cause
        # even when it does not bind in general (a Q&A the rule rests on).
        cited = {inst for inst, _ in rule.cites} if rule is not None else set()
        causes = tuple(
            d.id for d in window if caused(d, key[0], params) or d.instrument_id in cited
        )
        causes += tuple(
            d.id
            for d in developments
            if d.id not in causes and d.date <= end and _param_moved(d, params, start, end)
        )
        notes = [] if causes or rule is None else _instrument_dates(rule.cites, start, end)
        facts = _fact_changes(a, b)
        changes.append(
            ObligationChange(
                rule_id=key[0],
                subject=key[1],
                title=finding.title,
                change=kind,
                before=State.of(a) if a is not None else None,
                after=State.of(b) if b is not None else None,
                causes=causes,
                explanation=tuple(
                    _explain(a, b, start, end, causes, _listed_only(window, key[0], causes))
                    + notes
                    + (
                        [f"Profile facts dated in the window changed: {'; '.join(facts)}."]
                        if facts
                        else []
                    )
                ),
                other_causes=() if causes else _other_causes(a, b, facts, notes),
            )
        )
    changes.sort(key=lambda c: (CHANGE_KINDS.index(c.change), _due(c), c.rule_id, c.subject or ""))
    return LawDiff(
        organisation=after.organisation,
        start=start,
        end=end,
        changes=tuple(changes),
        developments=tuple(d.id for d in window),
    )


def _short(value: Any) -> str:
    text = "-" if value is None else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _fact_changes(a: Finding | None, b: Finding | None) -> list[str]:
    """``key: before -> after`` for the facts both findings hold with different values.

    Facts are the profile facts a rule read; seen as of two dates, they differ where the profile
    records an event dated inside the window (an evaluation done, a filing made).
    """
    if a is None or b is None:
        return []
    return [
        f"{k}: {_short(a.facts[k])} -> {_short(b.facts[k])}"
        for k in a.facts
        if k in b.facts and a.facts[k] != b.facts[k]
    ]


def _other_causes(
    a: Finding | None, b: Finding | None, facts: Sequence[str], notes: Sequence[str]
) -> tuple[str, ...]:
    """Short labels for a change no development record caused (see ObligationChange)."""
    out: list[str] = []
    if facts:
        out.append(
            "profile facts dated in the period ("
            + ", ".join(f.split(":", 1)[0] for f in facts)
            + ")"
        )
    if notes:
        out.append("a cited instrument took effect")
    if not out and a is not None and b is not None and a.status != b.status:
        out.append("time passed")
    return tuple(out)


def _param_moved(dev: Development, params: Iterable[str], start: dt.date, end: dt.date) -> bool:
    """True if a parameter the development changed (and the rule uses) moves inside the window.

    This catches a record whose parameters change on a later date than its own effective date
    (e.g. two instruments in one record, binding on different days).
    """
    from hegui.law.loader import get_law

    law = get_law()
    shared = set(dev.parameters) & set(params)
    return any(start < day <= end for p in shared for day in law.parameter_dates(p))


def _instrument_dates(
    cites: Iterable[tuple[str, str | None]], start: dt.date, end: dt.date
) -> list[str]:
    """Name the cited instruments that take effect in the window (no development record needed)."""
    from hegui.law.loader import get_law

    law = get_law()
    out = []
    for inst_id in dict.fromkeys(inst for inst, _ in cites):
        inst = law.instruments.get(inst_id)
        if inst is not None and inst.effective is not None and start < inst.effective <= end:
            out.append(
                f"The rule rests on {inst.short.en} ({inst_id}), in force from {inst.effective}."
            )
    return out


def _listed_only(window: Sequence[Development], rule_id: str, causes: tuple[str, ...]) -> list[str]:
    """Records in the window that list the rule but were not counted as a cause (they bind none)."""
    return [d.id for d in window if rule_id in d.rules and d.id not in causes]


def _due(c: ObligationChange) -> dt.date:
    state = c.after or c.before
    return state.due if state is not None and state.due is not None else dt.date.max


def _explain(
    a: Finding | None,
    b: Finding | None,
    start: dt.date,
    end: dt.date,
    causes: tuple[str, ...],
    listed: Sequence[str] = (),
) -> list[str]:
    out: list[str] = []
    if causes:
        out.append(
            f"Caused by development(s) taking effect, or changing a parameter, in the window: "
            f"{', '.join(causes)}."
        )
    if a is not None and b is not None:
        if a.status != b.status:
            out.append(f"Status {a.status.value} -> {b.status.value}.")
        if a.due != b.due:
            out.append(f"Due date {a.due or '-'} -> {b.due or '-'}.")
        if (
            b.status == Status.OVERDUE
            and a.status == Status.DUE
            and b.due is not None
            and start <= b.due < end
        ):
            out.append(f"Time passed: the due date {b.due} fell inside the window.")
    elif a is None:
        out.append(f"No finding for this subject on {start}.")
    else:
        out.append(f"No finding for this subject on {end}.")
    if not causes and listed:
        out.append(
            f"{', '.join(listed)} in the window list(s) this rule but create(s) no duty of their "
            "own (enforcement, Q&A, guidance), so are not counted as the cause."
        )
    elif not causes:
        out.append("No development record in the window links this rule.")
    return out
