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


# (target_sdk, min_sdk, usesCleartextTraffic, networkSecurityConfig) -> (permitted, finding status)
CLEARTEXT = [
    (26, 16, None, False, True, "due"),  # platform default before API 28
    (27, 16, None, False, True, "due"),
    (28, 16, None, False, False, None),
    (33, 21, None, False, False, None),
    (26, 16, False, False, False, None),
    (33, 21, True, False, True, "due"),
    (None, 16, None, False, True, "due"),  # no target: minSdkVersion stands in
    (None, 28, None, False, False, None),
    (33, 24, None, True, None, "needs_review"),  # the config decides; not read
    (33, 21, None, True, True, "due"),  # devices before API 24 ignore the config
    (33, 21, True, True, True, "due"),
    (26, 16, False, True, None, "needs_review"),
]


@pytest.mark.parametrize(("target", "min_sdk", "attr", "nsc", "permitted", "status"), CLEARTEXT)
def test_cleartext_follows_the_platform_default(  # type: ignore[no-untyped-def]
    build,
    target: int | None,
    min_sdk: int,
    attr: bool | None,
    nsc: bool,
    permitted: bool | None,
    status: str | None,
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
    assert facts.manifest.cleartext_permitted is permitted
    found = [f for f in check_app(facts, None) if f.rule_id == "apps.cleartext_traffic"]
    assert [f.status.value for f in found] == ([status] if status else [])
    if found:
        assert found[0].facts["evidence"]["manifest"] == facts.manifest.cleartext_basis


def test_profile_out_reports_the_effective_cleartext_setting(build) -> None:  # type: ignore[no-untyped-def]
    from hegui import api

    apk = build(manifest("com.example.old", [], target_sdk=26, min_sdk=16), [dex([])])
    profile = api.app_profile(api.scan_apk(apk))
    assert profile["apps"][0]["cleartext_traffic"] is True
