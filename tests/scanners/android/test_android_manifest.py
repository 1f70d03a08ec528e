"""Manifest attributes: read when the android namespace is missing or altered, and said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from apk_builder import Component, PlantedClass, dex, manifest

from hegui.scanners.android import scan_apk
from hegui.scanners.app_findings import check_app

PERMS = ["android.permission.READ_CONTACTS", "android.permission.ACCESS_FINE_LOCATION"]


@pytest.mark.parametrize(
    "namespace",
    ["http://schemas.android.com/apk/res/androiX", "urn:other", None],
    ids=["altered", "other", "missing"],
)
def test_attributes_fall_back_to_local_names(build, namespace: str | None) -> None:  # type: ignore[no-untyped-def]
    man = manifest(
        "com.example.ns",
        PERMS,
        debuggable=True,
        target_sdk=30,
        components=[
            Component("receiver", ".Boot", None, True, ("android.intent.action.BOOT_COMPLETED",))
        ],
        namespace=namespace,
    )
    facts = scan_apk(build(man, [dex([PlantedClass("com.example.ns.Main")])]))
    m = facts.manifest
    assert m.permissions == PERMS
    assert (m.debuggable, m.target_sdk, m.min_sdk, m.version_name) == (True, 30, 21, "1.0")
    assert [(c.name, c.exported, c.actions) for c in m.components] == [
        ("com.example.ns.Boot", True, ["android.intent.action.BOOT_COMPLETED"])
    ]
    assert len(m.notes) == 1 and "read by local name" in m.notes[0]
    assert (namespace or "(none)") in m.notes[0]
    rules = {f.rule_id for f in check_app(facts, None)}
    assert {"apps.debuggable", "apps.auto_start"} <= rules


def test_a_normal_manifest_has_no_notes(build) -> None:  # type: ignore[no-untyped-def]
    facts = scan_apk(build(manifest("com.example.ok", PERMS), [dex([])]))
    assert facts.manifest.permissions == PERMS and facts.manifest.notes == []


def test_unreadable_permission_names_are_noted() -> None:
    from apk_builder import XmlElement, axml

    from hegui.scanners.android.manifest import parse_manifest

    root = XmlElement(
        "manifest",
        [(False, "package", "com.example.x")],
        [XmlElement("uses-permission", [(True, "label", "x")]), XmlElement("application")],
    )
    info = parse_manifest(axml(root), source="x.apk")
    assert info.permissions == []
    assert info.notes == ["1 <uses-permission> element(s) without a readable name"]


def test_scan_app_text_shows_the_notes(
    build,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    from hegui.cli import main

    apk: Path = build(manifest("com.example.ns", PERMS, namespace=None), [dex([])])
    with pytest.raises(SystemExit):
        main(["scan-app", str(apk)])
    out = capsys.readouterr().out
    assert "Manifest notes:" in out and "read by local name" in out


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (".ui.Main", "com.example.shop.ui.Main"),
        ("BootRx", "com.example.shop.BootRx"),  # no dot: relative too (buildClassName)
        ("com.other.sdk.Receiver", "com.other.sdk.Receiver"),
        ("a.B", "a.B"),
    ],
)
def test_component_names_follow_the_platform_rule(build, declared: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    boot = ("android.intent.action.BOOT_COMPLETED",)
    man = manifest(
        "com.example.shop", [], components=[Component("receiver", declared, None, True, boot)]
    )
    facts = scan_apk(build(man, [dex([])]))
    assert [c.name for c in facts.manifest.components] == [expected]
    auto = [f for f in check_app(facts, None) if f.rule_id == "apps.auto_start"]
    assert auto[0].facts["evidence"]["classes"] == [expected]


NOTE = "has no cleartext policy: no app setting blocks cleartext there"
PRE_PIE = "permit cleartext by default (Android 9 and later block it)"

# The verdict: cleartext permitted on some supported device from API 23 up (devices
# max(minSdkVersion, 23) to the newest); devices before API 23 only add NOTE to the basis.
# (target_sdk, min_sdk, usesCleartextTraffic, networkSecurityConfig)
#   -> (permitted, finding status, text the basis holds)
CLEARTEXT = [
    # targetSdkVersion < 28 and no attribute: every device defaults to cleartext.
    (26, 16, None, False, True, "due", "targetSdkVersion 26 < 28 and no"),
    (27, 16, None, False, True, "due", "targetSdkVersion 27 < 28 and no"),
    # Target 28+, minSdkVersion < 28, no attribute: Android 6.0-8.1 ignore the target and
    # default to cleartext (was "blocked by default" before the API-23 view).
    (28, 16, None, False, True, "due", f"devices API 23-27 {PRE_PIE}"),
    (33, 21, None, False, True, "due", f"devices API 23-27 {PRE_PIE}"),  # the builder default
    (33, 22, None, False, True, "due", f"devices API 23-27 {PRE_PIE}"),
    (33, 23, None, False, True, "due", f"devices API 23-27 {PRE_PIE}"),
    (33, 24, None, False, True, "due", f"devices API 24-27 {PRE_PIE}"),
    (28, 27, None, False, True, "due", f"devices API 27 {PRE_PIE}"),  # near miss: one level
    (28, 28, None, False, False, None, "minSdkVersion 28 >= 28: cleartext blocked by default"),
    (33, 28, None, False, False, None, "minSdkVersion 28 >= 28: cleartext blocked by default"),
    # The attribute decides where there is no config; false leaves only the API 21-22 note.
    (26, 16, False, False, False, None, "android:usesCleartextTraffic=false"),
    (33, 21, False, False, False, None, f"Android 5.x (API 21-22) {NOTE}"),
    (33, 22, False, False, False, None, f"Android 5.x (API 22) {NOTE}"),
    (33, 23, False, False, False, None, "android:usesCleartextTraffic=false"),
    (33, 21, True, False, True, "due", "android:usesCleartextTraffic=true"),
    (33, 28, True, False, True, "due", "android:usesCleartextTraffic=true"),
    # No targetSdkVersion: minSdkVersion stands in (and is also the oldest device).
    (None, 16, None, False, True, "due", "targetSdkVersion 16 < 28"),
    (None, 27, None, False, True, "due", "targetSdkVersion 27 < 28"),
    (None, 28, None, False, False, None, "cleartext blocked by default"),
    # A config (not readable here: no resources.arsc) decides from API 24; API 23 applies the
    # attribute alone, so minSdkVersion < 24 with the attribute not false permits cleartext.
    (33, 24, None, True, None, "needs_review", "network_security_config not evaluated"),
    (33, 23, None, True, True, "due", "Android 6.0 (API 23) ignores the network security"),
    (33, 21, None, True, True, "due", "Android 6.0 (API 23) ignores the network security"),
    (33, 21, True, True, True, "due", "applies android:usesCleartextTraffic=true"),
    (33, 21, False, True, None, "needs_review", f"Android 5.x (API 21-22) {NOTE}"),
    (26, 16, False, True, None, "needs_review", f"Android before 6.0 (API 16-22) {NOTE}"),
]


@pytest.mark.parametrize(
    ("target", "min_sdk", "attr", "nsc", "permitted", "status", "basis"), CLEARTEXT
)
def test_cleartext_follows_the_platform_default(  # type: ignore[no-untyped-def]
    build,
    target: int | None,
    min_sdk: int,
    attr: bool | None,
    nsc: bool,
    permitted: bool | None,
    status: str | None,
    basis: str,
) -> None:
    from apk_builder import XmlElement, axml

    from hegui.scanners.android.manifest import parse_manifest

    raw = manifest(
        "com.example.ct",
        [],
        target_sdk=target or 1,
        min_sdk=min_sdk,
        cleartext=attr,
        network_security_config=nsc,
    )
    if target is None:  # rebuild without targetSdkVersion
        app_attrs: list[tuple[bool, str, str | int | bool]] = [(True, "label", "X")]
        if attr is not None:
            app_attrs.append((True, "usesCleartextTraffic", attr))
        root = XmlElement(
            "manifest",
            [(False, "package", "com.example.ct")],
            [
                XmlElement("uses-sdk", [(True, "minSdkVersion", min_sdk)]),
                XmlElement("application", app_attrs),
            ],
        )
        raw = axml(root)
        assert parse_manifest(raw, source="x").target_sdk is None
    facts = scan_apk(build(raw, [dex([])]))
    m = facts.manifest
    assert m.cleartext_permitted is permitted
    assert basis in m.cleartext_basis
    # Devices before API 23 are a note in the basis, never the verdict.
    assert (NOTE in m.cleartext_basis) is (min_sdk < 23)
    found = [f for f in check_app(facts, None) if f.rule_id == "apps.cleartext_traffic"]
    assert [f.status.value for f in found] == ([status] if status else [])
    if found:
        assert found[0].facts["evidence"]["manifest"] == m.cleartext_basis


@pytest.mark.parametrize(
    ("min_sdk", "expected"),
    [
        (
            21,
            "targetSdkVersion 33 >= 28 but minSdkVersion 21 < 28 and no "
            "android:usesCleartextTraffic: devices API 23-27 permit cleartext by default (Android "
            '9 and later block it); fix: set android:usesCleartextTraffic="false" (a network '
            "security config alone is not read by Android 6.0, API 23) | Android 5.x (API 21-22) "
            "has no cleartext policy: no app setting blocks cleartext there",
        ),
        (
            24,
            "targetSdkVersion 33 >= 28 but minSdkVersion 24 < 28 and no "
            "android:usesCleartextTraffic: devices API 24-27 permit cleartext by default (Android "
            '9 and later block it); fix: set android:usesCleartextTraffic="false" or a network '
            'security config with cleartextTrafficPermitted="false"',
        ),
    ],
)
def test_the_basis_names_the_devices_and_the_fix(build, min_sdk: int, expected: str) -> None:  # type: ignore[no-untyped-def]
    facts = scan_apk(build(manifest("com.example.ct", [], min_sdk=min_sdk), [dex([])]))
    assert facts.manifest.cleartext_basis == expected


def test_profile_out_reports_the_effective_cleartext_setting(build) -> None:  # type: ignore[no-untyped-def]
    from hegui import api

    apk = build(manifest("com.example.old", [], target_sdk=26, min_sdk=16), [dex([])])
    profile = api.app_profile(api.scan_apk(apk))
    assert profile["apps"][0]["cleartext_traffic"] is True
