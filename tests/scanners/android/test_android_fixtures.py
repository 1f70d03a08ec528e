"""The scanner on real APKs (androguard's open-source test apps)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hegui.errors import ScanError
from hegui.scanners.android import scan_apk
from hegui.scanners.app_findings import check_app

# The real APKs are not committed (some of the F-Droid apps may carry copyleft licences): they are
# read from the project's shared fixtures beside the checkout, or from HEGUI_APK_FIXTURES.
FIXTURES = Path(
    os.environ.get(
        "HEGUI_APK_FIXTURES", Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "apks"
    )
)


def fixture_apk(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"fixture APK {path} is missing in CI (shared/fixtures/apks beside the clone)"
            )
        pytest.skip(f"fixture APK {name} not found under {FIXTURES} (set HEGUI_APK_FIXTURES)")
    return path


def test_politedroid_manifest_and_permission_types() -> None:
    facts = scan_apk(fixture_apk("com.politedroid_4.apk"))
    m = facts.manifest
    assert (m.package, m.version_code, m.version_name, m.min_sdk, m.target_sdk) == (
        "com.politedroid",
        "4",
        "1.3",
        3,
        None,
    )
    assert m.label == "Polite Droid"  # resolved through resources.arsc
    perms = {p.name: (p.data_type, p.protection) for p in facts.permissions}
    assert perms == {
        "android.permission.READ_CALENDAR": ("calendar", "dangerous"),
        "android.permission.RECEIVE_BOOT_COMPLETED": ("auto_start", "special"),
    }
    # The launcher activity and the boot receiver have intent filters: exported by default.
    assert {c.name for c in facts.exported_components} == {
        "com.politedroid.Preferences",
        "com.politedroid.Update",
    }
    assert facts.sdks == [] and facts.api_calls == []
    assert facts.class_count == 10 and facts.dex_files == ["classes.dex"]


def test_jamendo_phone_state_without_identifier_calls() -> None:
    facts = scan_apk(fixture_apk("com.teleca.jamendo_35.apk"))
    assert facts.manifest.package == "com.teleca.jamendo"
    assert facts.manifest.target_sdk == 8
    typed = {p.name for p in facts.permissions if p.data_type}
    assert typed == {
        "android.permission.READ_PHONE_STATE",
        "android.permission.WRITE_EXTERNAL_STORAGE",
    }
    assert facts.immutable_identifiers_read() == []


def test_a2dp_location_and_installed_apps_call_sites_in_app_code() -> None:
    facts = scan_apk(fixture_apk("a2dp.Vol_137.apk"))
    assert len(facts.permissions) == 17
    reads = facts.data_types_read()
    assert set(reads) == {"location", "installed_apps"}
    loc = {(c.caller_class, c.api) for c in reads["location"]}
    assert ("a2dp.Vol.StoreLoc", "location.get_last_known") in loc
    assert all(c.origin == "app" and c.sdk is None for c in facts.api_calls)
    sensitive = {p.data_type for p in facts.permissions if p.pi_permission}
    assert {"sms", "contacts", "location", "phone_state", "accounts"} <= sensitive


def test_a2dp_beyond_necessary_scope_for_a_utility_app() -> None:
    facts = scan_apk(fixture_apk("a2dp.Vol_137.apk"))
    findings = check_app(facts, None, "utilities")
    beyond = {f.subject for f in findings if f.rule_id == "apps.pi_beyond_necessary_scope"}
    assert {"location", "contacts", "sms", "phone_state", "installed_apps"} <= beyond
    loc = next(
        f
        for f in findings
        if f.subject == "location" and f.rule_id == "apps.pi_beyond_necessary_scope"
    )
    assert "android.permission.ACCESS_FINE_LOCATION" in loc.facts["evidence"]["permissions"]
    assert any(
        c.instrument == "app_necessary_pi_scope_2021" and c.article == "5" for c in loc.citations
    )
    # For a map app, location is necessary PI: no finding for it.
    nav = check_app(facts, None, "map_navigation")
    assert "location" not in {
        f.subject for f in nav if f.rule_id == "apps.pi_beyond_necessary_scope"
    }


def test_testactivity_has_no_permissions() -> None:
    facts = scan_apk(fixture_apk("TestActivity.apk"))
    assert facts.manifest.package == "tests.androguard"
    assert facts.permissions == [] and facts.class_count == 340
    # android:name="TestActivity" has no dot: the platform prefixes the package.
    assert [c.name for c in facts.manifest.components] == ["tests.androguard.TestActivity"]


def test_invalid_apk_is_debuggable() -> None:
    facts = scan_apk(fixture_apk("Invalid.apk"))
    assert facts.manifest.debuggable is True
    findings = check_app(facts, None)
    # targetSdkVersion 15: cleartext is allowed by the platform default.
    assert [f.rule_id for f in findings] == [
        "apps.cleartext_traffic",
        "apps.debuggable",
        "apps.policy_not_supplied",
    ]


def test_multidex_without_manifest_is_a_scan_error() -> None:
    with pytest.raises(ScanError, match=r"no AndroidManifest\.xml") as info:
        scan_apk(fixture_apk("multidex.apk"))
    assert "multidex.apk" in str(info.value)
