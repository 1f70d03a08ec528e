"""Obligations from findings about long-named profile objects fit their columns, and are still
matched across runs (PostgreSQL refuses an over-long value where SQLite stores it)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from hegui.models import Status
from hegui.web.register import services
from hegui.web.register.models import Obligation

pytestmark = pytest.mark.django_db

# Profile ids have no length limit; the core uses them as finding subjects.
LONG_ID = "entity-" + "x" * 313


def _limits() -> dict[str, int]:
    return {
        name: Obligation._meta.get_field(name).max_length  # type: ignore[misc]
        for name in ("key", "rule_id", "subject", "regime", "title_en", "title_zh")
    }


def _fits(ob: Obligation) -> None:
    for name, limit in _limits().items():
        assert len(getattr(ob, name)) <= limit, name


def test_run_assessment_on_a_profile_with_a_long_entity_id(world: Any) -> None:
    profile = world.profile_yaml.replace("id: e1", f"id: {LONG_ID}")
    services.save_profile(world.org, profile, note="", actor="t")
    client = world.client("editor")
    url = reverse("register:assessments", args=["acme"])
    first = client.post(url, {"as_of": "2026-11-30"})
    # Was: subjects of 320 characters made keys longer than the column (a server error on
    # PostgreSQL, "value too long for type character varying(300)").
    assert first.status_code == 302
    long_ones = Obligation.objects.filter(subject__startswith="entity-x")
    assert long_ones.exists()
    for ob in Obligation.objects.all():
        _fits(ob)
    before = dict(Obligation.objects.values_list("key", "pk"))
    assert client.post(url, {"as_of": "2026-12-01"}).status_code == 302
    # The same findings find the same obligations again: none closed and re-created.
    assert dict(Obligation.objects.values_list("key", "pk")) == before
    assert not Obligation.objects.filter(state=Obligation.State.CLOSED).exists()


def test_long_subjects_that_differ_only_at_the_end_stay_apart(world: Any, make_finding) -> None:
    a, b = LONG_ID + "-a", LONG_ID + "-b"
    findings = [make_finding("governance.pi_officer", Status.DUE, subject=s) for s in (a, b)]
    services.store_assessment(
        world.org, as_of=world.org.created_at.date(), findings=findings, actor="t"
    )
    rows = list(Obligation.objects.filter(rule_id="governance.pi_officer"))
    assert len(rows) == 2 and len({r.key for r in rows}) == 2
    for ob in rows:
        _fits(ob)
