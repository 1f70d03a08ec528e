"""Distinct individuals (exact, or HyperLogLog with its error) and minors from ID birth dates.

Key values are canonicalised (half-width, separators dropped, upper case) and hashed to 64 bits
with pandas' vectorised hash; only hashes are kept, never values. Up to
``Limits.exact_distinct_limit`` hashes the count is exact (up to 64-bit collisions, negligible);
beyond it, the hashes feed a datasketch HyperLogLog whose registers are updated with numpy.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from hegui.detectors import vectorized as vz
from hegui.detectors.cn.cn_resident_id_detector import birth_dates_vec

HLL_P = 14


class DistinctCounter:
    """Counts distinct canonical values; exact below ``exact_limit``, HyperLogLog above."""

    def __init__(self, exact_limit: int) -> None:
        self.exact_limit = exact_limit
        self._hashes: list[np.ndarray] = []
        self._stored = 0
        self._hll = None

    def add(self, values: pa.Array, valid: np.ndarray | None = None) -> None:
        canon = vz.canonical(values)
        keep = np.asarray(pc.is_valid(canon).to_numpy(zero_copy_only=False), dtype=bool)
        if valid is not None:
            keep &= valid
        if not keep.any():
            return
        strings = canon.filter(pa.array(keep)).to_numpy(zero_copy_only=False)
        hashes = pd.util.hash_array(strings.astype(object), categorize=False)
        if self._hll is None:
            self._hashes.append(np.unique(hashes))
            self._stored += len(self._hashes[-1])
            if self._stored > 2 * self.exact_limit:
                self._compact()
            if self._stored > self.exact_limit:
                self._to_hll()
        else:
            self._hll_add(hashes)

    def _compact(self) -> None:
        merged = np.unique(np.concatenate(self._hashes))
        self._hashes = [merged]
        self._stored = len(merged)

    def _to_hll(self) -> None:
        self._compact()
        if self._stored <= self.exact_limit:
            return
        from datasketch import HyperLogLog

        self._hll = HyperLogLog(p=HLL_P)
        self._hll_add(self._hashes[0])
        self._hashes = []

    def _hll_add(self, hashes: np.ndarray) -> None:
        hll = self._hll
        assert hll is not None
        # Same register layout as datasketch's own update(): index = low p bits of a 32-bit hash,
        # rank from the remaining bits.
        h32 = (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint64)
        idx = (h32 & np.uint64(hll.m - 1)).astype(np.int64)
        bits = (h32 >> np.uint64(hll.p)).astype(np.float64)
        bit_len = np.frexp(bits)[1]
        rank = (hll.max_rank - bit_len + 1).astype(np.int8)
        np.maximum.at(hll.reg, idx, rank)

    @property
    def method(self) -> str:
        return "exact" if self._hll is None else "hyperloglog"

    @property
    def relative_error(self) -> float | None:
        """HyperLogLog standard error 1.04/sqrt(m); None when exact."""
        return None if self._hll is None else round(1.04 / math.sqrt(1 << HLL_P), 5)

    def count(self) -> int:
        if self._hll is not None:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return round(self._hll.count())
        if not self._hashes:
            return 0
        self._compact()
        return self._stored


class MinorCounter:
    """Distinct holders of valid resident IDs under 14 and under 18 on ``as_of``."""

    def __init__(self, as_of: dt.date, exact_limit: int) -> None:
        self.as_of = as_of
        self.under_14 = DistinctCounter(exact_limit)
        self.under_18 = DistinctCounter(exact_limit)
        self.valid = DistinctCounter(exact_limit)

    def add(self, values: pa.Array) -> None:
        born = birth_dates_vec(values)
        ok = ~np.isnat(born)
        self.valid.add(values, ok)
        self.under_14.add(values, ok & (born > _years_before(self.as_of, 14)))
        self.under_18.add(values, ok & (born > _years_before(self.as_of, 18)))


def latest_birth_date(day: dt.date, years: int) -> dt.date:
    """The latest birth date of someone who is ``years`` old (or more) on ``day``.

    Someone turns N on the same month and day N years later; a 29 February birthday falls on
    28 February in a common year (as ``years`` periods end in docs/calendar.md), so on 28 February
    of a common year people born on 29 February of a leap year N years before are N too.
    """
    try:
        latest = day.replace(year=day.year - years)
    except ValueError:  # ``day`` is 29 February, N years before is a common year
        return day.replace(year=day.year - years, day=28)
    leap_birthday_today = not calendar.isleap(day.year) and calendar.isleap(latest.year)
    if (day.month, day.day) == (2, 28) and leap_birthday_today:
        return latest.replace(day=29)
    return latest


def _years_before(day: dt.date, years: int) -> np.datetime64:
    return np.datetime64(latest_birth_date(day, years), "D")
