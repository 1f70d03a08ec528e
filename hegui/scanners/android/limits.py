"""Size, count and time limits that bound the parsing of an untrusted APK."""

from __future__ import annotations

from dataclasses import dataclass

_MIB = 1024 * 1024


@dataclass(frozen=True)
class ApkLimits:
    """Limits applied before and while an APK is parsed.

    The defaults admit large real-world apps (a few hundred MiB, dozens of dex files) while
    refusing zip bombs: an entry whose declared size is more than ``max_ratio`` times its
    compressed size (above ``ratio_floor_bytes``), or archives that would inflate beyond
    ``max_total_uncompressed_bytes``.
    """

    max_file_bytes: int = 1024 * _MIB
    max_entries: int = 50_000
    max_total_uncompressed_bytes: int = 2048 * _MIB
    max_ratio: float = 100.0
    ratio_floor_bytes: int = 1 * _MIB
    max_manifest_bytes: int = 8 * _MIB
    max_resources_bytes: int = 64 * _MIB  # resources.arsc of large apps runs to tens of MiB
    max_network_config_bytes: int = 1 * _MIB  # res/xml network security config: a few KiB
    max_dex_bytes: int = 128 * _MIB
    max_dex_files: int = 128
    max_total_dex_bytes: int = 512 * _MIB
    time_budget_seconds: float = 600.0
