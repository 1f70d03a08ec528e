"""GPS coordinates: latitude/longitude pairs, or single values in lat/lng columns."""

from __future__ import annotations

import re

from hegui.detectors.base import Detector, Pattern, Validation

_NUM = re.compile(r"-?\d{1,3}\.\d+")


class GpsCoordinateDetector(Detector):
    """经纬度 (精准定位信息)."""

    ENTITY = "GPS_COORDINATE"
    VALIDATOR = "coordinate ranges"
    PREFILTER = r"\d\.\d{4}"
    PATTERNS = (
        # Plain form: (?<![0-9.])-?\d{1,3}\.\d{4,}\s*[,，;]\s*-?\d{1,3}\.\d{4,}(?![0-9]), with the
        # lookbehind moved after the first character so ``re`` can skip to a digit or minus sign.
        Pattern(
            "pair",
            r"[-\d](?<![0-9.].)(?:(?<=-)\d{1,3}|(?<!-)\d{0,2})\.\d{4,}\s*[,，;]\s*-?\d{1,3}\.\d{4,}"
            r"(?![0-9])",
            0.5,
        ),
        Pattern("single", r"-?\d{1,3}\.\d{5,}", 0.05, cell_only=True),
    )
    CONTEXT = (
        "经纬度", "坐标", "定位", "位置", "纬度", "经度", "gps", "lat", "lng", "lon", "location",
        "coordinates", "geo",
    )  # fmt: skip
    VALIDATED_SCORE = 0.7
    CONTEXT_BOOST = 0.5
    REQUIRES = "."

    def candidate(self, raw: str) -> str:
        return raw

    def check(self, value: str) -> Validation:
        nums = [float(x) for x in _NUM.findall(value)]
        if len(nums) == 2:
            a, b = nums
            ok = (abs(a) <= 90 and abs(b) <= 180) or (abs(b) <= 90 and abs(a) <= 180)
            return Validation(ok)
        if len(nums) == 1:
            return Validation(None) if abs(nums[0]) <= 180 else Validation(False)
        return Validation(False)
