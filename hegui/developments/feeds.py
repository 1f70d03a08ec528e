"""Atom (RFC 4287) and JSON Feed 1.1 feeds of developments, or of one organisation's digest.

Atom is built with :mod:`xml.etree.ElementTree`, so the output is well-formed XML whatever the
text holds. Entry ids are stable URNs (``urn:hegui:development:<id>``) so feed readers do not show
an item twice when the feed is regenerated.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hegui.developments.digest import CATEGORY_LABELS, Digest, DigestItem
from hegui.developments.schema import Development

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_CST = dt.timezone(dt.timedelta(hours=8))
# Characters XML 1.0 forbids even when escaped (C0 controls but tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF). ElementTree writes them as they are, so a profile name holding one would make
# the feed ill-formed; they are shown as U+FFFD instead.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class _Entry:
    dev: Development
    item: DigestItem | None
    # A digest entry's text is computed as of the period's end: that is when it was last modified.
    as_of: dt.date | None = None

    @property
    def id(self) -> str:
        return f"urn:hegui:development:{self.dev.id}"

    @property
    def title(self) -> str:
        d = self.dev
        prefix = ""
        if self.item is not None:
            label = CATEGORY_LABELS[self.item.category]
            prefix = f"[{label.en} / {label.zh}] "
        return f"{prefix}{d.instrument.en} / {d.instrument.zh}"

    @property
    def when(self) -> dt.datetime:
        return _midnight(self.dev.date)

    @property
    def updated(self) -> dt.datetime:
        if self.as_of is None:
            return self.when
        return max(self.when, _midnight(self.as_of))

    @property
    def tags(self) -> list[str]:
        return [self.dev.kind, self.dev.status, *self.dev.areas]

    def text(self) -> str:
        d = self.dev
        parts = [d.summary.en, d.summary.zh]
        if self.item is not None:
            parts.append(
                "Why / 理由: "
                + "; ".join(f"{r.en} / {r.zh}" for r in self.item.applicability.reasons)
            )
            if self.item.note:
                parts.append(f"{self.item.note.en} / {self.item.note.zh}")
            for o in self.item.obligations:
                due = f"due {o.due}" if o.due else "no date"
                parts.append(f"{o.rule_id} [{o.subject or '-'}]: {o.status.value}, {due}")
        dates = ", ".join(f"{k} {v}" for k, v in vars(d.dates).items() if v is not None)
        if dates:
            parts.append(f"Dates / 日期: {dates}")
        parts.append(f"{d.authority.en} / {d.authority.zh}")
        return "\n\n".join(parts)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=_CST)


def _entries(devs: Sequence[Development], digest: Digest | None) -> list[_Entry]:
    # Newest first in both forms, as feed readers expect (the digest's urgency order is in the
    # digest itself; each entry's title carries its category).
    if digest is not None:
        items = [i for i in digest.items if i.applicability.applies]
        entries = [_Entry(i.development, i, digest.end) for i in items]
    else:
        entries = [_Entry(d, None) for d in devs]
    return sorted(entries, key=lambda e: (e.dev.date, e.dev.id), reverse=True)


def _feed_title(digest: Digest | None) -> str:
    if digest is None:
        return "hegui: China cybersecurity and data-protection developments / 网络与数据合规动态"
    return f"hegui digest / 合规动态摘要: {digest.organisation} ({digest.start} – {digest.end})"


def atom_feed(devs: Sequence[Development], digest: Digest | None = None) -> str:
    """An Atom 1.0 feed of ``devs`` (or of the digest's applying items, with the reasons)."""
    ET.register_namespace("", ATOM_NS)
    entries = _entries(devs, digest)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    # An Atom id is an IRI: the organisation's name is percent-encoded (spaces, brackets ...).
    org = f":{urllib.parse.quote(digest.organisation, safe='', errors='replace')}" if digest else ""
    _sub(feed, "id", "urn:hegui:developments" + org)
    _sub(feed, "title", _feed_title(digest))
    # An empty digest feed is as of its period's end; an empty plain feed has no date of its own.
    empty = _midnight(digest.end) if digest else dt.datetime(2000, 1, 1, tzinfo=_CST)
    latest = max((e.updated for e in entries), default=empty)
    _sub(feed, "updated", latest.isoformat())
    author = _sub(feed, "author")
    _sub(author, "name", "hegui")
    for e in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", e.id)
        _sub(entry, "title", e.title)
        _sub(entry, "updated", e.updated.isoformat())
        _sub(entry, "published", e.when.isoformat())
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", {"rel": "alternate", "href": e.dev.source})
        for tag in e.tags:
            ET.SubElement(entry, f"{{{ATOM_NS}}}category", {"term": tag})
        _sub(entry, "summary", e.dev.summary.en)
        content = _sub(entry, "content", e.text())
        content.set("type", "text")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    if text is not None:
        el.text = _XML_ILLEGAL.sub("\ufffd", text)
    return el


def json_feed(devs: Sequence[Development], digest: Digest | None = None) -> str:
    """A JSON Feed 1.1 document; hegui's structured data sits under the ``_hegui`` extension."""
    items: list[dict[str, Any]] = []
    for e in _entries(devs, digest):
        extension: dict[str, Any] = {"development": e.dev.to_dict()}
        if e.item is not None:
            extension["digest"] = {
                k: v for k, v in e.item.to_dict().items() if k not in ("development",)
            }
        items.append(
            {
                "id": e.id,
                "url": e.dev.source,
                "title": e.title,
                "content_text": e.text(),
                "summary": e.dev.summary.en,
                "date_published": e.when.isoformat(),
                "date_modified": e.updated.isoformat(),
                "tags": e.tags,
                "language": "en",
                "_hegui": extension,
            }
        )
    doc = {
        "version": JSON_FEED_VERSION,
        "title": _feed_title(digest),
        "description": "Regulatory developments encoded as data by hegui (合规).",
        "authors": [{"name": "hegui"}],
        "language": "en",
        "items": items,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
