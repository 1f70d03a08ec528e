"""The profile as known on a date (hegui.profile.as_of)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hegui import api
from hegui.profile.as_of import ITEMS, as_known_on, classified, date_fields, item_as_known_on
from hegui.profile.models import Profile
from hegui.profile.rights import RightsRequest

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"

_PROFILE = {
    "organisation": {"name": "T"},
    "entities": [{"id": "e", "name": "E", "province": "shanghai"}],
    "datasets": [
        {
            "id": "d",
            "entity": "e",
            "pi_categories": ["contact"],
            "individuals": 10,
            "important_data": {"designated": True, "notified_on": "2026-03-01", "core": True},
        }
    ],
    "transfers": [
        {
            "id": "t",
            "entity": "e",
            "recipient": {"name": "R", "country": "US"},
            "volumes": {2026: {"non_sensitive": 500}},
            "start_date": "2026-06-01",
            "mechanism": {
                "type": "security_assessment",
                "applied_on": "2026-01-10",
                "approved_on": "2026-04-01",
                "valid_until": "2029-04-01",
                "reference": "SA-1",
            },
        }
    ],
    "rights": {
        "requests": [
            {"id": "r1", "type": "copy", "received": "2026-01-05", "answered": "2026-02-20"},
            {"id": "r2", "type": "copy", "received": "2026-02-10", "outcome": None},
        ]
    },
    "minors": {"last_audit_on": "2026-02-01", "audit_reported": True},
}


def _profile() -> Profile:
    return Profile.model_validate(_PROFILE)


def test_every_date_field_is_classified() -> None:
    # A new date field must be declared an event, an item date or a kept plan/period.
    assert set(date_fields()) == classified()


def test_item_dates_are_required_fields() -> None:
    # An item whose defining date may be missing would be kept for ever; they are required.
    for item in ITEMS:
        assert item.path.endswith("[]")


def test_later_events_are_absent_and_the_profile_is_unchanged() -> None:
    prof = _profile()
    view, hidden = as_known_on(prof, dt.date(2026, 2, 1))
    ds = view.datasets[0].important_data
    assert (ds.designated, ds.core, ds.notified_on) == (False, False, None)
    m = view.transfers[0].mechanism
    assert m.applied_on == dt.date(2026, 1, 10)
    assert (m.approved_on, m.valid_until, m.reference) == (None, None, None)
    # Plans and counts stay.
    assert view.transfers[0].start_date == dt.date(2026, 6, 1)
    assert view.transfers[0].volume(2026).non_sensitive == 500
    assert view.minors is not None and view.minors.last_audit_on == dt.date(2026, 2, 1)
    assert view.minors.audit_reported is True
    assert view.rights is not None
    assert [r.id for r in view.rights.requests] == ["r1"]
    assert view.rights.requests[0].answered is None
    paths = {h.path for h in hidden}
    assert "rights.requests[r2].received" in paths
    assert "rights.requests[r1].answered" in paths
    assert "transfers[t].mechanism.approved_on" in paths
    # The loaded profile itself is untouched.
    assert prof.transfers[0].mechanism.approved_on == dt.date(2026, 4, 1)
    assert prof.rights is not None and len(prof.rights.requests) == 2


def test_on_the_event_day_the_event_counts() -> None:
    view, hidden = as_known_on(_profile(), dt.date(2026, 2, 20))
    assert view.rights is not None
    assert view.rights.requests[0].answered == dt.date(2026, 2, 20)
    assert all(h.date > dt.date(2026, 2, 20) for h in hidden)


def test_audit_reported_goes_with_a_later_audit() -> None:
    view, _ = as_known_on(_profile(), dt.date(2026, 1, 31))
    assert view.minors is not None
    assert (view.minors.last_audit_on, view.minors.audit_reported) == (None, None)


def test_nothing_later_shares_the_profile() -> None:
    prof = _profile()
    view, hidden = as_known_on(prof, dt.date(2030, 1, 1))
    assert hidden == []
    assert view is prof


def test_single_request() -> None:
    req = RightsRequest(
        id="r", type="copy", received=dt.date(2026, 5, 6), answered=dt.date(2026, 5, 12)
    )
    gone, _ = item_as_known_on(req, "rights.requests[]", dt.date(2026, 5, 1))
    assert gone is None
    open_, hidden = item_as_known_on(req, "rights.requests[]", dt.date(2026, 5, 8))
    assert open_ is not None and open_.answered is None
    assert [h.path for h in hidden] == ["rights.requests[r].answered"]
    assert api.request_deadline(req, None, dt.date(2026, 5, 1)).status == "not_applicable"
    assert api.request_deadline(req, None, dt.date(2026, 5, 8)).status == "due"
    assert api.request_deadline(req, None, dt.date(2026, 5, 12)).status == "met"


def test_assessment_lists_the_facts_left_out() -> None:
    result = api.assess(EXAMPLE, dt.date(2022, 8, 1))
    assert any(p.startswith("mlps.systems[pay-core].filed_on") for p in result.facts_after_as_of)
    late = api.assess(EXAMPLE, dt.date(2100, 1, 1))
    assert late.facts_after_as_of == []
