"""AndroidManifest.xml (binary AXML) facts: package, SDK levels, permissions, components, flags."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hegui.errors import ScanError

_ANDROID_URI = "http://schemas.android.com/apk/res/android"
_NS = "{" + _ANDROID_URI + "}"
_TOOLS_URI = "http://schemas.android.com/tools"  # build-time attributes, never the platform's
_COMPONENT_TAGS = ("activity", "activity-alias", "service", "receiver", "provider")
# Platform facts, not law. hegui's verdict is "cleartext is permitted on some device the app
# supports, from API 23 up" (devices max(minSdkVersion, 23) to the newest): every such finding can
# be fixed by the app; older devices cannot be, and are a note in the basis.
#
# Android 6.0 (API 23) added the per-app cleartext setting: android.security.NetworkSecurityPolicy
# and isCleartextTrafficPermitted() are "Added in API level 23" (developer.android.com/reference/
# android/security/NetworkSecurityPolicy). Android 5.x (API 21-22) has no such setting, so nothing
# an app declares blocks cleartext there.
CLEARTEXT_POLICY_FROM_SDK = 23
# android:usesCleartextTraffic (developer.android.com/guide/topics/manifest/application-element):
# "The default value for apps that target API level 27 or lower is true. Apps that target API
# level 28 or higher default to false." The target-based default is Android 9's (API 28): before
# it the platform's manifest parser defaulted the flag to true whatever the target (AOSP commit
# 01a959d, which added the attribute: "The default value is true"; PackageParser:
# sa.getBoolean(AndroidManifestApplication_usesCleartextTraffic, true); from Android 9:
# targetSdkVersion < P), so devices API 23-27 permit cleartext unless the attribute says false.
CLEARTEXT_OFF_FROM_SDK = 28
# The network security config is read from Android 7.0 (API 24). The <application> reference
# on android:usesCleartextTraffic (developer.android.com/guide/topics/manifest/application-element,
# as quoted in public transcriptions): "This flag is ignored on Android 7.0 (API level 24) and
# above if an Android Network Security Config is present", and "If your app targets API levels
# 23 and below, you must specify android:usesCleartextTraffic in addition to a Network Security
# Config". Android 6.0 (API 23) applies the attribute alone, which defaults to true there (the
# target-28 default came with Android 9).
NETWORK_CONFIG_FROM_SDK = 24
_ANDROID_5_SDK = 21  # Android 5.0 (Lollipop) is API 21, 5.1 is API 22
_MAX_DOMAIN_SHOWN = 80


class Component(BaseModel):
    """One declared component."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    name: str
    exported: bool
    exported_explicit: bool
    permission: str | None = None
    actions: list[str] = Field(default_factory=list, description="Intent-filter actions")


