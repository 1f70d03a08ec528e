"""Lists mark an item overdue exactly when the dashboard and calendar count it as overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from hegui.web.register.deadlines import collect_deadlines
from hegui.web.register.models import Filing, Obligation

pytestmark = pytest.mark.django_db


def _overdue_marks(world: Any, page: str) -> int:
    html = world.client("viewer").get(reverse(f"register:{page}", args=["acme"])).content
    return html.count(b'class="overdue"')


def test_an_obligation_in_progress_past_its_due_date_is_marked_overdue(world, records) -> None:
    ob = records[0].obligation
    ob.due = timezone.localdate() - dt.timedelta(days=3)
    ob.state = Obligation.State.IN_PROGRESS
    ob.save()
    dashboard = world.client("viewer").get(reverse("register:dashboard", args=["acme"]))
    assert dashboard.context["overdue_obligations"] == 1
    # Was: only "open" ones were marked, so work started late looked on time in the list.
    assert _overdue_marks(world, "obligations") == 1


def test_a_rejected_filing_past_its_deadline_is_marked_overdue(world, records) -> None:
    filing = records[0].filing
    filing.deadline = timezone.localdate() - dt.timedelta(days=3)
    filing.state = Filing.State.REJECTED
    filing.save()
    today = timezone.localdate()
    assert [d for d in collect_deadlines(world.org) if d.kind == "filing" and d.overdue(today)]
    assert _overdue_marks(world, "filings") == 1
