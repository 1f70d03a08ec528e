"""Which development a law diff names as the cause of a changed obligation (QA findings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from hegui import api
from hegui.developments.loader import bundled_developments

# The facial-recognition profile whose filing duty starts in June 2025 (the digest tests' one).
from tests.developments.test_digest_diff import PROFILE as FR_PROFILE

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


def test_a_record_of_the_instrument_the_rule_rests_on_is_the_cause() -> None:
    # classification.sector_catalogue cites the CAC data export Q&A, in force 2025-05-30; the
    # record of that Q&A is in the window and lists the rule. Before, the diff said no record
    # in the window linked the rule.
    diff = api.law_diff(ACME, dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    change = next(c for c in diff.changes if c.rule_id == "classification.sector_catalogue")
    assert change.causes == ("cac_data_export_qa_2025",)
    assert not any("No development record" in e for e in change.explanation)


def test_a_listing_record_that_binds_nothing_is_named_not_denied() -> None:
    base = next(d for d in bundled_developments() if d.id == "cac_fr_filing_notice_2025")
    notice = replace(
        base,
        id="synthetic_enforcement_2025",
        kind="enforcement",
        instrument_id=None,
        binding_override=None,
        rules=("facial_recognition.filing",),
        parameters=(),
    )
    assert not notice.binding
    before = api.assess(FR_PROFILE, dt.date(2025, 5, 31))
    after = api.assess(FR_PROFILE, dt.date(2025, 6, 1))
    diff = api.diff_assessments(before, after, [notice])
    filing = next(c for c in diff.changes if c.rule_id == "facial_recognition.filing")
    assert filing.causes == ()
    text = " ".join(filing.explanation)
    assert "synthetic_enforcement_2025" in text and "No development record" not in text


def test_a_fact_dated_in_the_window_is_named_as_the_cause() -> None:
    # acme's pay-core was evaluated on 2025-10-20: as of 1 October the evaluation is overdue, as
    # of 31 October it is met. The digest used to say "no linked development" and nothing else.
    diff = api.law_diff(ACME, dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    change = next(
        c for c in diff.changes if c.rule_id == "mlps.evaluation" and c.subject == "pay-core"
    )
    assert change.causes == ()
    assert change.other_causes == ("profile facts dated in the period (last_evaluation_on)",)
    assert any("last_evaluation_on: - -> 2025-10-20" in e for e in change.explanation), (
        change.explanation
    )
    assert change.to_dict()["other_causes"] == list(change.other_causes)
    from hegui.developments.render import diff_text

    assert "profile facts dated in the period (last_evaluation_on)" in diff_text(diff)


def test_a_deadline_passing_is_named_time_passed() -> None:
    diff = api.law_diff(FR_PROFILE, dt.date(2025, 7, 1), dt.date(2025, 7, 31))
    filing = next(c for c in diff.changes if c.rule_id == "facial_recognition.filing")
    assert filing.causes == () and filing.other_causes == ("time passed",)


def test_a_development_cause_leaves_no_other_cause() -> None:
    diff = api.law_diff(FR_PROFILE, dt.date(2025, 5, 31), dt.date(2025, 6, 1))
    filing = next(c for c in diff.changes if c.rule_id == "facial_recognition.filing")
    assert filing.causes == ("cac_fr_filing_notice_2025",) and filing.other_causes == ()
