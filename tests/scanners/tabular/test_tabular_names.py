"""Names from the data (headers, keys, table and file names) never carry a value into a report;
database tables are shown as file:table; the timeout holds inside a table; database samples
are noted."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml

from hegui.detectors.synthetic import Synth
from hegui.errors import InputTooLargeError
from hegui.scanners.tabular import Limits, profile_facts, scan

from .conftest import AS_OF

ROOT = Path(__file__).parents[3]


def test_common_headers_are_kept(planted: dict[str, list[str]]) -> None:
    frame = pd.DataFrame(
        {"姓名": planted["姓名"], "联系人": planted["姓名"], "经办人": planted["姓名"]}
    )
    t = scan(frame, as_of=AS_OF).tables[0]
    assert [c.name for c in t.columns] == ["姓名", "联系人", "经办人"]
    assert not any("look like data" in n for n in t.notes)


@pytest.mark.parametrize(
    "header", ["高血压", "佛教", "人脸特征", "银行账号", "注册日期", "会员等级"]
)
def test_topic_headers_are_not_values(header: str) -> None:
    from hegui.scanners.tabular.names import value_entity

    assert value_entity(header, None) is None


def test_a_key_that_is_a_value_becomes_col_n(tmp_path: Path) -> None:
    src = tmp_path / "k.jsonl"
    src.write_text(
        '{"身份证号": "11010519491231002X", "13800138000": "1", "备注13912345678": "x"}\n',
        encoding="utf-8",
    )
    [t] = scan(src, as_of=AS_OF).tables
    names = [c.name for c in t.columns]
    assert names[:2] == ["身份证号", "col_2"] and names[2].startswith("备注")
    assert "13912345678" not in names[2] and "*" in names[2]
    assert t.rows == 1  # keys are not a header row: nothing is added as data
    assert any("col_N (columns 2)" in n for n in t.notes)


def test_database_tables_are_shown_as_file_and_table(tmp_path: Path) -> None:
    for db in ("a.sqlite", "b.sqlite"):
        with sqlite3.connect(tmp_path / db) as con:
            con.execute("create table customers (手机号 text)")
            con.executemany(
                "insert into customers values (?)", [("13800138000",), ("13912345678",)]
            )
    report = scan(tmp_path, as_of=AS_OF)
    assert [t.name for t in report.tables] == ["a.sqlite:customers", "b.sqlite:customers"]
    ids = [d["id"] for d in profile_facts(report)["datasets"]]
    assert ids == ["a_sqlite_customers", "b_sqlite_customers"]


def test_example_scan_included_in_the_example_profile_loads_and_assesses(tmp_path: Path) -> None:
    """docs/profile.md: `hegui scan examples/acme/data --profile-out scan.yaml`, then include it."""
    from hegui.api import assess, load_profile
    from hegui.cli import main

    shutil.copytree(
        ROOT / "examples" / "acme", tmp_path / "acme", ignore=shutil.ignore_patterns("data")
    )
    scan_yaml = tmp_path / "acme" / "scan.yaml"
    with pytest.raises(SystemExit) as done:
        main(["scan", str(ROOT / "examples" / "acme" / "data"), "--as-of", AS_OF.isoformat(),
              "--profile-out", str(scan_yaml), "--output", str(tmp_path / "report.txt")])  # fmt: skip
    assert not done.value.code
    facts = yaml.safe_load(scan_yaml.read_text(encoding="utf-8"))
    assert facts["datasets"][0]["id"] == "acme_sqlite_customers"
    assert facts["datasets"][0]["name"] == "acme.sqlite:customers"
    profile = tmp_path / "acme" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("include:\n", "include:\n  - scan.yaml\n", 1), encoding="utf-8")
    loaded = load_profile(profile)
    assert {"acme_sqlite_customers", "customers"} <= {d.id for d in loaded.datasets}
    assert assess(loaded, AS_OF).findings


def test_timeout_holds_inside_one_wide_table() -> None:
    s = Synth(11)
    frame = pd.DataFrame({f"c{i}": [s.name() for _ in range(150)] for i in range(400)})
    started = time.monotonic()
    with pytest.raises(InputTooLargeError, match="timeout"):
        scan(frame, as_of=AS_OF, limits=Limits(timeout_s=0.3))
    assert time.monotonic() - started < 5  # a whole 400-column pass takes far longer


def test_a_database_sample_is_noted(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("create table t (手机号 text)")
        con.executemany("insert into t values (?)", [("13800138000",)] * 30)
    [t] = scan(db, as_of=AS_OF, sample=10).tables
    assert any("random sample of 10 of 30 rows" in n for n in t.notes)
    [t] = scan(db, as_of=AS_OF, full=True).tables
    assert not any("sample" in n for n in t.notes)


def test_a_database_column_named_by_a_value_is_renamed_and_still_counted(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite"
    ids = ["11010519491231002X", "110105198001010016", "110105201601010014"]
    with sqlite3.connect(db) as con:
        con.execute('create table t ("11010519491231002X" text, amount text)')
        con.executemany("insert into t values (?, '1')", [(i,) for i in ids])
    report = scan(db, as_of=AS_OF)
    [t] = report.tables
    assert [c.name for c in t.columns] == ["col_1", "amount"]
    assert t.individuals is not None and t.individuals.column == "col_1"
    assert t.individuals.value == 3 and t.minors is not None and t.minors.under_14 == 1
    assert "11010519491231002X" not in report.model_dump_json()
