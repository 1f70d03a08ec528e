"""Huge lines in text tables: refused before parsing, in bounded memory, naming the line.

Parsing a CSV line held it (and the field being built) at 4 bytes a character, on top of a
StringIO copy of the whole file at 4 bytes a character: a 256 MiB one-line file took 3 GB,
so a 1 GB line (well under max_bytes) ended the process. A line above ``max_line_bytes`` is now
an error naming its line, found on the bytes before anything is decoded or parsed.
"""

from __future__ import annotations

import contextlib
import io
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular import files as files_mod
from hegui.scanners.tabular.files import read_delimited, read_jsonl

from .conftest import AS_OF

_ID = "110101198001011005"  # synthetic
_MIB = 1 << 20


def _write_long_line(path: Path, head: bytes, fill: bytes, size: int, tail: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(head)
        for _ in range(size // len(fill)):
            fh.write(fill)
        fh.write(tail)


def _peak(fn) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    with contextlib.suppress(ScanError):
        fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_a_huge_csv_line_is_refused_naming_it_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    size = 24 * _MIB
    _write_long_line(path, f"身份证号,备注\n{_ID},ok\n{_ID},".encode(), b"x" * _MIB, size, b"\n")
    limits = Limits(max_line_bytes=_MIB)
    with pytest.raises(InputTooLargeError, match="longer than max_line_bytes") as exc:
        read_delimited(path, limits)
    assert exc.value.line == 3 and str(exc.value).startswith(f"{path}:3:")
    # The read (its chunks joined) and the check, no decoded copy, no parse: about 2.4x the
    # file here; before, the parse took about 12x the file.
    assert _peak(lambda: read_delimited(path, limits)) < 3 * size


def test_the_default_limit_refuses_a_line_of_many_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "one_line.csv"
    _write_long_line(path, b"a,b\n", b"y" * _MIB, 20 * _MIB, b",1\n")
    with pytest.raises(InputTooLargeError) as exc:
        scan(path, as_of=AS_OF)
    assert exc.value.line == 2


def test_a_huge_jsonl_line_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    head = f'{{"身份证号": "{_ID}"}}\n{{"note": "'.encode()
    _write_long_line(path, head, b"z" * _MIB, 8 * _MIB, b'"}\n')
    with pytest.raises(InputTooLargeError) as exc:
        read_jsonl(path, Limits(max_line_bytes=_MIB))
    assert exc.value.line == 2


def test_utf16_lines_are_measured_in_code_units(tmp_path: Path) -> None:
    # U+010A has a 0x0A byte: counted on bytes it would look like many short lines.
    path = tmp_path / "wide.csv"
    text = "a,b\n1," + "\u010a" * (2 * _MIB) + "\n"
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(InputTooLargeError) as exc:
        read_delimited(path, Limits(max_line_bytes=_MIB))
    assert exc.value.line == 2


def test_lone_carriage_returns_are_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    _write_long_line(path, b"a,b\r1,2\r3,", b"q" * _MIB, 3 * _MIB, b"\r")
    with pytest.raises(InputTooLargeError) as exc:
        read_delimited(path, Limits(max_line_bytes=_MIB))
    assert exc.value.line == 3
    ok = tmp_path / "mac_ok.csv"
    ok.write_bytes(b"a,b\r" + f"{_ID},2\r".encode() * 70_000)
    table = read_delimited(ok, Limits(max_line_bytes=_MIB))
    assert table.rows == 70_000


def test_a_quoted_field_over_many_short_lines_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "open_quote.csv"
    path.write_text('a,b\n1,2\n3,"' + "short line\n" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(ScanError, match="field limit") as exc:
        read_delimited(path, Limits(max_line_bytes=_MIB))
    assert exc.value.line == 3


def test_a_directory_scan_skips_the_long_file_and_reads_the_rest(tmp_path: Path) -> None:
    _write_long_line(tmp_path / "a_long.csv", b"a\n", b"w" * _MIB, 2 * _MIB, b"\n")
    (tmp_path / "b.csv").write_text(f"身份证号\n{_ID}\n", encoding="utf-8")
    report = scan(tmp_path, as_of=AS_OF, limits=Limits(max_line_bytes=_MIB))
    skipped, read = report.tables
    assert skipped.skipped and "line 2" in skipped.skipped and "max_line_bytes" in skipped.skipped
    assert read.individuals and read.individuals.value == 1


def test_large_files_of_short_lines_parse_in_blocks(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = 150_000  # about 3.5 MB: several parse blocks
    path.write_text("身份证号,备注\n" + f'{_ID},"a\nb"\r\n' * rows, encoding="utf-8")
    table = read_delimited(path, Limits())
    assert table.rows == rows
    assert table.data.column(1).to_pylist()[-1] == "a\nb"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", ",", '"', "\r", "\n", "\r\n", "x"]), max_size=40).map("".join)
)
def test_blocks_yield_the_lines_of_one_stringio(text: str) -> None:
    original = files_mod._BLOCK_CHARS
    files_mod._BLOCK_CHARS = 3  # tiny blocks: every boundary case within 60 characters
    try:
        assert list(files_mod._line_blocks(text)) == list(io.StringIO(text, newline=""))
    finally:
        files_mod._BLOCK_CHARS = original
