"""The table abstraction every source yields: column names, a row count, sampled or full columns."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hegui.scanners.tabular.limits import Limits


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

    Binary cells that are valid UTF-8 text are decoded (Parquet byte arrays without a string
    annotation, SQLite text stored as BLOB); nested values (structs, lists, maps) become JSON
    text, like nested JSON Lines values.

    Returns the table and the number of cells that were cut.
    """
    arrays = {}
    cut = 0
    for name, values in columns.items():
        arr = (
            _as_text(values)
            if isinstance(values, pa.Array)
            else pa.array([_to_str(v) for v in values], type=pa.string())
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


def _as_text(arr: pa.Array) -> pa.Array:
    t = arr.type
    if t == pa.string():
        return arr
    if pa.types.is_dictionary(t):
        return _as_text(arr.dictionary_decode())
    if pa.types.is_nested(t):
        return pa.array([_to_str(v) for v in arr.to_pylist()], type=pa.string())
    if _is_binary(t):
        return _binary(arr)
    try:
        return pc.cast(arr, pa.string(), safe=False)
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):  # durations, extension types ...
        return pa.array([_to_str(v) for v in arr.to_pylist()], type=pa.string())


def _is_binary(t: pa.DataType) -> bool:
    return bool(
        pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t)
    )


def _binary(arr: pa.Array) -> pa.Array:
    # Blobs (photos, templates) are not text: they become a marker, so header-only detectors
    # (biometrics) still see a non-empty column. Valid UTF-8 without control characters is text.
    try:
        text = pc.cast(arr, pa.string())  # validates UTF-8 for the whole array at once
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        return pa.array([_to_str(v) for v in arr.to_pylist()], type=pa.string())
    blob = pc.fill_null(pc.match_substring_regex(text, _CONTROL.pattern), False)
    return pc.if_else(blob, pa.scalar("<binary>", pa.string()), text)


def _bytes_text(b: bytes) -> str:
    try:
        text = b.decode("utf-8")
    except UnicodeDecodeError:
        return "<binary>"
    return "<binary>" if _CONTROL.search(text) else text


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _to_str(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v != v:  # NaN
        return None
    if isinstance(v, bytes | bytearray | memoryview):
        return _bytes_text(bytes(v))
    if isinstance(v, dict | list | tuple):
        return json.dumps(v, ensure_ascii=False, default=_json_default)
    if type(v).__name__ in ("NAType", "NaTType"):  # pandas missing values
        return None
    return str(v)


def _json_default(v: object) -> object:
    if isinstance(v, bytes | bytearray | memoryview):
        return _bytes_text(bytes(v))
    return str(v)


def unique_names(names: Sequence[object]) -> list[str]:
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


def renamed_note(raw: Sequence[object], names: Sequence[str]) -> list[str]:
    """A note on the columns whose blank or repeated names were replaced (positions only)."""
    changed = [
        i + 1
        for i, (r, n) in enumerate(zip(raw, names, strict=True))
        if (str(r).strip() if r is not None else "") != n
    ]
    if not changed:
        return []
    where = ", ".join(map(str, changed[:20])) + (" ..." if len(changed) > 20 else "")
    return [f"{len(changed)} blank or repeated column names renamed (columns {where})"]


def cut_note(cut: int, limits: Limits) -> list[str]:
    """A note on the cells cut to ``max_cell_chars``, if any."""
    if not cut:
        return []
    return [f"{cut} cells longer than {limits.max_cell_chars} characters were cut"]


def from_arrow(source: pa.Table, name: str, limits: Limits) -> ArrowTable:
    """An in-memory Arrow table as text columns (by position: names may repeat)."""
    raw: list[object] = list(source.column_names)
    names = unique_names(raw)
    cols = {n: source.column(i).combine_chunks() for i, n in enumerate(names)}
    data, cut = strings_table(cols, limits.max_cell_chars)  # type: ignore[arg-type]
    return ArrowTable(name, data, renamed_note(raw, names) + cut_note(cut, limits))


def from_dataframe(frame: Any, name: str, limits: Limits) -> ArrowTable:
    """A pandas DataFrame as text columns (by position: labels may repeat or differ in type)."""
    raw: list[object] = list(frame.columns)
    names = unique_names(raw)
    cols = {n: frame.iloc[:, i].tolist() for i, n in enumerate(names)}
    data, cut = strings_table(cols, limits.max_cell_chars)
    notes = renamed_note([str(r) for r in raw], names)
    return ArrowTable(name, data, notes + cut_note(cut, limits))
