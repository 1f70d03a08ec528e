"""Mainland postal addresses: province / city / district parsing plus street-level markers."""

from __future__ import annotations

import itertools
import re

from hegui.detectors.base import INVALID, Detector, Pattern, Validation
from hegui.detectors.cn.regions import CITIES, PROVINCE_NAMES

_START = "(?:" + "|".join(PROVINCE_NAMES + CITIES) + ")"
_BODY = r"[\u4e00-\u9fff0-9A-Za-z\-#]"
_PARSE = re.compile(
    r"^(?P<province>[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区)|北京市?|天津市?|上海市?|重庆市?)?"
    r"(?P<city>[\u4e00-\u9fff]{1,7}?(?:市|自治州|州|盟|地区))?"
    r"(?P<district>[\u4e00-\u9fff]{1,6}?(?:区|县|市|旗))?"
)
_STREET = re.compile(r"路|街|道|巷|弄|号|村|镇|乡|组|室|楼|栋|大厦|小区|花园|公寓|苑")
_TERMINAL = r"(?:号|室|楼|栋|单元|弄|村|组|小区|大厦|花园|公寓|苑|院)"
_END = re.compile(r".*" + _TERMINAL)
# A terminal followed by a province or city: the next address starts there (two glued addresses
# are two values, and a chain of them must not depend on where a search started).
_NEXT = re.compile(r".*?" + _TERMINAL + "(?=" + _START + ")")


_LEVELS = ("province", "city", "district", "street")


def _levels(value: str) -> tuple[bool, bool, bool, bool]:
    m = _PARSE.match(value)
    named = m.group("province", "city", "district") if m else (None, None, None)
    return (bool(named[0]), bool(named[1]), bool(named[2]), bool(_STREET.search(value)))


def parse_address(value: str) -> dict[str, bool]:
    """Which administrative levels an address names (levels only: never the names themselves)."""
    return dict(zip(_LEVELS, _levels(value), strict=True))


def _verdict(levels: tuple[bool, ...]) -> Validation:
    admin = sum(levels[:3])
    if not levels[3] and admin < 2:
        return INVALID
    parsed = ", ".join(k for k, v in zip(_LEVELS, levels, strict=True) if v)
    return Validation(admin >= 1 and levels[3], (f"levels: {parsed}",))


# The verdict depends on the four levels only: all 16 built once, looked up per match (building
# the note per match cost about half of check()).
_VERDICTS: dict[tuple[bool, ...], Validation] = {
    levels: _verdict(levels) for levels in itertools.product((False, True), repeat=4)
}


class CnAddressDetector(Detector):
    """地址, e.g. ``广东省深圳市南山区科技园路1号``."""

    ENTITY = "CN_ADDRESS"
    VALIDATOR = "administrative levels + street marker"
    PREFILTER = _START
    PATTERNS = (Pattern("address", f"{_START}{_BODY}{{4,40}}", 0.45),)
    CONTEXT = ("地址", "住址", "address", "收货", "居住", "户籍", "家庭住址", "addr")
    VALIDATED_SCORE = 0.8
    CONTEXT_BOOST = 0.3

    def candidate(self, raw: str) -> str:
        return raw.strip()

    def check(self, value: str) -> Validation:
        return _VERDICTS[_levels(value)]

    def span_end(self, norm: str, start: int, end: int) -> int:
        # Trim the greedy body back to the last street-level terminal (号, 室, 楼 ...), or to the
        # first one where another address starts.
        m = _NEXT.match(norm, start, end) or _END.match(norm, start, end)
        return m.end() if m else end
