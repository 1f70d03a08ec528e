"""Page content: pictures, live clocks, calendar, diff, PI audit checklist, bilingual UI."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hegui import api
from hegui.web.register import charts, services
from hegui.web.register.deadlines import collect_deadlines
from hegui.web.register.models import PiAudit

pytestmark = pytest.mark.django_db


def test_dataflow_graph_from_profile_and_findings() -> None:
    profile = {
        "entities": [{"id": "e1"}],
        "datasets": [{"id": "crm", "entity": "e1"}],
        "transfers": [
            {
                "id": "t1",
                "entity": "e1",
                "datasets": ["crm"],
                "recipient": {"name": "HQ <GmbH>", "country": "DE"},
            }
        ],
    }
    findings = [
        {
            "subject": "t1",
            "status": "due",
            "rule_id": "cross_border.route",
            "facts": {"route": "security_assessment"},
        },
        {"subject": "t1", "status": "met", "rule_id": "cross_border.pia"},
    ]
    graph = charts.flow_graph(profile, findings)
    assert [len(nodes) for _, nodes in graph["columns"]] == [1, 1, 1, 1]
    assert ("d:crm", "r:HQ <GmbH>", "due", "security_assessment") in graph["edges"]
    assert ("r:HQ <GmbH>", "c:DE", "due", "security_assessment") in graph["edges"]


def test_svg_labels_are_escaped(world) -> None:
    services.save_profile(
        world.org,
        """\
schema_version: 1
organisation: {name: X}
entities: [{id: e1, name: "E <script>", province: beijing}]
datasets: [{id: "d<b>", entity: e1}]
transfers:
  - {id: t1, entity: e1, datasets: ["d<b>"], recipient: {name: "R&D <x>", country: DE}}
