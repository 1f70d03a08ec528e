"""The network security config an app names in android:networkSecurityConfig: is cleartext allowed?

Platform facts, not law. Confirmed in Android's documentation and source before coding:
- The developer guide "Network security configuration" (developer.android.com/privacy-and-security/
  security-config): the manifest's ``android:networkSecurityConfig="@xml/..."`` points to an XML
  file whose ``<base-config>`` sets app-wide defaults, ``<domain-config>`` per-domain settings and
  ``<debug-overrides>`` debug-only trust anchors; ``cleartextTrafficPermitted`` opts out of
  cleartext.
- NetworkSecurityConfig.createBaseConfig (API reference): "If the application targets API level 27
  (Android O MR1) or lower, cleartext traffic is allowed by default" - the default under a
  base-config without the attribute, or with no base-config at all. That target rule is Android
  9's: before it the default permitted cleartext whatever the target (AOSP NetworkSecurityConfig.
  getDefaultBuilder: setCleartextTrafficPermitted(DEFAULT_CLEARTEXT_TRAFFIC_PERMITTED), true, in
  Android 7; targetSandboxVersion < 2, i.e. any app but an instant app, in Android 8). So an app
  whose minSdkVersion is below 28 has that default permit cleartext on its API 24-27 devices.
  The config replaces android:usesCleartextTraffic (from Android 7.0); ManifestConfigSource reads
  the attribute only when no config is named.
- The config is read from Android 7.0 (API 24); Android 6.0 (API 23) applies
  android:usesCleartextTraffic alone (manifest.NETWORK_CONFIG_FROM_SDK, with the quoted platform
  documentation), so an app whose minSdkVersion is below 24 permits cleartext there unless that
  attribute is false. Devices before API 23 have no cleartext setting (manifest.no_policy_note).
- AOSP commit bd173c2 "Support nested domain-config elements": nested domain-configs "inherit unset
  parameters from the domain-config they are nested in"; XmlConfigSource.parseNetworkSecurityConfig
  makes the base-config (or the platform default) the parent of top-level domain-configs, in
  whatever order they appear.
- XmlConfigSource: ``<domain includeSubdomains>`` holds the host name as text (lower-cased); a
  domain may appear once per file; a domain-config needs at least one domain; one base-config;
  no ``<domain>`` or nested domain-config in base-config. A file breaking these makes the platform
  throw, so hegui reports it unread. debug-overrides contributes trust anchors only
  (addDebugAnchorsIfNeeded), never cleartext; unknown elements are skipped.
- getAttributeBooleanValue(i, true): an attribute value that is not an integer type counts as true.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hegui.errors import ScanError
from hegui.scanners.android.archive import ApkArchive
from hegui.scanners.android.limits import ApkLimits
from hegui.scanners.android.manifest import (
    CLEARTEXT_OFF_FROM_SDK,
    NETWORK_CONFIG_FROM_SDK,
    CleartextDomain,
    ManifestInfo,
    effective_min_sdk,
    effective_target_sdk,
    legacy_cleartext,
    no_policy_note,
    parse_axml,
    pre_pie_devices,
)
from hegui.scanners.android.resources import ResourceTable, TimeBudgetError

_ROOT = "network-security-config"
_ATTR = "cleartextTrafficPermitted"
_MAX_SHOWN = 60
_MAX_REASON = 300
_MAX_DEPTH = 64  # real configs nest two or three levels; a hostile file must not exhaust the stack
_MAX_LISTED = 10  # domains named in the basis; the field holds them all


@dataclass
class _Verdict:
    """One config file's answer."""

    base: bool
    base_basis: str
    permitted: list[CleartextDomain] = field(default_factory=list)
    forbidden: list[CleartextDomain] = field(default_factory=list)


def _attr(el: Any, local: str) -> str | None:
    """An attribute as written, in any namespace: the platform reads these by local name."""
    for key, value in el.attrib.items():
        if str(key).rpartition("}")[2] == local:
            return str(value).strip()
    return None


def _truth(value: str) -> bool:
    """aapt compiles booleans to TYPE_INT_BOOLEAN (androguard writes "true"/"false"); other integer
    types count by non-zero; any other type falls back to the platform default, true."""
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    try:
        return int(value, 0) != 0
    except ValueError:
        return True


def _children(el: Any, tag: str) -> list[Any]:
    return [c for c in el if c.tag == tag]


