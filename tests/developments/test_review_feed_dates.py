"""Digest feeds carry the date their content is computed for.

A digest entry's text holds obligations and statuses as of the period's end, but its ``updated``
was the development's publication date: regenerated for a later period (a duty now overdue), the
entry kept the same id and the same ``updated``, so feed readers never showed the change. An empty
period's feed said it was updated on 2000-01-01.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from hegui import api
from hegui.developments.feeds import ATOM_NS

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
A = f"{{{ATOM_NS}}}"


def _atom(start: dt.date, end: dt.date) -> ET.Element:
    return ET.fromstring(api.developments_feed("atom", profile=ACME, start=start, end=end))


def test_digest_entries_are_updated_as_of_the_period_end_and_stable_across_runs() -> None:
    may = _atom(dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    again = _atom(dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert ET.tostring(may) == ET.tostring(again)
    entries = may.findall(f"{A}entry")
    assert entries
    assert {e.findtext(f"{A}updated") for e in entries} == {"2025-05-31T00:00:00+08:00"}
    assert may.findtext(f"{A}updated") == "2025-05-31T00:00:00+08:00"
    # Published stays the development's own date.
    assert all((e.findtext(f"{A}published") or "") < "2025-05-31" for e in entries)
    later = _atom(dt.date(2025, 5, 1), dt.date(2025, 12, 31))
    ids = {e.findtext(f"{A}id") for e in later.findall(f"{A}entry")}
    assert ids >= {e.findtext(f"{A}id") for e in entries}  # May's entries keep their ids
    assert {e.findtext(f"{A}updated") for e in later.findall(f"{A}entry")} == {
        "2025-12-31T00:00:00+08:00"
    }


def test_empty_digest_period_feed_is_updated_at_the_period_end() -> None:
    empty = _atom(dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    assert empty.findall(f"{A}entry") == []
    assert empty.findtext(f"{A}updated") == "2026-02-01T00:00:00+08:00"


def test_json_digest_feed_gives_date_modified() -> None:
    doc = json.loads(
        api.developments_feed(
            "json", profile=ACME, start=dt.date(2025, 5, 1), end=dt.date(2025, 5, 31)
        )
    )
    assert doc["items"]
    assert {i["date_modified"] for i in doc["items"]} == {"2025-05-31T00:00:00+08:00"}


def test_plain_feed_entries_keep_their_publication_date() -> None:
    root = ET.fromstring(api.developments_feed("atom"))
    for e in root.findall(f"{A}entry"):
        assert e.findtext(f"{A}updated") == e.findtext(f"{A}published")
