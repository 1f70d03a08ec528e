"""Mainland mobile numbers (11 digits, optional +86 / 0086), checked against allocated prefixes.

The prefix table follows MIIT's allocation of public mobile network codes (as of March 2023),
including data-card (145-149), MVNO (162, 165, 167, 170, 171), satellite (1349, 174, 1619) and
CBN (192) ranges. phonenumbers treats several of those as invalid (it models *voice* mobile
numbers); its verdict is kept as a note, not used to reject.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from hegui.detectors import vectorized as vz
from hegui.detectors.base import INVALID, RIGHT, VALID, Detector, Pattern, Validation

ALLOCATED_RE2 = r"^1(?:3\d|4[5-9]|5[0-35-9]|6[25-7]|7[0-8]|8\d|9[0-35-9])\d{8}$|^1619\d{7}$"
_ALLOCATED = re.compile(ALLOCATED_RE2)
_COUNTRY = re.compile(r"^(?:\+?86|0086)(?=1\d{10}$)")


@functools.lru_cache(maxsize=4096)
def _phonenumbers_voice_valid(prefix5: str) -> bool | None:
    """phonenumbers' verdict for a 5-digit prefix (its CN ranges depend on at most 5 digits)."""
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover - phonenumbers is in the scan extra
        return None
    return phonenumbers.is_valid_number(phonenumbers.parse("+86" + prefix5 + "123456"))


# Shared, like base.VALID.
_NOT_VOICE = Validation(True, ("allocated, but not a voice range in phonenumbers",))


class CnMobileDetector(Detector):
    """手机号码 with +86 prefix, separators and full-width digits."""

    ENTITY = "CN_MOBILE"
    VALIDATOR = "MIIT allocated prefix"
    # The 1 follows a non-digit, or the 86 of +86 / 0086 / 86 written without a separator.
    PREFILTER = r"(?:^|\D|86)1[3-9]\d\D?\d{4}\D?\d{4}"
    PATTERNS = (
        Pattern(
            "mobile",
            # = (?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9]..., with each branch starting on a
            # literal so Python's re can scan for the first character fast (property-tested).
            r"(?:\+(?<![0-9A-Za-z+].)86[ -]?1|0(?<![0-9A-Za-z+].)086[ -]?1|8(?<![0-9A-Za-z+].)6[ -]?1"
            r"|1(?<![0-9A-Za-z+].))[3-9]\d[ -]?\d{4}[ -]?\d{4}" + RIGHT,
            0.4,
        ),
    )
    CONTEXT = (
        "手机", "电话", "联系方式", "mobile", "phone", "tel", "cell", "号码", "联系人",
    )  # fmt: skip
    VALIDATED_SCORE = 0.85
    REQUIRES = "1"

    def candidate(self, raw: str) -> str:
        return _COUNTRY.sub("", super().candidate(raw).lstrip("+"))

    def check(self, value: str) -> Validation:
        if not _ALLOCATED.match(value):
            return INVALID
        return _NOT_VOICE if _phonenumbers_voice_valid(value[:5]) is False else VALID

    def match_column(self, values: Sequence[str], header: str = "") -> np.ndarray:
        arr = vz.canonical(vz.to_arrow(values))
        arr = vz.pc.replace_substring_regex(arr, r"^(?:\+?86|0086)(1\d{10})$", r"\1")
        return vz.regex_mask(arr, ALLOCATED_RE2)