def evaluate(root: Any, *, target_sdk: int, min_sdk: int, file: str) -> _Verdict:
    """Evaluate a parsed config; a file the platform would reject is a ScanError.

    The default (no ``cleartextTrafficPermitted``) permits cleartext when the app targets API 27
    or lower, or supports a device API 24-27 (``min_sdk`` below 28), where the default ignored
    the target.
    """
    if root.tag != _ROOT:
        # The platform's beginDocument refuses any other root.
        raise ScanError(f"root is <{str(root.tag)[:40]}>, not <{_ROOT}>", path=file)
    bases = _children(root, "base-config")
    if len(bases) > 1:
        raise ScanError("more than one <base-config>", path=file)
    raw = _attr(bases[0], _ATTR) if bases else None
    if bases and (_children(bases[0], "domain") or _children(bases[0], "domain-config")):
        raise ScanError("<domain> or <domain-config> inside <base-config>", path=file)
    if raw is not None:
        base = _truth(raw)
        basis = f"base-config {_ATTR}={str(base).lower()}"
    else:
        where = "base-config without " + _ATTR if bases else "no base-config"
        base, basis = _default(where, target_sdk, min_sdk)
    verdict = _Verdict(base=base, base_basis=basis)
    seen: set[str] = set()

    def walk(el: Any, inherited: bool, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise ScanError(f"domain-configs nested deeper than {_MAX_DEPTH}", path=file)
        own = _attr(el, _ATTR)
        value = inherited if own is None else _truth(own)
        domains = _children(el, "domain")
        if not domains:
            raise ScanError("a <domain-config> without <domain>", path=file)
        for d in domains:
            name = (d.text or "").strip().lower()
            if not name or len(d):
                raise ScanError("a <domain> without a plain host name", path=file)
            if name in seen:
                raise ScanError(f"domain {name[:_MAX_SHOWN]} is given twice", path=file)
            seen.add(name)
            sub = _attr(d, "includeSubdomains")
            entry = CleartextDomain(name=name, include_subdomains=sub is not None and _truth(sub))
            (verdict.permitted if value else verdict.forbidden).append(entry)
        for child in _children(el, "domain-config"):
            walk(child, value, depth + 1)

    for child in _children(root, "domain-config"):
        walk(child, base, 1)
    return verdict


def _default(where: str, target: int, min_sdk: int) -> tuple[bool, str]:
    """Whether the config's default permits cleartext on some supported device, and why."""
    off = CLEARTEXT_OFF_FROM_SDK
    if target < off:
        return True, f"{where}: targetSdkVersion {target} < {off}, cleartext allowed by default"
    if min_sdk < off:
        devices = pre_pie_devices(min_sdk, NETWORK_CONFIG_FROM_SDK)
        return True, (
            f"{where}: targetSdkVersion {target} >= {off} blocks cleartext by default from "
            f"Android 9, but minSdkVersion {min_sdk} < {off}: devices {devices} read the config "
            f'with cleartext allowed by default (set {_ATTR}="false" in the base-config)'
        )
    return False, f"{where}: targetSdkVersion {target} >= {off}, cleartext blocked by default"


def _listed(domains: list[CleartextDomain]) -> str:
    names = ", ".join(str(d) for d in domains[:_MAX_LISTED])
    more = len(domains) - _MAX_LISTED
    return names + (f" and {more} more" if more > 0 else "")


def _plural(n: int) -> str:
    return f"{n} domain" + ("" if n == 1 else "s")


def _basis(file: str, v: _Verdict) -> str:
    parts = [f"network security config {file}: {v.base_basis}"]
    if v.base and v.forbidden:
        parts.append(f"forbidden for {_plural(len(v.forbidden))}: {_listed(v.forbidden)}")
    if not v.base and v.permitted:
        parts.append(f"permitted for {_plural(len(v.permitted))}: {_listed(v.permitted)}")
    return "; ".join(parts)


def _read(archive: ApkArchive, file: str, target: int, min_sdk: int, limits: ApkLimits) -> _Verdict:
    if not archive.has(file):
        raise ScanError(f"{file[:_MAX_SHOWN]} is not in the APK", path=archive.path)
    raw = archive.read(file, limits.max_network_config_bytes)
    root = parse_axml(raw, name=file[:_MAX_SHOWN], source=str(archive.path))
    try:
        return evaluate(root, target_sdk=target, file=file[:_MAX_SHOWN], min_sdk=min_sdk)
    except ScanError as exc:
        raise ScanError(f"{file[:_MAX_SHOWN]}: {exc.message}", path=archive.path) from None


def apply_network_config(
    info: ManifestInfo, archive: ApkArchive, resources: ResourceTable, limits: ApkLimits
) -> None:
    """Replace the manifest's provisional cleartext answer with what the config file says.

    Anything unreadable (unresolvable reference or reference chain too long or cyclic, missing,
    oversized or malformed file) leaves ``cleartext_permitted`` None with a basis saying why; it
    never fails the scan. When minSdkVersion is below 24 and android:usesCleartextTraffic is not
    false, cleartext is permitted on Android 6.0 (API 23) whatever the file says: True, basis
    extended. A minSdkVersion below 23 adds the no-policy note to the basis. Only a spent time
    budget (TimeBudgetError) propagates.
    """
    ref = (info.network_security_config_ref or "")[:_MAX_SHOWN]
    target = effective_target_sdk(info)
    min_sdk = effective_min_sdk(info)
    legacy = legacy_cleartext(info)
    note = no_policy_note(info)
    try:
        files = resources.strings(ref)
        info.network_security_config_files = [f[:200] for f in files]
        verdicts = [(f[:_MAX_SHOWN], _read(archive, f, target, min_sdk, limits)) for f in files]
    except TimeBudgetError:
        raise
    except ScanError as exc:
        info.cleartext_permitted = None if legacy is None else True
        info.cleartext_domains = []
        reason = exc.message[:_MAX_REASON]  # may quote a member name taken from the APK
        info.cleartext_basis = f"android:networkSecurityConfig={ref} not evaluated: {reason}"
        if legacy is not None:
            info.cleartext_basis += f" | {legacy}"
        if note is not None:
            info.cleartext_basis += f" | {note}"
        return
    # Several files: the config differs by device configuration (e.g. res/xml-v24); cleartext
    # allowed on some devices is still allowed.
    base = any(v.base for _f, v in verdicts)
    domains: list[CleartextDomain] = []
    if not base:
        for _f, v in verdicts:
            domains.extend(d for d in v.permitted if d not in domains)
    info.cleartext_permitted = base or bool(domains)
    info.cleartext_domains = domains
    info.cleartext_basis = " | ".join(_basis(f, v) for f, v in verdicts)
    if legacy is not None:
        # Cleartext app-wide on the older devices: no per-domain list describes that.
        info.cleartext_permitted = True
        info.cleartext_domains = []
        info.cleartext_basis += f" | {legacy}"
    if note is not None:
        info.cleartext_basis += f" | {note}"
