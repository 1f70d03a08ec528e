"""Feed edge cases found in QA: hostile profile text, open-ended periods."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from hegui import api
from hegui.developments.feeds import ATOM_NS
from hegui.profile.loader import load_profile

ACME = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
A = f"{{{ATOM_NS}}}"


def test_atom_feed_stays_well_formed_with_control_characters_in_the_profile() -> None:
    # YAML lets a profile name hold C0 controls that XML 1.0 forbids even escaped.
    prof = load_profile(ACME)
    org = prof.organisation.model_copy(update={"name": "Bad\x01 \x0bname <&> (x)"})
    hostile = prof.model_copy(update={"organisation": org})
    text = api.developments_feed(
        "atom", profile=hostile, start=dt.date(2025, 5, 1), end=dt.date(2025, 5, 31)
    )
    root = ET.fromstring(text)
    assert "Bad\ufffd \ufffdname <&> (x)" in (root.findtext(f"{A}title") or "")
    # The feed id is an IRI: no spaces, brackets or controls.
    feed_id = root.findtext(f"{A}id") or ""
    assert feed_id.startswith("urn:hegui:developments:")
    assert not set(feed_id) & set(" <>()&\x01\x0b")


def test_feed_from_after_the_last_record_without_to_is_empty_not_an_error() -> None:
    root = ET.fromstring(api.developments_feed("atom", start=dt.date(2030, 1, 1)))
    assert root.findall(f"{A}entry") == []
    doc = json.loads(api.developments_feed("json", end=dt.date(2000, 1, 1)))
    assert doc["items"] == []


def test_feed_with_one_open_end_keeps_the_records_on_its_side() -> None:
    later = json.loads(api.developments_feed("json", start=dt.date(2025, 5, 20)))
    dates = [i["_hegui"]["development"]["date"] for i in later["items"]]
    expected = [d for d in api.list_developments() if d.date >= dt.date(2025, 5, 20)]
    assert dates and len(dates) == len(expected)
    assert all(d >= "2025-05-20" for d in dates)


def test_a_profile_feed_is_newest_first_too() -> None:
    # docs/developments.md: feeds are newest first; the profile feed followed urgency order.
    for fmt in ("atom", "json"):
        text = api.developments_feed(
            fmt, profile=ACME, start=dt.date(2025, 5, 1), end=dt.date(2025, 5, 31)
        )
        if fmt == "atom":
            stamps = [
                e.findtext(f"{A}published") or "" for e in ET.fromstring(text).iter(f"{A}entry")
            ]
        else:
            stamps = [i["date_published"] for i in json.loads(text)["items"]]
        assert len(stamps) == 19 and stamps == sorted(stamps, reverse=True)
