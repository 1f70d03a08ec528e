"""Every bundled record names its instrument when the law data holds it (its citation)."""

from __future__ import annotations

from hegui.developments.loader import bundled_developments
from hegui.law.loader import get_law


def test_a_record_links_the_law_data_instrument_of_its_issuer_and_day() -> None:
    # The Supreme People's Court Q&A of 8 May 2025 is in the law data (the rights rules cite it)
    # but its record did not link it, so the digest and diff could not tie the two together.
    law = get_law()
    unlinked = []
    for dev in bundled_developments():
        if dev.instrument_id is not None:
            continue
        day = dev.dates.issued or dev.date
        unlinked += [
            f"{dev.id} -> {inst.id}"
            for inst in law.instruments.values()
            if inst.promulgated == day and inst.issuer.zh == dev.authority.zh
        ]
    assert unlinked == []


def test_the_spc_qa_record_cites_its_instrument() -> None:
    dev = next(d for d in bundled_developments() if d.id == "spc_pi_rights_lawsuit_qa_2025")
    assert dev.instrument_id == "spc_pi_rights_qa_2025_05"
    assert dev.instrument_id in get_law().instruments


NEWSLETTER = (
    "https://www.twobirdslaw.com/en/insights/2025/china/"
    "china-cybersecurity-and-data-protection-monthly-update-june-2025-issue"
)


def test_sources_are_official_pages_or_the_newsletter() -> None:
    # docs/developments.md: the official page where known, else the newsletter item. Three records
    # pointed at unrelated reprint sites (a photography site among them).
    from urllib.parse import urlsplit

    odd = [
        f"{d.id}: {d.source}"
        for d in bundled_developments()
        if d.source != NEWSLETTER and not (urlsplit(d.source).hostname or "").endswith(".gov.cn")
    ]
    assert odd == []


def test_the_json_form_keeps_seed_item_and_notes() -> None:
    from dataclasses import replace

    dev = next(d for d in bundled_developments() if d.id == "cac_fr_filing_notice_2025")
    data = replace(dev, notes="A caveat.").to_dict()
    assert data["seed_item"] == 3 and data["notes"] == "A caveat."
