"""Development records: sector ids are checked, and a sector group stands for its members."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.cli import main
from hegui.developments.applicability import evaluate
from hegui.developments.loader import load_developments
from hegui.law.loader import get_law
from hegui.law.sectors import sector_vocabulary
from hegui.profile.models import Profile

BAD = Path(__file__).parent / "fixtures" / "bad"
PBOC = "pboc_data_security_incident_measures_2025"


def _profile(sector: str) -> Profile:
    entity = {"id": "e", "name": "E", "province": "beijing", "sectors": [sector]}
    return Profile.model_validate({"organisation": {"name": "Synthetic"}, "entities": [entity]})


def test_every_bundled_record_names_known_sectors_only() -> None:
    vocab = sector_vocabulary(get_law())
    for dev in load_developments():
        assert set(dev.sectors) <= set(vocab.names), dev.id
        assert set(dev.applies_when.sectors) <= set(vocab.names), dev.id


def test_the_pboc_record_reads_the_group_of_the_pboc_regimes() -> None:
    dev = next(d for d in load_developments() if d.id == PBOC)
    group = sector_vocabulary(get_law()).groups["pboc_business_fields"]
    assert dev.applies_when.sectors == group
    assert dev.sectors == group


@pytest.mark.parametrize(
    ("sector", "applies"),
    [("fintech", True), ("credit_reporting", True), ("banking", True), ("insurance", False)],
)
def test_the_pboc_record_applies_to_the_group_members_only(sector: str, applies: bool) -> None:
    dev = next(d for d in load_developments() if d.id == PBOC)
    assert evaluate(dev, _profile(sector)).applies is applies


def test_validate_names_the_misspelt_sector(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["developments", "validate", str(BAD / "bad_unknown_sector.yaml")])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "bad_unknown_sector.yaml:12" in err and "applies_when.sectors" in err
    assert "unknown sector id 'telecoms'" in err and "did you mean 'telecom'?" in err
