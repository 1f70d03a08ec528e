"""Unified social credit code (GB 32100-2015): an organisation identifier, detected but not PI.

python-stdnum's ``cn.uscc`` requires digits in positions 1-8; registration-authority codes that
are letters (seen on some codes) are accepted here when the check character is right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from hegui.detectors import vectorized as vz
from hegui.detectors.base import INVALID, LEFT, RIGHT, VALID, Detector, Pattern, Validation
from hegui.detectors.checksums import uscc_ok, uscc_vec

_CH = "[0-9A-HJ-NPQRTUWXY]"
_DATE_AT_6 = re.compile(r"^\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


_ID_LIKE = Validation(True, ("digits only, ID-like",), score=0.3)  # shared, like base.VALID


class CnUsccDetector(Detector):
    """统一社会信用代码."""

    ENTITY = "CN_USCC"
    VALIDATOR = "GB 32100 mod 31"
    # A letter among the 18 (the first two included), or all digits without an ID-like birth year, or context nearby.
    PREFILTER = (
        r"[0-9A-Z]{2}\d{6}[0-9A-Z]{0,9}[A-HJ-NP-Y]"
        r"|[A-Z][0-9A-Z]?\d{6}[0-9A-Z]{10}"  # a letter only in the first two (Y1..., 9A...)
        r"|(?:^|\D)\d{6}(?:[02-9]\d|1[0-7]|2[1-9])\d{10}(?:\D|$)"
        r"|信用代码|社会信用|(?i:uscc|credit code)"
    )
    PATTERNS = (Pattern("uscc", LEFT + _CH + r"{2}\d{6}" + _CH + "{10}" + RIGHT, 0.3),)
    CONTEXT = ("信用代码", "社会信用", "uscc", "credit code", "统一代码", "营业执照", "企业")
    #: An order or serial number of 18 digits passes the check one time in 31.
    NOT_CONTEXT = (
        "订单号", "单号", "流水号", "交易号", "序列号", "身份证", "证件号", "order no", "serial",
    )  # fmt: skip

    def check(self, value: str) -> Validation:
        if not uscc_ok(value):
            return INVALID
        if value.isdigit() and _DATE_AT_6.match(value):
            # All digits with a birth date where an ID has one: as likely a mistyped resident ID
            # (1 in 31 pass this check by chance), so only context makes it a USCC.
            return _ID_LIKE
        return VALID

    def match_column(self, values: Sequence[str], header: str = "") -> np.ndarray:
        arr = vz.canonical(vz.to_arrow(values))
        idx = np.flatnonzero(vz.regex_mask(arr, "^" + _CH + r"{2}\d{6}" + _CH + "{10}$"))
        out = np.zeros(len(arr), dtype=bool)
        if len(idx):
            out[idx] = uscc_vec(vz.fixed_matrix(arr.take(idx), 18))
        if not self.context_hits(header.lower()):
            # Same rule as check(): all-digit, ID-like codes need a header that names a USCC.
            out &= ~vz.regex_mask(
                arr, r"^\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{4}$"
            )
        return out
