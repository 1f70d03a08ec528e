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
    # resources.arsc: large apps ship 10-20 MiB (reported for split-APK bases in REAndroid/ARSCLib
    # issue 26); 32 MiB leaves room above that. androguard is the cost: measured on an
    # entry-dense table, about 0.65 s and 27 MiB of memory per MiB (17.75 MiB: 11.5 s, 583 MiB
    # peak), so 64 MiB would mean ~45 s and ~2 GiB; 32 MiB bounds it to ~23 s and ~1 GiB. The
    # table is parsed only when a reference must be resolved, with the deadline checked before
    # and after. A larger table leaves the label raw and the network security config unread.
    max_resources_bytes: int = 32 * _MIB
    # Reference chains (@string/a -> @string/b -> ...): aapt output has a hop or two. Each
    # resource is expanded once; these bound a crafted chain or table.
    max_reference_hops: int = 64
    max_reference_entries: int = 10_000
    max_network_config_bytes: int = 1 * _MIB  # res/xml network security config: a few KiB
    max_dex_bytes: int = 128 * _MIB
    max_dex_files: int = 128
    max_total_dex_bytes: int = 512 * _MIB
    time_budget_seconds: float = 600.0
