"""App duties: law-data consistency and the `apps:` contract with the app scanner's output."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from hegui.law.loader import get_law
from hegui.models import Status
from hegui.profile.models import Profile
from hegui.rules.apps import _CHECKS, check_spec
from hegui.rules.engine import assess
from hegui.rules.registry import all_rules

DOC = Path(__file__).parents[2] / "docs" / "app-scanning.md"


def test_every_check_has_logic_and_law_data() -> None:
    law = get_law()
    mapping = law.mapping("app_duty_checks")
    assert set(mapping["checks"]) == set(_CHECKS)
    for rule_id, spec in mapping["rules"].items():
        assert rule_id in all_rules()
        for check_id in spec["checks"]:
            data = check_spec(law, check_id)
            assert data["title"]["en"] and data["action"]["zh"] and data["reference"]


def test_scanner_profile_out_block_loads_and_assesses() -> None:
    """The YAML that `--profile-out` writes (documented by the scanner) is a valid apps section."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(apps:\n.*?)```", text, re.S)
    assert block, "docs/app-scanning.md lost its apps: example"
    data = yaml.safe_load(block.group(1).replace("...}", "}").replace(" ... ", " "))
    profile = Profile.model_validate(
        {
            "organisation": {"name": "T"},
            "entities": [{"id": "e1", "name": "E1", "province": "shanghai"}],
            **data,
        }
    )
    result = assess(profile, dt.date(2026, 11, 30), regimes=["apps"])
    by_rule = {f.rule_id: f for f in result.findings}
    # location is necessary PI for no shopping-app function; android_id is read by the code
    assert by_rule["apps.necessity"].status is Status.DUE
    # runtime facts the scanner cannot see are named as missing
    assert by_rule["apps.consent"].status is Status.NEEDS_REVIEW
    assert any("consent_flow" in m for m in by_rule["apps.consent"].missing)
