"""Column classification edge cases: precedence between entities, the free-text fallback."""

from __future__ import annotations

import pandas as pd

from hegui.detectors.synthetic import Synth
from hegui.scanners.tabular import scan

from .conftest import AS_OF

# Synthetic resident IDs (valid MOD 11-2); the last one also passes Luhn with a card prefix.
_IDS = [
    "320102197105085579",
    "440106196109139376",
    "510107200403076402",
    "110108200202106208",
    "510107195103082655",
]


def _column(values: list[str], header: str = "x"):  # type: ignore[no-untyped-def]
    return scan(pd.DataFrame({header: values}), as_of=AS_OF).tables[0].columns[0]


def test_a_resident_id_is_not_also_counted_as_a_bank_card() -> None:
    col = _column(_IDS)
    assert col.entity == "CN_RESIDENT_ID"
    assert [e.entity for e in col.entities] == ["CN_RESIDENT_ID"]
    assert "financial_account" not in col.sensitive_categories


def test_a_mixed_column_still_reports_ids_and_cards() -> None:
    s = Synth(3)
    cards = [s.bank_card() for _ in range(5)]
    col = _column(_IDS + cards)
    assert {e.entity for e in col.entities} == {"CN_RESIDENT_ID", "CN_BANK_CARD"}
    card = next(e for e in col.entities if e.entity == "CN_BANK_CARD")
    assert card.matches == 5  # the cards, not the Luhn-passing ID


def test_short_filler_cells_do_not_switch_off_the_free_text_search() -> None:
    s = Synth(4)
    notes = [f"请回拨{s.mobile()}" if i % 5 < 2 else "无" for i in range(100)]
    col = _column(notes, "备注")
    assert col.strategy == "free_text" and col.entity == "CN_MOBILE"
    assert col.entities[0].share == 0.4  # of every non-empty cell, fillers included


def test_an_entity_in_fewer_than_5_percent_of_cells_is_not_reported() -> None:
    s = Synth(5)
    notes = [f"请回拨{s.mobile()}" if i < 4 else "无" for i in range(100)]
    assert _column(notes, "备注").entity is None  # 4% of cells
    notes = [f"请回拨{s.mobile()}" if i < 5 else "无" for i in range(100)]
    assert _column(notes, "备注").entity == "CN_MOBILE"  # 5%


def test_example_support_tickets_hold_phones_not_names() -> None:
    from pathlib import Path

    tickets = Path(__file__).parents[3] / "examples" / "acme" / "data" / "support_tickets.jsonl"
    [t] = scan(tickets, as_of=AS_OF).tables
    text = next(c for c in t.columns if c.name == "text")
    assert [e.entity for e in text.entities] == ["CN_MOBILE"]  # 客户来电 is not a name
    assert t.pi_categories == ["mobile_phone"]
