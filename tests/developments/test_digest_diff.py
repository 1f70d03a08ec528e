"""Digest and law diff on a synthetic profile whose facial-recognition filing duty starts in June 2025."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from hegui import api
from hegui.developments.digest import Digest
from hegui.developments.render import (
    diff_json,
    diff_text,
    digest_html,
    digest_json,
    digest_markdown,
)
from hegui.errors import HeguiError
from hegui.models import Status
from hegui.profile.models import Profile

PROFILE = Profile.model_validate(
    {
        "organisation": {"name": "Synthetic Retail Co"},
        "entities": [
            {"id": "shop", "name": "Shop", "province": "shanghai", "sectors": ["retail"]},
        ],
        "facial_recognition": {
            "deployments": [
                {
                    "id": "gate",
                    "entity": "shop",
                    "individuals_stored": 120000,
                    "threshold_reached_on": "2025-03-01",
                    "consent_based": True,
                    "separate_consent": True,
                }
            ]
        },
    }
)


@pytest.fixture(scope="module")
def may() -> Digest:
    return api.digest(PROFILE, dt.date(2025, 5, 1), dt.date(2025, 5, 31))


def test_fr_notice_is_action_due_on_the_transition_deadline(may: Digest) -> None:
    item = next(i for i in may.items if i.development.id == "cac_fr_filing_notice_2025")
    assert item.category == "action"
    (filing,) = [o for o in item.obligations if o.rule_id == "facial_recognition.filing"]
    assert filing.subject == "gate"
    assert filing.status == Status.DUE
    assert filing.due == dt.date(2025, 7, 14)
    assert item.key_date == dt.date(2025, 7, 14)


def test_regional_items_do_not_apply_to_a_shanghai_retailer(may: Digest) -> None:
    ids = {i.development.id for i in may.not_applying()}
    assert {"zhejiang_telecom_data_incident_plan_2025", "beijing_digital_trade_plan_2025"} <= ids
    assert "pboc_data_security_incident_measures_2025" in ids


def test_diff_attributes_new_obligation_to_the_development() -> None:
    diff = api.law_diff(PROFILE, dt.date(2025, 5, 31), dt.date(2025, 6, 1))
    filing = next(c for c in diff.changes if c.rule_id == "facial_recognition.filing")
    assert filing.change == "appeared"
    assert filing.subject == "gate"
    assert filing.after is not None and filing.after.due == dt.date(2025, 7, 14)
    assert filing.causes == ("cac_fr_filing_notice_2025",)
    assert "cac_fr_filing_notice_2025" in diff.developments


def test_diff_reports_deadline_passing_without_a_development() -> None:
    diff = api.law_diff(PROFILE, dt.date(2025, 7, 1), dt.date(2025, 7, 31))
    filing = next(c for c in diff.changes if c.rule_id == "facial_recognition.filing")
    assert filing.change == "changed"
    assert filing.before is not None and filing.before.status == Status.DUE
    assert filing.after is not None and filing.after.status == Status.OVERDUE
    assert filing.causes == ()
    assert any("Time passed" in e for e in filing.explanation)


def test_diff_of_same_date_is_empty() -> None:
    a = api.assess(PROFILE, dt.date(2025, 6, 2))
    assert api.diff_assessments(a, a).changes == ()


def test_digest_rejects_reversed_period() -> None:
    with pytest.raises(HeguiError, match="before"):
        api.digest(PROFILE, dt.date(2025, 5, 31), dt.date(2025, 5, 1))


def test_renderers_are_bilingual_and_well_formed(may: Digest) -> None:
    md = digest_markdown(may)
    assert "Action required / 需采取行动" in md and "Does not apply / 不适用" in md
    assert "2025-07-14" in md and "人脸识别" in md
    data = json.loads(digest_json(may))
    assert data["counts"]["not_applicable"] == len(may.not_applying())
    assert {i["id"] for i in data["items"]} == {i.development.id for i in may.items}
    page = digest_html(may)

    class _Check(HTMLParser):
        ids: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids += [v for k, v in attrs if k == "id" and v]

    parser = _Check()
    parser.feed(page)
    assert set(parser.ids) == {i.development.id for i in may.items}
    assert "<script" not in page


def test_diff_renderers() -> None:
    diff = api.law_diff(PROFILE, dt.date(2025, 5, 31), dt.date(2025, 6, 1))
    text = diff_text(diff)
    assert "facial_recognition.filing" in text and "cac_fr_filing_notice_2025" in text
    data = json.loads(diff_json(diff))
    assert data["from"] == "2025-05-31" and data["changes"]


def test_diff_credits_a_record_whose_parameter_moves_in_the_window() -> None:
    # A record effective long before the window still caused the change if a parameter it
    # changed takes a new value inside the window (here the FR filing threshold, from 2025-06-01).
    from dataclasses import replace

    from hegui.developments.loader import bundled_developments

    base = next(d for d in bundled_developments() if d.id == "cac_fr_filing_notice_2025")
    early = replace(
        base,
        id="synthetic_threshold_2025",
        date=dt.date(2025, 3, 21),
        dates=replace(base.dates, effective=dt.date(2025, 3, 21)),
        rules=(),
        parameters=("facial_recognition.filing_threshold",),
    )
    before = api.assess(PROFILE, dt.date(2025, 5, 31))
    after = api.assess(PROFILE, dt.date(2025, 6, 1))
    diff = api.diff_assessments(before, after, [early])
    filing = next(c for c in diff.changes if c.rule_id == "facial_recognition.filing")
    assert filing.causes == ("synthetic_threshold_2025",)
    # Outside the window the same record explains nothing.
    later = api.diff_assessments(after, api.assess(PROFILE, dt.date(2025, 6, 2)), [early])
    assert all(not c.causes for c in later.changes)
