"""Report drafts carry every required field, masked where PI could appear; the local store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.incidents import IncidentError, draft_incident_report, parse_incident
from hegui.incidents.store import IncidentStore

ROOT = Path(__file__).parents[2]
RETAIL = ROOT / "examples" / "incidents" / "ordinary_retailer_leak.yaml"
PROFILE = ROOT / "examples" / "acme" / "profile.yaml"


def test_initial_draft_has_each_regime_section_and_masks_pi() -> None:
    draft = api.draft_incident_report(RETAIL, "initial", PROFILE)
    assert [s.report for s in draft.sections] == [
        "cac_initial",
        "pipl_remedial",
        "pipl_notify_authority",
        "pipl_notify_individuals",
    ]
    text = draft.render()
    # The synthetic duty officer's name and phone in free text, and the reporter's contact.
    for raw in ("李娜", "13912345678", "王芳", "13700001111", "dpo@example.com"):
        assert raw not in text
    assert "〔已遮蔽 masked CN_MOBILE〕" in text and "137****1111" in text
    assert draft.masked_items >= 5
    cac = draft.sections[0]
    fields = {f.field: f for f in cac.fields}
    assert "major" in fields["discovery"].value and "2026-09-30 22:15" in fields["discovery"].value
    assert "ransom" not in fields  # only for ransomware
    assert fields["cause"].missing  # not in the record: to be completed
    assert cac.deadline == dt.datetime(
        2026, 10, 1, 2, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )


def test_summary_draft_lists_the_article_8_fields() -> None:
    draft = api.draft_incident_report(RETAIL, "summary", PROFILE)
    (sec,) = draft.sections
    assert sec.report == "cac_summary"
    assert [f.field for f in sec.fields] == [
        "cause",
        "response",
        "harm",
        "accountability",
        "rectification",
        "lessons",
    ]


def test_ransomware_draft_asks_for_the_ransom() -> None:
    inc = parse_incident(
        "title: r\noperator: {name: X, province: beijing}\ntype: ransomware\n"
        "detected_at: 2026-06-01T10:00\npi_involved: false\ndirect_economic_loss_cny: 6000000\n"
        "ransom_demanded_cny: 2000000\n"
    )
    fields = {f.field: f.value for f in draft_incident_report(inc).sections[0].fields}
    assert fields["ransom"] == "CNY 2,000,000"


def test_unknown_report_kind_is_an_error() -> None:
    with pytest.raises(IncidentError, match="initial or summary"):
        api.draft_incident_report(RETAIL, "final", PROFILE)


def test_store_assigns_sequential_ids_and_reads_back(tmp_path: Path) -> None:
    store = IncidentStore(tmp_path / "store")
    inc = api.load_incident(RETAIL)
    first = store.add(inc)
    second = store.add(inc)
    assert (first.id, second.id) == ("inc-20260930-001", "inc-20260930-002")
    assert store.ids() == ["inc-20260930-001", "inc-20260930-002"]
    back = store.get("inc-20260930-001")
    assert back.id == "inc-20260930-001" and back.detected_at == inc.detected_at
    with pytest.raises(IncidentError, match="no incident"):
        store.get("inc-20260930-009")
    with pytest.raises(IncidentError, match="invalid incident id"):
        store.get("../etc/passwd")
