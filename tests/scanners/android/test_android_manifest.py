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