class CleartextDomain(BaseModel):
    """A domain for which a network security config permits cleartext (app configuration)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    include_subdomains: bool = False

    def __str__(self) -> str:
        # A host name is at most 253 characters; a config can hold any text, so cut it for display.
        name = self.name
        if len(name) > _MAX_DOMAIN_SHOWN:
            name = f"{name[:_MAX_DOMAIN_SHOWN]}... ({len(self.name)} characters)"
        return f"{name} (and subdomains)" if self.include_subdomains else name


class ManifestInfo(BaseModel):
    """What the manifest declares."""

    model_config = ConfigDict(extra="forbid")

    package: str
    version_code: str | None = None
    version_name: str | None = None
    min_sdk: int | None = None
    target_sdk: int | None = None
    label: str | None = None
    permissions: list[str] = Field(default_factory=list)
    components: list[Component] = Field(default_factory=list)
    uses_cleartext_traffic: bool | None = None
    network_security_config: bool = False
    network_security_config_ref: str | None = Field(
        None, description="android:networkSecurityConfig as written (a reference such as @7F150001)"
    )
    network_security_config_files: list[str] = Field(
        default_factory=list, description="The config file(s) the reference resolves to"
    )
    allow_backup: bool | None = None
    debuggable: bool | None = None
    cleartext_permitted: bool | None = Field(
        None,
        description="True when cleartext is permitted for all traffic or for the domains in "
        "cleartext_domains; None when a network security config could not be read",
    )
    cleartext_basis: str = ""
    cleartext_domains: list[CleartextDomain] = Field(
        default_factory=list,
        description="Domains a network security config opens to cleartext while its base forbids it",
    )
    notes: list[str] = Field(
        default_factory=list, description="How the manifest was read when it deviates"
    )

    @property
    def exported_components(self) -> list[Component]:
        return [c for c in self.components if c.exported]


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    v = value.strip().lower()
    if v in ("true", "1", "0xffffffff", "-1"):
        return True
    if v in ("false", "0", "0x0"):
        return False
    return None  # a resource reference: decided at run time, unknown statically


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value, 0)
    except ValueError:
        return None


class _Attrs:
    """Reads ``android:`` attributes, falling back to the local name when the namespace is off.

    Android resolves manifest attributes by resource id, not by namespace URI; androguard names
    attributes from their resource ids where the manifest has a resource map (aapt always writes
    one), but keeps whatever namespace URI the file declares. A manifest whose android namespace
    is missing or altered is still installable, so its attributes are read by local name and the
    result says so instead of coming out empty.
    """

    def __init__(self) -> None:
        self.fallback: set[str] = set()

    def get(self, el: Any, local: str) -> str | None:
        value = el.get(_NS + local)
        if value is not None:
            return str(value)
        for key, v in el.attrib.items():
            uri, _, name = key[1:].rpartition("}") if key.startswith("{") else ("", "", key)
            if name == local and uri != _TOOLS_URI:
                self.fallback.add(uri or "(none)")
                return str(v)
        return None


def parse_axml(raw: bytes, *, name: str, source: str) -> Any:
    """Parse Android binary XML into an lxml element tree; any malformation is a ScanError."""
    from androguard.core.axml import AXMLPrinter
    from loguru import logger

    logger.disable("androguard")  # androguard logs every parse step; a scanner stays quiet

    try:
        printer = AXMLPrinter(raw)
        valid = printer.is_valid()
        root: Any = printer.get_xml_obj() if valid else None
    except Exception as exc:  # androguard raises bare exceptions on corrupt chunks
        raise ScanError(
            f"{name} is not valid binary XML ({type(exc).__name__})", path=source
        ) from None
    if root is None:
        raise ScanError(f"{name} is not valid binary XML", path=source)
    return root


def parse_manifest(raw: bytes, *, source: str) -> ManifestInfo:
    """Parse binary AXML bytes into :class:`ManifestInfo`; any malformation is a ScanError."""
    root = parse_axml(raw, name="AndroidManifest.xml", source=source)
    if root.tag != "manifest":
        raise ScanError(
            f"AndroidManifest.xml root is <{str(root.tag)[:40]}>, not <manifest>", path=source
        )
    package = root.get("package")
    if not package:
        raise ScanError("AndroidManifest.xml has no package name", path=source, field="package")
    attrs = _Attrs()
    sdk = root.find("uses-sdk")
    app = root.find("application")
    target = _int(attrs.get(sdk, "targetSdkVersion")) if sdk is not None else None
    info = ManifestInfo(
        package=package,
        version_code=attrs.get(root, "versionCode"),
        version_name=attrs.get(root, "versionName"),
        min_sdk=_int(attrs.get(sdk, "minSdkVersion")) if sdk is not None else None,
        target_sdk=target,
        label=attrs.get(app, "label") if app is not None else None,
    )
    seen: set[str] = set()
    unnamed = 0
    for tag in ("uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m"):
        for el in root.iter(tag):
            name = attrs.get(el, "name")
            if not name:
                unnamed += 1
            elif name not in seen:
                seen.add(name)
                info.permissions.append(name)
    if app is not None:
        info.uses_cleartext_traffic = _bool(attrs.get(app, "usesCleartextTraffic"))
        info.network_security_config_ref = attrs.get(app, "networkSecurityConfig")
        info.network_security_config = info.network_security_config_ref is not None
        info.allow_backup = _bool(attrs.get(app, "allowBackup"))
        info.debuggable = _bool(attrs.get(app, "debuggable"))
        for child in app:
            if child.tag in _COMPONENT_TAGS:
                info.components.append(_component(child, package, target, attrs))
    info.cleartext_permitted, info.cleartext_basis = _cleartext(info)
    if attrs.fallback:
        uris = ", ".join(sorted(attrs.fallback))
        info.notes.append(
            f"android namespace missing or altered (attributes in {uris}): "
            "attributes read by local name"
        )
    if unnamed:
        info.notes.append(f"{unnamed} <uses-permission> element(s) without a readable name")
    return info


def _cleartext(info: ManifestInfo) -> tuple[bool | None, str]:
    """The effective cleartext setting and why (Android's usesCleartextTraffic rules).

    True when cleartext is permitted on some device from API 23 up that the app supports; devices
    before API 23 only add a note (:func:`no_policy_note`).
    """
    permitted, basis = _cleartext_verdict(info)
    note = no_policy_note(info)
    return permitted, f"{basis} | {note}" if note else basis


def _cleartext_verdict(info: ManifestInfo) -> tuple[bool | None, str]:
    if info.network_security_config:
        # From Android 7.0 the config overrides the attribute; the APK scan reads the file
        # (netconfig.apply_network_config) and replaces this provisional answer.
        legacy = legacy_cleartext(info)
        if legacy is not None:
            return True, legacy
        return None, "android:networkSecurityConfig set: its cleartextTrafficPermitted decides"
    if info.uses_cleartext_traffic is not None:
        value = str(info.uses_cleartext_traffic).lower()
        return info.uses_cleartext_traffic, f"android:usesCleartextTraffic={value}"
    target = effective_target_sdk(info)
    if target < CLEARTEXT_OFF_FROM_SDK:
        return True, (
            f"targetSdkVersion {target} < {CLEARTEXT_OFF_FROM_SDK} and no "
            "android:usesCleartextTraffic: cleartext allowed by default"
        )
    min_sdk = effective_min_sdk(info)
    if min_sdk < CLEARTEXT_OFF_FROM_SDK:
        # Android 9 blocks it by default for this target; the older devices the app supports
        # default the attribute to true whatever the target.
        if min_sdk < NETWORK_CONFIG_FROM_SDK:
            fix = (
                'set android:usesCleartextTraffic="false" (a network security config alone is '
                f"not read by Android 6.0, API {CLEARTEXT_POLICY_FROM_SDK})"
            )
        else:
            fix = (
                'set android:usesCleartextTraffic="false" or a network security config with '
                'cleartextTrafficPermitted="false"'
            )
        return True, (
            f"targetSdkVersion {target} >= {CLEARTEXT_OFF_FROM_SDK} but minSdkVersion {min_sdk} "
            f"< {CLEARTEXT_OFF_FROM_SDK} and no android:usesCleartextTraffic: devices "
            f"{pre_pie_devices(min_sdk, CLEARTEXT_POLICY_FROM_SDK)} permit cleartext by default "
            f"(Android 9 and later block it); fix: {fix}"
        )
    return False, (
        f"targetSdkVersion {target} >= {CLEARTEXT_OFF_FROM_SDK} and minSdkVersion {min_sdk} >= "
        f"{CLEARTEXT_OFF_FROM_SDK}: cleartext blocked by default"
    )


def pre_pie_devices(min_sdk: int, floor: int) -> str:
    """The supported devices before Android 9 from ``floor`` up, e.g. ``API 23-27``."""
    low = max(min_sdk, floor)
    last = CLEARTEXT_OFF_FROM_SDK - 1
    return f"API {low}-{last}" if low < last else f"API {last}"


def no_policy_note(info: ManifestInfo) -> str | None:
    """The note for supported devices before API 23, which have no cleartext setting at all.

    None when minSdkVersion (default 1) is 23 or more.
    """
    min_sdk = effective_min_sdk(info)
    last = CLEARTEXT_POLICY_FROM_SDK - 1
    if min_sdk > last:
        return None
    name = "Android 5.x" if min_sdk >= _ANDROID_5_SDK else "Android before 6.0"
    span = f"API {min_sdk}-{last}" if min_sdk < last else f"API {last}"
    return f"{name} ({span}) has no cleartext policy: no app setting blocks cleartext there"


def legacy_cleartext(info: ManifestInfo) -> str | None:
    """Why Android 6.0 (API 23) permits cleartext despite a network security config.

    API 23 is the one supported device with a cleartext setting that does not read the config
    (devices before it have no setting: :func:`no_policy_note`). None when minSdkVersion
    (default 1) is 24 or more, or android:usesCleartextTraffic is false.
    """
    min_sdk = effective_min_sdk(info)
    if min_sdk >= NETWORK_CONFIG_FROM_SDK or info.uses_cleartext_traffic is False:
        return None
    attr = (
        "android:usesCleartextTraffic=true"
        if info.uses_cleartext_traffic
        else "android:usesCleartextTraffic not set to false (default true there)"
    )
    return (
        f"minSdkVersion {min_sdk} < {NETWORK_CONFIG_FROM_SDK}: Android 6.0 "
        f"(API {CLEARTEXT_POLICY_FROM_SDK}) ignores the network security config and applies "
        f"{attr}: cleartext permitted there"
    )


def effective_min_sdk(info: ManifestInfo) -> int:
    """minSdkVersion, which defaults to 1."""
    return info.min_sdk if info.min_sdk is not None else 1


def effective_target_sdk(info: ManifestInfo) -> int:
    """targetSdkVersion, which defaults to minSdkVersion, which defaults to 1."""
    return info.target_sdk if info.target_sdk is not None else (info.min_sdk or 1)


def _class_name(package: str, name: str) -> str:
    """Android's rule (ParsingUtils.buildClassName): ".Foo" and "Foo" are relative."""
    if name.startswith("."):
        return package + name
    if name and "." not in name:
        return f"{package}.{name}"
    return name


def _component(el: Any, package: str, target_sdk: int | None, attrs: _Attrs) -> Component:
    name = _class_name(package, attrs.get(el, "name") or "")
    explicit = _bool(attrs.get(el, "exported"))
    if explicit is None:
        # Platform default: exported when it has an intent filter; providers were exported by
        # default before API 17.
        if el.tag == "provider":
            exported = target_sdk is not None and target_sdk < 17
        else:
            exported = el.find("intent-filter") is not None
    else:
        exported = explicit
    actions = [
        attrs.get(a, "name") or "" for f in el.iter("intent-filter") for a in f.iter("action")
    ]
    return Component(
        kind=el.tag,
        name=name,
        exported=exported,
        exported_explicit=explicit is not None,
        permission=attrs.get(el, "permission"),
        actions=[a for a in actions if a],
    )
