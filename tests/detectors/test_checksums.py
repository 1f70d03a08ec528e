"""Check-digit algorithms against published test vectors and against python-stdnum."""

from __future__ import annotations

import random

import numpy as np
import pytest
from stdnum import luhn
from stdnum.cn import ric, uscc

from hegui.detectors.checksums import (
    as_uint8_matrix,
    hkid_check_char,
    luhn_ok,
    luhn_vec,
    resident_id_check_char,
    resident_id_checksum_ok,
    resident_id_checksum_vec,
    taiwan_id_ok,
    uscc_ok,
    uscc_vec,
)


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("11010519491231002X", True),  # GB 11643-1999 example
        ("440524188001010014", True),  # python-stdnum documentation example
        ("11010519491231002x", True),  # a lower-case x is accepted
        ("110105194912310021", False),
        ("1101051949123100", False),
    ],
)
def test_resident_id_vectors(number: str, ok: bool) -> None:
    assert resident_id_checksum_ok(number) is ok


@pytest.mark.parametrize("bad", ["1101051949123100２X", "11010519491231002", "1101051949123100aX"])
def test_resident_id_rejects_non_digit_bodies(bad: str) -> None:
    assert resident_id_checksum_ok(bad) is False


def test_resident_id_matches_stdnum_formula() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        body = "".join(rng.choices("0123456789", k=17))
        # stdnum's calc_check_digit takes the number *with* a check digit and ignores the last one.
        assert resident_id_check_char(body) == ric.calc_check_digit(body + "0")


def test_resident_id_vectorised_equals_scalar() -> None:
    rng = random.Random(3)
    values = []
    for _ in range(3000):
        body = "".join(rng.choices("0123456789", k=17))
        values.append(body + rng.choice("0123456789X"))
    vec = resident_id_checksum_vec(as_uint8_matrix(values, 18))
    assert list(vec) == [resident_id_checksum_ok(v) for v in values]
    assert vec.any()


@pytest.mark.parametrize(
    ("digits", "ok"), [("79927398713", True), ("79927398710", False), ("4111111111111111", True)]
)
def test_luhn_vectors(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok
    assert bool(luhn_vec(as_uint8_matrix([digits], len(digits)))[0]) is ok


def test_luhn_matches_stdnum_on_all_lengths() -> None:
    rng = random.Random(11)
    for width in range(2, 20):
        values = ["".join(rng.choices("0123456789", k=width)) for _ in range(500)]
        expected = [luhn.is_valid(v) for v in values]
        assert [luhn_ok(v) for v in values] == expected
        assert list(luhn_vec(as_uint8_matrix(values, width))) == expected


@pytest.mark.parametrize("bad", ["", "7", "7992739871a", "７９９２７３９８７１３", "٧٩٩٢٧٣٩٨٧١٣"])
def test_luhn_rejects_non_digits(bad: str) -> None:
    assert luhn_ok(bad) is False


def test_uscc_matches_stdnum_and_the_vectorised_form() -> None:
    rng = random.Random(5)
    from hegui.detectors.checksums import USCC_ALPHABET, uscc_check_char

    bodies = ["".join(rng.choices(USCC_ALPHABET, k=17)) for _ in range(2000)]
    # stdnum also wants digits in the first 8 places; the check character is the same formula.
    assert [uscc_check_char(b) for b in bodies] == [uscc.calc_check_digit(b + "0") for b in bodies]
    codes = [b + uscc_check_char(b) for b in bodies] + [
        b + rng.choice(USCC_ALPHABET) for b in bodies
    ]
    assert list(uscc_vec(as_uint8_matrix(codes, 18))) == [uscc_ok(c) for c in codes]
    assert uscc_check_char("9111000060003734I") is None  # I is not in the alphabet


@pytest.mark.parametrize(
    ("code", "ok"), [("91110000600037341L", True), ("91110000600037341M", False)]
)
def test_uscc_vectors(code: str, ok: bool) -> None:
    assert uscc_ok(code) is ok
    assert bool(uscc_vec(as_uint8_matrix([code], 18))[0]) is ok
    assert uscc.is_valid(code) is ok


def test_hkid_vector() -> None:
    # The Immigration Department's own example card number is A123456(3).
    assert hkid_check_char("A", "123456") == "3"
    assert hkid_check_char("", "123456") is None


def test_taiwan_id_vector() -> None:
    assert taiwan_id_ok("A123456789")
    assert not taiwan_id_ok("A123456788")
    assert not taiwan_id_ok("1123456789")


def test_vectorised_handles_empty_input() -> None:
    empty = np.zeros((0, 18), dtype=np.uint8)
    assert resident_id_checksum_vec(empty).shape == (0,)
