"""Docs are tested: the generated reference pages are current, and every rule and command is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
assert _spec and _spec.loader
gen_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_docs)


@pytest.mark.parametrize("rel", sorted(gen_docs.PAGES))
def test_generated_reference_pages_are_current(rel: str) -> None:
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == gen_docs.PAGES[rel](), f"{rel} is stale: run `python scripts/gen_docs.py`"


def test_every_regime_has_a_hand_written_page() -> None:
    from hegui.api import list_rules

    pages = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "rules").glob("*.md"))
    missing = sorted({r.id for r in list_rules() if r.id not in pages})
    assert not missing, f"rules not described in docs/rules/*.md: {missing}"


def test_readme_quick_start_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
