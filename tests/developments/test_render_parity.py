"""The HTML digest says as much as the Markdown one: counts, dates, actions, needs_review."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from hegui import api
from hegui.developments.digest import Digest
from hegui.developments.render import digest_html, digest_markdown
from hegui.models import Status

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


@pytest.fixture(scope="module")
def may() -> Digest:
    return api.digest(ACME, dt.date(2025, 5, 1), dt.date(2025, 5, 31))


def test_html_gives_the_effective_dates_and_comment_deadlines(may: Digest) -> None:
    page = html.unescape(digest_html(may))
    text = digest_markdown(may)
    # Network ID Measures bind from 2025-07-15; the children's watch draft takes comments to
    # 2025-06-12. Before, only the Markdown form gave these dates.
    for line in ("issued 2025-05-23, effective 2025-07-15", "comment deadline 2025-06-12"):
        assert line in text and line in page
    assert page.count("Dates / 日期") == text.count("Dates / 日期") == len(may.applying())


def test_html_gives_the_counts_actions_and_review_notes(may: Digest) -> None:
    page = html.unescape(digest_html(may))
    assert f"{len(may.applying())} of {len(may.items)} developments apply" in page
    assert "Action required / 需采取行动: 9" in page
    listed = [o for i in may.applying() for o in i.obligations if o.status != Status.INFO]
    shown = [a.en for o in listed for a in o.actions]
    assert shown and all(a in page for a in shown)
    reviews = [i.development.needs_review for i in may.applying() if i.development.needs_review]
    assert reviews and all(r in page for r in reviews)
