"""The July-August 2025 digest for the example group names the CAC PI officer reporting notice.

acme-sh (12.5M individuals, officer not reported), acme-pay (3.2M, reported 2025-08-26) and
acme-zj-telecom (1.8M, reaches 1,000,000 only on 2025-09-15) are at or over the 1,000,000 threshold
(examples/acme/profile.d/governance.yaml); the other entities are below it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hegui import api
from hegui.models import Status

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
NOTICE = "cac_pi_officer_report_notice_2025"


def _item(start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    digest = api.digest(ACME, start, end)
    return next(i for i in digest.items if i.development.id == NOTICE)


def test_july_august_digest_shows_the_transition_deadline() -> None:
    item = _item(dt.date(2025, 7, 1), dt.date(2025, 8, 31))
    assert item.category == "action"
    found = {o.subject: o for o in item.obligations if o.rule_id == "governance.pi_officer_report"}
    # Read as of 2025-08-31: acme-sh missed 2025-08-29, acme-pay reported on 2025-08-26.
    assert found["acme-sh"].status is Status.OVERDUE
    assert found["acme-sh"].due == dt.date(2025, 8, 29)
    assert found["acme-pay"].status is Status.MET
    # acme-zj-telecom has not reached the threshold yet, so it owes nothing open.
    assert "acme-zj-telecom" not in found


def test_july_digest_shows_the_report_still_due() -> None:
    item = _item(dt.date(2025, 7, 1), dt.date(2025, 7, 31))
    found = {o.subject: o for o in item.obligations}
    assert found["acme-sh"].status is Status.DUE and found["acme-pay"].status is Status.DUE


def test_the_notice_is_outside_the_may_digest() -> None:
    digest = api.digest(ACME, dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert NOTICE not in {i.development.id for i in digest.items}
