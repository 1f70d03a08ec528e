"""Names of the authorities a finding points to, built from the province in the profile."""

from __future__ import annotations

from hegui.errors import ProfileError
from hegui.law.loader import Law
from hegui.models import Text


def province_name(law: Law, province: str) -> Text:
    """The zh/en name of a province id (ProfileError naming the field if unknown)."""
    provinces = law.mapping("provinces")
    if province not in provinces:
        raise ProfileError(
            f"unknown province {province!r} (known: {', '.join(sorted(provinces))})",
            field="entities.province",
        )
    entry = provinces[province]
    return Text(zh=entry["zh"], en=entry["en"])


def provincial_authority(law: Law, province: str, zh_suffix: str, en_suffix: str) -> Text:
    """E.g. ``provincial_authority(law, "shanghai", "网信办", "Cyberspace Administration")``."""
    name = province_name(law, province)
    return Text(zh=f"{name.zh}{zh_suffix}", en=f"{name.en} {en_suffix}")


def provincial_cac(law: Law, province: str) -> Text:
    """The provincial-level cyberspace administration (网信办) of ``province``."""
    return provincial_authority(
        law, province, "网信办（省级网信部门）", "provincial Cyberspace Administration (CAC)"
    )
