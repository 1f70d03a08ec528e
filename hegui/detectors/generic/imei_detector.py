"""IMEI: 15 digits with a Luhn check digit (non-resettable device identifier)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hegui.detectors import vectorized as vz
from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern, Validation
from hegui.detectors.checksums import luhn_ok, luhn_vec


class ImeiDetector(Detector):
    """国际移动设备识别码. Random 15-digit numbers pass Luhn one time in ten: context decides."""

    ENTITY = "IMEI"
    VALIDATOR = "Luhn"
    PREFILTER = r"\d{6}"
    PATTERNS = (Pattern("imei", LEFT + r"\d{2}[ -]?\d{6}[ -]?\d{6}[ -]?\d" + RIGHT, 0.1),)
    CONTEXT = ("imei", "设备号", "设备识别码", "串号", "device id", "deviceid", "手机串号")
    VALIDATED_SCORE = 0.3
    CONTEXT_BOOST = 0.5
    REQUIRES = "0123456789"

    def check(self, value: str) -> Validation:
        return Validation(len(value) == 15 and luhn_ok(value))

    def match_column(self, values: Sequence[str], header: str = "") -> np.ndarray:
        if not self.context_hits(header):
            return np.zeros(len(values), dtype=bool)
        arr = vz.canonical(vz.to_arrow(values))
        idx = np.flatnonzero(vz.regex_mask(arr, r"^\d{15}$"))
        return vz.scatter(len(arr), idx, luhn_vec(vz.fixed_matrix(arr.take(idx), 15)))
