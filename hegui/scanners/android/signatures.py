"""Signature tables from the law data: SDK class prefixes, sensitive APIs, permission types."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from hegui.law.loader import get_law


@dataclass(frozen=True)
class SdkSignature:
    id: str
    name_zh: str
    name_en: str
    provider: str
    category: str
    prefixes: tuple[str, ...]
    policy_names: tuple[str, ...]
    collects: tuple[str, ...]
    cross_border: bool


@dataclass(frozen=True)
class ApiSignature:
    id: str
    data_type: str
    kind: str  # invoke | field | invoke_with_string
    cls: str  # Dalvik descriptor, e.g. Landroid/telephony/TelephonyManager;
    member: str
    string: str | None = None


@dataclass(frozen=True)
class PermissionType:
    name: str
    data_type: str
    group: str | None
    protection: str  # dangerous | special | normal
    pi_permission: bool


@functools.cache
def sdk_signatures() -> tuple[SdkSignature, ...]:
    """All SDK signatures, longest prefixes first so the most specific SDK wins."""
    out = []
    for e in get_law().mapping("sdk_signatures"):
        out.append(
            SdkSignature(
                id=e["id"],
                name_zh=e["name"]["zh"],
                name_en=e["name"]["en"],
                provider=e["provider"],
                category=e["category"],
                prefixes=tuple(e["prefixes"]),
                policy_names=tuple(n.lower() for n in e["policy_names"]),
                collects=tuple(e.get("collects", [])),
                cross_border=bool(e.get("cross_border", False)),
            )
        )
    return tuple(out)


@functools.cache
def api_signatures() -> tuple[ApiSignature, ...]:
    return tuple(
        ApiSignature(
            id=e["id"],
            data_type=e["data_type"],
            kind=e["kind"],
            cls=e["class"],
            member=e["member"],
            string=e.get("string"),
        )
        for e in get_law().mapping("sensitive_apis")
    )


@functools.cache
def permission_types() -> dict[str, PermissionType]:
    perms = get_law().mapping("android_permissions")["permissions"]
    return {
        name: PermissionType(
            name=name,
            data_type=p["data_type"],
            group=p.get("group"),
            protection=p["protection"],
            pi_permission=bool(p.get("pi_permission", False)),
        )
        for name, p in perms.items()
    }


@functools.cache
def data_types() -> dict[str, dict[str, Any]]:
    """Data-type vocabulary: label, policy keywords, sensitive and immutable flags."""
    return dict(get_law().mapping("android_permissions")["data_types"])
