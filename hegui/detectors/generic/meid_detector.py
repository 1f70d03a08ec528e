"""MEID: 14 hexadecimal digits (CDMA device identifier), validated with python-stdnum."""

from __future__ import annotations

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern, Validation


class MeidDetector(Detector):
    """移动设备识别码 MEID."""

    ENTITY = "MEID"
    VALIDATOR = "python-stdnum meid"
    PREFILTER = r"[A-Fa-f][0-9A-Fa-f]{13}"
    PATTERNS = (Pattern("meid_hex", LEFT + r"[A-Fa-f][0-9A-Fa-f]{13}" + RIGHT, 0.05),)
    CONTEXT = ("meid", "设备识别码", "设备号", "cdma")
    VALIDATED_SCORE = 0.3
    CONTEXT_BOOST = 0.5

    def check(self, value: str) -> Validation:
        try:
            from stdnum import meid
        except ImportError:  # pragma: no cover
            return Validation(None)
        return Validation(meid.is_valid(value))
