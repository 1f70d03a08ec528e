"""Done-when test of issue 9: the May 2025 digest for the example organisation.

The example group (examples/acme/profile.yaml) has entities in Shanghai (retail/internet, acme-sh)
and the Lin-gang FTZ (reinsurance, acme-lingang), Beijing (biopharma, acme-bj), Guangdong (payments
and finance, a CIIO, acme-pay) and Zhejiang (telecom/internet, acme-zj-telecom); it processes PI,
transfers data abroad, operates network systems, runs facial recognition and an app, and sells a
children's smart watch and CCTV in its stores (profile.d/).
Each seed item below is listed with the reason it does or does not apply.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.developments.digest import Digest
from hegui.models import Status

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
MAY_1, MAY_31 = dt.date(2025, 5, 1), dt.date(2025, 5, 31)

APPLIES = {
    # 1 national legislative plan: concerns everyone (informational).
    "sc_legislative_plan_2025",
    # 2 network ID measures: the group runs online platforms (eshop-app, wallet-app) and an app.
    "network_id_measures_2025",
    # 3 FR filing notice: the group runs facial recognition (sh-store-access, pay-face-login).
    "cac_fr_filing_notice_2025",
    # 4 CAC penalty-discretion draft: national, concerns everyone (proposed).
    "cac_penalty_discretion_draft_2025",
    # 5 TC260 PI audit guidelines: the group processes PI.
    "tc260_pi_audit_guidelines_2025",
    # 6 MPS video supervision rules: acme-sh and acme-zj-telecom run CCTV in crowded places
    #   (profile.d/video_surveillance.yaml).
    "mps_video_surveillance_rules_2025",
    # 7 MPS MLPS letter: the group operates network systems (eshop, pay-core, vas-platform).
    "mps_mlps_letter_2025",
    # 8 PBOC measures: acme-pay is in finance/payments.
    "pboc_data_security_incident_measures_2025",
    # 10 children's watch draft standard: acme-zj-telecom sells the Acme Kids Watch S3
    #    (profile.d/minors.yaml); shown as proposed.
    "miit_children_watch_standard_draft_2025",
    # 11 Lin-gang guidelines: acme-lingang is in the Lin-gang FTZ and in reinsurance.
    "lingang_cross_border_guidelines_2025",
    # 12 Zhejiang telecom plan: acme-zj-telecom is a telecom operator in Zhejiang.
    "zhejiang_telecom_data_incident_plan_2025",
    # 13-15 app enforcement notices: the group runs an app (com.acme.eshop, profile.d/apps.yaml).
    "mps_app_notice_2025_05",
    "miit_app_notice_2025_05",
    "cvecr_app_notices_2025_05",
    # 16 SPC Q&A on PI rights suits: the group processes PI.
    "spc_pi_rights_lawsuit_qa_2025",
    # 17 Shanghai "Pujiang Escort" campaign: acme-sh is an internet company in Shanghai.
    "shanghai_pujiang_campaign_2025",
    # 19 CAC data-export Q&A: the group transfers data abroad and holds important data.
    "cac_data_export_qa_2025",
    # 20 Beijing digital-trade plan: acme-bj is in Beijing.
    "beijing_digital_trade_plan_2025",
    # 22 Guangdong data work priorities: acme-pay is in Guangdong (Shenzhen).
    "guangdong_data_priorities_2025",
}
DOES_NOT_APPLY = {
    # 9 geographic data guideline: no entity in surveying, mapping or geospatial data.
    "mnr_geo_data_classification_2025": "geospatial",
    # 18 Hainan penalty case: no entity in Hainan.
    "hainan_cac_dsl_penalty_2025": "hainan",
    # 21 Guangdong industry/IT action plan: the Guangdong entity is in payments, not industry or IT.
    "guangdong_it_security_action_plan_2025": "acme-pay is in sectors finance, payments",
}


@pytest.fixture(scope="module")
def digest() -> Digest:
    return api.digest(ACME, MAY_1, MAY_31)


def test_names_exactly_the_applying_seed_items(digest: Digest) -> None:
    assert len(digest.items) == 22
    assert {i.development.id for i in digest.applying()} == APPLIES


def test_lists_the_others_with_the_reason(digest: Digest) -> None:
    others = {i.development.id: i for i in digest.not_applying()}
    assert set(others) == set(DOES_NOT_APPLY)
    for dev_id, words in DOES_NOT_APPLY.items():
        item = others[dev_id]
        assert item.category == "not_applicable"
        reason = item.applicability.reasons[0]
        assert words in reason.en, (dev_id, reason.en)
        assert reason.zh and reason.zh != reason.en


def _item(digest: Digest, dev_id: str):  # type: ignore[no-untyped-def]
    return next(i for i in digest.items if i.development.id == dev_id)


def test_fr_notice_brings_filing_obligations_with_due_dates(digest: Digest) -> None:
    item = _item(digest, "cac_fr_filing_notice_2025")
    assert item.category == "action"
    filings = {o.subject: o for o in item.obligations if o.rule_id == "facial_recognition.filing"}
    # The notice binds from 2025-06-01, so its obligations are read on that day.
    assert {o.as_of for o in filings.values()} == {dt.date(2025, 6, 1)}
    # pay-face-login was above 100,000 before 1 June: the notice's transition deadline applies.
    assert filings["pay-face-login"].due == dt.date(2025, 7, 14)
    # The same obligations as the assessment itself, not a copy made up by the digest.
    direct = api.assess(ACME, dt.date(2025, 6, 1), rule_ids=["facial_recognition.filing"])
    owed = [f for f in direct.findings if f.status is not Status.NOT_APPLICABLE]
    assert {(f.subject, f.status, f.due) for f in owed} == {
        (o.subject, o.status, o.due) for o in filings.values()
    }
    # sh-store-access reaches the threshold only on 2026-10-20: nothing is owed on 2025-06-01.
    assert "sh-store-access" not in filings
    assert any(o.status in (Status.DUE, Status.OVERDUE) and o.due for o in filings.values())


def test_pboc_measures_reach_only_the_payments_entity(digest: Digest) -> None:
    item = _item(digest, "pboc_data_security_incident_measures_2025")
    assert item.applicability.entities == ("acme-pay",)
    assert item.category == "action"
    assert {o.subject for o in item.obligations} == {"payment-cards"}


def test_drafts_are_proposed_with_comment_deadline(digest: Digest) -> None:
    item = _item(digest, "cac_penalty_discretion_draft_2025")
    assert item.category == "proposed"
    assert item.key_date == dt.date(2025, 6, 14)
    assert item.note is not None and "2025-06-14" in item.note.en
    watch = _item(digest, "miit_children_watch_standard_draft_2025")
    assert watch.category == "proposed" and watch.key_date == dt.date(2025, 6, 12)
    # What the draft would require of the group's watch, shown as proposed (never binding).
    assert watch.obligations and all(o.proposed for o in watch.obligations)
    assert {o.subject for o in watch.obligations} == {"acme-kids-watch-s3"}


def test_items_are_ordered_by_urgency(digest: Digest) -> None:
    applying = digest.applying()
    dated = [i.key_date for i in applying if i.key_date is not None]
    assert dated == sorted(dated)
    # Undated (informational) items come after every dated one, not-applying ones last.
    first_undated = next(n for n, i in enumerate(applying) if i.key_date is None)
    assert all(i.key_date is None for i in applying[first_undated:])
    assert all(i.category == "informational" for i in applying[first_undated:])
    assert digest.items[-len(DOES_NOT_APPLY) :] == tuple(digest.not_applying())
