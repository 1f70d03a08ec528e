"""E-mail addresses."""

from __future__ import annotations

from hegui.detectors.base import INVALID, VALID, Detector, Pattern, Validation


class EmailDetector(Detector):
    """电子邮件地址."""

    ENTITY = "EMAIL_ADDRESS"
    VALIDATOR = "RFC 5321 shape"
    PREFILTER = r"@"
    PATTERNS = (
        Pattern(
            "email",
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])",
            0.8,
        ),
    )
    CONTEXT = ("邮箱", "email", "e-mail", "mail", "电子邮件")
    REQUIRES = "@"
    COLUMN_SURE = (
        r"^[A-Za-z0-9_%+-]{1,30}(?:\.[A-Za-z0-9_%+-]{1,30})?@[A-Za-z0-9][A-Za-z0-9-]{0,30}"
        r"(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,30}){0,3}\.[A-Za-z]{2,24}$"
    )

    def candidate(self, raw: str) -> str:
        return raw

    def check(self, value: str) -> Validation:
        local, _, domain = value.rpartition("@")
        ok = ".." not in value and not local.startswith(".") and not local.endswith(".")
        return VALID if ok and not domain.startswith("-") else INVALID
