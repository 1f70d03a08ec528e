"""Bounds on untrusted tabular input: size, rows, columns, cell length and time."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from hegui.errors import InputTooLargeError


@dataclass(frozen=True)
class Limits:
    """Hard limits; exceeding one ends in :class:`InputTooLargeError` or a reported truncation."""

    max_bytes: int = 2 << 30
    max_rows: int = 20_000_000
    max_columns: int = 2_000
    max_cell_chars: int = 10_000
    #: Longest line of a text file (CSV/TSV/JSON Lines) and longest CSV field, in bytes and
    #: characters: parsing holds a line or field in memory at up to 4 bytes per character, so a
    #: one-line file of a gigabyte must be refused before it is parsed, not cut afterwards.
    max_line_bytes: int = 16 << 20
    timeout_s: float = 3_600.0
    #: Cells a ``--full`` scan of a database table classifies at most (rows x columns): a
    #: database hands rows over as Python objects, tens of bytes a cell, so a whole large table
    #: in memory would exhaust it. Above it the columns are classified on a drawn sample of
    #: that many cells, said in the report; individuals and minors are counted on every row.
    max_full_cells: int = 10_000_000
    #: Above this many key values, distinct counts switch from exact to HyperLogLog.
    exact_distinct_limit: int = 20_000_000


@dataclass
class Clock:
    """A deadline shared by one scan."""

    limits: Limits
    started: float = field(default_factory=time.monotonic)

    def check(self, where: str) -> None:
        if time.monotonic() - self.started > self.limits.timeout_s:
            raise InputTooLargeError(
                f"scan exceeded timeout_s={self.limits.timeout_s:g}", path=where
            )
