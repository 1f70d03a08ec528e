"""Seeded generators of synthetic identifiers (valid values and near misses) for tests, the
bundled example database and the benchmark corpus. Nothing here is real personal data.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import uuid

from hegui.detectors.checksums import (
    USCC_ALPHABET,
    hkid_check_char,
    resident_id_check_char,
    uscc_check_char,
)
from hegui.detectors.cn.surnames import COMPOUND, SINGLE

#: Public administrative-division codes (districts), used as ID address codes.
COUNTIES = (
    "110105",
    "110108",
    "310115",
    "310104",
    "440305",
    "440106",
    "330106",
    "510107",
    "420111",
    "320102",
)
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉晨宇浩然欣怡子涵梓轩"
_STREETS = ("建国路", "中山路", "人民路", "解放大道", "科技园路", "长江路", "和平街", "文化路")
_CITIES = (
    ("北京市", "", "朝阳区"), ("上海市", "", "浦东新区"), ("广东省", "深圳市", "南山区"),
    ("浙江省", "杭州市", "西湖区"), ("四川省", "成都市", "武侯区"), ("湖北省", "武汉市", "洪山区"),
)  # fmt: skip
MOBILE_PREFIXES = (
    "130",
    "131",
    "135",
    "138",
    "139",
    "150",
    "158",
    "166",
    "177",
    "180",
    "186",
    "189",
    "199",
    "192",
)


class Synth:
    """All generators share one seeded RNG so a seed reproduces a whole corpus."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def birth_date(self, start_year: int = 1950, end_year: int = 2020) -> dt.date:
        start = dt.date(start_year, 1, 1).toordinal()
        return dt.date.fromordinal(self.r.randint(start, dt.date(end_year, 12, 31).toordinal()))

    def resident_id(self, born: dt.date | None = None) -> str:
        born = born or self.birth_date()
        body = f"{self.r.choice(COUNTIES)}{born:%Y%m%d}{self.r.randint(0, 999):03d}"
        return body + resident_id_check_char(body)

    def resident_id_bad_check(self) -> str:
        good = self.resident_id()
        wrong = self.r.choice([c for c in "0123456789X" if c != good[-1]])
        return good[:-1] + wrong

    def residence_permit(self) -> str:
        body = f"{self.r.choice(('810000', '820000', '830000'))}{self.birth_date():%Y%m%d}{self.r.randint(0, 999):03d}"
        return body + resident_id_check_char(body)

    def mobile(self) -> str:
        return self.r.choice(MOBILE_PREFIXES) + "".join(self.r.choices(string.digits, k=8))

    def mobile_unallocated(self) -> str:
        return self.r.choice(("140", "154", "164", "179", "194", "120", "110")) + "".join(
            self.r.choices(string.digits, k=8)
        )

    def landline(self) -> str:
        area, n = self.r.choice((("010", 8), ("021", 8), ("0755", 8), ("0571", 8), ("028", 8)))
        return f"{area}-{self.r.randint(2, 8)}{''.join(self.r.choices(string.digits, k=n - 1))}"

    def bank_card(self) -> str:
        prefix = self.r.choice(("622202", "621700", "622848", "625000", "436742", "518710"))
        body = prefix + "".join(
            self.r.choices(string.digits, k=self.r.choice((16, 19)) - len(prefix) - 1)
        )
        return body + _luhn_digit(body)

    def order_number(self) -> str:
        """Order numbers: 18-20 digits starting with a date; the classic false positive."""
        return f"{self.birth_date(2020, 2026):%Y%m%d}" + "".join(
            self.r.choices(string.digits, k=self.r.randint(10, 12))
        )

    def uscc(self) -> str:
        body = (
            "91"
            + self.r.choice(COUNTIES)
            + "".join(self.r.choices(USCC_ALPHABET[:10] + "ABCDEFGH", k=9))
        )
        check = uscc_check_char(body)
        assert check is not None
        return body + check

    def passport(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        return self.r.choice(
            (
                "E" + "".join(self.r.choices(string.digits, k=8)),
                "E" + self.r.choice(letters) + "".join(self.r.choices(string.digits, k=7)),
            )
        )

    def hk_macao_permit(self) -> str:
        return (
            self.r.choice("HM")
            + "".join(self.r.choices(string.digits, k=8))
            + self.r.choice(("", "00", "01"))
        )

    def hkid(self) -> str:
        prefix = (
            self.r.choice(string.ascii_uppercase)
            if self.r.random() < 0.8
            else "".join(self.r.choices(string.ascii_uppercase, k=2))
        )
        digits = "".join(self.r.choices(string.digits, k=6))
        return f"{prefix}{digits}({hkid_check_char(prefix, digits)})"

    def plate(self) -> str:
        prov = self.r.choice("京沪粤浙川苏鲁")
        auth = self.r.choice("ABCDEFG")
        if self.r.random() < 0.3:
            return f"{prov}{auth}{self.r.choice('DF')}{self.r.randint(10000, 99999)}"
        letters = "".join(self.r.choices("ABCDEFGHJKLMNPQRSTUVWXYZ", k=self.r.choice((0, 0, 1, 2))))
        serial = letters + "".join(self.r.choices(string.digits, k=5 - len(letters)))
        return f"{prov}{auth}·{serial}"

    def name(self) -> str:
        surname = self.r.choice(COMPOUND) if self.r.random() < 0.05 else self.r.choice(SINGLE[:120])
        return surname + "".join(self.r.choices(_GIVEN, k=self.r.choice((1, 2, 2))))

    def address(self) -> str:
        prov, city, dist = self.r.choice(_CITIES)
        return f"{prov}{city}{dist}{self.r.choice(_STREETS)}{self.r.randint(1, 999)}号{self.r.randint(1, 30)}栋{self.r.randint(101, 2505)}室"

    def email(self, name_hint: str = "") -> str:
        user = "".join(self.r.choices(string.ascii_lowercase, k=self.r.randint(4, 10))) + str(
            self.r.randint(1, 999)
        )
        return f"{user}@{self.r.choice(('example.com', 'example.cn', 'mail.example.org'))}"

    def ipv4(self) -> str:
        return ".".join(str(self.r.randint(1, 254)) for _ in range(4))

    def mac(self) -> str:
        return ":".join(f"{self.r.randint(0, 255):02X}" for _ in range(6))

    def imei(self) -> str:
        body = "35" + "".join(self.r.choices(string.digits, k=12))
        return body + _luhn_digit(body)

    def android_id(self) -> str:
        return "".join(self.r.choices("0123456789abcdef", k=16))

    def oaid(self) -> str:
        return str(uuid.UUID(int=self.r.getrandbits(128)))

    def gps(self) -> tuple[str, str]:
        return f"{self.r.uniform(18, 53):.6f}", f"{self.r.uniform(73, 135):.6f}"


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)
