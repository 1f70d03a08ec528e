"""Mainland fixed-line numbers with an area code (010, 02x, 0xxx), checked with phonenumbers."""

from __future__ import annotations

import functools

from hegui.detectors.base import INVALID, RIGHT, UNCHECKED, VALID, Detector, Pattern, Validation

# What follows the area code's leading 0.
_LOCAL = r"\d{2,3}\)?[ -]?[2-9]\d{2,3}[ -]?\d{4}(?:-\d{1,5})?" + RIGHT


class CnLandlineDetector(Detector):
    """固定电话 such as ``010-62345678`` or ``(0755) 8888 1234``."""

    ENTITY = "CN_LANDLINE"
    VALIDATOR = "phonenumbers fixed-line metadata"
    # The 0 follows a non-digit, or the 86 of +86 / 0086 written without a separator.
    PREFILTER = r"(?:^|\D|86)0\d{2,3}\D{0,2}[2-9]\d{2}"
    PATTERNS = (
        # Plain form: (?<![0-9A-Za-z+])(?:(?:\+86|0086)[ -]?)?\(?0 + _LOCAL. Written as one
        # alternative per first character so ``re`` can skip ahead to a + 0 or ( (3x faster on
        # Chinese text); tests/detectors/test_detector_engine.py checks both match the same.
        Pattern(
            "landline",
            r"(?:\+(?<![0-9A-Za-z+].)86[ -]?\(?0|0(?<![0-9A-Za-z+].)086[ -]?\(?0"
            r"|\((?<![0-9A-Za-z+].)0|0(?<![0-9A-Za-z+].))" + _LOCAL,
            0.3,
        ),
    )
    CONTEXT = ("电话", "座机", "固话", "tel", "phone", "telephone", "landline", "联系")
    VALIDATED_SCORE = 0.7
    REQUIRES = "0"

    def check(self, value: str) -> Validation:
        digits = value.removeprefix("+86").removeprefix("0086")
        if not digits.isdigit() or not digits.startswith("0"):
            return INVALID
        area_len = 3 if digits[1] in "12" else 4
        area, local = digits[:area_len], digits[area_len:]
        if len(local) > 8:  # an extension such as -123 was glued on by separator stripping
            local = local[:8] if _fixed_line_ok(area, local[0], 8) else local[:7]
        if len(local) not in (7, 8) or local[0] in "01":
            return INVALID
        ok = _fixed_line_ok(area, local[0], len(local))
        return UNCHECKED if ok is None else VALID if ok else INVALID


@functools.lru_cache(maxsize=8192)
def _fixed_line_ok(area: str, first: str, length: int) -> bool | None:
    """phonenumbers' fixed-line verdict for an area code, local first digit and length.

    CN fixed-line validity depends on those three only, so one lookup per combination (cached)
    replaces a full parse per cell.
    """
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover
        return None
    sample = area + first + "2345678"[: length - 1]
    try:
        num = phonenumbers.parse(sample, "CN")
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(num)
    fixed = (
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    return phonenumbers.is_valid_number(num) and kind in fixed
