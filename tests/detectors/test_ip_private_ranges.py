"""The IPv4 first-octet fast path equals ipaddress's is_private / is_reserved on this Python."""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors.base import Validation
from hegui.detectors.generic.ip_address_detector import (
    _MIXED_OCTETS,
    _SPECIAL_OCTETS,
    IpAddressDetector,
    ipv4_special,
)


def _ipaddress_says(value: int) -> bool:
    addr = ipaddress.IPv4Address(value)
    return addr.is_private or addr.is_reserved


def _networks() -> tuple[list[ipaddress.IPv4Network], list[ipaddress.IPv4Network]]:
    """The networks ipaddress decides with: (private + reserved, newer Pythons' exceptions)."""
    consts = ipaddress.IPv4Address._constants  # type: ignore[attr-defined]
    special = [*consts._private_networks, consts._reserved_network]
    return special, list(getattr(consts, "_private_networks_exceptions", ()))


def _special_networks() -> list[ipaddress.IPv4Network]:
    special, exceptions = _networks()
    return special + exceptions


def _whole_blocks(net: ipaddress.IPv4Network) -> set[int]:
    lo, hi = int(net.network_address), int(net.broadcast_address)
    return {
        b for b in range(lo >> 24, (hi >> 24) + 1) if lo <= b << 24 and (b << 24 | 0xFFFFFF) <= hi
    }


def test_every_octet_outside_the_mixed_ones_is_all_special_or_all_ordinary() -> None:
    # The proof: ipaddress's verdict changes only at the edges of its networks. A network that
    # starts or ends inside a /8 block either has that first octet in _MIXED_OCTETS or lies in a
    # block another (non-exception) network covers whole (255.255.255.255 in 240.0.0.0/4); so
    # every other block has one verdict, that of its first address, checked for every octet below.
    special, exceptions = _networks()
    covered = set().union(*(_whole_blocks(n) for n in special))
    for net in special + exceptions:
        lo, hi = int(net.network_address), int(net.broadcast_address)
        for edge_block in {lo >> 24, hi >> 24} - _whole_blocks(net):
            assert edge_block in _MIXED_OCTETS or (net in special and edge_block in covered), net
    for first in range(256):
        if first in _MIXED_OCTETS:
            continue
        block = first << 24
        assert (first in _SPECIAL_OCTETS) == _ipaddress_says(block), first
        assert ipv4_special(block) == ipv4_special(block | 0xFFFFFF) == _ipaddress_says(block)


def test_network_edges_and_their_neighbours_agree_with_ipaddress() -> None:
    edges: set[int] = set()
    for net in _special_networks():
        lo, hi = int(net.network_address), int(net.broadcast_address)
        edges |= {lo - 1, lo, lo + 1, hi - 1, hi, hi + 1}
    for first in range(256):
        edges |= {first << 24, (first << 24) - 1, (first << 24) | 0x7FFFFF}
    for value in sorted(v for v in edges if 0 <= v < 1 << 32):
        assert ipv4_special(value) == _ipaddress_says(value), ipaddress.IPv4Address(value)


@settings(max_examples=1000, deadline=None)
@given(st.integers(0, (1 << 32) - 1))
def test_any_address_agrees_with_ipaddress(value: int) -> None:
    assert ipv4_special(value) == _ipaddress_says(value)


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(sorted(_MIXED_OCTETS | {0, 10, 127, 240, 255})), st.integers(0, 0xFFFFFF))
def test_addresses_in_special_blocks_agree_with_ipaddress(first: int, rest: int) -> None:
    value = first << 24 | rest
    assert ipv4_special(value) == _ipaddress_says(value)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(0, 255), min_size=4, max_size=4))
def test_check_gives_the_notes_ipaddress_gives(octets: list[int]) -> None:
    value = ".".join(map(str, octets))
    addr = ipaddress.ip_address(value)
    note = ("private or reserved range",) if addr.is_private or addr.is_reserved else ()
    assert IpAddressDetector().check(value) == Validation(True, note)


def test_check_rejects_and_explains_like_before() -> None:
    det = IpAddressDetector()
    assert det.check("192.168.1.10") == Validation(True, ("private or reserved range",))
    assert det.check("8.8.8.8") == Validation(True, ())
    assert det.check("01.2.3.4") == Validation(False)  # leading zero: ipaddress refuses it
    assert det.check("fe80::1") == Validation(True, ("private or reserved range",))
    assert det.check("2400:3200::1") == Validation(True, ())
    assert det.check("12:34:zz") == Validation(False)
