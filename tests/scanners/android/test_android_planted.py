"""APKs built in the test with planted SDK classes, API calls and manifest flags."""

from __future__ import annotations

from apk_builder import Component, PlantedClass, dex, manifest

from hegui.scanners.android import scan_apk
from hegui.scanners.android.signatures import api_signatures, sdk_signatures


def _dotted(descriptor: str) -> str:
    return descriptor[1:-1].replace("/", ".")


def test_every_sdk_signature_is_detected_and_attributed(build) -> None:  # type: ignore[no-untyped-def]
    planted: dict[str, str] = {}
    for sig in sdk_signatures():
        for prefix in sig.prefixes:
            name = prefix + "Planted" if prefix.endswith(".") else prefix
            planted[name] = sig.id
    apk = build(manifest("com.example.sdks", []), [dex([PlantedClass(n) for n in planted])])
    facts = scan_apk(apk)
    assert {h.id for h in facts.sdks + facts.packers} == {s.id for s in sdk_signatures()}
    assert {h.category for h in facts.packers} == {"packer"}
    for hit in facts.sdks + facts.packers:
        expected = sorted(n for n, sid in planted.items() if sid == hit.id)
        assert hit.class_count == len(expected)
        assert hit.sample_classes == expected[:3]


def test_app_classes_are_not_sdks(build) -> None:  # type: ignore[no-untyped-def]
    # Look-alike names must not match: prefixes end at a package boundary.
    classes = [
        "com.umengx.Foo",
        "com.example.app.Main",
        "com.qq.explorer.Main",
        "com.facebook.react.Bridge",
    ]
    apk = build(manifest("com.example.app", []), [dex([PlantedClass(n) for n in classes])])
    assert scan_apk(apk).sdks == []


def test_every_sensitive_api_is_detected_with_its_caller(build) -> None:  # type: ignore[no-untyped-def]
    classes = []
    for i, a in enumerate(api_signatures()):
        c = PlantedClass(f"com.example.apis.C{i}")
        if a.kind == "field":
            c.fields.append((_dotted(a.cls), a.member))
        else:
            c.invokes.append((_dotted(a.cls), a.member))
        if a.string:
            c.strings.append(a.string)
        classes.append(c)
    apk = build(manifest("com.example.apis", []), [dex(classes)])
    calls = scan_apk(apk).api_calls
    found = {(c.api, c.caller_class) for c in calls}
    expected = {(a.id, f"com.example.apis.C{i}") for i, a in enumerate(api_signatures())}
    assert found == expected
    assert all(c.origin == "app" and c.caller_method == "run" for c in calls)


def test_android_id_needs_the_android_id_string(build) -> None:  # type: ignore[no-untyped-def]
    other_setting = PlantedClass(
        "com.example.a.Settings",
        invokes=[("android.provider.Settings$Secure", "getString")],
        strings=["font_scale"],
    )
    apk = build(manifest("com.example.a", []), [dex([other_setting])])
    assert scan_apk(apk).api_calls == []


def test_call_origin_app_sdk_or_other_and_second_dex(build) -> None:  # type: ignore[no-untyped-def]
    first = dex(
        [
            PlantedClass(
                "com.example.b.Main",
                invokes=[("android.telephony.TelephonyManager", "getDeviceId")],
            )
        ]
    )
    second = dex(
        [
            PlantedClass(
                "cn.jpush.android.api.JPushInterface",
                invokes=[("android.net.wifi.WifiInfo", "getMacAddress")],
            ),
            PlantedClass("org.thirdparty.Lib", fields=[("android.os.Build", "SERIAL")]),
        ]
    )
    apk = build(manifest("com.example.b", []), [first, second])
    facts = scan_apk(apk)
    by_type = {c.data_type: c for c in facts.api_calls}
    assert (by_type["imei"].origin, by_type["imei"].sdk, by_type["imei"].dex) == (
        "app",
        None,
        "classes.dex",
    )
    assert (by_type["mac"].origin, by_type["mac"].sdk, by_type["mac"].dex) == (
        "sdk",
        "jpush",
        "classes2.dex",
    )
    assert (by_type["serial"].origin, by_type["serial"].sdk) == ("other", None)
    assert facts.immutable_identifiers_read() == ["imei", "mac", "serial"]
    assert facts.dex_files == ["classes.dex", "classes2.dex"]


def test_manifest_flags_and_components(build) -> None:  # type: ignore[no-untyped-def]
    comps = [
        Component("activity", ".Main", None, True),
        Component("service", ".Sync", True),
        Component("receiver", "com.example.c.Hidden", False, True),
        Component("provider", ".Files", None),
    ]
    m = manifest(
        "com.example.c",
        [
            "android.permission.CAMERA",
            "android.permission.SYSTEM_ALERT_WINDOW",
            "com.example.CUSTOM",
        ],
        label="Planted C",
        version_code=42,
        version_name="4.2",
        min_sdk=23,
        target_sdk=34,
        debuggable=False,
        cleartext=True,
        allow_backup=False,
        components=comps,
    )
    facts = scan_apk(build(m, [dex([PlantedClass("com.example.c.Main")])]))
    mi = facts.manifest
    assert (mi.package, mi.version_code, mi.version_name, mi.min_sdk, mi.target_sdk, mi.label) == (
        "com.example.c",
        "42",
        "4.2",
        23,
        34,
        "Planted C",
    )
    assert (mi.debuggable, mi.uses_cleartext_traffic, mi.allow_backup) == (False, True, False)
    assert {c.name for c in facts.exported_components} == {
        "com.example.c.Main",
        "com.example.c.Sync",
    }
    types = {p.name: (p.data_type, p.protection) for p in facts.permissions}
    assert types == {
        "android.permission.CAMERA": ("camera", "dangerous"),
        "android.permission.SYSTEM_ALERT_WINDOW": ("overlay", "special"),
        "com.example.CUSTOM": (None, "normal"),
    }
