"""PRC passports (ordinary E/G series, official P/S/D) and HKSAR (K) / MSAR (MA) passports.

Passport numbers carry no check digit outside the machine-readable zone, so a match needs header
or nearby context (护照, passport) to be reported.
"""

from __future__ import annotations

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern


class CnPassportDetector(Detector):
    """护照号码."""

    ENTITY = "CN_PASSPORT"
    VALIDATOR = "format only (no check digit)"
    # The patterns with their boundaries (RE2 has no lookarounds): a mobile number's 1[45]
    # digits do not flag a chunk.
    PREFILTER = (
        r"(?:^|[^0-9A-Za-z])(?:E[0-9A-Z]\d{7}|G\d{8}|[PSD]E\d{7}|1[45]\d{7}|K\d{8}|MA\d{7})"
        r"(?:[^0-9A-Za-z]|$)"
    )
    PATTERNS = (
        Pattern("e_series", LEFT + r"E(?:\d{8}|[A-HJ-NP-Z]\d{7})" + RIGHT, 0.4),
        Pattern("g_series", LEFT + r"G\d{8}" + RIGHT, 0.35),
        Pattern("official", LEFT + r"(?:PE|SE|DE)\d{7}" + RIGHT, 0.35),
        Pattern("old_numeric", LEFT + r"1[45]\d{7}" + RIGHT, 0.15),
        Pattern("hksar_msar", LEFT + r"(?:K\d{8}|MA\d{7})" + RIGHT, 0.3),
    )
    CONTEXT = ("护照", "passport", "旅行证件", "travel document")
    VALIDATED_SCORE = 0.4  # nothing to validate: context decides
    REQUIRES = "EGPSDKM1"
    # Reached only with a header naming passports (needs_context), where every shape scores >= 0.5.
    COLUMN_SURE = (
        r"^(?:E(?:\d{8}|[A-HJ-NP-Z]\d{7})|G\d{8}|(?:PE|SE|DE)\d{7}|1[45]\d{7}|K\d{8}|MA\d{7})$"
    )
