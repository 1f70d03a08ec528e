"""File readers: CSV/TSV (UTF-8, UTF-8 with BOM, GBK/GB18030), JSON Lines, Parquet, Excel.

Everything is bounded: only regular files are opened (a FIFO would block, a device never ends),
the read itself stops at ``max_bytes``, rows and columns are capped, long cells are cut, and a
file that is binary, undecodable or malformed ends in a :class:`ScanError` that names the file and
line (never a cell value).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

import numpy as np

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.tabular.limits import Limits
from hegui.scanners.tabular.tables import (
    ArrowTable,
    cut_note,
    renamed_note,
    strings_table,
    unique_names,
)

if TYPE_CHECKING:
    import pyarrow as pa

TEXT_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".txt": None}
SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _open_regular(path: Path, limits: Limits | None) -> int:
    """A read-only descriptor of a regular file no larger than ``max_bytes`` (if ``limits``).

    O_NONBLOCK keeps the open of a FIFO from waiting for a writer; the type is checked on the
    open descriptor (fstat), so a path swapped after a check cannot slip a device through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ScanError(
            f"cannot read file: {exc.strerror or type(exc).__name__}", path=path
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "a special file")
            raise ScanError(f"not a regular file ({kind})", path=path)
        if limits is not None and st.st_size > limits.max_bytes:
            raise InputTooLargeError(
                f"file is {st.st_size} bytes, above max_bytes={limits.max_bytes}", path=path
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bounded(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file, refusing more than ``max_bytes`` however the file grows."""
    fd = _open_regular(path, limits)
    parts: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = os.read(fd, min(_CHUNK, limits.max_bytes + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if total > limits.max_bytes:
                raise InputTooLargeError(
                    f"file is more than max_bytes={limits.max_bytes} bytes", path=path
                )
    except OSError as exc:
        raise ScanError(
            f"cannot read file: {exc.strerror or type(exc).__name__}", path=path
        ) from None
    finally:
        os.close(fd)
    return b"".join(parts)


def open_bounded(path: Path, limits: Limits) -> BinaryIO:
    """A binary file object of a regular file within ``max_bytes`` (for Parquet and Excel)."""
    return os.fdopen(_open_regular(path, limits), "rb")


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
        except UnicodeDecodeError as gb_err:
            # Where each decoding fails, by line: a file written by two programs switches there.
            line, gb_line = (data.count(b"\n", 0, e.start) + 1 for e in (utf8_err, gb_err))
            raise ScanError(
                f"cannot decode as UTF-8 (line {line}, byte {utf8_err.start}) or GB18030/GBK "
                f"(line {gb_line}, byte {gb_err.start}): mixed encodings?",
                path=path,
                line=line,
            ) from None


def read_delimited(path: Path, limits: Limits, delimiter: str | None = None) -> ArrowTable:
    """CSV or TSV; the delimiter is sniffed when not given by the suffix.

    Parsing is strict: a quoted field that never closes (a stray ``"``) would otherwise swallow
    the rest of the file into one cell, so it is an error naming the line where the field starts.
    """
    text, encoding = decode_text(_read_lines_bounded(path, limits), path)
    if delimiter is None:
        delimiter = _sniff(text[:8192])
    # A quoted field can span many short lines: its buffer (4 bytes a character) is bounded too.
    csv.field_size_limit(limits.max_line_bytes)
    reader = csv.reader(_line_blocks(text), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ScanError(_csv_message(exc), path=path, line=1) from None
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
    start = reader.line_num + 1  # the line the next record starts on
    try:
        for row in reader:
            if row:
                if rows >= limits.max_rows:
                    raise InputTooLargeError(
                        f"more than max_rows={limits.max_rows} rows", path=path, line=start
                    )
                if len(row) != len(names):
                    ragged += 1
                    row = (row + [""] * len(names))[: len(names)]
                for i, v in enumerate(row):
                    cols[i].append(v)
                rows += 1
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ScanError(_csv_message(exc), path=path, line=start) from None
    data, cut = strings_table(dict(zip(names, cols, strict=True)), limits.max_cell_chars)
    notes = [f"encoding {encoding}", f"delimiter {delimiter!r}"]
    if ragged:
        notes.append(f"{ragged} ragged rows padded or truncated to {len(names)} columns")
    notes += renamed_note(header, names) + cut_note(cut, limits)
    return ArrowTable(path.name, data, notes)


def _csv_message(exc: csv.Error) -> str:
    # The csv module's messages hold no cell values; "unexpected end of data" means a quoted
    # field was still open at the end of the file.
    msg = str(exc)
    if "unexpected end of data" in msg:
        return "unterminated quoted field (a stray '\"'?) runs to the end of the file"
    if "field larger than field limit" in msg:
        return f"{msg} characters (max_line_bytes): a quoted field that never closes?"
    return f"malformed CSV: {msg}"


#: Characters of text handed to one ``io.StringIO`` while parsing CSV (see :func:`_line_blocks`).
_BLOCK_CHARS = 1 << 20


def _line_blocks(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``io.StringIO(text, newline="")`` yields them, block by block.

    A StringIO holds its text at 4 bytes a character: over a whole file of up to ``max_bytes``
    that was four times the file again. Blocks of about ``_BLOCK_CHARS`` end after a ``\\n``
    (never between the two characters of ``\\r\\n``), so the lines are the same.
    """
    n, pos = len(text), 0
    while pos < n:
        end = text.find("\n", pos + _BLOCK_CHARS)
        if end < 0:  # no \n after the block: up to a lone \r (old Mac lines), or the rest
            end = text.find("\r", pos + _BLOCK_CHARS)
            end = n - 1 if end < 0 else end
        yield from io.StringIO(text[pos : end + 1], newline="")
        pos = end + 1


def _read_lines_bounded(path: Path, limits: Limits) -> bytes:
    """The bytes of a line-based text file whose lines are all within ``max_line_bytes``.

    Checked before decoding, on the code units: bytes for UTF-8 and GB18030 (a ``\\n`` or
    ``\\r`` byte never occurs inside a multi-byte character there), 16-bit units for UTF-16.
    """
    data = read_bounded(path, limits)
    if len(data) <= limits.max_line_bytes:
        return data
    units = _code_units(data)
    limit = limits.max_line_bytes // units.itemsize
    last = -1  # index of the last line break seen
    for at in range(0, len(units), _SCAN_UNITS):
        part = units[at : at + _SCAN_UNITS]
        breaks = np.flatnonzero((part == 10) | (part == 13)) + at
        gaps = np.diff(breaks, prepend=last)  # a line's length + 1
        long = np.flatnonzero(gaps > limit + 1)
        if len(long):
            _long_line(units, int(breaks[long[0]] - gaps[long[0]] + 1), path, limits)
        if len(breaks):
            last = int(breaks[-1])
    if len(units) - 1 - last > limit:
        _long_line(units, last + 1, path, limits)
    return data


#: Code units looked at per step of the line-length check (bounds its temporary arrays).
_SCAN_UNITS = 1 << 24


def _code_units(data: bytes) -> np.ndarray:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = "<" if data.startswith(b"\xff\xfe") else ">"
        return np.frombuffer(data, dtype=f"{order}u2", count=len(data) // 2)
    return np.frombuffer(data, dtype=np.uint8)


def _long_line(units: np.ndarray, start: int, path: Path, limits: Limits) -> NoReturn:
    # Line ends are \n or \r\n; a file of lone \r line ends is counted by its \r.
    lf = cr = 0
    for at in range(0, start, _SCAN_UNITS):
        part = units[at : min(start, at + _SCAN_UNITS)]
        lf += int(np.count_nonzero(part == 10))
        cr += int(np.count_nonzero(part == 13))
    raise InputTooLargeError(
        f"a line longer than max_line_bytes={limits.max_line_bytes} bytes: not a table of lines",
        path=path,
        line=(lf or cr) + 1,
    )


def _sniff(head: str) -> str:
    try:
        return csv.Sniffer().sniff(head, delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def read_jsonl(path: Path, limits: Limits) -> ArrowTable:
    """JSON Lines: one object per line; nested values are kept as their JSON text.

    Lines are split on ``\\n`` only: U+2028, U+0085 and the like are valid inside JSON strings
    (``str.splitlines`` would cut records there and misnumber the lines after them).
    """
    text, encoding = decode_text(_read_lines_bounded(path, limits), path)
    records: list[dict[str, object]] = []
    bad = 0
    first_bad: int | None = None
    for lineno, line in enumerate(_split_lf(text), start=1):
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
    raw = list(keys)
    names = unique_names(list(raw))
    cols = {n: [_jsonish(r.get(k)) for r in records] for k, n in zip(raw, names, strict=True)}
    data, cut = strings_table(cols, limits.max_cell_chars)
    notes = [f"encoding {encoding}"]
    if bad:
        notes.append(f"{bad} lines skipped (not a JSON object), first at line {first_bad}")
    notes += renamed_note(raw, names) + cut_note(cut, limits)
    return ArrowTable(path.name, data, notes)


def _split_lf(text: str) -> Iterator[str]:
    # text.split("\n") one line at a time: a list of every line would copy the whole file.
    pos = 0
    while (end := text.find("\n", pos)) >= 0:
        yield text[pos:end]
        pos = end + 1
    yield text[pos:]


def _jsonish(v: object) -> object:
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return v


def read_parquet(path: Path, limits: Limits) -> ArrowTable:
    """Parquet via pyarrow; every column becomes text (nested values as JSON text)."""
    import pyarrow.parquet as pq

    with open_bounded(path, limits) as fh:
        try:
            pf = pq.ParquetFile(fh)
            if pf.metadata.num_rows > limits.max_rows:
                raise InputTooLargeError(
                    f"{pf.metadata.num_rows} rows, above max_rows={limits.max_rows}", path=path
                )
            if pf.metadata.num_columns > limits.max_columns:
                raise InputTooLargeError(
                    f"{pf.metadata.num_columns} columns, above max_columns={limits.max_columns}",
                    path=path,
                )
            table = _read_bounded_parquet(pf, path, limits)
            raw = list(table.column_names)
            names = unique_names(list(raw))
            cols = {n: table.column(i).combine_chunks() for i, n in enumerate(names)}
            data, cut = strings_table(cols, limits.max_cell_chars)  # type: ignore[arg-type]
        except ScanError:
            raise
        except Exception as exc:  # pyarrow raises several types for corrupt files
            raise ScanError(f"cannot read Parquet: {type(exc).__name__}", path=path) from None
    return ArrowTable(path.name, data, renamed_note(raw, names) + cut_note(cut, limits))


def _read_bounded_parquet(pf: Any, path: Path, limits: Limits) -> pa.Table:
    # Batch by batch, so a small file of compressed or dictionary-encoded pages (a few kilobytes
    # that decode to gigabytes) stops at max_bytes of decoded data instead of exhausting memory.
    import pyarrow as pa

    batches = []
    size = 0
    for batch in pf.iter_batches(batch_size=65_536):
        size += batch.nbytes
        if size > limits.max_bytes:
            raise InputTooLargeError(
                f"data decodes to more than max_bytes={limits.max_bytes} bytes", path=path
            )
        batches.append(batch)
    return pa.Table.from_batches(batches, schema=pf.schema_arrow)


def read_excel(path: Path, limits: Limits) -> list[ArrowTable]:
    """Each worksheet is a table; the first row is the header.

    Workbooks are parsed lazily (read-only mode), so a damaged sheet can fail while its rows are
    read: every parser error, at open or in a sheet, becomes a :class:`ScanError`.
    """
    from openpyxl import load_workbook

    with open_bounded(path, limits) as fh:
        try:
            _check_unpacked(fh, path, limits)
            wb = load_workbook(fh, read_only=True, data_only=True)
        except ScanError:
            raise
        except Exception as exc:  # zipfile, XML parsers (stdlib and lxml), openpyxl's own
            raise ScanError(
                f"cannot read Excel workbook: {type(exc).__name__}", path=path
            ) from None
        try:
            return [t for ws in wb.worksheets if (t := _sheet(ws, path, limits)) is not None]
        except ScanError:
            raise
        except Exception as exc:
            raise ScanError(
                f"cannot read Excel workbook: {type(exc).__name__}", path=path
            ) from None
        finally:
            wb.close()


def _check_unpacked(fh: BinaryIO, path: Path, limits: Limits) -> None:
    # A workbook is a zip: a small file can unpack to gigabytes of XML. zipfile stops each member
    # at its declared size (a lie fails the CRC), so the declared total bounds what is parsed.
    import zipfile

    with zipfile.ZipFile(fh) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    if unpacked > limits.max_bytes:
        raise InputTooLargeError(
            f"workbook unpacks to {unpacked} bytes, above max_bytes={limits.max_bytes}", path=path
        )
    fh.seek(0)


def _sheet(ws: Any, path: Path, limits: Limits) -> ArrowTable | None:
    where = f"{path}:{ws.title}"
    # Read-only mode trusts the sheet's <dimension> tag, which may lie: A1:B2 over six columns
    # hid every cell beyond it, A1:XFD1048576 padded each row to 16,384 cells. Read what is there.
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return None
    width = _width(len(header), where, limits)
    cols: list[list[object]] = [[] for _ in range(width)]
    for n, row in enumerate(rows):
        if n >= limits.max_rows:
            raise InputTooLargeError(f"more than max_rows={limits.max_rows}", path=where)
        if len(row) > width:  # cells beyond the header: columns of their own (col_N)
            cols += [[None] * n for _ in range(_width(len(row), where, limits) - width)]
            width = len(row)
        for i in range(width):
            cols[i].append(row[i] if i < len(row) else None)
    raw = [*header, *[None] * (width - len(header))]
    names = unique_names(raw)
    data, cut = strings_table(dict(zip(names, cols, strict=True)), limits.max_cell_chars)
    notes = renamed_note(raw, names) + cut_note(cut, limits)
    return ArrowTable(f"{path.name}:{ws.title}", data, notes)


def _width(n: int, where: str, limits: Limits) -> int:
    if n > limits.max_columns:
        raise InputTooLargeError(f"sheet has {n} columns", path=where)
    return n


def is_sqlite(path: Path) -> bool:
    """Whether a regular file starts with SQLite's magic bytes.

    Any size: a database is read through SQL, by samples and streamed key columns, not loaded.

    Raises:
        ScanError: the path is not a readable regular file (a FIFO, a device, a directory).
    """
    fd = _open_regular(path, None)
    try:
        return os.read(fd, 16) == SQLITE_MAGIC
    except OSError as exc:
        raise ScanError(
            f"cannot read file: {exc.strerror or type(exc).__name__}", path=path
        ) from None
    finally:
        os.close(fd)
