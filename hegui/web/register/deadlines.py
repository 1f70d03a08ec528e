"""One list of every dated duty in the register: obligations, filings, clocks, requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from hegui.web.register.models import Incident, Obligation, Organisation


@dataclass(frozen=True)
class Deadline:
    """A dated item for the calendar, the timeline and the API."""

    when: dt.date
    kind: str
    label: str
    url: str
    open: bool
    at: dt.datetime | None = None
    # A closed incident's report that was never sent: still owed (closing an incident does not
    # discharge a duty to report it), but no longer counted down live.
    stopped: bool = False

    def overdue(self, today: dt.date) -> bool:
        return self.open and self.when < today


def collect_deadlines(org: Organisation) -> list[Deadline]:
    """All deadlines of ``org``, sorted by date (dates come from assessments or users)."""
    slug = org.slug
    out: list[Deadline] = []
    open_states = (Obligation.State.OPEN, Obligation.State.IN_PROGRESS)
    for ob in org.obligations.exclude(due=None):
        out.append(
            Deadline(
                ob.due,
                gettext_noop("obligation"),
                ob.title_en,
                reverse("register:obligation", args=[slug, ob.pk]),
                ob.state in open_states,
            )
        )
    for f in org.filings.all():
        url = reverse("register:filing", args=[slug, f.pk])
        if f.deadline:
            still_open = f.state in ("planned", "rejected")
            out.append(Deadline(f.deadline, gettext_noop("filing"), f.title, url, still_open))
        if f.valid_until:
            out.append(
                Deadline(
                    f.valid_until, gettext_noop("renewal"), f.title, url, f.state == "accepted"
                )
            )
    for inc in org.incidents.prefetch_related("clocks"):
        for c in inc.clocks.all():
            local = timezone.localtime(c.deadline)
            out.append(
                Deadline(
                    local.date(),
                    gettext_noop("incident"),
                    f"{inc.title}: {c.label}",
                    reverse("register:incident", args=[slug, inc.pk]),
                    # Unsent reports stay open deadlines when the incident is closed: closing it
                    # does not discharge the duty (facts showing it was not reportable remove
                    # the clock instead).
                    c.reported_at is None,
                    local,
                    stopped=c.reported_at is None and inc.state != Incident.State.OPEN,
                )
            )
    for r in org.subject_requests.all():
        out.append(
            Deadline(
                r.due,
                gettext_noop("request"),
                f"{r.get_kind_display()} {r.requester_ref}",
                reverse("register:request", args=[slug, r.pk]),
                r.state == "open",
            )
        )
    out.sort(key=lambda d: (d.when, d.kind, d.label))
    return out
