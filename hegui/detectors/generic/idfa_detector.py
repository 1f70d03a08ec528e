"""IDFA (Apple advertising identifier): an upper-case UUID; resettable, context-only."""

from __future__ import annotations

from hegui.detectors.base import Detector, Pattern, Validation

UUID_UPPER = (
    r"(?<![0-9A-Fa-f-])[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}(?![0-9A-Fa-f-])"
)


class IdfaDetector(Detector):
    """广告标识符 IDFA (可变更)."""

    ENTITY = "IDFA"
    VALIDATOR = "not the zeroed opt-out value"
    PREFILTER = r"[0-9A-F]{8}-"
    PATTERNS = (Pattern("uuid", UUID_UPPER, 0.1),)
    CONTEXT = ("idfa", "广告标识", "advertising id", "ifa", "idfv")
    CONTEXT_BOOST = 0.55
    VALIDATED_SCORE = 0.1

    def candidate(self, raw: str) -> str:
        return raw.upper()

    def check(self, value: str) -> Validation:
        # All zeros is what iOS returns when tracking is limited: it identifies nobody.
        return Validation(False) if set(value) <= {"0", "-"} else Validation(None)
