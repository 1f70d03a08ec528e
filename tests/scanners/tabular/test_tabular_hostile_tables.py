"""In-memory and columnar values: binary cells, nested values, odd column names, cut cells."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.api import scan_table
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.tables import strings_table

from .conftest import AS_OF

_IDS = ["110101198001011005", "110101198102041019", "110101198203111020"]  # synthetic


def test_binary_cells_holding_utf8_text_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "binary_ids.parquet"
    pq.write_table(pa.table({"身份证号": pa.array([i.encode() for i in _IDS], pa.binary())}), path)
    report = scan(path, as_of=AS_OF)
    assert report.tables[0].columns[0].entity == "CN_RESIDENT_ID"
    assert "identity_document" in report.pi_categories


def test_blobs_stay_opaque_markers() -> None:
    blobs = pa.array([b"\xff\xd8\xff\xe0jpeg", b"\x00\x01\x02", "文本".encode(), None], pa.binary())
    data, _ = strings_table({"b": blobs}, 100)
    assert data.column("b").to_pylist() == ["<binary>", "<binary>", "文本", None]
    listed, _ = strings_table({"b": [b"\xff\xfe", "文本".encode(), bytearray(b"ok")]}, 100)
    assert listed.column("b").to_pylist() == ["<binary>", "文本", "ok"]


@pytest.mark.parametrize(
    "arr",
    [
        pa.array([{"id": i, "n": 1} for i in _IDS]),
        pa.array([[i] for i in _IDS]),
        pa.array([[("k", i)] for i in _IDS], pa.map_(pa.string(), pa.string())),
        pa.array([[i] for i in _IDS], pa.large_list(pa.string())),
        pa.array(_IDS).dictionary_encode(),
        pa.array(_IDS, pa.large_string()),
        pa.array([i.encode() for i in _IDS], pa.large_binary()),
    ],
    ids=["struct", "list", "map", "large_list", "dictionary", "large_string", "large_binary"],
)
def test_arrow_tables_of_any_type_are_scanned(arr: pa.Array) -> None:
    report = scan_table(pa.table({"c": arr}), as_of=AS_OF)
    assert report.tables[0].columns[0].entity == "CN_RESIDENT_ID"


def test_nested_values_become_json_text() -> None:
    data, _ = strings_table({"s": pa.array([{"id": "x", "b": b"\x00"}])}, 100)
    assert json.loads(data.column("s")[0].as_py()) == {"id": "x", "b": "<binary>"}


@settings(max_examples=50, deadline=None)
@given(
    st.recursive(
        st.none() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3),
        max_leaves=6,
    )
)
def test_any_python_cell_becomes_text_or_null(value: object) -> None:
    data, _ = strings_table({"v": [value]}, 50)
    out = data.column("v")[0].as_py()
    assert out is None or isinstance(out, str)


def test_duplicate_and_odd_dataframe_labels_are_made_unique() -> None:
    frame = pd.DataFrame([[_IDS[0], _IDS[1]], [_IDS[1], _IDS[2]]], columns=["id", "id"])
    t = scan_table(frame, as_of=AS_OF).tables[0]
    assert [c.name for c in t.columns] == ["id", "id_2"]
    assert all(c.entity == "CN_RESIDENT_ID" for c in t.columns)
    assert "1 blank or repeated column names renamed (columns 2)" in t.notes
    mixed = pd.DataFrame({1: _IDS, "1": ["a", "b", "c"]})  # labels of two types, one text
    assert [c.name for c in scan_table(mixed, as_of=AS_OF).tables[0].columns] == ["1", "1_2"]


def test_duplicate_arrow_names_are_made_unique() -> None:
    table = pa.Table.from_arrays([pa.array(_IDS), pa.array(["x", "y", "z"])], names=["c", "c"])
    t = scan_table(table, as_of=AS_OF).tables[0]
    assert [c.name for c in t.columns] == ["c", "c_2"]
    assert t.columns[0].entity == "CN_RESIDENT_ID" and t.columns[1].entity is None
    assert any("renamed" in n for n in t.notes)


def _assert_cut(notes: list[str]) -> None:
    assert any(n.startswith("1 cells longer than 100 characters were cut") for n in notes), notes


def test_cut_cells_are_counted_for_every_source(tmp_path: Path) -> None:
    from openpyxl import Workbook

    limits = Limits(max_cell_chars=100)
    long = "备注" * 200
    _assert_cut(scan_table(pd.DataFrame({"备注": [long, "x"]}), limits=limits).tables[0].notes)
    _assert_cut(scan_table(pa.table({"备注": [long, "x"]}), limits=limits).tables[0].notes)
    wb = Workbook()
    wb.active.append(["备注"])
    wb.active.append([long])
    wb.save(tmp_path / "long.xlsx")
    _assert_cut(scan(tmp_path / "long.xlsx", limits=limits).tables[0].notes)
    pq.write_table(pa.table({"备注": [long]}), tmp_path / "long.parquet")
    _assert_cut(scan(tmp_path / "long.parquet", limits=limits).tables[0].notes)
    import sqlite3

    with sqlite3.connect(tmp_path / "long.sqlite") as con:
        con.execute("create table t (note text)")
        con.execute("insert into t values (?)", (long,))
    con.close()
    _assert_cut(scan(tmp_path / "long.sqlite", limits=limits).tables[0].notes)
