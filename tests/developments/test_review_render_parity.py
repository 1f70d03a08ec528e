"""Markdown and HTML digests say the same things (second pass).

The HTML form left out the "rules pending" line of applying records with no hegui rule, and said
nothing where the Markdown form says that no obligation changed; neither form said that a period
had no development at all.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from hegui import api
from hegui.developments.render import digest_html, digest_markdown

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


def test_html_gives_the_pending_rules_the_markdown_gives() -> None:
    may = api.digest(ACME, dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    pending = [
        i.development.pending_rules
        for i in may.applying()
        if i.development.pending_rules and not i.development.rules
    ]
    assert pending
    page, text = html.unescape(digest_html(may)), digest_markdown(may)
    for p in pending:
        assert p in text and p in page


def test_empty_period_says_so_in_both_forms() -> None:
    empty = api.digest(ACME, dt.date(2026, 1, 5), dt.date(2026, 1, 6))
    assert empty.items == ()
    page, text = html.unescape(digest_html(empty)), digest_markdown(empty)
    for line in ("No development was published in this period. / 本期间无新动态。",):
        assert line in text and line in page
    if not empty.diff.changes:
        line = "No obligation appeared, disappeared or changed. / 无义务变化。"
        assert line in text and line in page
