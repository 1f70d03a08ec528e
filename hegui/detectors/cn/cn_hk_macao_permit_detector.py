"""Mainland Travel Permit for Hong Kong and Macao residents (港澳居民来往内地通行证, 回乡证).

H (Hong Kong) or M (Macao) + 8-digit lifelong number + optional 2-digit renewal count (MPS rule).
Also the mainland residents' exit permit to HK/Macao (C or W + 8 digits), which is context-only.
"""

from __future__ import annotations

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern


class CnHkMacaoPermitDetector(Detector):
    """港澳居民来往内地通行证 / 往来港澳通行证."""

    ENTITY = "CN_HK_MACAO_PERMIT"
    VALIDATOR = "format only (no check digit)"
    PREFILTER = r"[HMCW]\d{8}"
    PATTERNS = (
        Pattern("home_return", LEFT + r"[HM]\d{8}(?:\d{2})?" + RIGHT, 0.35),
        Pattern("exit_permit", LEFT + r"[CW]\d{8}" + RIGHT, 0.15),
    )
    CONTEXT = ("回乡证", "通行证", "港澳", "home return", "permit", "来往内地")
    VALIDATED_SCORE = 0.35  # nothing to validate: context decides
    REQUIRES = "HMCW"
