"""IPv4 and IPv6 addresses (online identifiers), validated with :mod:`ipaddress`."""

from __future__ import annotations

import ipaddress
import re

from hegui.detectors.base import INVALID, VALID, Detector, Pattern, Validation

_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = re.compile(r"\.".join([_OCTET] * 4))
_DOTTED = re.compile(r"[0-9.]+")
# ipaddress's is_private / is_reserved (IANA special-purpose registry) decide whole /8 blocks for
# all first octets but these five, whose blocks hold smaller special ranges (169.254/16,
# 172.16/12, 192.0.0/24 and 192.168/16, 198.18/15 and 198.51.100/24, 203.0.113/24): an octet
# lookup answers for the rest without building an address (~40x cheaper per value).
# tests/detectors/test_ip_private_ranges.py proves this equal to ipaddress on this Python.
_MIXED_OCTETS = frozenset((169, 172, 192, 198, 203))
_SPECIAL_OCTETS = frozenset((0, 10, 127, *range(240, 256)))


def ipv4_special(value: int) -> bool:
    """``is_private or is_reserved`` of ``ipaddress.IPv4Address(value)``, for 0 <= value < 2**32."""
    first = value >> 24
    if first in _MIXED_OCTETS:
        addr = ipaddress.IPv4Address(value)
        return addr.is_private or addr.is_reserved
    return first in _SPECIAL_OCTETS


class IpAddressDetector(Detector):
    """IP 地址."""

    ENTITY = "IP_ADDRESS"
    VALIDATOR = "ipaddress"
    PREFILTER = r"\d\.\d{1,3}\.|[0-9A-Fa-f]:[0-9A-Fa-f:]"
    PATTERNS = (
        # Boundary lookbehinds come after the first character so Python's re can scan for it
        # fast; the matches are those of (?<![0-9.])(?:\d{1,3}\.){3}\d{1,3} (property-tested).
        Pattern("ipv4", r"\d(?<![0-9.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![0-9]|\.\d)", 0.5),
        Pattern(
            "ipv6",
            r"[0-9A-Fa-f](?<![0-9A-Fa-f:].)[0-9A-Fa-f]{0,3}:(?:[0-9A-Fa-f]{1,4}:){0,6}"
            r"(?::|(?::[0-9A-Fa-f]{1,4}){1,6}|[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:])",
            0.4,
        ),
    )
    CONTEXT = ("ip", "ip地址", "登录ip", "address", "remote_addr", "client_ip", "源地址")
    VALIDATED_SCORE = 0.65
    REQUIRES = ".:"
    COLUMN_SURE = (
        r"^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$"
    )

    def candidate(self, raw: str) -> str:
        return raw

    def check(self, value: str) -> Validation:
        m = _IPV4.fullmatch(value)
        if m is not None:
            # A valid dotted quad (octets up to 255, no leading zeros, as ipaddress requires),
            # matched here: ipaddress's own string parser is ~5x slower.
            a, b, c, d = map(int, m.groups())
            special = ipv4_special(a << 24 | b << 16 | c << 8 | d)
        elif _DOTTED.fullmatch(value):
            return INVALID
        else:
            try:
                addr = ipaddress.ip_address(value)
            except ValueError:
                return INVALID
            special = addr.is_private or addr.is_reserved
        return _SPECIAL if special else VALID


_SPECIAL = Validation(True, ("private or reserved range",))  # shared, like base.VALID
