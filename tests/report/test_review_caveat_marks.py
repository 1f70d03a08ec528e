"""The text report marks findings that rest on law data flagged needs_review.

The terminal table showed status, due date, rule, title and citations only: a "due" deadline
computed from an unverified parameter or article (its caveat is in the explanation) looked exactly
as certain as any other. Markdown, HTML and explain list the explanation; text now marks the row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.report._common import caveats
from hegui.report.text import render_text
from hegui.rules.engine import Assessment

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


@pytest.fixture(scope="module")
def result() -> Assessment:
    return api.assess(EXAMPLE, dt.date(2026, 11, 30))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rows_resting_on_unverified_law_are_marked_and_explained(
    result: Assessment, lang: str
) -> None:
    shown = [f for f in result.findings if f.status.value != "not_applicable"]
    flagged = [f for f in shown if caveats(f)]
    assert flagged and len(flagged) < len(shown)
    text = render_text(result, lang=lang, width=400)
    table = text.split("†")
    # One mark per flagged row, plus the one that opens the footnote.
    assert len(table) - 1 == len(flagged) + 1, text
    footnote = text[text.rindex("†") :]
    assert str(len(flagged)) in footnote
    assert "hegui explain" in footnote


def test_no_mark_without_caveats(result: Assessment) -> None:
    clean = result.model_copy(update={"findings": [f for f in result.findings if not caveats(f)]})
    assert "†" not in render_text(clean, width=400)
