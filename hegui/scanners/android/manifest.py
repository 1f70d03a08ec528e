"""AndroidManifest.xml (binary AXML) facts: package, SDK levels, permissions, components, flags."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hegui.errors import ScanError

_NS = "{http://schemas.android.com/apk/res/android}"
_COMPONENT_TAGS = ("activity", "activity-alias", "service", "receiver", "provider")


class Component(BaseModel):
    """One declared component."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    name: str
    exported: bool
    exported_explicit: bool
    permission: str | None = None
    actions: list[str] = Field(default_factory=list, description="Intent-filter actions")


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
    allow_backup: bool | None = None
    debuggable: bool | None = None

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


def parse_manifest(raw: bytes, *, source: str) -> ManifestInfo:
    """Parse binary AXML bytes into :class:`ManifestInfo`; any malformation is a ScanError."""
    from androguard.core.axml import AXMLPrinter
    from loguru import logger

    logger.disable("androguard")  # androguard logs every parse step; a scanner stays quiet

    try:
        printer = AXMLPrinter(raw)
        valid = printer.is_valid()
        root: Any = printer.get_xml_obj() if valid else None
    except Exception as exc:  # androguard raises bare exceptions on corrupt chunks
        raise ScanError(
            f"AndroidManifest.xml is not valid binary XML ({type(exc).__name__})", path=source
        ) from None
    if root is None:
        raise ScanError("AndroidManifest.xml is not valid binary XML", path=source)
    if root.tag != "manifest":
        raise ScanError(
            f"AndroidManifest.xml root is <{str(root.tag)[:40]}>, not <manifest>", path=source
        )
    package = root.get("package")
    if not package:
        raise ScanError("AndroidManifest.xml has no package name", path=source, field="package")
    sdk = root.find("uses-sdk")
    app = root.find("application")
    target = _int(sdk.get(_NS + "targetSdkVersion")) if sdk is not None else None
    info = ManifestInfo(
        package=package,
        version_code=root.get(_NS + "versionCode"),
        version_name=root.get(_NS + "versionName"),
        min_sdk=_int(sdk.get(_NS + "minSdkVersion")) if sdk is not None else None,
        target_sdk=target,
        label=app.get(_NS + "label") if app is not None else None,
    )
    seen: set[str] = set()
    for tag in ("uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m"):
        for el in root.iter(tag):
            name = el.get(_NS + "name")
            if name and name not in seen:
                seen.add(name)
                info.permissions.append(name)
    if app is not None:
        info.uses_cleartext_traffic = _bool(app.get(_NS + "usesCleartextTraffic"))
        info.network_security_config = app.get(_NS + "networkSecurityConfig") is not None
        info.allow_backup = _bool(app.get(_NS + "allowBackup"))
        info.debuggable = _bool(app.get(_NS + "debuggable"))
        for child in app:
            if child.tag in _COMPONENT_TAGS:
                info.components.append(_component(child, package, target))
    return info


def _component(el: Any, package: str, target_sdk: int | None) -> Component:
    name = el.get(_NS + "name") or ""
    if name.startswith("."):
        name = package + name
    explicit = _bool(el.get(_NS + "exported"))
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
        a.get(_NS + "name") or "" for f in el.iter("intent-filter") for a in f.iter("action")
    ]
    return Component(
        kind=el.tag,
        name=name,
        exported=exported,
        exported_explicit=explicit is not None,
        permission=el.get(_NS + "permission"),
        actions=[a for a in actions if a],
    )
