"""Markdown and HTML digests say the same things (second pass).

The HTML form left out the "rules pending" line of applying records with no hegui rule, and said
nothing where the Markdown form says that no obligation changed; neither form said that a period
had no development at all.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from hegui import api
from hegui.developments.render import digest_html, digest_json, digest_markdown

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


def test_year_end_period_renders_the_same_changes_in_every_form() -> None:
    d = api.digest(ACME, dt.date(2025, 12, 15), dt.date(2026, 1, 15))
    doc = json.loads(digest_json(d))
    assert (doc["from"], doc["to"]) == ("2025-12-15", "2026-01-15")
    changes = doc["diff"]["changes"]
    assert changes  # audits and filings fall due across the new year
    text, page = digest_markdown(d), html.unescape(digest_html(d))
    for c in changes:
        assert f"`{c['rule_id']}`" in text and c["rule_id"] in page
    assert text.count("(caused by:") == page.count("(caused by:") == len(changes)
