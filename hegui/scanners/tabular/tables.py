"""The table abstraction every source yields: column names, a row count, sampled or full columns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


class Table(Protocol):
    """A table-like source; values come back as Arrow string arrays (nulls for empty cells)."""

    name: str
    notes: list[str]

    @property
    def columns(self) -> list[str]: ...

    @property
    def rows(self) -> int: ...

    def sample(self, n: int | None, seed: int = 0) -> dict[str, pa.Array]:
        """Up to ``n`` rows of every column (all rows if ``n`` is None), same rows per column."""
        ...

    def column_chunks(
        self, columns: list[str], chunk_rows: int = 200_000
    ) -> Iterator[dict[str, pa.Array]]:
        """All rows of the given columns, in chunks."""
        ...


@dataclass
class ArrowTable:
    """A table held in memory as Arrow string columns (files, DataFrames)."""

    name: str
    data: pa.Table
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return list(self.data.column_names)

    @property
    def rows(self) -> int:
        return self.data.num_rows

    def sample(self, n: int | None, seed: int = 0) -> dict[str, pa.Array]:
        data = self.data
        if n is not None and n < data.num_rows:
            rng = np.random.default_rng(seed)
            idx = np.sort(rng.choice(data.num_rows, size=n, replace=False))
            data = data.take(pa.array(idx))
        return {c: data.column(c).combine_chunks() for c in data.column_names}

    def column_chunks(
        self, columns: list[str], chunk_rows: int = 200_000
    ) -> Iterator[dict[str, pa.Array]]:
        for start in range(0, max(self.data.num_rows, 1), chunk_rows):
            part = self.data.slice(start, chunk_rows)
            if part.num_rows == 0:
                return
            yield {c: part.column(c).combine_chunks() for c in columns}


def strings_table(
    columns: dict[str, list[object] | pa.Array], max_cell_chars: int
) -> tuple[pa.Table, int]:
    """Arrow table of strings; empty strings become null; long cells are cut to ``max_cell_chars``.

    Returns the table and the number of cells that were cut.
    """
    arrays = {}
    cut = 0
    for name, values in columns.items():
        arr = (
            values
            if isinstance(values, pa.Array)
            else pa.array([_to_str(v) for v in values], type=pa.string())
        )
        if arr.type != pa.string():
            arr = (
                pc.cast(arr, pa.string(), safe=False)
                if not pa.types.is_binary(arr.type)
                else _binary(arr)
            )
        lengths = pc.fill_null(pc.utf8_length(arr), 0)
        long = pc.greater(lengths, max_cell_chars)
        n_long = pc.sum(long).as_py() or 0
        if n_long:
            cut += n_long
            arr = pc.utf8_slice_codeunits(arr, 0, max_cell_chars)
        arr = pc.if_else(
            pc.equal(pc.utf8_trim_whitespace(arr), ""), pa.scalar(None, pa.string()), arr
        )
        arrays[name] = arr
    return pa.table(arrays) if arrays else pa.table({}), cut


def _binary(arr: pa.Array) -> pa.Array:
    # Binary cells (blobs: photos, templates) are not text: keep only a marker so header-only
    # detectors (biometrics) still see a non-empty column.
    return pc.if_else(
        pc.is_null(arr), pa.scalar(None, pa.string()), pa.scalar("<binary>", pa.string())
    )


def _to_str(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v != v:  # NaN
        return None
    if isinstance(v, bytes | bytearray | memoryview):
        return "<binary>"
    return str(v)


def unique_names(names: list[object]) -> list[str]:
    """Header names as unique, non-empty strings (``col_3`` for blanks, ``x_2`` for repeats)."""
    out: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(names):
        base = str(raw).strip() if raw is not None and str(raw).strip() else f"col_{i + 1}"
        name, k = base, 2
        while name in seen:
            name, k = f"{base}_{k}", k + 1
        seen.add(name)
        out.append(name)
    return out
