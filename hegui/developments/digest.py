"""A digest of the developments of a period, tailored to one organisation.

For each development published in the period the digest says whether it concerns the organisation
and why (:mod:`hegui.developments.applicability`), which obligations its rules create for the
organisation with their due dates (the profile is assessed at the end of the period, or on the day
the development takes effect if that is later), what is only proposed and when comments close, and
what is informational. It also carries the diff between the assessments at the start and the end of
the period (:mod:`hegui.developments.diff`). Items are ordered by urgency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hegui.developments.applicability import Applicability, evaluate
from hegui.developments.diff import LawDiff, diff_assessments, effective_on, links_rule
from hegui.developments.schema import Development
from hegui.models import Finding, Status, Text
from hegui.profile.models import Profile
from hegui.rules.engine import Assessment

# Categories, most pressing first.
CATEGORIES = ("action", "proposed", "review", "informational", "not_applicable")
CATEGORY_LABELS = {
    "action": Text(zh="需采取行动", en="Action required"),
    "proposed": Text(zh="拟议（征求意见）", en="Proposed (draft for comment)"),
    "review": Text(zh="适用，需研读（尚无对应规则）", en="Applies: read it (no hegui rule yet)"),
    "informational": Text(zh="参考信息", en="Informational"),
    "not_applicable": Text(zh="不适用", en="Does not apply"),
}

_OPEN = frozenset({Status.APPLIES, Status.NEEDS_REVIEW, Status.DUE, Status.OVERDUE})

Assessor = Callable[[dt.date], Assessment]


@dataclass(frozen=True)
class Obligation:
    """A finding (open, met or informational) of a rule the development created or changed."""

    rule_id: str
    subject: str | None
    title: Text
    status: Status
    as_of: dt.date
    due: dt.date | None
    due_approximate: bool
    proposed: bool
    authority: Text | None
    actions: tuple[Text, ...]
    explanation: tuple[str, ...]

    @classmethod
    def of(cls, f: Finding, as_of: dt.date) -> Obligation:
        return cls(
            rule_id=f.rule_id,
            subject=f.subject,
            title=f.title,
            status=f.status,
            as_of=as_of,
            due=f.due,
            due_approximate=f.due_approximate,
            proposed=f.proposed,
            authority=f.authority,
            actions=tuple(f.actions),
            explanation=tuple(f.explanation),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "subject": self.subject,
            "title": self.title.model_dump(),
            "status": self.status.value,
            "as_of": self.as_of.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "due_approximate": self.due_approximate,
            "proposed": self.proposed,
            "authority": self.authority.model_dump() if self.authority else None,
            "actions": [a.model_dump() for a in self.actions],
            "explanation": list(self.explanation),
        }


@dataclass(frozen=True)
class DigestItem:
    """One development as it concerns the organisation."""

    development: Development
    applicability: Applicability
    category: str
    obligations: tuple[Obligation, ...]
    key_date: dt.date | None
    note: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.development.id,
            "category": self.category,
            "applies": self.applicability.applies,
            "why": self.applicability.to_dict(),
            "key_date": self.key_date.isoformat() if self.key_date else None,
            "note": self.note.model_dump() if self.note else None,
            "obligations": [o.to_dict() for o in self.obligations],
            "development": self.development.to_dict(),
        }


@dataclass(frozen=True)
class Digest:
    """The digest of one period for one organisation (its JSON form is the ``json`` format)."""

    organisation: str
    start: dt.date
    end: dt.date
    items: tuple[DigestItem, ...]
    diff: LawDiff

    def applying(self) -> list[DigestItem]:
        return [i for i in self.items if i.applicability.applies]

    def not_applying(self) -> list[DigestItem]:
        return [i for i in self.items if not i.applicability.applies]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": "1.0",
            "organisation": self.organisation,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "counts": {c: sum(1 for i in self.items if i.category == c) for c in CATEGORIES},
            "items": [i.to_dict() for i in self.items],
            "diff": self.diff.to_dict(),
        }


def build_digest(
    profile: Profile,
    start: dt.date,
    end: dt.date,
    developments: Sequence[Development],
    assessor: Assessor,
) -> Digest:
    """Build the digest of ``developments`` published from ``start`` to ``end`` (inclusive).

    Args:
        profile: the organisation.
        start: first day of the period.
        end: last day of the period.
        developments: all known developments (those outside the period are ignored).
        assessor: assesses the profile as of a date (memoised here, so each date runs once).
    """
    cache: dict[dt.date, Assessment] = {}

    def assess_on(day: dt.date) -> Assessment:
        if day not in cache:
            cache[day] = assessor(day)
        return cache[day]

    from hegui.rules.registry import all_rules

    rules = all_rules()
    window = [d for d in developments if start <= d.date <= end]
    entity_ids = {e.id for e in profile.entities}
    items: list[DigestItem] = []
    for dev in window:
        app = evaluate(dev, profile)
        obligations: tuple[Obligation, ...] = ()
        if app.applies and (dev.rules or dev.parameters):
            on = max(end, effective_on(dev))
            found = [
                Obligation.of(f, on)
                for f in assess_on(on).findings
                if f.status != Status.NOT_APPLICABLE
                and links_rule(dev, f.rule_id, _params(rules, f.rule_id))
                and _subject_matches(f, app, entity_ids)
            ]
            found.sort(key=lambda o: (-o.status.rank, o.due or dt.date.max, o.rule_id))
            obligations = tuple(found)
        items.append(_item(dev, app, obligations))
    items.sort(key=_urgency)
    diff = diff_assessments(assess_on(start), assess_on(end), developments)
    return Digest(profile.organisation.name, start, end, tuple(items), diff)


def _params(rules: dict[str, Any], rule_id: str) -> tuple[str, ...]:
    rule = rules.get(rule_id)
    return tuple(rule.parameters) if rule is not None else ()


def _subject_matches(f: Finding, app: Applicability, entity_ids: set[str]) -> bool:
    """Keep findings about the entities the development concerns, and organisation-wide ones."""
    if not app.entities:
        return True
    entity = f.facts.get("entity") or (f.subject if f.subject in entity_ids else None)
    return entity is None or entity in app.entities


def _item(dev: Development, app: Applicability, obligations: tuple[Obligation, ...]) -> DigestItem:
    if not app.applies:
        return DigestItem(dev, app, "not_applicable", (), None)
    if dev.proposed:
        deadline = dev.dates.comment_deadline
        note = Text(
            zh=f"征求意见稿，意见反馈截止 {deadline}；尚无约束力",
            en=f"Draft for comment; comments close {deadline}. Not binding.",
        )
        return DigestItem(dev, app, "proposed", obligations, deadline, note)
    if any(o.status in _OPEN and not o.proposed for o in obligations):
        dues = [o.due for o in obligations if o.due is not None and o.status in _OPEN]
        key = min(dues) if dues else effective_on(dev)
        return DigestItem(dev, app, "action", obligations, key)
    if dev.binding and not dev.rules and not dev.parameters:
        note = Text(
            zh=f"自 {effective_on(dev)} 起适用；hegui 尚无对应规则，请研读原文",
            en=f"Applies from {effective_on(dev)}; hegui has no rule for it yet: read the text.",
        )
        return DigestItem(dev, app, "review", (), effective_on(dev), note)
    if dev.binding and not obligations:
        # Rules exist but say nothing about this organisation on that date (e.g. they start
        # later, or the facts they need are absent): the text still binds, so ask to read it.
        note = Text(
            zh=f"自 {effective_on(dev)} 起适用；相关规则在该日对本组织无结论，请研读原文",
            en=f"Applies from {effective_on(dev)}; its rules give no finding for you on that "
            "date: read the text.",
        )
        return DigestItem(dev, app, "review", (), effective_on(dev), note)
    quiet = Text(
        zh="相关规则对本组织无待办事项（仅提示性结论）",
        en="Its rules show no open obligation for you (informational findings only).",
    )
    return DigestItem(dev, app, "informational", obligations, None, quiet if dev.rules else None)


def _urgency(item: DigestItem) -> tuple[Any, ...]:
    """Applying items first; then overdue, then by key date; informational and dateless last."""
    overdue = any(o.status == Status.OVERDUE for o in item.obligations)
    return (
        not item.applicability.applies,
        not overdue,
        item.key_date or dt.date.max,
        CATEGORIES.index(item.category),
        item.development.seed_item or 0,
        item.development.id,
    )
