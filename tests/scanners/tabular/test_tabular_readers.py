"""Readers: encodings, delimiters, ragged rows, JSON Lines, Parquet, Excel, hostile input."""

from __future__ import annotations

import contextlib
import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.files import read_delimited, read_jsonl

from .conftest import AS_OF


def _write_csv(path: Path, cols: dict[str, list[str]], encoding: str, delimiter: str = ",") -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(cols)
        for row in zip(*cols.values(), strict=True):
            w.writerow(row)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(
    tmp_path: Path, planted: dict[str, list[str]], encoding: str
) -> None:
    path = tmp_path / "t.csv"
    _write_csv(path, planted, encoding)
    table = read_delimited(path, Limits(), ",")
    assert table.columns == list(planted)
    report = scan(path, as_of=AS_OF)
    cols = {c.name: c.entity for c in report.tables[0].columns}
    assert cols["身份证号"] == "CN_RESIDENT_ID" and cols["手机号码"] == "CN_MOBILE"


def test_tsv_and_sniffed_delimiter(tmp_path: Path, planted: dict[str, list[str]]) -> None:
    _write_csv(tmp_path / "t.tsv", planted, "utf-8", "\t")
    _write_csv(tmp_path / "t.txt", planted, "utf-8", ";")
    for name in ("t.tsv", "t.txt"):
        report = scan(tmp_path / name, as_of=AS_OF)
        assert "identity_document" in report.pi_categories


def test_ragged_rows_are_padded_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b,c\n1,2\n1,2,3,4\n1,2,3\n", encoding="utf-8")
    table = read_delimited(path, Limits(), ",")
    assert table.rows == 3
    assert any("2 ragged rows" in n for n in table.notes)


def test_binary_and_undecodable_files_fail_clearly(tmp_path: Path) -> None:
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    with pytest.raises(ScanError, match="binary"):
        scan(binary)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,b\n\xff\xfe\xfa\xfb,\x81\n")
    with pytest.raises(ScanError, match="decode") as exc:
        scan(bad)
    assert str(bad) in str(exc.value)


def test_limits_bound_size_rows_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("x\n" + "1\n" * 50 + "y" * 500 + "\n", encoding="utf-8")
    with pytest.raises(InputTooLargeError, match="max_bytes"):
        scan(path, limits=Limits(max_bytes=10))
    with pytest.raises(InputTooLargeError, match="max_rows"):
        scan(path, limits=Limits(max_rows=10))
    table = read_delimited(path, Limits(max_cell_chars=100), ",")
    assert any("cut" in n for n in table.notes)


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="no such file"):
        scan(tmp_path / "nope.csv")
    other = tmp_path / "x.bin"
    other.write_bytes(b"abc")
    with pytest.raises(ScanError, match="unsupported"):
        scan(other)


def test_jsonl_skips_bad_lines_and_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    lines = [json.dumps({"手机": "13800138000", "n": i}) for i in range(5)] + [
        "not json",
        "[1,2]",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_jsonl(path, Limits())
    assert table.rows == 5 and any("2 lines skipped" in n for n in table.notes)
    with pytest.raises(ScanError, match="no JSON object"):
        (tmp_path / "bad.jsonl").write_text("1\n2\n", encoding="utf-8")
        read_jsonl(tmp_path / "bad.jsonl", Limits())


def test_parquet_and_excel(tmp_path: Path, planted: dict[str, list[str]]) -> None:
    from openpyxl import Workbook

    pq.write_table(pa.table(planted), tmp_path / "t.parquet")
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(list(planted))
    for row in zip(*planted.values(), strict=True):
        ws.append(list(row))
    wb.save(tmp_path / "t.xlsx")
    for name in ("t.parquet", "t.xlsx"):
        report = scan(tmp_path / name, as_of=AS_OF)
        t = report.tables[0]
        assert t.minors is not None and t.minors.under_14 == 3, name
    corrupt = tmp_path / "c.parquet"
    corrupt.write_bytes(b"PAR1garbage")
    with pytest.raises(ScanError, match="Parquet"):
        scan(corrupt)
    bad_xlsx = tmp_path / "c.xlsx"
    bad_xlsx.write_bytes(b"not a zip")
    with pytest.raises(ScanError, match="Excel"):
        scan(bad_xlsx)


def test_directory_reports_broken_files_as_skipped(
    tmp_path: Path, planted: dict[str, list[str]]
) -> None:
    _write_csv(tmp_path / "good.csv", planted, "utf-8")
    (tmp_path / "broken.csv").write_bytes(b"\x00\x00\x00")
    report = scan(tmp_path, as_of=AS_OF)
    by_name = {t.name: t for t in report.tables}
    assert by_name["broken.csv"].skipped and "binary" in str(by_name["broken.csv"].skipped)
    assert "identity_document" in by_name["good.csv"].pi_categories


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_fuzz_csv_reader_only_raises_scan_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    with contextlib.suppress(ScanError):
        scan(path, as_of=AS_OF)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.text(max_size=1500))
def test_fuzz_jsonl_reader_only_raises_scan_errors(tmp_path: Path, data: str) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data.encode("utf-8", errors="replace"))
    with contextlib.suppress(ScanError):
        scan(path, as_of=AS_OF)
