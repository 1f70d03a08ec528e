"""MAC addresses (a non-resettable device identifier)."""

from __future__ import annotations

from hegui.detectors.base import Detector, Pattern, Validation

_H = "[0-9A-Fa-f]"


class MacAddressDetector(Detector):
    """设备 MAC 地址."""

    ENTITY = "MAC_ADDRESS"
    VALIDATOR = "not null/broadcast"
    PREFILTER = r"[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}"
    PATTERNS = (
        Pattern(
            "colon",
            f"(?<![0-9A-Fa-f:-]){_H}{{2}}([:-]){_H}{{2}}(?:\\1{_H}{{2}}){{4}}(?![0-9A-Fa-f:-])",
            0.6,
        ),
        Pattern(
            "dotted", f"(?<![0-9A-Fa-f.]){_H}{{4}}\\.{_H}{{4}}\\.{_H}{{4}}(?![0-9A-Fa-f.])", 0.4
        ),
    )
    CONTEXT = ("mac", "网卡", "物理地址", "wifi", "bssid", "设备")
    VALIDATED_SCORE = 0.8

    def candidate(self, raw: str) -> str:
        return raw.replace(":", "").replace("-", "").replace(".", "").upper()

    def check(self, value: str) -> Validation:
        if len(value) != 12:
            return Validation(False)
        return Validation(value not in ("000000000000", "FFFFFFFFFFFF"))
