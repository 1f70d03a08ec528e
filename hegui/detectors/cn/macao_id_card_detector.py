"""Macao identity card number: 1, 5 or 7 + 6 digits + a digit in brackets.

The check digit's algorithm is not published, so validation is not possible: context decides.
"""

from __future__ import annotations

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern


class MacaoIdCardDetector(Detector):
    """澳门身份证号码, e.g. ``1234567(8)``."""

    ENTITY = "MO_ID_CARD"
    VALIDATOR = "format only (check algorithm unpublished)"
    PREFILTER = r"[157]\d{6}"
    PATTERNS = (
        Pattern("bracketed", LEFT + r"[157]\d{6}\(\d\)", 0.3),
        Pattern("plain", LEFT + r"[157]\d{7}" + RIGHT, 0.05),
    )
    CONTEXT = ("澳门身份证", "澳门", "macao", "macau", "bir")
    CONTEXT_BOOST = 0.5
    VALIDATED_SCORE = 0.3
