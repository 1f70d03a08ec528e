"""A stored profile that a newer hegui no longer accepts: pages say so, none answers 500.

Profile checks grow stricter between releases (e.g. an unknown province is now refused at load),
so a version saved under an older release may not parse any more. The register must keep
working and point at the profile, not fail.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.test_register_permissions import NEW_FORMS, READ_PAGES, _url

pytestmark = pytest.mark.django_db

_OLD_PROFILE = """\
schema_version: 1
organisation:
  name: Synthetic Test Co
entities:
  - id: e1
    name: Synthetic Entity Ltd
    province: atlantis
"""


@pytest.fixture
def stale(world, records):
    from hegui.web.register.models import ProfileVersion

    # Stored as an older release would have: bypassing today's validation on purpose.
    ProfileVersion.objects.create(
        organisation=world.org, number=99, yaml_text=_OLD_PROFILE, note="old release"
    )
    assert world.org.current_profile().number == 99
    return records


def test_every_page_answers_with_a_stored_profile_that_no_longer_parses(world, stale) -> None:
    client = world.client("editor")
    for name, attr in READ_PAGES:
        response = client.get(_url(name, "acme", stale[0], attr))
        assert response.status_code == 200, name
    for name in NEW_FORMS:
        assert client.get(reverse(f"register:{name}", args=["acme"])).status_code == 200, name
    answer = client.get(reverse("register:penalties", args=["acme"]), {"violation": "pipl_66"})
    assert answer.status_code == 200
    # Where a page needs the profile, it says what is wrong with it.
    digest = client.get(reverse("register:developments", args=["acme"])).content.decode()
    assert "atlantis" in digest


def test_writes_that_read_the_profile_do_not_fail_with_500(world, stale) -> None:
    client = world.client("editor")
    request = client.post(
        reverse("register:request_new", args=["acme"]),
        {"kind": "access", "received_on": "2026-11-02", "requester_ref": "T-1", "state": "open"},
    )
    assert request.status_code in (200, 302)
    incident = client.post(
        reverse("register:incident_new", args=["acme"]),
        {
            "title": "Synthetic outage",
            "detected_at": "2026-11-30T10:00",
            "state": "open",
            "entity": "e1",
            "facts_yaml": "pi_individuals: 10\n",
        },
    )
    assert incident.status_code in (200, 302)
