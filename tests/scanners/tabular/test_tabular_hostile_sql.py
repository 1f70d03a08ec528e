"""Databases: exact read-only SQLite paths, odd column names, BLOB text, redacted URLs."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.errors import ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.models import SourceReport, TableReport
from hegui.scanners.tabular.sql import redact_url

from .conftest import AS_OF

_IDS = ["110101198001011005", "110101198102041019", "110101198203111020"]  # synthetic


def _db(path: Path, ddl: str = "create table customers (身份证号 text)") -> Path:
    width = ddl.count(",") + 1  # the first column holds the IDs, the others stay empty
    con = sqlite3.connect(path)
    with con:
        con.execute(ddl)
        con.executemany(
            f"insert into customers values ({', '.join('?' * width)})",
            [(i, *[None] * (width - 1)) for i in _IDS],
        )
    con.close()
    return path


def _by_table(report: SourceReport) -> dict[str, TableReport]:
    # Database tables may be shown as "file:table"; key them by the table's own name.
    return {t.name.rsplit(":", 1)[-1]: t for t in report.tables}


@pytest.mark.parametrize("name", ["crm%41.sqlite", "q?mode=memory.sqlite", "a#b.db", "x y.db"])
def test_sqlite_file_names_are_taken_literally_and_nothing_is_created(
    tmp_path: Path, name: str
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _db(src / "base.sqlite")
    scanned = tmp_path / "scanned"
    scanned.mkdir()
    shutil.copy(src / "base.sqlite", scanned / name)
    before = sorted(p.name for p in scanned.iterdir())
    [t] = scan(scanned / name, as_of=AS_OF).tables
    assert t.rows == 3 and "identity_document" in t.pi_categories
    report = scan(scanned, as_of=AS_OF)  # the same file inside a directory scan
    assert [x.rows for x in report.tables] == [3]
    assert sorted(p.name for p in scanned.iterdir()) == before
    assert not list(tmp_path.glob("crm*A*")) and not (scanned / "q").exists()


def test_missing_sqlite_url_is_an_error_and_creates_no_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(ScanError, match="no such SQLite file"):
        scan(f"sqlite:///{missing}")
    assert not missing.exists()
    db = _db(tmp_path / "ok.db")
    [t] = scan(f"sqlite:///{db}", as_of=AS_OF).tables
    assert t.rows == 3


def test_sqlite_is_opened_read_only(tmp_path: Path) -> None:
    db = _db(tmp_path / "ro.sqlite")
    before = db.read_bytes()
    scan(db, as_of=AS_OF)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ro.sqlite"]  # no journal left behind


def test_table_less_database_in_a_directory_is_reported_skipped(tmp_path: Path) -> None:
    _db(tmp_path / "a.sqlite")
    con = sqlite3.connect(tmp_path / "empty.db")
    con.execute("create table t (x)")
    con.execute("drop table t")
    con.close()
    by_name = _by_table(scan(tmp_path, as_of=AS_OF))
    assert by_name["empty.db"].skipped == "the database has no tables"
    assert by_name["customers"].skipped is None


def test_blank_and_odd_column_names_get_placeholders(tmp_path: Path) -> None:
    db = _db(
        tmp_path / "odd.sqlite",
        'create table customers ("身份证""号" text, "" text, " " text, "select" text)',
    )
    con = sqlite3.connect(db)
    with con:
        con.execute('update customers set "" = "身份证""号"')
        con.execute('create table "%s a.b" ("" text)')
        con.execute('insert into "%s a.b" values (?)', (_IDS[0],))
    con.close()
    by_name = _by_table(scan(db, as_of=AS_OF))
    t = by_name["customers"]
    assert t.skipped is None
    assert [c.name for c in t.columns] == ['身份证"号', "col_2", "col_3", "select"]
    assert [c.entity for c in t.columns][:2] == ["CN_RESIDENT_ID", "CN_RESIDENT_ID"]
    assert "2 blank or repeated column names renamed (columns 2, 3)" in t.notes
    assert t.individuals is not None and t.individuals.value == 3
    odd = by_name["%s a.b"]
    assert odd.skipped is None and odd.columns[0].name == "col_1" and odd.rows == 1


def test_blob_text_cells_are_decoded(tmp_path: Path) -> None:
    db = tmp_path / "blob.sqlite"
    con = sqlite3.connect(db)
    with con:
        con.execute("create table people (身份证号 blob, photo blob)")
        con.executemany(
            "insert into people values (?, ?)", [(i.encode(), b"\xff\xd8\xff") for i in _IDS]
        )
    con.close()
    [t] = scan(db, as_of=AS_OF).tables
    assert t.columns[0].entity == "CN_RESIDENT_ID"
    assert t.individuals is not None and t.individuals.value == 3


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://scanner@127.0.0.1:1/crm?password=TopS3cret",
        "postgresql://scanner:TopS3cret@127.0.0.1:1/crm?sslmode=disable",
        "mysql+pymysql://scanner@127.0.0.1:1/crm?passwd=TopS3cret&charset=utf8mb4",
        "postgresql://h/crm?sslmode=require&sslpassword=TopS3cret",
        "postgresql://h/crm?PWD=TopS3cret;user=x",
        "postgresql://h/crm?pass%77ord=TopS3cret",
        "mssql+pyodbc://h/crm?odbc_connect=x&Token=TopS3cret",
        "weird://u:TopS3cret@h/crm?secret=TopS3cret",
    ],
)
def test_passwords_are_redacted_wherever_the_url_is_shown(url: str) -> None:
    shown = redact_url(url)
    assert "TopS3cret" not in shown and "crm" in shown
    with pytest.raises(ScanError) as exc:
        scan(url)
    assert "TopS3cret" not in str(exc.value)


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(["password", "pwd", "passwd", "secret", "token", "sslpassword", "api_key"]),
    secret=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=6, max_size=20)
    .filter(lambda s: "&" not in s and ";" not in s)  # those end a query parameter
    .map(lambda s: "S" + s),
)
def test_no_secret_query_value_survives(key: str, secret: str) -> None:
    shown = redact_url(f"postgresql://u@h:5432/db?sslmode=require&{key}={secret}")
    assert f"{key}=***" in shown and "sslmode=require" in shown
    assert secret not in shown.replace(f"{key}=***", "")


def test_wal_database_is_read_without_creating_wal_files(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    con = sqlite3.connect(db)
    con.execute("pragma journal_mode=wal")
    with con:
        con.execute("create table people (身份证号 text)")
        con.executemany("insert into people values (?)", [(i,) for i in _IDS])
    con.close()  # the last connection checkpoints and removes -wal and -shm
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.db"]
    [t] = scan(db, as_of=AS_OF).tables
    assert t.rows == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.db"]


def test_live_wal_rows_are_counted(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    con = sqlite3.connect(db)
    con.execute("pragma journal_mode=wal")
    con.execute("pragma wal_autocheckpoint=0")  # rows stay in the -wal file while it is open
    with con:
        con.execute("create table people (身份证号 text)")
        con.executemany("insert into people values (?)", [(i,) for i in _IDS])
    try:
        assert (tmp_path / "live.db-wal").exists()
        [t] = scan(db, as_of=AS_OF).tables
        assert t.rows == 3
    finally:
        con.close()


def test_sqlite_url_to_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "f.db"
    os.mkfifo(fifo)
    with pytest.raises(ScanError, match="not a regular file"):
        scan(f"sqlite:///{fifo}")


@pytest.mark.parametrize("content", [b"", b"hello, not a database\n"])
def test_database_suffix_without_sqlite_header_says_so(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(ScanError, match="not a SQLite database"):
        scan(path)


def test_database_files_are_not_bound_by_the_file_size_limit(tmp_path: Path) -> None:
    # A database is sampled through SQL, never loaded whole: max_bytes bounds loaded files only.
    db = _db(tmp_path / "big.sqlite")
    [t] = scan(db, as_of=AS_OF, limits=Limits(max_bytes=1024)).tables
    assert db.stat().st_size > 1024 and t.rows == 3
