"""Atom and JSON Feed 1.1 output: parseable, complete, stable ids."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hegui import api
from hegui.developments.feeds import ATOM_NS, JSON_FEED_VERSION
from hegui.errors import HeguiError

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
A = f"{{{ATOM_NS}}}"


def test_atom_feed_of_all_developments_parses() -> None:
    root = ET.fromstring(api.developments_feed("atom"))
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{A}{tag}") is not None
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(api.list_developments()) == 23
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == 23 and all(i and i.startswith("urn:hegui:development:") for i in ids)
    for e in entries:
        assert e.findtext(f"{A}title") and e.findtext(f"{A}updated")
        link = e.find(f"{A}link")
        assert link is not None and link.get("href", "").startswith("http")
        # RFC 3339 timestamps with an offset.
        dt.datetime.fromisoformat(e.findtext(f"{A}updated") or "")
    # Newest first.
    stamps = [e.findtext(f"{A}updated") or "" for e in entries]
    assert stamps == sorted(stamps, reverse=True)


def test_atom_feed_for_a_profile_lists_only_what_applies_with_reasons() -> None:
    text = api.developments_feed(
        "atom", profile=ACME, start=dt.date(2025, 5, 1), end=dt.date(2025, 5, 31)
    )
    entries = ET.fromstring(text).findall(f"{A}entry")
    digest = api.digest(ACME, dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert len(entries) == len(digest.applying())
    fr = next(e for e in entries if e.findtext(f"{A}id", "").endswith("cac_fr_filing_notice_2025"))
    content = fr.findtext(f"{A}content") or ""
    assert "Why / 理由" in content and "facial_recognition.filing" in content


def test_json_feed_follows_version_1_1() -> None:
    doc = json.loads(api.developments_feed("json"))
    assert doc["version"] == JSON_FEED_VERSION
    assert doc["title"] and len(doc["items"]) == 23
    for item in doc["items"]:
        assert item["id"] and item["content_text"] and item["url"].startswith("http")
        dt.datetime.fromisoformat(item["date_published"])
        assert item["_hegui"]["development"]["id"] in item["id"]


def test_json_feed_window_filters_by_date() -> None:
    doc = json.loads(
        api.developments_feed("json", start=dt.date(2025, 5, 30), end=dt.date(2025, 5, 30))
    )
    assert {i["_hegui"]["development"]["date"] for i in doc["items"]} == {"2025-05-30"}


def test_unknown_feed_format() -> None:
    with pytest.raises(HeguiError, match="unknown feed format"):
        api.developments_feed("rss")
