"""Android ID (``Settings.Secure.ANDROID_ID``): 16 hex digits; resettable, context-only."""

from __future__ import annotations

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern, Validation


class AndroidIdDetector(Detector):
    """Android ID (可变更的唯一设备识别码)."""

    ENTITY = "ANDROID_ID"
    VALIDATOR = "not degenerate"
    PREFILTER = r"[0-9a-f]{16}"
    PATTERNS = (Pattern("hex16", LEFT + r"[0-9a-f]{16}" + RIGHT, 0.05),)
    CONTEXT = ("android_id", "androidid", "android id", "安卓id")
    CONTEXT_BOOST = 0.6
    VALIDATED_SCORE = 0.05

    def candidate(self, raw: str) -> str:
        return raw.lower()

    def check(self, value: str) -> Validation:
        return Validation(False) if len(set(value)) < 3 else Validation(None)
