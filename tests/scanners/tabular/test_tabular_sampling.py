"""Database samples are random, pushed to the database, and repeatable for a seed where it can be.

Real SQLite files in tmp_path; MySQL and PostgreSQL statements are checked as compiled SQL (no
MySQL server or driver here).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hegui.detectors.synthetic import Synth
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular import sql as sqlmod

from .conftest import AS_OF


def _ids(n: int, seed: int = 5) -> list[str]:
    s = Synth(seed)
    return [s.resident_id(s.birth_date(1950, 1999)) for _ in range(n)]


def _late_ids_db(path: Path, ddl: str = "create table t (value text)") -> Path:
    """The QA shape: 2,000 numeric rows, then 1,000 resident IDs (synthetic)."""
    rows = [str(i * 7 + 3) for i in range(2000)] + _ids(1000)
    with sqlite3.connect(path) as con:
        con.execute(ddl)
        if "without rowid" in ddl:  # keyed so that the IDs come last in key order too
            con.executemany(
                "insert into t values (?, ?)", [(f"{i:05d}", v) for i, v in enumerate(rows)]
            )
        else:
            con.executemany("insert into t values (?)", [(v,) for v in rows])
    return path


def _sql_table(db: Path) -> sqlmod.SqlTable:
    [t] = list(sqlmod.discover(sqlmod.open_sqlite(db), str(db), Limits()))
    assert isinstance(t, sqlmod.SqlTable)
    return t


def _values(t: sqlmod.SqlTable, n: int | None, seed: int = 0) -> list[str | None]:
    return t.sample(n, seed)[t.columns[-1]].to_pylist()


def test_pi_stored_late_in_a_table_is_found_with_the_default_sample(tmp_path: Path) -> None:
    report = scan(_late_ids_db(tmp_path / "qa.sqlite"), as_of=AS_OF)
    [t] = report.tables
    assert t.rows == 3000 and t.rows_examined == 1000
    assert t.columns[0].entity == "CN_RESIDENT_ID"
    assert "identity_document" in t.pi_categories
    assert 0.25 < t.columns[0].entities[0].share < 0.42  # a third of the rows are IDs
    assert t.minors is not None and t.minors.valid_ids == 1000  # counted on every row
    assert any("random sample of 1000 of 3000 rows" in n and "seed 0" in n for n in t.notes)
    assert not any("first" in n for n in t.notes)


def test_the_same_seed_gives_the_same_sample_and_another_seed_another(tmp_path: Path) -> None:
    t = _sql_table(_late_ids_db(tmp_path / "s.sqlite"))
    first = _values(t, 200, seed=7)
    assert len(first) == 200 and len(set(first)) == 200  # distinct rows, no repeats
    assert _values(t, 200, seed=7) == first
    assert _sql_table(tmp_path / "s.sqlite").sample(200, 7)["value"].to_pylist() == first
    assert _values(t, 200, seed=8) != first
    # Spread over the table, not its head: about a third of 3,000 rows are IDs.
    assert 30 < sum(len(v or "") == 18 for v in first) < 110
    db = tmp_path / "s.sqlite"
    assert scan(db, as_of=AS_OF, seed=3) == scan(db, as_of=AS_OF, seed=3)


def test_a_without_rowid_table_still_samples_n_rows(tmp_path: Path) -> None:
    db = _late_ids_db(
        tmp_path / "w.sqlite", "create table t (k text primary key, value text) without rowid"
    )
    [t] = scan(db, as_of=AS_OF, sample=300).tables
    assert t.rows_examined == 300
    assert t.columns[1].entity == "CN_RESIDENT_ID"  # the IDs are the last 1,000 keys
    assert any("ORDER BY RANDOM()" in n and "not repeatable" in n for n in t.notes)


def test_sparse_rowids_still_sample_n_rows_repeatably(tmp_path: Path) -> None:
    db = _late_ids_db(tmp_path / "d.sqlite")
    with sqlite3.connect(db) as con:
        con.execute("delete from t where rowid % 3 != 0")  # deleted rows leave gaps
    [t] = scan(db, as_of=AS_OF, sample=200).tables
    assert t.rows == 1000 and t.rows_examined == 200
    assert t.columns[0].entity == "CN_RESIDENT_ID"
    assert any("rowids drawn with seed 0" in n for n in t.notes)
    table = _sql_table(db)
    assert _values(table, 200, 4) == _values(table, 200, 4)


def test_a_sample_of_nearly_every_row_is_drawn_by_rowid(tmp_path: Path) -> None:
    db = tmp_path / "n.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("create table t (value text)")
        con.executemany("insert into t values (?)", [(str(i),) for i in range(1000)])
        con.execute("delete from t where rowid in (7, 500)")
    table = _sql_table(db)
    got = _values(table, 997, seed=2)
    assert len(set(got)) == 997 and table.sample_note and "rowids drawn" in table.sample_note


def test_rowids_too_sparse_to_draw_fall_back_to_a_seeded_hash_order(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    rows = [str(i) for i in range(400)] + _ids(200)
    with sqlite3.connect(db) as con:
        con.execute("create table t (id integer primary key, value text)")
        # One row in 10^12 rowids: probing would almost never hit a row.
        con.executemany(
            "insert into t values (?, ?)", [(i * 10**12, v) for i, v in enumerate(rows)]
        )
    [t] = scan(db, as_of=AS_OF, sample=100).tables
    assert t.rows_examined == 100 and t.columns[1].entity == "CN_RESIDENT_ID"
    assert any("seeded hash order of the rowid" in n for n in t.notes)
    table = _sql_table(db)
    assert _values(table, 100, 1) == _values(table, 100, 1) != _values(table, 100, 2)


def test_a_column_named_rowid_does_not_hide_the_rowid(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("create table t (rowid text, value text)")
        con.executemany("insert into t values ('x', ?)", [(str(i),) for i in range(500)])
        con.execute("create table u (rowid text, _rowid_ text, oid text, value text)")
        con.executemany("insert into u values ('x', 'y', 'z', ?)", [(str(i),) for i in range(500)])
    report = scan(db, as_of=AS_OF, sample=50)
    t, u = report.tables
    assert t.rows_examined == 50 and any("rowids drawn" in n for n in t.notes)
    assert u.rows_examined == 50 and any("ORDER BY RANDOM()" in n for n in u.notes)


def test_a_sample_larger_than_the_table_reads_every_row(tmp_path: Path) -> None:
    db = tmp_path / "small.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("create table t (value text)")
        con.executemany("insert into t values (?)", [(v,) for v in _ids(30)])
    [t] = scan(db, as_of=AS_OF, sample=100).tables
    assert t.rows == t.rows_examined == 30
    assert not any("sample" in n for n in t.notes)  # every row: nothing to say about a sample
    assert sorted(_values(_sql_table(db), 100), key=str) == sorted(_ids(30))


def test_full_reads_every_row(tmp_path: Path) -> None:
    [t] = scan(_late_ids_db(tmp_path / "f.sqlite"), as_of=AS_OF, full=True).tables
    assert t.rows_examined == 3000 and not any("sample" in n for n in t.notes)


def test_full_on_a_table_above_max_full_cells_classifies_a_drawn_sample_and_says_so(
    tmp_path: Path,
) -> None:
    # A database hands rows over as Python objects: a whole large table in memory would exhaust
    # it. Classification is capped (a random sample reaching the IDs stored last); counts are not.
    db = _late_ids_db(tmp_path / "big.sqlite")
    [t] = scan(db, as_of=AS_OF, full=True, limits=Limits(max_full_cells=600)).tables
    assert t.rows == 3000 and t.rows_examined == 600
    assert any("max_full_cells=600" in n and "every row" in n for n in t.notes), t.notes
    assert t.columns[0].entity == "CN_RESIDENT_ID"
    # At the cap exactly, every row is read as before; the counts are the same either way.
    [whole] = scan(db, as_of=AS_OF, full=True, limits=Limits(max_full_cells=3000)).tables
    assert whole.rows_examined == 3000 and not any("max_full_cells" in n for n in whole.notes)
    assert (t.individuals, t.minors) == (whole.individuals, whole.minors)
    assert t.minors is not None and t.minors.valid_ids == 1000  # counted on every row


def test_full_on_a_file_is_never_capped(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("value\n" + "\n".join(_ids(50)) + "\n", encoding="utf-8")
    [t] = scan(path, as_of=AS_OF, full=True, limits=Limits(max_full_cells=10)).tables
    assert t.rows_examined == 50 and not any("max_full_cells" in n for n in t.notes)


def test_postgresql_sample_sql_orders_the_bernoulli_sample_at_random() -> None:
    from sqlalchemy import column, table
    from sqlalchemy.dialects import postgresql

    from hegui.scanners.tabular import sampling

    t = table("客户", column("身份证号"), column("select"))
    stmt = sampling.statement(t, "tablesample", 10, 100, seed=0)
    assert str(stmt.compile(dialect=postgresql.dialect())) == (
        'SELECT s."身份证号", s."select" \n'
        'FROM "客户" AS s TABLESAMPLE bernoulli(%(bernoulli_1)s) REPEATABLE (%(param_1)s::INTEGER) '
        "ORDER BY random() \n"
        " LIMIT %(param_2)s::INTEGER"
    )
    assert sampling.plan("postgresql", 10, 41) == "tablesample"
    # Up to 4n rows: the whole table in a seeded random order, no longer the first n rows.
    assert sampling.plan("postgresql", 10, 40) == "pg_random"
    assert sampling.plan("postgresql", 10, 10) == "all"
    assert sampling.pg_seed(0) == sampling.pg_seed(0) != sampling.pg_seed(1)
    assert all(-1.0 <= sampling.pg_seed(s) <= 1.0 for s in range(50))


@pytest.mark.parametrize("dialect", ["mysql", "mariadb"])
def test_mysql_sample_sql_orders_by_a_seeded_rand(dialect: str) -> None:
    from sqlalchemy import column, table
    from sqlalchemy.dialects import mysql

    from hegui.scanners.tabular import sampling

    t = table("客户", column("身份证号"), column("order"))
    assert sampling.plan(dialect, 50, 51) == "rand"
    stmt = sampling.statement(t, "rand", 50, 1000, seed=7)
    compiled = stmt.compile(dialect=mysql.dialect(), compile_kwargs={"literal_binds": True})
    assert " ".join(str(compiled).split()) == (
        "SELECT `客户`.`身份证号`, `客户`.`order` FROM `客户` ORDER BY rand(7) LIMIT 50"
    )


def test_other_databases_take_the_first_rows_and_say_so() -> None:
    from hegui.scanners.tabular import sampling

    assert sampling.plan("mssql", 10, 30) == "first"
    note = sampling.note("first", 10, 30, seed=0)
    assert note is not None and "first 10 of 30 rows" in note and "--full" in note
    assert sampling.note("all", 30, 30, seed=0) is None