""",
        note="",
        actor="t",
    )
    svg = str(charts.dataflow_svg(world.org))
    assert svg.startswith("<svg") and "R&amp;D &lt;x&gt;" in svg and "<x>" not in svg
    assert 'role="img"' in svg and "<title>" in svg


def test_incident_page_serves_clocks_for_the_countdown(world, records) -> None:
    incident, clock = records[0].incident, records[0].clock
    page = world.client("viewer").get(reverse("register:incident", args=["acme", incident.pk]))
    html = page.content.decode()
    assert f'data-deadline="{clock.deadline.isoformat()}"' in html
    assert "data-server-now=" in html and "hegui/clock.js" in html
    assert "initial report" in html  # and in the report draft
    assert "事件 / Incident" in html


def test_marking_a_report_sent_stops_its_clock(world, records) -> None:
    incident, clock = records[0].incident, records[0].clock
    client = world.client("editor")
    client.post(reverse("register:clock_reported", args=["acme", incident.pk, clock.pk]))
    clock.refresh_from_db()
    assert clock.reported_at is not None
    assert not [d for d in collect_deadlines(world.org) if d.kind == "incident" and d.open]


def test_calendar_lists_every_kind_of_deadline(world, records) -> None:
    kinds = {d.kind for d in collect_deadlines(world.org)}
    assert kinds == {"obligation", "filing", "incident", "request"}
    page = world.client("viewer").get(reverse("register:calendar", args=["acme"]))
    assert b"2026-11" in page.content and b"<svg" in page.content


def test_dashboard_alerts_overdue_requests(world, records) -> None:
    page = world.client("viewer").get(reverse("register:dashboard", args=["acme"]))
    assert page.status_code == 200
    today = timezone.localdate()
    if records[0].request.due < today:
        assert b'role="alert"' in page.content


def test_diff_page(world, records, make_finding) -> None:
    from hegui.models import Status

    new = services.store_assessment(
        world.org,
        as_of=dt.date(2027, 1, 1),
        actor="t",
        findings=[
            make_finding(
                "cross_border.standard_contract",
                Status.OVERDUE,
                subject="t1",
                due=dt.date(2026, 11, 30),
            ),
        ],
    )
    url = reverse("register:diff", args=["acme"])
    page = world.client("viewer").get(url, {"old": records[0].assessment.pk, "new": new.pk})
    assert b"due 2026-11-30 \xe2\x86\x92 overdue" in page.content
    assert (
        world.client("viewer")
        .get(url, {"old": records[1].assessment.pk, "new": new.pk})
        .status_code
        == 404
    )


def test_pi_audit_starts_from_the_core_checklist(world) -> None:
    client = world.client("editor")
    client.post(
        reverse("register:pi_audits", args=["acme"]),
        {"title": "Audit 2026", "checklist": "pi_audit"},
    )
    audit = PiAudit.objects.get(title="Audit 2026")
    assert audit.items.count() == len(api.pi_audit_checklist()) > 0
    item = audit.items.first()
    client.post(
        reverse("register:pi_audit", args=["acme", audit.pk]),
        {"item": item.pk, "ref": item.ref, "text": item.text, "result": "compliant"},
    )
    item.refresh_from_db()
    assert item.result == "compliant"
    report = client.get(reverse("register:pi_audit", args=["acme", audit.pk]), {"report": "1"})
    assert b"compliant: 1" in report.content


def test_ui_switches_to_chinese(world) -> None:
    client = world.client("viewer")
    assert b"Obligations" in client.get("/o/acme/").content
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/o/acme/"})
    page = client.get("/o/acme/")
    assert 'lang="zh-Hans"' in page.content.decode()
    assert "义务" in page.content.decode() and "事件" in page.content.decode()


def test_translation_catalogue_is_complete_and_compiled() -> None:
    import gettext
    import re
    from pathlib import Path

    import hegui.web

    folder = Path(hegui.web.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES"
    po = (folder / "django.po").read_text(encoding="utf-8")
    assert 'msgstr ""\n\n' not in po.split("\n\n", 1)[1] + "\n\n"  # nothing left untranslated
    ids = re.findall(r'^msgid "(.+)"$', po, flags=re.M)
    with (folder / "django.mo").open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    for msgid in ids:
        assert catalog.gettext(msgid) != msgid or msgid.isascii() is False, msgid


def test_incident_clocks_and_draft_come_from_the_core(world, records) -> None:
    from hegui.web.register.models import Incident

    client = world.client("editor")
    response = client.post(
        reverse("register:incident_new", args=["acme"]),
        {
            "title": "Synthetic database exposure",
            "detected_at": "2026-11-30T10:00",
            "state": "open",
            "entity": "e1",
            "facts_yaml": "pi_individuals: 2000\n",
        },
    )
    assert response.status_code == 302
    item = Incident.objects.get(title="Synthetic database exposure")
    assert item.facts == {"entity": "e1", "pi_individuals": 2000}
    core = api.incident_clocks(
        {
            "title": item.title,
            "detected_at": "2026-11-30T10:00:00+08:00",
            "entity": "e1",
            "pi_individuals": 2000,
        },
        services.parse_profile(world.org.current_profile().yaml_text),
    )
    dated = {r.report: r.deadline for r in core.all_reports() if r.deadline}
    stored = {c.report: c.deadline for c in item.clocks.filter(source="hegui.api")}
    assert dated and all(stored[k] == v for k, v in dated.items())
    first = item.clocks.filter(source="hegui.api").first()
    client.post(reverse("register:clock_reported", args=["acme", item.pk, first.pk]))
    # Editing the incident recomputes the clocks but keeps what was already sent.
    client.post(
        reverse("register:incident", args=["acme", item.pk]),
        {
            "title": item.title,
            "detected_at": "2026-11-30T10:00",
            "state": "open",
            "entity": "e1",
            "facts_yaml": "pi_individuals: 3000\n",
        },
    )
    again = item.clocks.get(source="hegui.api", report=first.report)
    assert again.reported_at is not None
    page = client.get(reverse("register:incident", args=["acme", item.pk]))
    assert "报送对象 To:" in page.content.decode()  # the core's bilingual draft


def test_incident_without_entity_gets_a_clear_message(world, records) -> None:
    client = world.client("editor")
    response = client.post(
        reverse("register:incident_new", args=["acme"]),
        {
            "title": "No entity",
            "detected_at": "2026-11-30T10:00",
            "state": "open",
        },
        follow=True,
    )
    assert "No clocks computed" in response.content.decode()
    assert "entity" in response.content.decode()


def test_video_inspection_checklist(world) -> None:
    world.client("editor").post(
        reverse("register:pi_audits", args=["acme"]),
        {"title": "Cameras 2026", "checklist": "video_inspection"},
    )
    audit = PiAudit.objects.get(title="Cameras 2026")
    assert audit.items.count() == len(api.video_inspection_checklist().items) > 0


def test_penalty_exposure_page(world, records) -> None:
    violation = api.list_violations()[0]
    page = world.client("viewer").get(
        reverse("register:penalties", args=["acme"]),
        {
            "violation": violation.id,
            "circumstances": ",".join(violation.statutory_circumstances[:1]),
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and violation.title.en in html and "Reasoning" in html
    bad = world.client("viewer").get(
        reverse("register:penalties", args=["acme"]), {"violation": "no.such.violation"}
    )
    assert b'role="alert"' in bad.content


def test_diff_explains_changes_with_the_core(world) -> None:
    services.save_profile(world.org, world.profile_yaml, note="", actor="t")
    old = services.run_assessment(world.org, as_of=dt.date(2024, 1, 1), actor="t")
    new = services.run_assessment(world.org, as_of=dt.date(2026, 11, 30), actor="t")
    causes = services.diff_causes(old, new)
    assert causes and all("explanation" in v for v in causes.values())
    page = world.client("viewer").get(
        reverse("register:diff", args=["acme"]), {"old": old.pk, "new": new.pk}
    )
    from django.utils.html import escape

    first = " ".join(next(iter(causes.values()))["explanation"])
    assert escape(first) in page.content.decode()


class _Controls(__import__("html.parser").parser.HTMLParser):
    """Collects form controls, label targets and ids of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.open_labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "label":
            self.open_labels += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append({**a, "_wrapped": "yes" if self.open_labels else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1


@pytest.mark.parametrize("who", ["viewer", "admin"])
def test_pages_have_labelled_controls_and_unique_ids(world, records, who) -> None:
    client = world.client(who)
    rec = records[0]
    pages = [
        "",
        "profile/",
        "assessments/",
        "obligations/",
        f"obligations/{rec.obligation.pk}/",
        "calendar/",
        "filings/",
        f"filings/{rec.filing.pk}/",
        "incidents/",
        f"incidents/{rec.incident.pk}/",
        "requests/",
        "scans/",
        "pi-audits/",
        f"pi-audits/{rec.pi_audit.pk}/",
        "developments/",
        "penalties/",
        "assessments/diff/",
    ]
    if who == "admin":
        pages += ["members/", "audit-log/", "filings/new/", "incidents/new/", "requests/new/"]
    checked = 0
    for path in pages:
        html = client.get(f"/o/acme/{path}").content.decode()
        assert '<html lang="' in html
        parser = _Controls()
        parser.feed(html)
        assert len(parser.ids) == len(set(parser.ids)), (path, sorted(parser.ids))
        for control in parser.controls:
            labelled = control.get("id") in parser.label_for or control.get("aria-label")
            assert labelled or control["_wrapped"], (path, control)
            checked += 1
    assert checked > 20  # the parser really saw the forms


def test_a_bad_stored_profile_is_a_form_error_naming_line_and_field(world) -> None:
    from hegui.web.register.models import ProfileVersion

    # Stored by an older hegui (save_profile now refuses it): entity province is not a list.
    bad = world.profile_yaml.replace("province: beijing", "province: [beijing]")
    ProfileVersion.objects.create(organisation=world.org, number=1, yaml_text=bad)
    page = world.client("editor").post(
        reverse("register:assessments", args=["acme"]), {"as_of": "2026-11-30"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and not world.org.assessments.exists()
    assert 'class="errorlist nonfield"' in html
    assert "acme profile v1:7" in html and "field &#x27;entities.0.province&#x27;" in html
