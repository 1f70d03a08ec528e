"""Dates of birth: any calendar date, reported only with birth context (出生, 生日, DOB)."""

from __future__ import annotations

import datetime as dt
import re

from hegui.detectors.base import LEFT, RIGHT, Detector, Pattern, Validation

_PARTS = re.compile(r"^((?:19|20)\d{2})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$")


class DateOfBirthDetector(Detector):
    """出生日期."""

    ENTITY = "DATE_OF_BIRTH"
    VALIDATOR = "calendar date"
    PREFILTER = r"(?:19|20)\d{2}"
    PATTERNS = (
        Pattern(
            "ymd",
            LEFT
            + r"(?:19|20)\d{2}[-/.年](?:0?[1-9]|1[0-2])[-/.月](?:0?[1-9]|[12]\d|3[01])日?"
            + RIGHT,
            0.2,
        ),
        Pattern(
            "compact", LEFT + r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])" + RIGHT, 0.1
        ),
    )
    CONTEXT = ("出生", "生日", "birth", "dob", "birthday", "出生日期", "生辰")
    CONTEXT_BOOST = 0.5
    VALIDATED_SCORE = 0.25
    REQUIRES = "12"

    def candidate(self, raw: str) -> str:
        return raw.strip()

    def check(self, value: str) -> Validation:
        m = _PARTS.match(value)
        if not m:
            return Validation(False)
        try:
            born = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return Validation(False)
        return Validation(born <= dt.date.today())
