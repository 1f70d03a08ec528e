"""Check-digit algorithms as pure functions, scalar and vectorised (numpy).

Each function documents its source; ``tests/detectors/test_checksums.py`` runs the published test
vectors. Vectorised forms take a ``(n, width)`` uint8 array of ASCII codes and return a bool mask,
so a column of a million identifiers is checked without a Python loop.
"""

from __future__ import annotations

import re

import numpy as np

# GB 11643-1999 / ISO 7064 MOD 11-2: weights 2^(17-i) mod 11 for the 17 body digits.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_ID_CHECK = "10X98765432"
_DIGITS = re.compile("[0-9]+")
_DIGITS17 = re.compile("[0-9]{17}")

# GB 32100-2015 unified social credit code alphabet (no I, O, S, V, Z) and weights 3^i mod 31.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Taiwan ID letters -> two-digit values (MOI rule; I, O, W, X, Y, Z out of alphabetical order).
_TW_LETTERS = {
    **{c: 10 + i for i, c in enumerate("ABCDEFGH")},
    "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "P": 23, "Q": 24, "R": 25, "S": 26, "T": 27,
    "U": 28, "V": 29, "X": 30, "Y": 31, "W": 32, "Z": 33, "I": 34, "O": 35,
}  # fmt: skip


def resident_id_check_char(body17: str) -> str:
    """MOD 11-2 check character for the first 17 digits of a resident ID number."""
    # The weights are 2^(17-i) mod 11 and 13 = 2 (mod 11), so the weighted sum is twice the
    # body read as a base-13 number, mod 11: one C-level int() instead of a 17-step loop.
    # (Equal to the table form; tests compare it with python-stdnum.)
    return _RESIDENT_ID_CHECK[2 * int(body17, 13) % 11]


def resident_id_checksum_ok(number: str) -> bool:
    """True if an 18-character ID number's last character is its MOD 11-2 check character."""
    if len(number) != 18 or not _DIGITS17.fullmatch(number, 0, 17):
        return False
    return resident_id_check_char(number[:17]) == number[17].upper()


# Luhn: a doubled digit's contribution (2d, minus 9 if above 9), as a bytes.translate table from
# ASCII digits, so the doubled digits are mapped and summed in C (a generator cost ~1 us/value).
_LUHN_DOUBLE = bytes.maketrans(b"0123456789", bytes((0, 2, 4, 6, 8, 1, 3, 5, 7, 9)))


def luhn_ok(digits: str) -> bool:
    """Luhn (ISO/IEC 7812-1 Annex B) check over a digit string, check digit last."""
    if len(digits) < 2 or not _DIGITS.fullmatch(digits):
        return False
    codes = digits.encode("ascii")
    plain = codes[-1::-2]
    total = sum(plain) - 48 * len(plain) + sum(codes[-2::-2].translate(_LUHN_DOUBLE))
    return total % 10 == 0


# USCC characters as base-34 digits with their GB 32100 values (A..U = 10..30).
_USCC_AS_DIGITS = str.maketrans(USCC_ALPHABET, "0123456789ABCDEFGHIJKLMNOPQRSTU")
_USCC_BODY = re.compile(f"[{USCC_ALPHABET}]{{17}}")


def uscc_check_char(body17: str) -> str | None:
    """GB 32100-2015 check character for the first 17 characters, or None if a character is bad."""
    if not _USCC_BODY.fullmatch(body17):
        return None
    # Weights are 3^i mod 31 and 34 = 3 (mod 31): the weighted sum is the reversed body read
    # in base 34, mod 31 (equal to the table form; tests compare it with python-stdnum).
    total = int(body17.translate(_USCC_AS_DIGITS)[::-1], 34)
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_ok(code: str) -> bool:
    """True if an 18-character unified social credit code carries its correct check character."""
    return len(code) == 18 and uscc_check_char(code[:17]) == code[17]


def hkid_check_char(prefix: str, digits6: str) -> str | None:
    """Hong Kong identity card check character for a 1-2 letter prefix and 6 digits (mod 11)."""
    if not (1 <= len(prefix) <= 2 and prefix.isalpha() and prefix.isascii() and digits6.isdigit()):
        return None
    letters = prefix.upper().rjust(2)
    values = [36 if c == " " else ord(c) - 55 for c in letters] + [int(d) for d in digits6]
    total = sum(v * w for v, w in zip(values, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def taiwan_id_ok(number: str) -> bool:
    """Taiwan national ID / resident certificate (letter + 9 digits), weighted mod 10."""
    if len(number) != 10 or number[0] not in _TW_LETTERS or not number[1:].isdigit():
        return False
    v = _TW_LETTERS[number[0]]
    total = v // 10 + (v % 10) * 9
    total += sum(int(d) * w for d, w in zip(number[1:9], (8, 7, 6, 5, 4, 3, 2, 1), strict=True))
    total += int(number[9])
    return total % 10 == 0


# ---------------------------------------------------------------------------------------------
# Vectorised forms


def as_uint8_matrix(values: list[str] | np.ndarray, width: int) -> np.ndarray:
    """Pack equal-length ASCII strings into an ``(n, width)`` uint8 matrix of character codes."""
    arr = np.asarray(values, dtype=f"S{width}")
    return arr.view(np.uint8).reshape(len(arr), width)


def resident_id_checksum_vec(mat: np.ndarray) -> np.ndarray:
    """Vectorised :func:`resident_id_checksum_ok` over an ``(n, 18)`` uint8 matrix."""
    digits = mat[:, :17].astype(np.int64) - 48
    body_ok = ((digits >= 0) & (digits <= 9)).all(axis=1)
    total = digits @ np.asarray(RESIDENT_ID_WEIGHTS, dtype=np.int64)
    expected = np.frombuffer(_RESIDENT_ID_CHECK.encode(), dtype=np.uint8)[total % 11]
    last = mat[:, 17].copy()
    last[last == ord("x")] = ord("X")
    return body_ok & (expected == last)


def luhn_vec(mat: np.ndarray) -> np.ndarray:
    """Vectorised Luhn over an ``(n, width)`` uint8 matrix of digit codes (one length per call)."""
    digits = mat.astype(np.int64) - 48
    ok = ((digits >= 0) & (digits <= 9)).all(axis=1)
    width = mat.shape[1]
    doubled = np.zeros(width, dtype=bool)
    doubled[width - 2 :: -2] = True  # every second digit from the right, check digit excluded
    d = digits.copy()
    d[:, doubled] *= 2
    d[:, doubled] -= np.where(d[:, doubled] > 9, 9, 0)
    return ok & (d.sum(axis=1) % 10 == 0)


def uscc_vec(mat: np.ndarray) -> np.ndarray:
    """Vectorised :func:`uscc_ok` over an ``(n, 18)`` uint8 matrix."""
    lut = np.full(256, -1, dtype=np.int64)
    for i, ch in enumerate(USCC_ALPHABET):
        lut[ord(ch)] = i
    vals = lut[mat]
    ok = (vals >= 0).all(axis=1)
    total = vals[:, :17] @ np.asarray(USCC_WEIGHTS, dtype=np.int64)
    return ok & (vals[:, 17] == (31 - total % 31) % 31)
