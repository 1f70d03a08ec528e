"""What a rule is: a dotted id, bilingual title, citations, and dated evaluation methods.

A rule reads the law as of a date (through :class:`Context`) and returns findings that explain
themselves. When the *logic* (not just a number) changes on a date, the rule gets a dated method
``evaluate_YYYY_MM_DD``; :meth:`Rule.evaluate` dispatches to the latest one in force. A rule with a
single logic implements :meth:`Rule.check`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, ClassVar

from hegui.errors import ParameterNotFoundError
from hegui.law.calendar import Deadline, WorkingCalendar
from hegui.law.loader import Law, Value
from hegui.models import Citation, Finding, Status, Text
from hegui.profile.as_of import Hidden
from hegui.profile.models import Profile

_DATED = re.compile(r"^evaluate_(\d{4})_(\d{2})_(\d{2})$")
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

#: Days before the next due date of a recurring duty (an audit, an evaluation) from which a duty
#: done for the current cycle shows as ``due`` again rather than ``met``. hegui's reminder horizon,
#: not a legal number: commissioning an audit or an MLPS evaluation takes weeks, so the next one
#: should surface before its deadline passes, not only after.
CYCLE_NOTICE_DAYS = 60


class NotYetInLawError(ParameterNotFoundError):
    """A rule read a parameter on a date before the law data's first value of it.

    The provision the value comes from did not exist yet, so the rule cannot apply:
    :meth:`Rule.evaluate` turns this into a not_applicable finding instead of failing the run.
    """

    def __init__(self, parameter_id: str, on: dt.date, first: dt.date) -> None:
        self.parameter_id = parameter_id
        self.on = on
        self.first = first
        super().__init__(
            f"parameter {parameter_id!r} has no value on {on.isoformat()}: its first value takes "
            f"effect on {first.isoformat()}"
        )


class Context:
    """What a rule may read: the profile, the date, the law and the calendar.

    ``profile`` is the profile as known on ``as_of`` (:mod:`hegui.profile.as_of`); ``later`` holds
    the facts left out of it because they are dated after ``as_of``.
    """

    def __init__(
        self,
        profile: Profile,
        as_of: dt.date,
        law: Law,
        calendar: WorkingCalendar,
        later: Iterable[Hidden] = (),
    ) -> None:
        self.profile = profile
        self.as_of = as_of
        self.law = law
        self.calendar = calendar
        self.later = {h.path: h.date for h in later}

    def happens_later(self, path: str) -> dt.date | None:
        """The date of a fact left out as after as_of (path as in ``Hidden``), e.g. an answer
        given later: the fact is known, it just had not happened yet on as_of."""
        return self.later.get(path)

    def param(self, parameter_id: str) -> Value:
        """The parameter's value on the as-of date (ParameterNotFoundError if none)."""
        return self.param_on(parameter_id, self.as_of)

    def param_on(self, parameter_id: str, on: dt.date) -> Value:
        """The parameter's value on ``on``; NotYetInLawError if ``on`` precedes its first value."""
        value = self.law.parameter_or_none(parameter_id, on)
        if value is not None:
            return value
        dates = self.law.parameter_dates(parameter_id)
        if dates and on < dates[0]:
            raise NotYetInLawError(parameter_id, on, dates[0])
        return self.law.parameter(parameter_id, on)  # ended: the law data's own error

    def param_or_none(self, parameter_id: str) -> Value | None:
        return self.law.parameter_or_none(parameter_id, self.as_of)

    def value(self, parameter_id: str) -> Any:
        return self.param(parameter_id).value

    def cite(self, instrument: str, article: str | int | None = None) -> Citation:
        return self.law.cite(instrument, article)

    def in_force(self, instrument: str) -> bool:
        return self.law.instrument(instrument).in_force(self.as_of)

    def deadline(self, start: dt.date | dt.datetime, value: Value) -> Deadline:
        """Add a duration parameter (unit working_days, days, months, hours ...) to ``start``."""
        return self.calendar.add(start, int(value.value), value.unit)


