"""Every page for every role: viewers read, editors write, admins manage; no cross-org access."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (url name, which record's pk to pass, or None) for every read page.
READ_PAGES = [
    ("dashboard", None),
    ("profile", None),
    ("assessments", None),
    ("assessment", "assessment"),
    ("diff", None),
    ("obligations", None),
    ("obligation", "obligation"),
    ("calendar", None),
    ("filings", None),
    ("filing", "filing"),
    ("incidents", None),
    ("incident", "incident"),
    ("requests", None),
    ("request", "request"),
    ("scans", None),
    ("scan", "scan"),
    ("pi_audits", None),
    ("pi_audit", "pi_audit"),
    ("evidence", "evidence"),
    ("developments", None),
    ("penalties", None),
]
ADMIN_PAGES = ["members", "audit_log"]
NEW_FORMS = ["filing_new", "incident_new", "request_new"]


def _url(name: str, slug: str, rec, attr: str | None) -> str:
    args = [slug] + ([getattr(rec, attr).pk] if attr else [])
    return reverse(f"register:{name}", args=args)


@pytest.mark.parametrize("who", ["viewer", "editor", "admin"])
def test_members_can_read_every_page(world, records, who) -> None:
    client = world.client(who)
    for name, attr in READ_PAGES:
        response = client.get(_url(name, "acme", records[0], attr))
        assert response.status_code == 200, (name, who)
    # The profile version export.
    assert client.get(reverse("register:profile_version", args=["acme", 1])).status_code == 200


def test_anonymous_is_sent_to_login(world, records) -> None:
    client = world.client("anonymous")
    for name, attr in READ_PAGES:
        response = client.get(_url(name, "acme", records[0], attr))
        assert response.status_code == 302 and "/login/" in response["Location"], name


def test_outsider_sees_nothing_of_another_organisation(world, records) -> None:
    client = world.client("outsider")  # admin of "other", nothing in "acme"
    for name, attr in READ_PAGES:
        assert client.get(_url(name, "acme", records[0], attr)).status_code == 404, name
    for name in ADMIN_PAGES:
        assert client.get(reverse(f"register:{name}", args=["acme"])).status_code == 404


def test_records_of_another_organisation_are_not_reachable_through_ones_own(world, records) -> None:
    # The outsider is admin of "other"; acme's record ids under /o/other/ must 404.
    client = world.client("outsider")
    for name, attr in READ_PAGES:
        if attr:
            assert client.get(_url(name, "other", records[0], attr)).status_code == 404, name
            assert client.get(_url(name, "other", records[1], attr)).status_code == 200, name


@pytest.mark.parametrize("who,status", [("viewer", 403), ("editor", 200), ("admin", 200)])
def test_new_forms_need_editor(world, who, status) -> None:
    client = world.client(who)
    for name in NEW_FORMS:
        assert client.get(reverse(f"register:{name}", args=["acme"])).status_code == status, name


@pytest.mark.parametrize("who,status", [("viewer", 403), ("editor", 403), ("admin", 200)])
def test_admin_pages_need_admin(world, records, who, status) -> None:
    client = world.client(who)
    for name in ADMIN_PAGES:
        assert client.get(reverse(f"register:{name}", args=["acme"])).status_code == status


def _writes(records):
    rec = records[0]
    return [
        (
            "register:filing_new",
            ["acme"],
            {"kind": "mlps_filing", "title": "MLPS L3", "state": "planned"},
        ),
        (
            "register:filing",
            ["acme", rec.filing.pk],
            {"kind": "mlps_filing", "title": "X", "state": "submitted"},
        ),
        (
            "register:incident_new",
            ["acme"],
            {"title": "Leak", "detected_at": "2026-11-30T10:00", "state": "open"},
        ),
        (
            "register:clock_add",
            ["acme", rec.incident.pk],
            {"label": "initial", "deadline": "2026-11-30T11:00"},
        ),
        ("register:clock_reported", ["acme", rec.incident.pk, rec.clock.pk], {}),
        (
            "register:request_new",
            ["acme"],
            {
                "kind": "access",
                "requester_ref": "T-9",
                "received_on": "2026-11-01",
                "due": "2026-11-16",
                "state": "open",
            },
        ),
        (
            "register:obligation",
            ["acme", rec.obligation.pk],
            {"owner": "li", "state": "in_progress"},
        ),
        ("register:pi_audits", ["acme"], {"title": "Audit 2027", "checklist": "none"}),
        ("register:profile", ["acme"], {"yaml_text": "x: 1\n"}),
        ("register:assessments", ["acme"], {}),
    ]


@pytest.mark.parametrize("who", ["viewer", "outsider", "anonymous"])
def test_writes_are_refused_below_editor(world, records, who) -> None:
    from hegui.web.register.models import Filing, Incident, SubjectRequest

    before = (Filing.objects.count(), Incident.objects.count(), SubjectRequest.objects.count())
    client = world.client(who)
    for name, args, data in _writes(records):
        response = client.post(reverse(name, args=args), data)
        expected = {"viewer": 403, "outsider": 404, "anonymous": 302}[who]
        assert response.status_code == expected, name
    after = (Filing.objects.count(), Incident.objects.count(), SubjectRequest.objects.count())
    assert before == after


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_editors_and_admins_can_write(world, records, who) -> None:
    from hegui.web.register.models import Filing, Incident, SubjectRequest

    client = world.client(who)
    for name, args, data in _writes(records)[:7]:
        response = client.post(reverse(name, args=args), data)
        assert response.status_code == 302, (name, response.content[:300])
    assert Filing.objects.filter(organisation=world.org, title="MLPS L3").exists()
    assert Incident.objects.filter(organisation=world.org, title="Leak").exists()
    assert SubjectRequest.objects.filter(organisation=world.org, requester_ref="T-9").exists()
    records[0].obligation.refresh_from_db()
    assert (records[0].obligation.owner, records[0].obligation.state) == ("li", "in_progress")
    assert records[0].obligation.events.first().changes["owner"] == ["", "li"]


def test_filing_cannot_link_another_organisations_obligation(world, records) -> None:
    client = world.client("editor")
    foreign = records[1].obligation.pk
    response = client.post(
        reverse("register:filing_new", args=["acme"]),
        {"kind": "mlps_filing", "title": "Sneaky", "state": "planned", "obligation": foreign},
    )
    assert response.status_code == 200  # form redisplayed with an error
    assert b"Select a valid choice" in response.content


def test_admin_manages_members(world, records) -> None:
    from hegui.web.accounts.models import Membership

    client = world.client("admin")
    url = reverse("register:members", args=["acme"])
    client.post(url, {"username": "outsider", "role": "viewer"})
    assert (
        Membership.objects.get(user=world.users["outsider"], organisation=world.org).role
        == "viewer"
    )
    client.post(url, {"username": "outsider", "role": "remove"})
    assert not Membership.objects.filter(
        user=world.users["outsider"], organisation=world.org
    ).exists()
    assert (
        world.client("editor").post(url, {"username": "outsider", "role": "admin"}).status_code
        == 403
    )
    assert not Membership.objects.filter(
        user=world.users["outsider"], organisation=world.org
    ).exists()


def test_creating_an_organisation_makes_the_creator_admin(world) -> None:
    from hegui.web.accounts.models import Membership

    response = world.client("viewer").post(reverse("home"), {"slug": "newco", "name": "New Co"})
    assert response.status_code == 302
    assert (
        Membership.objects.get(user=world.users["viewer"], organisation__slug="newco").role
        == "admin"
    )


def test_the_last_admin_cannot_be_removed_or_demoted(world) -> None:
    from hegui.web.accounts.models import Membership

    url = reverse("register:members", args=["acme"])
    client = world.client("admin")
    for role in ("remove", "viewer"):
        page = client.post(url, {"username": "admin", "role": role}, follow=True)
        assert "at least one admin" in page.content.decode()
    assert Membership.objects.get(user=world.users["admin"], organisation=world.org).role == "admin"
    client.post(url, {"username": "editor", "role": "admin"})
    client.post(url, {"username": "admin", "role": "viewer"})
    assert (
        Membership.objects.get(user=world.users["admin"], organisation=world.org).role == "viewer"
    )
