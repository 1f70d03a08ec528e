"""android:networkSecurityConfig: the reference resolved through resources.arsc, the file evaluated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apk_builder import Ref, XmlElement, axml, dex, manifest, resources_arsc

from hegui.scanners.android import ApkLimits, scan_apk
from hegui.scanners.android.apk import ApkFacts
from hegui.scanners.app_findings import check_app

NSC = "res/xml/network_security_config.xml"
CT = "cleartextTrafficPermitted"


def domain(name: str, subdomains: bool | None = None) -> XmlElement:
    attrs: list[Any] = [] if subdomains is None else [(False, "includeSubdomains", subdomains)]
    return XmlElement("domain", attrs, text=name)


def config(tag: str, cleartext: bool | int | None = None, *children: XmlElement) -> XmlElement:
    attrs: list[Any] = [] if cleartext is None else [(False, CT, cleartext)]
    return XmlElement(tag, attrs, list(children))


def nsc(*children: XmlElement) -> XmlElement:
    return XmlElement("network-security-config", [], list(children))


def apk(  # type: ignore[no-untyped-def]
    build,
    content: XmlElement | bytes | None,
    *,
    target: int = 33,
    path: str = NSC,
    ref_offset: int = 0,
    with_arsc: bool = True,
    min_sdk: int = 24,
    **manifest_kw: Any,
) -> Path:
    """An APK whose manifest references ``path`` through resources.arsc (0x7F010000).

    minSdkVersion defaults to 24, where every device reads the config.
    """
    table, rid = resources_arsc("com.example.nsc", "xml", "network_security_config", path)
    man = manifest(
        "com.example.nsc",
        [],
        target_sdk=target,
        min_sdk=min(target, min_sdk),
        network_security_config=Ref(rid + ref_offset),
        **manifest_kw,
    )
    extra: dict[str, bytes] = {"resources.arsc": table} if with_arsc else {}
    if content is not None:
        extra[path] = content if isinstance(content, bytes) else axml(content)
    return Path(build(man, [dex([])], extra))


def scan(build, content: XmlElement | bytes | None, **kwargs: Any) -> ApkFacts:  # type: ignore[no-untyped-def]
    limits = kwargs.pop("limits", None)
    return scan_apk(apk(build, content, **kwargs), limits=limits)


def _nested(levels: int) -> XmlElement:
    el = config("domain-config", True, domain(f"d{levels}.example"))
    for i in range(levels - 1, 0, -1):
        el = config("domain-config", None, domain(f"d{i}.example"), el)
    return el


def cleartext_findings(facts: ApkFacts) -> list[Any]:
    return [f for f in check_app(facts, None) if f.rule_id == "apps.cleartext_traffic"]


def test_the_arsc_writer_round_trips_through_androguard() -> None:
    from androguard.core.axml import ARSCParser

    table, rid = resources_arsc("com.example.nsc", "xml", "network_security_config", "res/a1.xml")
    parser = ARSCParser(table)
    assert rid == 0x7F010000
    assert parser.get_packages_names() == ["com.example.nsc"]
    assert [v for _c, v in parser.get_resolved_res_configs(rid)] == ["res/a1.xml"]
    assert parser.get_resolved_res_configs(rid + 1) == []
    table, rid = resources_arsc("p", "xml", "n", "res/xml/n.xml", by_sdk={24: "res/xml-v24/n.xml"})
    resolved = ARSCParser(table).get_resolved_res_configs(rid)
    assert [(c.get_qualifier(), v) for c, v in resolved] == [
        ("", "res/xml/n.xml"),
        ("v24", "res/xml-v24/n.xml"),
    ]


def test_base_config_permits_cleartext(build) -> None:  # type: ignore[no-untyped-def]
    facts = scan(build, nsc(config("base-config", True)))
    m = facts.manifest
    assert m.network_security_config_ref == "@7F010000"
    assert m.network_security_config_files == [NSC]
    assert (m.cleartext_permitted, m.cleartext_domains) == (True, [])
    assert m.cleartext_basis == f"network security config {NSC}: base-config {CT}=true"
    found = cleartext_findings(facts)
    assert [f.status.value for f in found] == ["due"]
    assert found[0].explanation == []
    assert found[0].facts["evidence"]["manifest"] == m.cleartext_basis


def test_base_forbids_but_domains_permit_counts_as_cleartext(build) -> None:  # type: ignore[no-untyped-def]
    content = nsc(
        config("base-config", False),
        config("domain-config", True, domain("A.Example", True), domain("b.example")),
        config("domain-config", False, domain("c.example")),
    )
    path = apk(build, content, path="res/a1.xml")  # a name shrunk by R8/aapt2
    facts = scan_apk(path)
    m = facts.manifest
    assert m.cleartext_permitted is True
    assert [(d.name, d.include_subdomains) for d in m.cleartext_domains] == [
        ("a.example", True),
        ("b.example", False),
    ]
    assert m.cleartext_basis == (
        f"network security config res/a1.xml: base-config {CT}=false; "
        "permitted for 2 domains: a.example (and subdomains), b.example"
    )
    (found,) = cleartext_findings(facts)
    assert found.status.value == "due"
    assert found.explanation == [
        "Cleartext is blocked app-wide but the network security config permits it for "
        "2 domains: a.example (and subdomains), b.example."
    ]
    assert found.facts["evidence"]["domains"] == [
        {"name": "a.example", "include_subdomains": True},
        {"name": "b.example", "include_subdomains": False},
    ]
    from hegui import api

    assert api.app_profile(api.scan_apk(path))["apps"][0]["cleartext_traffic"] is True


@pytest.mark.parametrize(("base", "permitted"), [(False, False), (True, True)])
def test_domain_config_without_the_attribute_inherits_the_base(  # type: ignore[no-untyped-def]
    build, base: bool, permitted: bool
) -> None:
    facts = scan(
        build, nsc(config("domain-config", None, domain("a.example")), config("base-config", base))
    )
    m = facts.manifest
    assert (m.cleartext_permitted, m.cleartext_domains) == (permitted, [])
    assert len(cleartext_findings(facts)) == (1 if permitted else 0)


def test_nested_domain_configs_inherit_from_their_parent(build) -> None:  # type: ignore[no-untyped-def]
    m = scan(build, nsc(config("base-config", False), _nested(64))).manifest
    assert len(m.cleartext_domains) == 1  # the innermost one permits; 63 inherit false

    content = nsc(
        config("base-config", False),
        config(
            "domain-config",
            True,
            domain("a.example"),
            config("domain-config", None, domain("in.a.example")),  # inherits true
            config("domain-config", False, domain("secure.a.example")),
        ),
        config(
            "domain-config",
            None,  # inherits false from base-config
            domain("b.example"),
            config("domain-config", None, domain("in.b.example")),
            config("domain-config", True, domain("open.b.example")),
        ),
    )
    m = scan(build, content).manifest
    assert [d.name for d in m.cleartext_domains] == ["a.example", "in.a.example", "open.b.example"]
    assert m.cleartext_permitted is True


# (targetSdkVersion, minSdkVersion, has base-config without the attribute) -> permitted.
# The target-28 default is Android 9's: on Android 7.0-8.1 (API 24-27) the config's default
# permits cleartext whatever the target, so minSdkVersion < 28 permits it on those devices (was
# "blocked" for target 28+ and minSdkVersion 24 before the API-23 view).
@pytest.mark.parametrize(
    ("target", "min_sdk", "with_base", "permitted"),
    [
        (27, 24, False, True),
        (27, 24, True, True),
        (27, 27, True, True),
        (28, 28, False, False),
        (28, 28, True, False),
        (33, 28, True, False),
        (28, 27, True, True),  # near miss: one device level, API 27
        (28, 24, False, True),
        (33, 24, True, True),
    ],
)
def test_default_follows_the_target_and_min_sdk(  # type: ignore[no-untyped-def]
    build, target: int, min_sdk: int, with_base: bool, permitted: bool
) -> None:
    children = [config("domain-config", False, domain("x.example"))]
    if with_base:
        children.append(config("base-config", None))
    # usesCleartextTraffic is ignored once a config is named (the platform reads one or the other).
    m = scan(
        build, nsc(*children), target=target, min_sdk=min_sdk, cleartext=not permitted
    ).manifest
    assert m.cleartext_permitted is permitted
    assert m.cleartext_domains == []
    cmp = "<" if target < 28 else ">="
    where = f"base-config without {CT}" if with_base else "no base-config"
    assert f"{where}: targetSdkVersion {target} {cmp} 28" in m.cleartext_basis
    older = f"but minSdkVersion {min_sdk} < 28: devices API {min_sdk}"
    assert (older in m.cleartext_basis) is (target >= 28 and min_sdk < 28)
    if permitted:  # the domain-config opts one host out of the permissive default
        assert m.cleartext_basis.endswith("forbidden for 1 domain: x.example")


def test_the_older_devices_default_names_the_devices_and_the_fix(build) -> None:  # type: ignore[no-untyped-def]
    facts = scan(build, nsc(config("base-config", None)), target=33, min_sdk=26)
    assert facts.manifest.cleartext_basis == (
        f"network security config {NSC}: base-config without {CT}: targetSdkVersion 33 >= 28 "
        "blocks cleartext by default from Android 9, but minSdkVersion 26 < 28: devices API "
        f'26-27 read the config with cleartext allowed by default (set {CT}="false" in the '
        "base-config)"
    )
    assert [f.status.value for f in cleartext_findings(facts)] == ["due"]


def test_debug_overrides_do_not_change_cleartext(build) -> None:  # type: ignore[no-untyped-def]
    content = nsc(config("base-config", False), config("debug-overrides", True))
    facts = scan(build, content, debuggable=True)
    assert facts.manifest.cleartext_permitted is False
    assert cleartext_findings(facts) == []


def test_integer_attribute_values_count_by_non_zero(build) -> None:  # type: ignore[no-untyped-def]
    m = scan(
        build, nsc(config("base-config", 0), config("domain-config", 1, domain("a.example")))
    ).manifest
    assert (m.cleartext_permitted, [d.name for d in m.cleartext_domains]) == (True, ["a.example"])


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"ref_offset": 1}, "resource @7F010001 is not in resources.arsc"),
        ({"with_arsc": False}, "the APK has no resources.arsc"),
        ({"content": None}, f"{NSC} is not in the APK"),
        ({"content": b"\x03\x00\x08\x00garbage, not binary xml"}, f"{NSC} is not valid binary XML"),
        (
            {"content": axml(XmlElement("resources"))},
            f"{NSC}: root is <resources>, not <network-security-config>",
        ),
        (
            {"limits": ApkLimits(max_network_config_bytes=64)},
            f"{NSC} is {{size}} bytes, above the limit of 64",
        ),
        (
            {"content": nsc(config("base-config", False), config("base-config", True))},
            f"{NSC}: more than one <base-config>",
        ),
        (
            {"content": nsc(config("domain-config", True))},
            f"{NSC}: a <domain-config> without <domain>",
        ),
        (
            {
                "content": nsc(
                    config("domain-config", True, domain("a.example")),
                    config("domain-config", False, domain("A.example")),
                )
            },
            f"{NSC}: domain a.example is given twice",
        ),
        (
            {"content": nsc(config("base-config", True, domain("a.example")))},
            f"{NSC}: <domain> or <domain-config> inside <base-config>",
        ),
        ({"content": nsc(_nested(65))}, f"{NSC}: domain-configs nested deeper than 64"),
    ],
    ids=[
        "unresolvable",
        "no-arsc",
        "missing-file",
        "garbage",
        "wrong-root",
        "oversized",
        "two-bases",
        "no-domain",
        "duplicate-domain",
        "domain-in-base",
        "too-deep",
    ],
)
def test_an_unreadable_config_stays_for_review(  # type: ignore[no-untyped-def]
    build, kwargs: dict[str, Any], reason: str
) -> None:
    args = {"content": nsc(config("base-config", False))} | kwargs
    content = args.pop("content")
    facts = scan(build, content, **args)
    m = facts.manifest
    size = len(axml(nsc(config("base-config", False))))
    assert m.cleartext_permitted is None
    assert m.cleartext_domains == []
    assert m.cleartext_basis.startswith("android:networkSecurityConfig=@7F01000")
    assert m.cleartext_basis.endswith(" not evaluated: " + reason.format(size=size))
    (found,) = cleartext_findings(facts)
    assert found.status.value == "needs_review"
    assert found.facts["evidence"]["manifest"] == m.cleartext_basis


def test_a_plain_string_attribute_is_not_a_reference(build) -> None:  # type: ignore[no-untyped-def]
    man = manifest("com.example.s", [], min_sdk=24, network_security_config=True)
    m = scan_apk(build(man, [dex([])])).manifest
    assert m.cleartext_permitted is None
    assert m.cleartext_basis == (
        "android:networkSecurityConfig=@xml/network_security_config not evaluated: "
        "'@xml/network_security_config' is not a resource reference of the form @7F..."
    )


def test_the_label_still_resolves_through_the_shared_table(build) -> None:  # type: ignore[no-untyped-def]
    table, rid = resources_arsc("com.example.l", "string", "app_name", "Label Shop")
    man = manifest("com.example.l", [], label="@7F010000")
    assert rid == 0x7F010000
    facts = scan_apk(build(man, [dex([])], {"resources.arsc": table}))
    assert facts.manifest.label == "Label Shop"


@pytest.mark.parametrize(
    ("v24", "permitted", "domains"),
    [
        (nsc(config("base-config", True)), True, []),
        (nsc(config("domain-config", True, domain("b.example"))), True, ["a.example", "b.example"]),
        (nsc(config("domain-config", True, domain("a.example"))), True, ["a.example"]),
        (nsc(config("base-config", False)), True, ["a.example"]),
    ],
)
def test_configs_per_api_level_are_all_evaluated(  # type: ignore[no-untyped-def]
    build, v24: XmlElement, permitted: bool, domains: list[str]
) -> None:
    """A reference with a res/xml-v24 variant: cleartext allowed on some devices still counts."""
    table, rid = resources_arsc(
        "com.example.v", "xml", "nsc", "res/xml/nsc.xml", by_sdk={24: "res/xml-v24/nsc.xml"}
    )
    base = nsc(config("base-config", False), config("domain-config", True, domain("a.example")))
    # minSdkVersion 28: the defaults block cleartext on every supported device, so only what the
    # files set opens it (on API 24-27 a file without a base-config would permit it app-wide).
    man = manifest("com.example.v", [], min_sdk=28, network_security_config=Ref(rid))
    extra = {
        "resources.arsc": table,
        "res/xml/nsc.xml": axml(base),
        "res/xml-v24/nsc.xml": axml(v24),
    }
    m = scan_apk(build(man, [dex([])], extra)).manifest
    assert m.network_security_config_files == ["res/xml/nsc.xml", "res/xml-v24/nsc.xml"]
    assert (m.cleartext_permitted, [d.name for d in m.cleartext_domains]) == (permitted, domains)
    first, second = m.cleartext_basis.split(" | ")
    assert first.startswith("network security config res/xml/nsc.xml: base-config ")
    assert second.startswith("network security config res/xml-v24/nsc.xml: ")


LEGACY = "Android 6.0 (API 23) ignores the network security config and applies"
NOTE = "has no cleartext policy: no app setting blocks cleartext there"


# (minSdkVersion, android:usesCleartextTraffic) -> permitted, with base-config false in the file.
# API 23 is the one supported device that has a cleartext setting but does not read the config;
# devices before it (minSdkVersion < 23) only add the note, whatever the verdict.
@pytest.mark.parametrize(
    ("min_sdk", "attr", "permitted"),
    [
        (23, None, True),
        (23, True, True),
        (23, False, False),
        (22, None, True),
        (22, False, False),  # API 22 has no setting: a note, not a violation
        (21, None, True),
        (21, False, False),
        (24, None, False),
        (24, True, False),  # ignored where the config is read
        (24, False, False),
    ],
)
def test_android_6_applies_the_manifest_attribute(  # type: ignore[no-untyped-def]
    build, min_sdk: int, attr: bool | None, permitted: bool
) -> None:
    content = nsc(config("base-config", False), config("domain-config", True, domain("a.example")))
    facts = scan(build, content, min_sdk=min_sdk, cleartext=attr)
    m = facts.manifest
    file_basis = (
        f"network security config {NSC}: base-config {CT}=false; permitted for 1 domain: a.example"
    )
    span = f"API {min_sdk}-22" if min_sdk < 22 else "API 22"
    note = f" | Android 5.x ({span}) {NOTE}" if min_sdk < 23 else ""
    if min_sdk >= 24 or attr is False:
        # permitted for a.example, on the devices that read the config
        assert (m.cleartext_permitted, m.cleartext_basis) == (True, file_basis + note)
        assert [d.name for d in m.cleartext_domains] == ["a.example"]
        return
    assert permitted is True
    assert m.cleartext_permitted is True
    assert m.cleartext_domains == []  # app-wide on Android 6.0
    how = "=true" if attr else " not set to false (default true there)"
    assert m.cleartext_basis == (
        f"{file_basis} | minSdkVersion {min_sdk} < 24: {LEGACY} "
        f"android:usesCleartextTraffic{how}: cleartext permitted there{note}"
    )
    (found,) = cleartext_findings(facts)
    assert (found.status.value, found.explanation) == ("due", [])


@pytest.mark.parametrize(
    ("min_sdk", "attr"), [(23, None), (23, False), (24, None), (22, None), (22, False), (21, False)]
)
def test_a_base_that_forbids_cleartext_holds_from_api_24_and_on_api_23_with_the_attribute(  # type: ignore[no-untyped-def]
    build, min_sdk: int, attr: bool | None
) -> None:
    facts = scan(build, nsc(config("base-config", False)), min_sdk=min_sdk, cleartext=attr)
    m = facts.manifest
    legacy = min_sdk < 24 and attr is not False
    assert m.cleartext_permitted is legacy
    assert (LEGACY in m.cleartext_basis) is legacy
    assert (NOTE in m.cleartext_basis) is (min_sdk < 23)
    assert len(cleartext_findings(facts)) == (1 if legacy else 0)


def test_an_unreadable_config_is_moot_on_devices_before_api_24(build) -> None:  # type: ignore[no-untyped-def]
    facts = scan(build, None, min_sdk=23)
    m = facts.manifest
    assert m.cleartext_permitted is True
    assert m.cleartext_basis.startswith(
        f"android:networkSecurityConfig=@7F010000 not evaluated: {NSC} is not in the APK | "
        "minSdkVersion 23 < 24: "
    )
    assert [f.status.value for f in cleartext_findings(facts)] == ["due"]


def test_an_unreadable_config_with_the_attribute_false_keeps_only_the_note(build) -> None:  # type: ignore[no-untyped-def]
    facts = scan(build, None, min_sdk=21, cleartext=False)
    m = facts.manifest
    assert m.cleartext_permitted is None  # API 23 blocks it; API 24+ read the missing file
    assert m.cleartext_basis == (
        f"android:networkSecurityConfig=@7F010000 not evaluated: {NSC} is not in the APK | "
        f"Android 5.x (API 21-22) {NOTE}"
    )
    assert [f.status.value for f in cleartext_findings(facts)] == ["needs_review"]


def test_long_domain_names_are_cut_in_the_basis_and_explanation(build) -> None:  # type: ignore[no-untyped-def]
    long = "a" * 300 + ".example"
    names = [long] + [f"h{i}.example" for i in range(11)]
    content = nsc(
        config("base-config", False), config("domain-config", True, *(domain(n) for n in names))
    )
    facts = scan(build, content)
    m = facts.manifest
    assert m.cleartext_domains[0].name == long  # the field keeps the name as written
    shown = "a" * 80 + "... (308 characters)"
    assert f"permitted for 12 domains: {shown}, h0.example," in m.cleartext_basis
    assert m.cleartext_basis.endswith("h8.example and 2 more")
    assert long not in m.cleartext_basis
    (found,) = cleartext_findings(facts)
    assert shown in found.explanation[0] and long not in found.explanation[0]
