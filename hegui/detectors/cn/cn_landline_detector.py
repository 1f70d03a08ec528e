"""Mainland fixed-line numbers with an area code (010, 02x, 0xxx), checked with phonenumbers."""

from __future__ import annotations

from hegui.detectors.base import RIGHT, Detector, Pattern, Validation


class CnLandlineDetector(Detector):
    """固定电话 such as ``010-62345678`` or ``(0755) 8888 1234``."""

    ENTITY = "CN_LANDLINE"
    VALIDATOR = "phonenumbers fixed-line metadata"
    PREFILTER = r"(?:^|\D)0\d{2,3}\D{0,2}[2-9]\d{2}"
    PATTERNS = (
        Pattern(
            "landline",
            r"(?<![0-9A-Za-z+])(?:(?:\+86|0086)[ -]?)?\(?0\d{2,3}\)?[ -]?[2-9]\d{2,3}[ -]?\d{4}"
            r"(?:-\d{1,5})?" + RIGHT,
            0.3,
        ),
    )
    CONTEXT = ("电话", "座机", "固话", "tel", "phone", "telephone", "landline", "联系")
    VALIDATED_SCORE = 0.7
    REQUIRES = "0"

    def check(self, value: str) -> Validation:
        try:
            import phonenumbers
        except ImportError:  # pragma: no cover
            return Validation(None)
        digits = value.removeprefix("+86").removeprefix("0086")
        main = digits
        if len(digits) > 12:  # an extension such as -123 was glued on by separator stripping
            main = digits[:12]
        try:
            num = phonenumbers.parse(main, "CN")
        except phonenumbers.NumberParseException:
            return Validation(False)
        if not phonenumbers.is_valid_number(num):
            return Validation(False)
        kind = phonenumbers.number_type(num)
        fixed = (
            phonenumbers.PhoneNumberType.FIXED_LINE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
        return Validation(kind in fixed)
