"""Incident records: operator.sectors are checked against the sector vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.incidents import IncidentError, grade_incident, load_incident, parse_incident
from hegui.incidents.loader import incident_from_data
from hegui.law.loader import get_law
from hegui.law.sectors import sector_vocabulary

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "incidents"
RECORD = """\
title: Synthetic leak
operator:
  name: Example Co
  province: zhejiang
  sectors: [internet, %s]
detected_at: 2026-06-01T10:00
"""


@pytest.mark.parametrize(
    ("sector", "words"),
    [
        ("telecoms", ["unknown sector id 'telecoms'", "did you mean 'telecom'?"]),
        ("bank", ["unknown sector id 'bank'", "did you mean 'banking'?"]),
        ("''", ["must not be empty"]),
        ("pboc_business_fields", ["group of sectors"]),
    ],
)
def test_a_near_miss_names_file_line_and_field(sector: str, words: list[str]) -> None:
    with pytest.raises(IncidentError) as info:
        parse_incident(RECORD % sector, source="i.yaml")
    err = info.value
    assert (err.path, err.line, err.field) == ("i.yaml", 5, "operator.sectors.1")
    for word in words:
        assert word in err.message


@pytest.mark.parametrize("sector", ["Telecom", "telecommunications"])
def test_case_and_aliases_read_as_the_id_and_reach_the_zhejiang_plan(sector: str) -> None:
    incident = parse_incident(RECORD % sector, source="i.yaml")
    assert incident.operator is not None
    assert incident.operator.sectors == ["internet", "telecom"]
    zj = next(r for r in grade_incident(incident).regimes if r.regime == "zj_telecom")
    assert zj.applies


def test_the_web_register_path_checks_sectors_too() -> None:
    data = {
        "title": "t",
        "detected_at": "2026-06-01T10:00",
        "operator": {"name": "X", "province": "beijing", "sectors": ["finanse"]},
    }
    with pytest.raises(IncidentError) as info:
        incident_from_data(data, source="incident")
    assert info.value.field == "operator.sectors.0"
    assert "did you mean 'finance'?" in info.value.message


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_incident_loads_with_known_sectors(path: Path) -> None:
    incident = load_incident(path)
    names = sector_vocabulary(get_law()).names
    if incident.operator is not None:
        assert set(incident.operator.sectors) <= set(names)
