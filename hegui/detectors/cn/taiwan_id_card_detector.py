"""Taiwan national identification number (letter + 1/2 + 8 digits) and resident certificate (8/9)."""

from __future__ import annotations

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern, Validation
from hegui.detectors.checksums import taiwan_id_ok


class TaiwanIdCardDetector(Detector):
    """台湾身份证字号, e.g. ``A123456789``."""

    ENTITY = "TW_ID_CARD"
    VALIDATOR = "weighted mod 10"
    PREFILTER = r"[A-Z][1289]\d{8}"
    PATTERNS = (Pattern("twid", LEFT + r"[A-Z][1289]\d{8}" + RIGHT, 0.2),)
    CONTEXT = ("台湾身份证", "身份证字号", "统一证号", "taiwan id", "身份证")
    VALIDATED_SCORE = 0.85

    def check(self, value: str) -> Validation:
        return Validation(taiwan_id_ok(value))
