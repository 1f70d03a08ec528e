"""--profile-out facts load into a profile and feed the app-duties rule pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from apk_builder import PlantedClass, dex, manifest
from policy_texts import ZH_LINES, policy

from hegui import api
from hegui.models import Status


def _profile(facts: dict) -> Any:  # type: ignore[type-arg]
    """A one-entity organisation whose apps are the scanner's ``--profile-out`` facts."""
    text = (
        "organisation: {name: Shop Co}\nentities: [{id: e1, name: E1, province: zhejiang}]\n"
        + yaml.safe_dump(facts, allow_unicode=True, sort_keys=False)
    )
    return api.load_profile(text)


def test_profile_out_loads_and_drives_the_apps_rules(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(
        manifest("com.example.shop", ["android.permission.READ_CONTACTS"], label="Shop"),
        [dex([PlantedClass("cn.jpush.android.api.JPushInterface")])],
    )
    pol = tmp_path / "p.txt"
    pol.write_text(policy(ZH_LINES, drop=("deactivation",)), encoding="utf-8")
    facts = api.app_profile(api.scan_apk(apk, policy=pol, app_type="online_shopping"))
    profile = _profile(facts)
    app = profile.apps[0]
    assert (app.id, app.app_type, app.deactivation_channel) == (
        "com.example.shop",
        "online_shopping",
        False,
    )
    assert app.sdks[0].id == "jpush" and app.sdks[0].disclosed_in_policy is False
    assert app.permissions[0].purpose_stated is False
    findings = api.assess(profile, regimes=["apps"]).findings
    due = [f for f in findings if f.subject == "com.example.shop" and f.status == Status.DUE]
    assert due, "the scanned facts should give the apps rules something to flag"


def test_right_named_without_a_way_reaches_the_rule(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(manifest("com.example.shop", [], label="Shop"), [dex([])])
    pol = tmp_path / "p.txt"
    text = policy(ZH_LINES, drop=("right_deletion",), add=("您有权删除您的个人信息。",))
    pol.write_text(text, encoding="utf-8")
    facts = api.app_profile(api.scan_apk(apk, policy=pol, app_type="online_shopping"))
    block = facts["apps"][0]["policy"]
    assert block["rights_named_without_channel"] == ["right_deletion"]
    assert block["missing"] == ["right_deletion"]
    findings = api.assess(_profile(facts), regimes=["apps"]).findings
    rights = next(f for f in findings if f.rule_id == "apps.user_rights")
    assert rights.status == Status.DUE
    assert rights.facts["violations"] == ["rights_channel_missing"]
    assert any("(deletion: named, no way to exercise it)" in e for e in rights.explanation)


def test_deactivation_named_without_a_way_reaches_the_rule(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(manifest("com.example.shop", [], label="Shop"), [dex([])])
    pol = tmp_path / "p.txt"
    pol.write_text(policy(ZH_LINES, drop=("deactivation",), add=("您可以注销账号。",)), "utf-8")
    facts = api.app_profile(api.scan_apk(apk, policy=pol, app_type="online_shopping"))
    app = facts["apps"][0]
    assert app["policy"]["rights_named_without_channel"] == ["deactivation"]
    assert app["deactivation_channel"] is False
    findings = api.assess(_profile(facts), regimes=["apps"]).findings
    rights = next(f for f in findings if f.rule_id == "apps.user_rights")
    assert rights.status == Status.DUE
    assert rights.facts["violations"] == ["deactivation_channel_missing"]
    assert any("(named, no way to do it)" in e for e in rights.explanation)


def test_regulator_only_complaint_reaches_the_rule_as_such(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(manifest("com.example.shop", [], label="Shop", cleartext=False), [dex([])])
    pol = tmp_path / "p.txt"
    block = "如您认为我们的处理损害了您的权益，您可以向网信部门投诉举报，举报电话12377。"
    pol.write_text(policy(ZH_LINES, drop=("right_complaint",), add=(block,)), "utf-8")
    facts = api.app_profile(api.scan_apk(apk, policy=pol, app_type="online_shopping"))
    block_out = facts["apps"][0]["policy"]
    assert block_out["rights_named_without_channel"] == ["right_complaint"]
    assert block_out["rights_regulator_only"] == ["right_complaint"]
    findings = api.assess(_profile(facts), regimes=["apps"]).findings
    rights = next(f for f in findings if f.rule_id == "apps.user_rights")
    assert rights.status == Status.DUE
    assert rights.facts["violations"] == ["rights_channel_missing"]
    # Not "no way to exercise it": the policy names a way, but only the regulator's (2019 method
    # 6.5, the citation the scanner's apps.rights_channel_missing uses for complaints).
    assert not any("no way to exercise" in e for e in rights.explanation)
    expected = (
        "(complaint: named, but the only channel given is the regulator's "
        "(2019 App identification method §6.5))"
    )
    assert any(expected in e for e in rights.explanation), rights.explanation
    assert ("app_pi_identification_method_2019", "6.5") in {
        (c.instrument, c.article) for c in rights.citations
    }


@pytest.mark.parametrize(
    ("kw", "value"),
    [
        ({}, True),  # the builder's minSdkVersion 21 / target 33: API 23-27 permit cleartext
        ({"cleartext": False}, False),
        ({"min_sdk": 28}, False),
        ({"min_sdk": 27}, True),
        ({"min_sdk": 24, "network_security_config": True}, None),  # config not readable
    ],
)
def test_the_cleartext_verdict_drives_the_conduct_rule(  # type: ignore[no-untyped-def]
    build, kw: dict[str, Any], value: bool | None
) -> None:
    apk = build(manifest("com.example.ct", [], label="Ct", **kw), [dex([])])
    facts = api.app_profile(api.scan_apk(apk, app_type="online_shopping"))
    assert facts["apps"][0]["cleartext_traffic"] is value
    findings = api.assess(_profile(facts), regimes=["apps"]).findings
    rule = next(f for f in findings if f.rule_id == "apps.conduct_and_security")
    # The rule's other checks are runtime facts the scan cannot see (pop-ups: unknown, so the
    # rule is needs_review when nothing is violated): only cleartext can make it due.
    assert ("cleartext_traffic" in rule.facts["violations"]) is (value is True)
    assert (rule.status is Status.DUE) is (value is True)
    # An unknown verdict is a missing fact, not "met".
    assert ("cleartext_traffic" in rule.facts["unknown"]) is (value is None)
    assert ("apps[com.example.ct].cleartext_traffic" in rule.missing) is (value is None)
