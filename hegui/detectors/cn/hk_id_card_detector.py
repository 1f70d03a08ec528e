"""Hong Kong identity card number: 1-2 letters + 6 digits + check character in brackets (mod 11)."""

from __future__ import annotations

import re

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern, Validation
from hegui.detectors.checksums import hkid_check_char

_PARTS = re.compile(r"^([A-Z]{1,2})(\d{6})([0-9A])$")


class HkIdCardDetector(Detector):
    """香港身份证号码, e.g. ``A123456(3)``."""

    ENTITY = "HK_ID_CARD"
    VALIDATOR = "HKID mod 11"
    PREFILTER = r"[A-Z]\d{6}"
    PATTERNS = (Pattern("hkid", LEFT + r"[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])" + RIGHT, 0.3),)
    CONTEXT = ("香港身份证", "hkid", "hong kong id", "香港", "身份证")
    VALIDATED_SCORE = 0.85

    def check(self, value: str) -> Validation:
        m = _PARTS.match(value)
        if m is None:
            return Validation(False)
        return Validation(hkid_check_char(m.group(1), m.group(2)) == m.group(3))
