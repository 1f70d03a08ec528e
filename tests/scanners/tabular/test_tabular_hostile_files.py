"""Hostile files: stray quotes, line separators in JSON Lines, FIFOs, devices, broken workbooks.

Each case ends in a ScanError naming the file (and line where known) for a single file, or a
skipped part in a directory scan: never a traceback, a hang, unbounded reading or an undercount.
Unreadability is simulated in ways that hold under root (CI runs as root; chmod 000 would not).
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.files import read_bounded, read_delimited, read_jsonl

from .conftest import AS_OF

_IDS = ["110101198001011005", "110101198102041019", "110101198203111020"]  # synthetic


def _ids_csv(rows: int) -> str:
    return "身份证号,备注\n" + "".join(f"{_IDS[i % 3]},x{i}\n" for i in range(rows))


def test_stray_quote_is_an_error_naming_the_line(tmp_path: Path) -> None:
    lines = _ids_csv(100).splitlines()
    lines[3] = f'"VIP,{_IDS[0]}'  # file line 4 opens a quoted field that never closes
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ScanError, match="unterminated quoted field") as exc:
        scan(path, as_of=AS_OF)
    assert exc.value.line == 4 and str(exc.value).startswith(f"{path}:4:")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.lists(
            st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8),
            min_size=2,
            max_size=2,
        ),
        min_size=1,
        max_size=12,
    ),
    bad=st.integers(min_value=0, max_value=11),
)
def test_any_unclosed_quote_is_reported_at_its_record(
    tmp_path: Path, cells: list[list[str]], bad: int
) -> None:
    # Well-quoted records (which may span lines), then one whose field opens a quote at the end.
    bad = min(bad, len(cells))
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["a", "b"])
    writer.writerows(cells[:bad])
    # Lines end in \n, \r\n or a lone \r (as in text editors and the csv module).
    start = len(io.StringIO(buf.getvalue(), newline="").readlines()) + 1
    buf.write('x,"unclosed\nmore\n')
    path = tmp_path / "q.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    with pytest.raises(ScanError, match="unterminated") as exc:
        read_delimited(path, Limits(), ",")
    assert exc.value.line == start


def test_jsonl_keeps_lines_with_unicode_line_separators(tmp_path: Path) -> None:
    lines = [
        json.dumps({"身份证": _IDS[0], "note": "第一行\u2028续行"}, ensure_ascii=False),
        json.dumps({"身份证": _IDS[1], "note": "a\u2029b\x85c\x0bd\x0ce\x1cf"}, ensure_ascii=False),
        "not json",
        json.dumps({"身份证": _IDS[2], "note": "ok"}, ensure_ascii=False),
        "[1, 2]",
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_jsonl(path, Limits())
    assert table.rows == 3
    assert "2 lines skipped (not a JSON object), first at line 3" in table.notes


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.text(st.characters(codec="utf-8"), max_size=20), min_size=1, max_size=15),
    st.booleans(),
)
def test_jsonl_round_trips_every_record(tmp_path: Path, notes: list[str], crlf: bool) -> None:
    path = tmp_path / "r.jsonl"
    end = "\r\n" if crlf else "\n"
    path.write_text(
        end.join(json.dumps({"n": n}, ensure_ascii=False) for n in notes), encoding="utf-8"
    )
    table = read_jsonl(path, Limits())
    assert table.rows == len(notes) and not any("skipped" in n for n in table.notes)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(ScanError, match="not a regular file") as exc:
        scan(fifo)
    assert str(fifo) in str(exc.value)


def test_device_behind_a_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(ScanError, match="character device"):
        scan(link)


def test_the_read_itself_is_bounded() -> None:
    # /proc files are regular with st_size 0 but have content: only a bounded read refuses them.
    proc = Path("/proc/self/maps")
    assert proc.stat().st_size == 0
    with pytest.raises(InputTooLargeError, match="max_bytes=16"):
        read_bounded(proc, Limits(max_bytes=16))


def test_directory_skips_every_unreadable_entry_and_scans_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(_ids_csv(6), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.csv")  # a stuck writer end: opening must not block
    (tmp_path / "folder.csv").mkdir()  # reading it fails with EISDIR even as root
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "missing.jsonl")
    (tmp_path / "trunc.xlsx").write_bytes(_broken_sheet_xlsx())
    (tmp_path / "stray.csv").write_text('a\n"open\n', encoding="utf-8")
    report = scan(tmp_path, as_of=AS_OF)
    by_name = {t.name: t for t in report.tables}
    assert by_name["good.csv"].skipped is None
    assert "identity_document" in by_name["good.csv"].pi_categories
    assert by_name["pipe.csv"].skipped == "not a regular file (a named pipe)"
    assert by_name["folder.csv"].skipped == "not a regular file (a directory)"
    assert "No such file" in str(by_name["gone.jsonl"].skipped)
    assert "cannot read Excel workbook" in str(by_name["trunc.xlsx"].skipped)
    assert str(by_name["stray.csv"].skipped).startswith("line 2: unterminated quoted field")


def _broken_sheet_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["身份证号"])
    for i in _IDS:
        wb.active.append([i])
    src = io.BytesIO()
    wb.save(src)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # truncated XML: fails while rows are read
            zout.writestr(item, data)
    return out.getvalue()


def test_corrupt_workbooks_are_clear_errors(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.xlsx"
    sheet.write_bytes(_broken_sheet_xlsx())
    with pytest.raises(ScanError, match="cannot read Excel workbook") as exc:
        scan(sheet)
    assert str(sheet) in str(exc.value)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_broken_sheet_xlsx())) as zin, zipfile.ZipFile(out, "w") as z:
        for item in zin.infolist():
            z.writestr(item, b"<not xml" if item.filename == "xl/workbook.xml" else zin.read(item))
    book = tmp_path / "book.xlsx"
    book.write_bytes(out.getvalue())
    with pytest.raises(ScanError, match="cannot read Excel workbook"):
        scan(book)


def test_nested_parquet_is_read_as_json_text(tmp_path: Path) -> None:
    path = tmp_path / "nested.parquet"
    structs = pa.array([{"id": i, "n": 1} for i in _IDS])
    lists = pa.array([[i, "x"] for i in _IDS])
    maps = pa.array([[("k", i)] for i in _IDS], pa.map_(pa.string(), pa.string()))
    pq.write_table(pa.table({"s": structs, "l": lists, "m": maps}), path)
    [t] = scan(path, as_of=AS_OF).tables
    assert {c.name: c.entity for c in t.columns} == dict.fromkeys("slm", "CN_RESIDENT_ID")
    assert t.rows == 3


def test_empty_path_is_an_error_not_the_working_directory() -> None:
    with pytest.raises(ScanError, match="empty path"):
        scan("")
    with pytest.raises(ScanError, match="empty path"):
        scan("  ")


def test_table_option_needs_a_database(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(_ids_csv(3), encoding="utf-8")
    with pytest.raises(ScanError, match="--table selects database tables") as exc:
        scan(path, tables=["nope"])
    assert str(path) in str(exc.value)
    with pytest.raises(ScanError, match="--table"):
        scan(pa.table({"x": ["1"]}), tables=["nope"])


def _valid_files(tmp_path: Path) -> dict[str, bytes]:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["身份证号", "备注"])
    for i in _IDS:
        wb.active.append([i, "x"])
    xlsx = io.BytesIO()
    wb.save(xlsx)
    parquet = pa.BufferOutputStream()
    pq.write_table(pa.table({"身份证号": _IDS, "n": [{"a": 1}] * 3}), parquet)
    return {".xlsx": xlsx.getvalue(), ".parquet": parquet.getvalue().to_pybytes()}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    suffix=st.sampled_from([".xlsx", ".parquet"]),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_fuzz_damaged_workbooks_and_parquet_only_raise_scan_errors(
    tmp_path: Path, suffix: str, flips: list[tuple[float, int]], cut: float | None
) -> None:
    data = bytearray(_valid_files(tmp_path)[suffix])
    for where, byte in flips:
        data[int(where * len(data))] = byte
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path / f"f{suffix}"
    path.write_bytes(bytes(data))
    try:
        scan(path, as_of=AS_OF)
    except ScanError as exc:
        assert str(path) in str(exc)


def test_compression_bombs_are_bounded_by_their_unpacked_size(tmp_path: Path) -> None:
    files = _valid_files(tmp_path)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(files[".xlsx"])) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item))
        zout.writestr("xl/padding.xml", b" " * 4_000_000)  # packs to a few kilobytes
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(out.getvalue())
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InputTooLargeError, match="workbook unpacks to"):
        scan(bomb, limits=Limits(max_bytes=1_000_000))
    pq.write_table(pa.table({"x": ["a" * 1000] * 3000}), tmp_path / "p.parquet", compression="zstd")
    assert (tmp_path / "p.parquet").stat().st_size < 100_000
    with pytest.raises(InputTooLargeError, match="data decodes to more than"):
        scan(tmp_path / "p.parquet", limits=Limits(max_bytes=1_000_000))
    assert scan(tmp_path / "p.parquet", as_of=AS_OF).tables[0].rows == 3000


def test_a_read_that_fails_midway_is_a_clear_error_even_as_root(tmp_path: Path) -> None:
    # /proc/self/mem opens as a regular file for anyone, root included, and reading its first
    # page fails with EIO: the failing read itself, not a permission check, is what is tested.
    (tmp_path / "good.csv").write_text(_ids_csv(3), encoding="utf-8")
    mem = tmp_path / "mem.csv"
    mem.symlink_to("/proc/self/mem")
    with pytest.raises(ScanError, match="cannot read file: Input/output error") as exc:
        scan(mem)
    assert str(mem) in str(exc.value)
    by_name = {t.name: t for t in scan(tmp_path, as_of=AS_OF).tables}
    assert by_name["mem.csv"].skipped == "cannot read file: Input/output error"
    assert by_name["good.csv"].skipped is None
