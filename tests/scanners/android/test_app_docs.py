"""docs/app-scanning.md stays in step with the law data and the --profile-out output."""

from __future__ import annotations

from pathlib import Path

import pytest
from apk_builder import PlantedClass, dex, manifest

from hegui.law.loader import get_law
from hegui.scanners.app_scan import app_profile, scan_app
from hegui.scanners.policy.vocabulary import ELEMENTS

DOC = (Path(__file__).parents[3] / "docs" / "app-scanning.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", sorted(get_law().mapping("app_violation_types")["checks"]))
def test_every_check_is_in_the_table_with_its_title_status_and_severity(rule_id: str) -> None:
    spec = get_law().mapping("app_violation_types")["checks"][rule_id]
    row = next((ln for ln in DOC.splitlines() if ln.startswith(f"| `{rule_id}` |")), None)
    assert row is not None, f"{rule_id} missing from docs/app-scanning.md"
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1].startswith(spec["title"]["en"])
    assert cells[2:4] == [spec["status"], spec["severity"]]
    items = [x.removeprefix("m2019.") for x in spec["identification_2019"]]
    assert cells[4] == (", ".join(items) or "—")


def test_every_policy_element_is_documented() -> None:
    for name in ELEMENTS:
        assert f"`{name}`" in DOC, name


def _keys(obj: object, prefix: str = "") -> set[str]:
    if isinstance(obj, dict):
        out = set()
        for k, v in obj.items():
            if prefix.endswith("elements"):
                continue  # element names are documented in their own list
            out.add(k)
            out |= _keys(v, f"{prefix}.{k}")
        return out
    if isinstance(obj, list):
        return set().union(*(_keys(v, prefix) for v in obj)) if obj else set()
    return set()


def test_every_profile_out_key_is_documented(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(
        manifest("com.example.doc", ["android.permission.CAMERA"]),
        [dex([PlantedClass("com.umeng.analytics.A")])],
    )
    pol = tmp_path / "p.txt"
    pol.write_text("示例科技有限公司隐私政策：我们收集个人信息。\n", encoding="utf-8")
    profile_block = DOC.split("## App facts for the rules", 1)[1]
    for result in (scan_app(apk, policy=pol, app_type="utilities"), scan_app(apk)):
        for key in _keys(app_profile(result)):
            assert f"{key}:" in profile_block, f"--profile-out key {key!r} not documented"
