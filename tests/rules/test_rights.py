"""hegui.api.request_deadline: the DSR queue's view of one request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.errors import HeguiError

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


def test_dict_request_overdue_is_deemed_refused() -> None:
    d = api.request_deadline(
        {"id": "q1", "type": "access", "received": "2026-11-02"}, as_of=dt.date(2026, 11, 24)
    )
    assert (d.due, d.status, d.deemed_refused, d.lawsuit_possible) == (
        dt.date(2026, 11, 23),
        "overdue",
        True,
        True,
    )
    assert {c.instrument for c in d.citations} >= {"pipl", "spc_pi_rights_qa_2025_05"}


def test_due_on_the_deadline_day() -> None:
    d = api.request_deadline(
        {"id": "q1", "type": "deletion", "received": "2026-11-02"}, as_of=dt.date(2026, 11, 23)
    )
    assert d.status == "due" and not d.deemed_refused


def test_profile_commitment_shortens_the_period() -> None:
    profile = api.load_profile(EXAMPLE)
    assert profile.rights is not None and profile.rights.committed_response_working_days
    d = api.request_deadline(
        {"id": "q1", "type": "access", "received": "2026-11-02"}, profile, dt.date(2026, 11, 2)
    )
    assert d.period == f"{profile.rights.committed_response_working_days} working_days"


def test_bad_request_names_the_field() -> None:
    with pytest.raises(HeguiError, match="type"):
        api.request_deadline({"id": "q1", "type": "erasure", "received": "2026-11-02"})
    with pytest.raises(HeguiError, match="received"):
        api.request_deadline({"id": "q1", "type": "access"})
