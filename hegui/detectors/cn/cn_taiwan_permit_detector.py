"""Mainland Travel Permit for Taiwan residents (台湾居民来往大陆通行证, 台胞证): 8 digits (card).

Eight bare digits are everywhere, so the pattern alone scores almost nothing: only header or
nearby context (台胞证) makes it a detection.
"""

from __future__ import annotations

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern


class CnTaiwanPermitDetector(Detector):
    """台胞证号码."""

    ENTITY = "CN_TAIWAN_PERMIT"
    VALIDATOR = "format only (no check digit)"
    PREFILTER = r"\d{8}"
    PATTERNS = (Pattern("card", LEFT + r"\d{8}" + RIGHT, 0.05),)
    CONTEXT = ("台胞证", "台湾居民来往大陆", "来往大陆通行证", "mtp", "taiwan compatriot")
    CONTEXT_BOOST = 0.55
    VALIDATED_SCORE = 0.05
    REQUIRES = "0123456789"
