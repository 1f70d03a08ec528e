"""Payment card numbers (UnionPay and international schemes), 16-19 digits, Luhn and BIN.

UnionPay does not promise Luhn on every 62 card, so a 62 number failing Luhn is "suspect" (kept
with a low score), while other schemes' Luhn failures are rejected.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from hegui.detectors import vectorized as vz
from hegui.detectors.base import INVALID, LEFT, RIGHT, VALID, Detector, Pattern, Validation
from hegui.detectors.checksums import luhn_ok, luhn_vec

#: Issuer prefixes: UnionPay 62/81, Visa 4, Mastercard 51-55 and 2221-2720, JCB 35, Amex 34/37,
#: Discover 6011/65. (Amex is 15 digits and is left to context; we scan 16-19.)
BIN_RE2 = r"^(?:62|81|4|5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|35|6011|65)\d+$"
_BIN = re.compile(BIN_RE2)


# Shared verdicts (immutable), as base.VALID: not one built per card number.
_UNIONPAY = Validation(True, ("UnionPay",))
_SUSPECT = Validation(None, ("UnionPay prefix but Luhn fails: suspect",), score=0.1)


class CnBankCardDetector(Detector):
    """银行卡号: 16-19 digits, optionally grouped in fours."""

    ENTITY = "CN_BANK_CARD"
    VALIDATOR = "Luhn + issuer prefix"
    PREFILTER = r"(?:^|\D)(?:62|81|4|5[1-5]|2[2-7]|35|6011|65)\d{2}\D?\d{4}\D?\d{4}\D?\d{4}"
    PATTERNS = (Pattern("card", LEFT + r"\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?" + RIGHT, 0.3),)
    CONTEXT = (
        "银行卡", "卡号", "账号", "账户", "银行", "card", "account", "bank", "unionpay", "银联",
    )  # fmt: skip
    NOT_CONTEXT = (
        "订单号", "订单编号", "单号", "流水号", "交易号", "序列号", "编号", "身份证", "证件号",
        "工号", "运单", "快递", "发票", "合同号", "order no", "order number", "serial", "tracking",
    )  # fmt: skip
    VALIDATED_SCORE = 0.9
    REQUIRES = "0123456789"

    def check(self, value: str) -> Validation:
        if not (16 <= len(value) <= 19) or not _BIN.match(value):
            return INVALID
        if luhn_ok(value):
            return _UNIONPAY if value.startswith("62") else VALID
        if value.startswith("62"):
            return _SUSPECT
        return INVALID

    def match_column(self, values: Sequence[str], header: str = "") -> np.ndarray:
        arr = vz.canonical(vz.to_arrow(values))
        out = np.zeros(len(arr), dtype=bool)
        candidates = vz.regex_mask(arr, BIN_RE2)
        lengths = np.asarray(
            vz.pc.fill_null(vz.pc.utf8_length(arr), 0).to_numpy(zero_copy_only=False)
        )
        for width in range(16, 20):
            idx = np.flatnonzero(candidates & (lengths == width))
            if len(idx):
                out[idx] = luhn_vec(vz.fixed_matrix(arr.take(idx), width))
        return out
