"""The bundled example policy scans to the policy facts the example profile declares."""

from __future__ import annotations

from pathlib import Path

import yaml

from hegui.scanners.app_scan import scan_policy_file

ACME = Path(__file__).parents[3] / "examples" / "acme"


def test_example_policy_matches_the_example_app_facts() -> None:
    declared = yaml.safe_load((ACME / "profile.d" / "apps.yaml").read_text(encoding="utf-8"))
    policy_facts = declared["apps"][0]["policy"]
    result = scan_policy_file(ACME / "app" / "privacy-policy.html")
    found = {name: e.present for name, e in result.policy.elements.items()}
    assert found == policy_facts["elements"]
    assert [n for n, present in found.items() if not present] == policy_facts["missing"]
    assert result.policy.simplified_chinese and result.policy.has_table
    wd = max(r.value for r in result.policy.response_times if r.unit == "working_days")
    assert wd == policy_facts["response_time_working_days"]
    assert [f.rule_id for f in result.findings] == ["apps.response_time_exceeds_limit"]
