"""Static APK scan: manifest facts, third-party SDKs and sensitive API calls with their origin."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.android.archive import ApkArchive
from hegui.scanners.android.dex import RawCall, scan_dex
from hegui.scanners.android.limits import ApkLimits
from hegui.scanners.android.manifest import Component, ManifestInfo, parse_manifest
from hegui.scanners.android.netconfig import apply_network_config
from hegui.scanners.android.resources import ResourceTable, TimeBudgetError
from hegui.scanners.android.signatures import (
    SdkSignature,
    api_signatures,
    data_types,
    permission_types,
    sdk_signatures,
)

_MAX_SAMPLE_CLASSES = 3
_PACKER = "packer"


class PermissionUse(BaseModel):
    """A requested permission with what the law data says about it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    data_type: str | None = None
    protection: str = "normal"
    group: str | None = None
    pi_permission: bool = False


class SdkHit(BaseModel):
    """A third-party SDK found in the code by its class-name prefixes."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    name_zh: str
    provider: str
    category: str
    collects: list[str]
    cross_border: bool
    class_count: int
    sample_classes: list[str]


class ApiCall(BaseModel):
    """A call site of an API that reads PI or a device identifier."""

    model_config = ConfigDict(extra="forbid")

    api: str
    data_type: str
    caller_class: str
    caller_method: str
    dex: str
    origin: str = Field(description="'app' (the app's own package), 'sdk' or 'other'")
    sdk: str | None = None


class ApkFacts(BaseModel):
    """Everything the static scan learned about one APK (no personal information)."""

    model_config = ConfigDict(extra="forbid")

    file: str
    sha256: str
    manifest: ManifestInfo
    permissions: list[PermissionUse]
    sdks: list[SdkHit]
    packers: list[SdkHit] = Field(
        default_factory=list, description="Packer stubs: the real code is hidden from a static scan"
    )
    api_calls: list[ApiCall]
    dex_files: list[str]
    class_count: int

    @property
    def package(self) -> str:
        return self.manifest.package

    def data_types_read(self) -> dict[str, list[ApiCall]]:
        """Data type -> call sites that read it."""
        out: dict[str, list[ApiCall]] = {}
        for c in self.api_calls:
            out.setdefault(c.data_type, []).append(c)
        return out

    def immutable_identifiers_read(self) -> list[str]:
        types = data_types()
        return sorted(
            {c.data_type for c in self.api_calls if types.get(c.data_type, {}).get("immutable")}
        )

    @property
    def exported_components(self) -> list[Component]:
        return self.manifest.exported_components


def scan_apk(path: str | Path, *, limits: ApkLimits | None = None) -> ApkFacts:
    """Scan an APK statically. Raises ScanError / InputTooLargeError on bad or oversized input."""
    lim = limits or ApkLimits()
    deadline = time.monotonic() + lim.time_budget_seconds
    src = str(path)
    archive = ApkArchive(path, lim)
    try:
        if not archive.has("AndroidManifest.xml"):
            raise ScanError("no AndroidManifest.xml: not an APK", path=src)
        manifest = parse_manifest(
            archive.read("AndroidManifest.xml", lim.max_manifest_bytes), source=src
        )
        resources = ResourceTable(archive, lim, deadline)
        manifest.label = _resolve_label(resources, manifest.label)
        if manifest.network_security_config:
            apply_network_config(manifest, archive, resources, lim)
        dex_names = archive.dex_names()
        if len(dex_names) > lim.max_dex_files:
            raise InputTooLargeError(
                f"{len(dex_names)} dex files, above the limit of {lim.max_dex_files}", path=src
            )
        classes: list[str] = []
        raw_calls: list[RawCall] = []
        total = 0
        apis = api_signatures()
        for name in dex_names:
            raw = archive.read(name, lim.max_dex_bytes)
            total += len(raw)
            if total > lim.max_total_dex_bytes:
                raise InputTooLargeError(
                    f"dex code exceeds {lim.max_total_dex_bytes} bytes in total", path=src
                )
            scan = scan_dex(raw, name=name, source=src, apis=apis, deadline=deadline)
            classes.extend(scan.classes)
            raw_calls.extend(scan.calls)
        with Path(path).open("rb") as fh:
            sha = hashlib.file_digest(fh, "sha256").hexdigest()
    finally:
        archive.close()
    hits = _sdks(classes)
    return ApkFacts(
        file=Path(path).name,
        sha256=sha,
        manifest=manifest,
        permissions=_permissions(manifest.permissions),
        sdks=[h for h in hits if h.category != _PACKER],
        packers=[h for h in hits if h.category == _PACKER],
        api_calls=_attribute(raw_calls, manifest.package),
        dex_files=dex_names,
        class_count=len(classes),
    )


def _permissions(names: list[str]) -> list[PermissionUse]:
    table = permission_types()
    out = []
    for n in names:
        t = table.get(n)
        if t is None:
            out.append(PermissionUse(name=n))
        else:
            out.append(
                PermissionUse(
                    name=n,
                    data_type=t.data_type,
                    protection=t.protection,
                    group=t.group,
                    pi_permission=t.pi_permission,
                )
            )
    return out


def _match_sdk(cls: str, sigs: tuple[SdkSignature, ...]) -> SdkSignature | None:
    best: tuple[int, SdkSignature] | None = None
    for s in sigs:
        for p in s.prefixes:
            if cls.startswith(p) and (best is None or len(p) > best[0]):
                best = (len(p), s)
    return best[1] if best else None


def _sdks(classes: list[str]) -> list[SdkHit]:
    sigs = sdk_signatures()
    all_prefixes = tuple(p for s in sigs for p in s.prefixes)
    found: dict[str, tuple[SdkSignature, list[str]]] = {}
    for cls in classes:
        if not cls.startswith(all_prefixes):
            continue
        sig = _match_sdk(cls, sigs)
        if sig is not None:
            found.setdefault(sig.id, (sig, []))[1].append(cls)
    out = []
    for sig, members in found.values():
        out.append(
            SdkHit(
                id=sig.id,
                name=sig.name_en,
                name_zh=sig.name_zh,
                provider=sig.provider,
                category=sig.category,
                collects=list(sig.collects),
                cross_border=sig.cross_border,
                class_count=len(members),
                sample_classes=sorted(members)[:_MAX_SAMPLE_CLASSES],
            )
        )
    return sorted(out, key=lambda h: h.id)


def _attribute(calls: list[RawCall], package: str) -> list[ApiCall]:
    sigs = sdk_signatures()
    out = []
    for c in calls:
        sig = _match_sdk(c.caller_class, sigs)
        if sig is not None:
            origin, sdk = "sdk", sig.id
        elif c.caller_class == package or c.caller_class.startswith(package + "."):
            origin, sdk = "app", None
        else:
            origin, sdk = "other", None
        out.append(
            ApiCall(
                api=c.api,
                data_type=c.data_type,
                caller_class=c.caller_class,
                caller_method=c.caller_method,
                dex=c.dex,
                origin=origin,
                sdk=sdk,
            )
        )
    return out


def _resolve_label(resources: ResourceTable, label: str | None) -> str | None:
    """Resolve an ``@7F...`` label through resources.arsc; keep the raw value if that fails."""
    if not label or not label.startswith("@"):
        return label
    try:
        return resources.strings(label)[0][:200]
    except TimeBudgetError:  # the scan's time budget is spent: the scan stops
        raise
    except ScanError:  # a label is cosmetic: never fail it on limits, a bad arsc or a loop
        return label
