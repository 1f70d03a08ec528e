"""OAID (移动智能终端补充设备标识): UUID or 16-64 hex digits; resettable, context-only."""

from __future__ import annotations

from hegui.detectors.base import Detector, Pattern, Validation


class OaidDetector(Detector):
    """匿名设备标识符 OAID (可变更)."""

    ENTITY = "OAID"
    VALIDATOR = "not degenerate"
    PREFILTER = r"[0-9a-fA-F]{8}-|[0-9a-f]{64}"
    PATTERNS = (
        Pattern(
            "uuid",
            r"(?<![0-9A-Fa-f-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Fa-f-])",
            0.05,
        ),
        Pattern("hex64", r"(?<![0-9A-Fa-f])[0-9a-f]{64}(?![0-9A-Fa-f])", 0.05),
    )
    CONTEXT = ("oaid", "匿名设备标识", "补充设备标识", "msa")
    CONTEXT_BOOST = 0.6
    VALIDATED_SCORE = 0.05

    def candidate(self, raw: str) -> str:
        return raw.lower()

    def check(self, value: str) -> Validation:
        return Validation(False) if set(value) <= {"0", "-"} else Validation(None)
