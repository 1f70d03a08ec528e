"""PRC resident identity number (GB 11643-1999), 18 digits with MOD 11-2 check, or legacy 15.

Also covers residence permits for Hong Kong, Macao and Taiwan residents (address codes
810000/820000/830000) and the 2023 foreign permanent-residence ID (first digit 9), which use the
same structure and check. python-stdnum's ``cn.ric`` rejects the permits and raises ``KeyError`` on
county codes newer than its table; this detector checks the province prefix itself and only
reports what stdnum knows as a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from hegui.detectors import vectorized as vz
from hegui.detectors.base import INVALID, LEFT, RIGHT, VALID, Detector, Pattern, Validation
from hegui.detectors.checksums import resident_id_checksum_ok, resident_id_checksum_vec
from hegui.detectors.cn.regions import ID_PROVINCE_PREFIXES, RESIDENCE_PERMIT_CODES

_SEP = r"[ -]?"
_DATE = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_PREFIX_CODES = np.array(
    [*sorted(int(p) for p in ID_PROVINCE_PREFIXES), 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]
)


def birth_date(number: str) -> dt.date | None:
    """Birth date encoded in an 18- or 15-digit number, or None if it is not a real date."""
    try:
        if len(number) == 18:
            return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        if len(number) == 15:
            return dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return None
    return None


def stdnum_gap(number: str) -> str | None:
    """What python-stdnum's ``cn.ric`` says where it disagrees (kept out of the hot path)."""
    try:
        from stdnum.cn import ric
    except ImportError:  # pragma: no cover - stdnum is in the scan extra
        return None
    try:
        return None if ric.is_valid(number) else "python-stdnum rejects it (region/date table)"
    except KeyError:
        # Known stdnum gap: a county code missing under a known prefecture raises KeyError.
        return "region code not in python-stdnum's table (newer county code?)"


# Shared verdicts (immutable), as base.VALID: not one built per number.
_LEGACY = Validation(True, ("legacy 15-digit number: no check digit",), score=0.3)
_FOREIGN = Validation(True, ("foreign permanent-residence ID (2023 edition)",))


class CnResidentIdDetector(Detector):
    """居民身份证号码 / 居住证号码: structure, region prefix, birth date and check character."""

    ENTITY = "CN_RESIDENT_ID"
    VALIDATOR = "GB 11643 MOD 11-2 + region + birth date"
    # The two patterns with their boundaries (RE2 has no lookarounds): an 18- or 15-character
    # value standing alone, so digits inside longer runs (card numbers) do not flag a chunk.
    PREFILTER = (
        r"(?:^|[^0-9A-Za-z])(?:\d{6}[ -]?(?:18|19|20)\d{2}[01]\d[0-3]\d[ -]?\d{3}[0-9Xx]"
        r"|\d{8}[01]\d[0-3]\d{4})(?:[^0-9A-Za-z]|$)"
    )
    PATTERNS = (
        Pattern("id18", LEFT + r"\d{6}" + _SEP + _DATE + _SEP + r"\d{3}[0-9Xx]" + RIGHT, 0.5),
        Pattern(
            "id15_legacy",
            LEFT + r"\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}" + RIGHT,
            0.2,
        ),
    )
    CONTEXT = (
        "身份证", "证件号", "公民身份号码", "身份号码", "居住证", "证件", "sfz", "id card",
        "id_card", "idcard", "id_no", "id number", "resident id", "identity", "national id",
    )  # fmt: skip
    REQUIRES = "0123456789"

    def check(self, value: str) -> Validation:
        if len(value) == 15:
            if value[:2] not in ID_PROVINCE_PREFIXES or birth_date(value) is None:
                return INVALID
            return _LEGACY
        if len(value) != 18 or not resident_id_checksum_ok(value):
            return INVALID
        born = birth_date(value)
        if born is None or born > dt.date.today():
            return INVALID
        if value[:6] in RESIDENCE_PERMIT_CODES:
            note = f"residence permit for {RESIDENCE_PERMIT_CODES[value[:6]]} residents"
            return Validation(True, (note,))
        if value[0] == "9":
            return _FOREIGN
        if value[:2] not in ID_PROVINCE_PREFIXES:
            return INVALID
        return VALID

    def match_column(self, values: Sequence[str], header: str = "") -> np.ndarray:
        """Vectorised: regex filter, MOD 11-2, birth date and province prefix over the column."""
        arr = vz.canonical(vz.to_arrow(values))
        out = np.zeros(len(arr), dtype=bool)
        idx = np.flatnonzero(vz.regex_mask(arr, r"^\d{17}[0-9X]$"))
        if len(idx):
            mat = vz.fixed_matrix(arr.take(idx), 18)
            out[idx] = resident_id_checksum_vec(mat) & _dates_and_regions(mat, 6, 4)
        # Legacy 15-digit numbers have no check digit: without header context they are as likely
        # to be IMEIs or serial numbers, so only a header that names an ID admits them.
        idx15 = (
            np.flatnonzero(vz.regex_mask(arr, r"^\d{15}$"))
            if self.context_hits(header.lower())
            else np.array([], dtype=np.int64)
        )
        if len(idx15):
            mat15 = vz.fixed_matrix(arr.take(idx15), 15)
            out[idx15] = _dates_and_regions(mat15, 6, 2)
        return out


def _dates_and_regions(mat: np.ndarray, at: int, year_digits: int) -> np.ndarray:
    year = vz.digits_to_int(mat[:, at : at + year_digits])
    if year_digits == 2:
        year = year + 1900
    month = vz.digits_to_int(mat[:, at + year_digits : at + year_digits + 2])
    day = vz.digits_to_int(mat[:, at + year_digits + 2 : at + year_digits + 4])
    prov = vz.digits_to_int(mat[:, :2])
    ok_year = (year >= 1800) & (year <= dt.date.today().year)
    return vz.valid_dates(year, month, day) & ok_year & np.isin(prov, _PREFIX_CODES)


def birth_dates_vec(values: Sequence[str]) -> np.ndarray:
    """``datetime64[D]`` birth dates of valid 18/15-digit numbers in a column; NaT elsewhere."""
    arr = vz.canonical(vz.to_arrow(values))
    det = CnResidentIdDetector()
    valid = det.match_column(arr, header="身份证")
    out = np.full(len(arr), np.datetime64("NaT"), dtype="datetime64[D]")
    for width, ydigits in ((18, 4), (15, 2)):
        lengths = np.asarray(
            vz.pc.fill_null(vz.pc.utf8_length(arr), 0).to_numpy(zero_copy_only=False)
        )
        idx = np.flatnonzero(valid & (lengths == width))
        if not len(idx):
            continue
        mat = vz.fixed_matrix(arr.take(idx), width)
        year = vz.digits_to_int(mat[:, 6 : 6 + ydigits]) + (1900 if ydigits == 2 else 0)
        month = vz.digits_to_int(mat[:, 6 + ydigits : 8 + ydigits])
        day = vz.digits_to_int(mat[:, 8 + ydigits : 10 + ydigits])
        dates = (
            (year - 1970).astype("datetime64[Y]").astype("datetime64[M]")
            + (month - 1).astype("timedelta64[M]")
        ).astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
        out[idx] = dates
    return out
