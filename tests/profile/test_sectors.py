"""Profile sector ids: known ids (any case, or an alias) load as ids; near misses are errors."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from hegui.developments.applicability import evaluate
from hegui.developments.loader import load_developments
from hegui.errors import ProfileError
from hegui.law.loader import get_law
from hegui.law.sectors import sector_vocabulary
from hegui.profile import load_profile, parse_profile

ROOT = Path(__file__).resolve().parents[2]
BASE = """\
organisation: {name: Test Co}
entities:
  - {id: e1, name: Entity One, province: shanghai, sectors: [retail]}
  - id: e2
    name: Entity Two
    province: zhejiang
    sectors: [internet, %s]
"""


def _error(sector: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        parse_profile(BASE % sector, source="p.yaml")
    return info.value


@pytest.mark.parametrize(
    ("sector", "words"),
    [
        ("telecoms", ["unknown sector id 'telecoms'", "did you mean 'telecom'?", "known: "]),
        ("bank", ["unknown sector id 'bank'", "did you mean 'banking'?"]),
        ("''", ["must not be empty"]),
        ("pboc_business_fields", ["is a group of sectors", "banking"]),
    ],
)
def test_a_near_miss_names_file_line_and_field(sector: str, words: list[str]) -> None:
    err = _error(sector)
    assert (err.path, err.line, err.field) == ("p.yaml", 7, "entities.1.sectors.1")
    for word in words:
        assert word in err.message


@pytest.mark.parametrize("sector", ["Telecom", "TELECOM", "telecommunications", "telecom"])
def test_case_and_aliases_are_read_as_the_id(sector: str) -> None:
    profile = parse_profile(BASE % sector, source="p.yaml")
    assert profile.entities[1].sectors == ["internet", "telecom"]


def test_a_case_folded_sector_reaches_the_regime_it_names() -> None:
    # Matching is exact downstream: before the vocabulary, 'Telecom' silently missed the plan.
    profile = parse_profile(BASE % "Telecom", source="p.yaml")
    dev = next(d for d in load_developments() if d.id == "zhejiang_telecom_data_incident_plan_2025")
    result = evaluate(dev, profile)
    assert result.applies and result.entities == ("e2",)


def test_a_repeated_sector_is_kept_once() -> None:
    profile = parse_profile(BASE % "Internet", source="p.yaml")
    assert profile.entities[1].sectors == ["internet"]


def test_every_bundled_profile_loads_with_known_sectors() -> None:
    vocab = sector_vocabulary(get_law())
    profile = load_profile(ROOT / "examples" / "acme" / "profile.yaml")
    used = {s for e in profile.entities for s in e.sectors}
    assert used and used <= set(vocab.names)
    starter = files("hegui.profile").joinpath("templates/starter.yaml").read_text(encoding="utf-8")
    assert parse_profile(starter, source="starter.yaml").entities


def test_the_docs_table_lists_exactly_the_vocabulary() -> None:
    vocab = sector_vocabulary(get_law())
    text = (ROOT / "docs" / "profile.md").read_text(encoding="utf-8")
    section = text.split("## Sectors", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    ids = [row.split("`")[1] for row in rows]
    assert ids == list(vocab.names) + list(vocab.groups)
    for row in rows:
        sid = row.split("`")[1]
        if sid in vocab.names:
            assert vocab.names[sid]["en"] in row and vocab.names[sid]["zh"] in row
            for alias in (a for a, s in vocab.aliases.items() if s == sid):
                assert f"`{alias}`" in row
        else:
            assert all(f"`{m}`" in row for m in vocab.groups[sid])
