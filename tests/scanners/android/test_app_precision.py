"""Done-when: every planted problem is reported with its legal basis and evidence, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apk_builder import PlantedClass, dex, manifest
from policy_texts import ZH_LINES, policy

from hegui.models import Status
from hegui.scanners.app_scan import app_profile, scan_app

PKG = "com.example.shop"
PERMISSIONS = [
    "android.permission.INTERNET",
    "android.permission.ACCESS_FINE_LOCATION",  # purpose stated in the policy
    "android.permission.CAMERA",  # purpose stated
    "android.permission.READ_PHONE_STATE",  # planted: no purpose
    "android.permission.READ_CONTACTS",  # planted: no purpose
]
CLASSES = [
    PlantedClass(
        f"{PKG}.MainActivity",
        invokes=[("android.location.LocationManager", "getLastKnownLocation")],
    ),
    # planted: IMEI read by app code, not mentioned in the policy
    PlantedClass(
        f"{PKG}.DeviceInfo", invokes=[("android.telephony.TelephonyManager", "getDeviceId")]
    ),
    # Umeng reads Android ID; both are disclosed
    PlantedClass(
        "com.umeng.analytics.MobclickAgent",
        invokes=[("android.provider.Settings$Secure", "getString")],
        strings=["android_id"],
    ),
    # planted: JPush undisclosed, and it reads the MAC address
    PlantedClass(
        "cn.jpush.android.api.JPushInterface",
        invokes=[("android.net.wifi.WifiInfo", "getMacAddress")],
    ),
    # planted: Pangle (advertising) undisclosed; the policy has no non-targeted option
    PlantedClass("com.bytedance.sdk.openadsdk.TTAdSdk"),
]
# planted: no retention period, no deactivation channel, no non-targeted option
DROPPED = ("retention", "deactivation", "targeted_push_opt_out")

EXPECTED = {
    ("apps.permission_without_purpose", "android.permission.READ_PHONE_STATE"),
    ("apps.permission_without_purpose", "android.permission.READ_CONTACTS"),
    ("apps.immutable_identifier_read", "imei"),
    ("apps.immutable_identifier_read", "mac"),
    ("apps.pi_read_not_disclosed", "imei"),
    ("apps.pi_read_not_disclosed", "mac"),
    ("apps.sdk_not_disclosed", "jpush"),
    ("apps.sdk_not_disclosed", "pangle"),
    ("apps.targeted_push_no_opt_out", None),
    ("apps.retention_missing", None),
    ("apps.deactivation_channel_missing", None),
}


def _manifest(package: str, permissions: list[str], **kw: Any) -> bytes:
    """The builder's manifest (minSdkVersion 21, targetSdkVersion 33) with
    usesCleartextTraffic="false": without it Android 6.0-8.1 (API 23-27) permit cleartext by
    default, an apps.cleartext_traffic finding these tests do not plant
    (test_the_default_manifest_permits_cleartext_on_api_23_to_27 checks it)."""
    return manifest(package, permissions, **{"cleartext": False, **kw})


@pytest.fixture
def planted(build, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    apk = build(_manifest(PKG, PERMISSIONS, label="Example Shop"), [dex(CLASSES)])
    pol = tmp_path / "privacy.txt"
    pol.write_text(policy(ZH_LINES, drop=DROPPED), encoding="utf-8")
    return apk, pol


def test_every_planted_problem_and_nothing_else(planted: tuple[Path, Path]) -> None:
    apk, pol = planted
    result = scan_app(apk, policy=pol)
    found = {(f.rule_id, f.subject) for f in result.open_findings()}
    assert found == EXPECTED
    assert len(result.open_findings()) == len(EXPECTED)  # no duplicates either


def test_each_finding_has_legal_basis_and_evidence(planted: tuple[Path, Path]) -> None:
    apk, pol = planted
    by_key = {(f.rule_id, f.subject): f for f in scan_app(apk, policy=pol).findings}
    for f in by_key.values():
        assert f.citations and all(
            c.name is not None for c in f.citations
        )  # resolved by the loader
        assert f.facts["severity"] in ("high", "medium", "low")
        assert f.facts["evidence"]
        assert f.actions
    perm = by_key[("apps.permission_without_purpose", "android.permission.READ_PHONE_STATE")]
    assert perm.facts["evidence"]["permission"] == "android.permission.READ_PHONE_STATE"
    assert perm.facts["evidence"]["file"] == apk.name
    assert {(c.instrument, c.article) for c in perm.citations} >= {
        ("app_pi_identification_method_2019", "2.3"),
        ("pipl", "17"),
    }
    imei = by_key[("apps.immutable_identifier_read", "imei")]
    site = imei.facts["evidence"]["call_sites"][0]
    assert (site["class"], site["method"], site["origin"]) == (f"{PKG}.DeviceInfo", "run", "app")
    mac = by_key[("apps.pi_read_not_disclosed", "mac")]
    assert mac.facts["evidence"]["call_sites"][0]["sdk"] == "jpush"
    jpush = by_key[("apps.sdk_not_disclosed", "jpush")]
    assert jpush.facts["evidence"]["classes"] == ["cn.jpush.android.api.JPushInterface"]
    assert ("app_pi_identification_method_2019", "5.1") in {
        (c.instrument, c.article) for c in jpush.citations
    }
    assert "m2019.5.1" in jpush.facts["violation_types"]
    assert "miit_2025_05.sdk_notice" in jpush.facts["notice_categories"]
    retention = by_key[("apps.retention_missing", None)]
    assert ("pipl", "19") in {(c.instrument, c.article) for c in retention.citations}


def test_fixing_the_planted_problems_clears_the_report(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clean_classes = [CLASSES[0], CLASSES[2]]
    apk = build(_manifest(PKG, PERMISSIONS[:3]), [dex(clean_classes)])
    pol = tmp_path / "privacy.txt"
    pol.write_text(policy(ZH_LINES), encoding="utf-8")
    assert scan_app(apk, policy=pol).open_findings() == []


def test_app_type_adds_beyond_scope_findings(planted: tuple[Path, Path]) -> None:
    apk, pol = planted
    result = scan_app(apk, policy=pol, app_type="网上购物")
    assert result.app_type == "online_shopping"
    beyond = {f.subject for f in result.findings if f.rule_id == "apps.pi_beyond_necessary_scope"}
    # Online shopping needs no device-read PI: everything the app reaches is beyond the scope.
    assert beyond == {"location", "camera", "phone_state", "contacts", "imei", "mac", "android_id"}
    assert all(f.status == Status.DUE for f in result.findings if f.subject in beyond)


def test_profile_out_facts(planted: tuple[Path, Path]) -> None:
    apk, pol = planted
    app = app_profile(scan_app(apk, policy=pol, app_type="online_shopping"))["apps"][0]
    assert (app["id"], app["name"], app["package"], app["app_type"]) == (
        PKG,
        "Example Shop",
        PKG,
        "online_shopping",
    )
    perms = {p["name"]: p for p in app["permissions"]}
    assert perms["android.permission.CAMERA"]["purpose_stated"] is True
    assert perms["android.permission.CAMERA"]["purpose"] == ZH_LINES["camera"]
    assert perms["android.permission.READ_CONTACTS"] == {
        "name": "android.permission.READ_CONTACTS",
        "data_type": "contacts",
        "protection": "dangerous",
        "purpose_stated": False,
        "purpose": None,
    }
    sdks = {s["id"]: s for s in app["sdks"]}
    assert set(sdks) == {"umeng", "jpush", "pangle"}
    assert sdks["umeng"]["disclosed_in_policy"] and not sdks["jpush"]["disclosed_in_policy"]
    assert sdks["pangle"]["category"] == "advertising"
    assert app["reads_immutable_identifiers"] == ["imei", "mac"]
    assert app["deactivation_channel"] is False
    assert set(app["policy"]["missing"]) == {"retention", "deactivation", "targeted_push_opt_out"}
    assert app["policy"]["response_time_working_days"] == 15


def test_without_policy_only_apk_findings_and_a_review_item(planted: tuple[Path, Path]) -> None:
    apk, _ = planted
    result = scan_app(apk)
    found = {(f.rule_id, f.subject, f.status) for f in result.open_findings()}
    assert found == {
        ("apps.immutable_identifier_read", "imei", Status.DUE),
        ("apps.immutable_identifier_read", "mac", Status.DUE),
        ("apps.policy_not_supplied", None, Status.NEEDS_REVIEW),
    }
    assert app_profile(result)["apps"][0]["deactivation_channel"] is None


def test_foreign_sdk_needs_cross_border_notice(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(
        _manifest(PKG, []), [dex([PlantedClass("com.google.firebase.analytics.FirebaseAnalytics")])]
    )
    pol = tmp_path / "p.txt"
    pol.write_text(
        policy(
            ZH_LINES,
            drop=("cross_border",),
            add=("Firebase：用于统计，收集设备信息，隐私政策 https://example.com/f",),
        ),
        encoding="utf-8",
    )
    found = {(f.rule_id, f.subject) for f in scan_app(apk, policy=pol).open_findings()}
    assert found == {("apps.cross_border_undisclosed", None)}


def test_sensitive_pi_without_separate_consent(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(
        _manifest(PKG, ["android.permission.ACCESS_FINE_LOCATION"]),
        [dex([PlantedClass(f"{PKG}.Main")])],
    )
    pol = tmp_path / "p.txt"
    pol.write_text(policy(ZH_LINES, drop=("sensitive_pi_separate_consent",)), encoding="utf-8")
    findings = scan_app(apk, policy=pol).open_findings()
    assert [(f.rule_id, f.facts["evidence"]["missing"]) for f in findings] == [
        ("apps.sensitive_pi_notice_missing", ["sensitive_pi_separate_consent"])
    ]
    assert {"28", "29", "30"} <= {
        c.article for c in findings[0].citations if c.instrument == "pipl"
    }


def test_sdk_listed_without_details(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(
        _manifest(PKG, []), [dex([PlantedClass("com.tencent.bugly.crashreport.CrashReport")])]
    )
    pol = tmp_path / "p.txt"
    pol.write_text(policy(ZH_LINES, add=("Bugly",)), encoding="utf-8")
    findings = scan_app(apk, policy=pol).open_findings()
    assert [(f.rule_id, f.subject) for f in findings] == [("apps.sdk_list_incomplete", "bugly")]
    assert findings[0].facts["evidence"]["missing"] == ["purpose", "pi", "policy_link"]


def test_boot_receiver_is_an_auto_start_review_item(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from apk_builder import Component

    comps = [
        Component("activity", ".Main", None, True),
        Component("receiver", ".Boot", None, True, ("android.intent.action.BOOT_COMPLETED",)),
        Component("receiver", ".Net", None, True, ("android.net.conn.CONNECTIVITY_CHANGE",)),
    ]
    apk = build(_manifest(PKG, [], components=comps), [dex([PlantedClass(f"{PKG}.Main")])])
    pol = tmp_path / "p.txt"
    pol.write_text(policy(ZH_LINES), encoding="utf-8")
    findings = scan_app(apk, policy=pol).open_findings()
    assert [(f.rule_id, f.status) for f in findings] == [("apps.auto_start", Status.NEEDS_REVIEW)]
    assert findings[0].facts["evidence"]["classes"] == [f"{PKG}.Boot"]
    assert "miit_2025_05.auto_start" in findings[0].facts["notice_categories"]


def test_packed_app_is_flagged_as_an_incomplete_scan(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apk = build(
        _manifest(PKG, []), [dex([PlantedClass("com.stub.StubApp"), PlantedClass(f"{PKG}.Main")])]
    )
    pol = tmp_path / "p.txt"
    pol.write_text(policy(ZH_LINES), encoding="utf-8")
    result = scan_app(apk, policy=pol)
    assert result.apk.sdks == [] and [p.id for p in result.apk.packers] == ["packer_360"]
    found = [(f.rule_id, f.status, f.facts["evidence"]["packers"]) for f in result.open_findings()]
    assert found == [("apps.code_packed", Status.NEEDS_REVIEW, ["packer_360"])]
    assert app_profile(result)["apps"][0]["sdks"] == []


def test_the_default_manifest_permits_cleartext_on_api_23_to_27(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The clean app of test_fixing_the_planted_problems_clears_the_report without the opt-out:
    # targetSdkVersion 33 blocks cleartext on Android 9+, but minSdkVersion 21 supports API 23-27.
    apk = build(manifest(PKG, PERMISSIONS[:3]), [dex([CLASSES[0], CLASSES[2]])])
    pol = tmp_path / "privacy.txt"
    pol.write_text(policy(ZH_LINES), encoding="utf-8")
    (found,) = scan_app(apk, policy=pol).open_findings()
    assert (found.rule_id, found.status) == ("apps.cleartext_traffic", Status.DUE)
    assert "devices API 23-27 permit cleartext by default" in found.facts["evidence"]["manifest"]
