"""Reporting-lines rule: sector regimes appear only where their mapping says they apply."""

from __future__ import annotations

import datetime as dt

from hegui.api import assess, load_profile

PROFILE = """\
organisation: {name: Test}
entities:
  - {id: j1, name: JS telecom, province: jiangsu, sectors: [telecom]}
  - {id: z1, name: ZJ bank, province: zhejiang, sectors: [finance]}
"""


def test_sector_clocks_only_where_they_apply() -> None:
    a = assess(load_profile(PROFILE), dt.date(2026, 11, 30), regimes=["incidents"])
    lines = {f.subject: f for f in a.findings if f.rule_id == "incidents.reporting_lines"}
    cited = {s: {c.instrument for c in f.citations} for s, f in lines.items()}
    assert "zj_telecom_data_incident_plan_2025" not in cited["j1"]
    assert "pboc_incident_measures_2025" not in cited["j1"]
    assert "pboc_incident_measures_2025" in cited["z1"]  # finance sector, any province
    assert "zj_telecom_data_incident_plan_2025" not in cited["z1"]  # Zhejiang but not telecom
    assert any("needs review" in e for e in lines["z1"].explanation)  # draft PBOC figures


def test_example_group_has_open_incident_findings() -> None:
    a = assess("examples/acme/profile.yaml", dt.date(2026, 11, 30), regimes=["incidents"])
    open_ids = {f.rule_id for f in a.findings if f.is_open()}
    assert open_ids == {
        "incidents.emergency_plan",
        "incidents.vendor_reporting",
        "incidents.reporting_lines",
    }