def _article_caveats(ctx: Context, cits: list[Citation], said: list[str]) -> list[str]:
    """Caveats of cited articles the law data marks needs_review (e.g. an inferred number)."""
    out: list[str] = []
    for c in cits:
        if c.article is None:
            continue
        note = ctx.law.instrument(c.instrument).articles[c.article].needs_review
        if note and not any(note in line for line in [*said, *out]):
            out.append(f"{c.label()} needs review: {note}")
    return out


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement evaluation."""

    id: ClassVar[str]
    regime: ClassVar[str]
    title: ClassVar[Text]
    # (instrument id, article or None): the provisions the rule rests on, resolved at registration.
    cites: ClassVar[tuple[tuple[str, str | None], ...]] = ()
    # The rule's key parameters (shown in the catalogue and used for effective dates).
    parameters: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[Text | None] = None

    # --- evaluation ----------------------------------------------------------------------------

    @classmethod
    def dated_methods(cls) -> list[tuple[dt.date, str]]:
        out = []
        for name in dir(cls):
            m = _DATED.match(name)
            if m:
                out.append((dt.date(int(m[1]), int(m[2]), int(m[3])), name))
        return sorted(out)

    def evaluate(self, ctx: Context) -> list[Finding]:
        """Run the rule's logic in force on ``ctx.as_of``."""
        dated = self.dated_methods()
        if dated:
            current = [name for date, name in dated if date <= ctx.as_of]
            if not current:
                first = dated[0][0]
                return [
                    self.finding(
                        ctx,
                        Status.NOT_APPLICABLE,
                        explanation=[
                            f"The rule's first provisions take effect on {first.isoformat()}."
                        ],
                    )
                ]
            return self._guarded(ctx, getattr(self, current[-1]))
        return self._guarded(ctx, self.check)

    def _guarded(self, ctx: Context, method: Any) -> list[Finding]:
        """Run ``method``; a parameter read before the law has any value of it means the rule
        cannot apply yet (an early as-of), not that the run failed."""
        try:
            return list(method(ctx))
        except NotYetInLawError as exc:
            return [
                self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    facts={"parameter": exc.parameter_id, "first_value_on": exc.first.isoformat()},
                    explanation=[
                        f"On {exc.on.isoformat()} the law data holds no value of "
                        f"{exc.parameter_id} yet: its first value takes effect on "
                        f"{exc.first.isoformat()}, so this rule cannot apply before then."
                    ],
                )
            ]

    def check(self, ctx: Context) -> Iterable[Finding]:
        """Single-logic rules implement this (or dated ``evaluate_YYYY_MM_DD`` methods)."""
        from hegui.errors import RuleError

        raise RuleError(f"rule {self.id} defines neither check() nor evaluate_YYYY_MM_DD() methods")

    # --- building findings ---------------------------------------------------------------------

    def citations(self, ctx: Context) -> list[Citation]:
        return [ctx.cite(inst, art) for inst, art in self.cites]

    def finding(
        self,
        ctx: Context,
        status: Status,
        *,
        subject: str | None = None,
        title: Text | None = None,
        due: Deadline | dt.date | None = None,
        authority: Text | None = None,
        facts: dict[str, Any] | None = None,
        citations: list[Citation] | None = None,
        values: Iterable[Value] = (),
        explanation: list[str] | None = None,
        missing: list[str] | None = None,
        actions: list[Text] | None = None,
        proposed: bool = False,
    ) -> Finding:
        """Build a finding; citations default to the rule's, plus those of the values used."""
        cits = list(citations) if citations is not None else self.citations(ctx)
        caveats: list[str] = []
        for v in values:
            for c in v.citations:
                if c not in cits:
                    cits.append(c)
            if v.needs_review:
                caveats.append(f"Parameter {v.parameter} needs review: {v.needs_review}")
            proposed = proposed or v.proposed
        caveats.extend(_article_caveats(ctx, cits, explanation or []))
        kwargs: dict[str, Any] = {}
        if isinstance(due, Deadline):
            kwargs = {
                "due": due.due,
                "due_at": due.due_at,
                "due_approximate": due.approximate,
            }
            if due.approximate and due.reason:
                caveats.append(due.reason)
        elif due is not None:
            kwargs = {"due": due}
        return Finding(
            rule_id=self.id,
            regime=self.regime,
            title=title or self.title,
            status=status,
            subject=subject,
            authority=authority,
            facts=facts or {},
            citations=cits,
            explanation=[*(explanation or []), *caveats],
            missing=missing or [],
            actions=actions or [],
            proposed=proposed,
            **kwargs,
        )

    def missing_fact(
        self, ctx: Context, field: str, why: str, *, subject: str | None = None, **kwargs: Any
    ) -> Finding:
        """A needs_review finding because the profile lacks ``field`` (named), saying ``why``."""
        return self.finding(
            ctx, Status.NEEDS_REVIEW, subject=subject, missing=[field], explanation=[why], **kwargs
        )

    def due_status(self, ctx: Context, due: Deadline | dt.date | None, done: bool) -> Status:
        """met if done; overdue if the due date has passed; due otherwise."""
        if done:
            return Status.MET
        if due is None:
            return Status.APPLIES
        day = due.due if isinstance(due, Deadline) else due
        return Status.OVERDUE if day < ctx.as_of else Status.DUE

    def cycle_status(
        self, ctx: Context, next_due: Deadline | dt.date, done_this_cycle: bool
    ) -> Status:
        """Status of a recurring duty (an audit, an evaluation) whose next one is due ``next_due``.

        met while the current cycle's is done and the next is more than ``CYCLE_NOTICE_DAYS``
        away; due from then until ``next_due``; overdue after it, or due if none was ever done.
        """
        day = next_due.due if isinstance(next_due, Deadline) else next_due
        if not done_this_cycle or day < ctx.as_of:
            return self.due_status(ctx, day, False)
        if (day - ctx.as_of).days <= CYCLE_NOTICE_DAYS:
            return Status.DUE
        return Status.MET

    def cycle_reminder(
        self, ctx: Context, next_due: Deadline | dt.date, done_this_cycle: bool
    ) -> list[str]:
        """Why :meth:`cycle_status` says due for a duty done this cycle (empty otherwise)."""
        day = next_due.due if isinstance(next_due, Deadline) else next_due
        if self.cycle_status(ctx, next_due, done_this_cycle) is not Status.DUE or day < ctx.as_of:
            return []
        if not done_this_cycle:
            return []
        return [
            f"The next one is due by {day}, {(day - ctx.as_of).days} days from {ctx.as_of}: hegui "
            f"shows a recurring duty as due from {CYCLE_NOTICE_DAYS} days before its next date "
            "(a reminder horizon, not a legal period)."
        ]

    # --- registration checks -------------------------------------------------------------------

    @classmethod
    def validate_declaration(cls, law: Law) -> None:
        """Check id shape, citations and parameters against the law data."""
        from hegui.errors import RuleError

        if not _ID.match(getattr(cls, "id", "")):
            raise RuleError(f"rule {cls.__name__} has no dotted lower_snake id")
        if not cls.cites:
            raise RuleError(f"rule {cls.id} cites no provision")
        for inst, art in cls.cites:
            law.cite(inst, art)
        for pid in cls.parameters:
            if pid not in law.parameters:
                raise RuleError(f"rule {cls.id} uses unknown parameter {pid!r}")
