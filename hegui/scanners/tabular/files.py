"""File readers: CSV/TSV (UTF-8, UTF-8 with BOM, GBK/GB18030), JSON Lines, Parquet, Excel.

Everything is bounded: the file size is checked before reading, rows and columns are capped, long
cells are cut, and a file that is binary, undecodable or malformed ends in a :class:`ScanError`
that names the file and line (never a cell value).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.tabular.limits import Limits
from hegui.scanners.tabular.tables import ArrowTable, strings_table, unique_names

TEXT_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".txt": None}
SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_size(path: Path, limits: Limits) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScanError(f"cannot read file: {exc.strerror}", path=path) from None
    if size > limits.max_bytes:
        raise InputTooLargeError(
            f"file is {size} bytes, above max_bytes={limits.max_bytes}", path=path
        )
    return size


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (with or without BOM), UTF-16 (BOM) and GB18030/GBK."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScanError("binary file (NUL bytes): not a text table", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ScanError(f"invalid UTF-16 at byte {exc.start}", path=path) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise ScanError(
                f"cannot decode as UTF-8 (bad byte at {utf8_err.start}) or GB18030/GBK", path=path
            ) from None


def read_delimited(path: Path, limits: Limits, delimiter: str | None = None) -> ArrowTable:
    """CSV or TSV; the delimiter is sniffed when not given by the suffix."""
    _check_size(path, limits)
    text, encoding = decode_text(path.read_bytes(), path)
    if delimiter is None:
        delimiter = _sniff(text[:8192])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    csv.field_size_limit(max(limits.max_bytes, 1 << 20))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ScanError(f"malformed header: {exc}", path=path, line=1) from None
    if header is None:
        raise ScanError("empty file", path=path)
    names = unique_names(list(header))
    if len(names) > limits.max_columns:
        raise InputTooLargeError(
            f"{len(names)} columns, above max_columns={limits.max_columns}", path=path, line=1
        )
    cols: list[list[object]] = [[] for _ in names]
    ragged = 0
    rows = 0
    try:
        for row in reader:
            if not row:
                continue
            if rows >= limits.max_rows:
                raise InputTooLargeError(
                    f"more than max_rows={limits.max_rows} rows", path=path, line=reader.line_num
                )
            if len(row) != len(names):
                ragged += 1
                row = (row + [""] * len(names))[: len(names)]
            for i, v in enumerate(row):
                cols[i].append(v)
            rows += 1
    except csv.Error as exc:
        raise ScanError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from None
    data, cut = strings_table(dict(zip(names, cols, strict=True)), limits.max_cell_chars)
    notes = [f"encoding {encoding}", f"delimiter {delimiter!r}"]
    if ragged:
        notes.append(f"{ragged} ragged rows padded or truncated to {len(names)} columns")
    if cut:
        notes.append(f"{cut} cells longer than {limits.max_cell_chars} characters were cut")
    return ArrowTable(path.name, data, notes)


def _sniff(head: str) -> str:
    try:
        return csv.Sniffer().sniff(head, delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def read_jsonl(path: Path, limits: Limits) -> ArrowTable:
    """JSON Lines: one object per line; nested values are kept as their JSON text."""
    _check_size(path, limits)
    text, encoding = decode_text(path.read_bytes(), path)
    records: list[dict[str, object]] = []
    bad = 0
    first_bad: int | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(records) >= limits.max_rows:
            raise InputTooLargeError(
                f"more than max_rows={limits.max_rows} rows", path=path, line=lineno
            )
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            obj = None
        if not isinstance(obj, dict):
            bad += 1
            first_bad = first_bad or lineno
            continue
        records.append(obj)
    if not records:
        raise ScanError("no JSON object lines", path=path, line=first_bad)
    keys: dict[str, None] = {}
    for r in records:
        for k in r:
            keys.setdefault(str(k), None)
            if len(keys) > limits.max_columns:
                raise InputTooLargeError(
                    f"more than max_columns={limits.max_columns} keys", path=path
                )
    names = list(keys)
    cols = {k: [_jsonish(r.get(k)) for r in records] for k in names}
    data, cut = strings_table(cols, limits.max_cell_chars)
    notes = [f"encoding {encoding}"]
    if bad:
        notes.append(f"{bad} lines skipped (not a JSON object), first at line {first_bad}")
    if cut:
        notes.append(f"{cut} cells longer than {limits.max_cell_chars} characters were cut")
    return ArrowTable(path.name, data, notes)


def _jsonish(v: object) -> object:
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return v


def read_parquet(path: Path, limits: Limits) -> ArrowTable:
    """Parquet via pyarrow; every column is cast to string."""
    import pyarrow.parquet as pq

    _check_size(path, limits)
    try:
        pf = pq.ParquetFile(path)
        if pf.metadata.num_rows > limits.max_rows:
            raise InputTooLargeError(
                f"{pf.metadata.num_rows} rows, above max_rows={limits.max_rows}", path=path
            )
        table = pf.read()
    except InputTooLargeError:
        raise
    except Exception as exc:  # pyarrow raises several types for corrupt files
        raise ScanError(f"cannot read Parquet: {type(exc).__name__}", path=path) from None
    if table.num_columns > limits.max_columns:
        raise InputTooLargeError(
            f"{table.num_columns} columns, above max_columns={limits.max_columns}", path=path
        )
    names = unique_names(list(table.column_names))
    cols = {n: table.column(i).combine_chunks() for i, n in enumerate(names)}
    data, cut = strings_table(cols, limits.max_cell_chars)  # type: ignore[arg-type]
    notes = [f"{cut} cells were cut"] if cut else []
    return ArrowTable(path.name, data, notes)


def read_excel(path: Path, limits: Limits) -> list[ArrowTable]:
    """Each worksheet is a table; the first non-empty row is the header."""
    import zipfile

    from openpyxl import load_workbook

    _check_size(path, limits)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ScanError(f"cannot read Excel workbook: {type(exc).__name__}", path=path) from None
    out = []
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            names = unique_names(list(header))
            if len(names) > limits.max_columns:
                raise InputTooLargeError(
                    f"sheet has {len(names)} columns", path=f"{path}:{ws.title}"
                )
            cols: list[list[object]] = [[] for _ in names]
            for n, row in enumerate(rows):
                if n >= limits.max_rows:
                    raise InputTooLargeError(
                        f"more than max_rows={limits.max_rows}", path=f"{path}:{ws.title}"
                    )
                for i in range(len(names)):
                    cols[i].append(row[i] if i < len(row) else None)
            data, _ = strings_table(dict(zip(names, cols, strict=True)), limits.max_cell_chars)
            out.append(ArrowTable(f"{path.name}:{ws.title}", data, []))
    finally:
        wb.close()
    return out


def is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False
