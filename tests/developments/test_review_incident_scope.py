"""A development record and the incident regime it brings must agree on whom they cover.

The PBOC record (seed item 8) applied to sectors finance, banking and payments while the PBOC
incident clocks (``mappings/incident_grading_pboc.yaml``) also cover clearing and credit
reporting: a credit-reporting agency got PBOC reporting clocks from ``hegui incident`` but read
"does not apply" for the same measures in its digest. The Zhejiang telecom record is checked the
same way (sectors and provinces).
"""

from __future__ import annotations

import pytest

from hegui.developments.applicability import evaluate
from hegui.developments.loader import load_developments
from hegui.law.loader import get_law
from hegui.profile.models import Profile

# development id -> incident regime mapping it brings
PAIRS = {
    "pboc_data_security_incident_measures_2025": "incident_grading_pboc",
    "zhejiang_telecom_data_incident_plan_2025": "incident_grading_zj_telecom",
}
PAIRS_PBOC = "pboc_data_security_incident_measures_2025"


@pytest.mark.parametrize(("dev_id", "mapping"), sorted(PAIRS.items()))
def test_record_scope_equals_incident_regime_scope(dev_id: str, mapping: str) -> None:
    dev = next(d for d in load_developments() if d.id == dev_id)
    entries = get_law().mapping(mapping)
    assert set(dev.applies_when.sectors) == set(entries.get("applies_to_sectors") or [])
    assert set(dev.applies_when.provinces) == set(entries.get("applies_to_provinces") or [])


@pytest.mark.parametrize("sector", ["clearing", "credit_reporting"])
def test_pboc_record_applies_to_every_sector_the_incident_clocks_cover(sector: str) -> None:
    dev = next(d for d in load_developments() if d.id == PAIRS_PBOC)
    profile = Profile.model_validate(
        {
            "organisation": {"name": "Synthetic Credit Bureau"},
            "entities": [{"id": "cb", "name": "CB", "province": "beijing", "sectors": [sector]}],
        }
    )
    result = evaluate(dev, profile)
    assert result.applies and result.entities == ("cb",), result.reasons
